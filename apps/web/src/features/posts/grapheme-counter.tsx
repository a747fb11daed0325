// Live character count of one channel's text, against the network's limit when the UI knows it.
import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { describeNetwork } from '../channels/networks';
import { countGraphemes } from './graphemes';

export function GraphemeCounter({ text, network, testId }: { text: string; network?: string; testId?: string }) {
  const { t } = useTranslation();
  const count = countGraphemes(text);
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
  return max !== undefined && countGraphemes(text) > max;
}
