// Live character count of one channel's text, counted the network's way (the connectors' own functions: Mastodon
// links as 23, X's weighted length…), against the network's limit when the UI knows it.
import { Text } from '@mantine/core';
import { countForNetwork } from '@rostra/connectors/counting';
import { useTranslation } from 'react-i18next';
import { describeNetwork } from '../channels/networks';
import { countGraphemes } from './graphemes';

export function GraphemeCounter({ text, network, testId }: { text: string; network?: string; testId?: string }) {
  const { t } = useTranslation();
  const count = network ? countForNetwork(network, text) : countGraphemes(text);
  const max = network ? describeNetwork(network).maxGraphemes : undefined;
  const over = max !== undefined && count > max;
  return (
    <Text size="xs" c={over ? 'red' : 'dimmed'} fw={over ? 600 : undefined} data-testid={testId} data-count={count}>
      {max !== undefined ? `${count} / ${max}` : t('composer.characters', { count })}
      {over ? ` · ${t('composer.overLimit', { count: count - max })}` : ''}
    </Text>
  );
}

export function isOverLimit(text: string, network: string): boolean {
  const max = describeNetwork(network).maxGraphemes;
  return max !== undefined && countForNetwork(network, text) > max;
}
