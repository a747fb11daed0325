// Live character count of one channel's text, counted the network's way (the connectors' own functions: Mastodon
// links as 23, X's weighted length…), against the network's limit when the UI knows it; on Instagram also its
// hashtags (30) and @mentions (20), counted by the same functions as the server's rules.
import { Text } from '@mantine/core';
import { countForNetwork, countTagsForNetwork } from '@rostra/connectors/counting';
import { useTranslation } from 'react-i18next';
import { describeNetwork } from '../channels/networks';
import { countGraphemes } from './graphemes';

export function GraphemeCounter({ text, network, testId }: { text: string; network?: string; testId?: string }) {
  const { t } = useTranslation();
  const count = network ? countForNetwork(network, text) : countGraphemes(text);
  const max = network ? describeNetwork(network).maxGraphemes : undefined;
  const tags = network ? countTagsForNetwork(network, text) : undefined;
  const tooManyTags =
    tags !== undefined && (tags.hashtags.count > tags.hashtags.max || tags.mentions.count > tags.mentions.max);
  const over = (max !== undefined && count > max) || tooManyTags;
  return (
    <Text size="xs" c={over ? 'red' : 'dimmed'} fw={over ? 600 : undefined} data-testid={testId} data-count={count}>
      {max !== undefined ? `${count} / ${max}` : t('composer.characters', { count })}
      {max !== undefined && count > max ? ` · ${t('composer.overLimit', { count: count - max })}` : ''}
      {tags &&
        ` · ${t('composer.hashtags', { count: tags.hashtags.count, max: tags.hashtags.max })} · ${t('composer.mentions', { count: tags.mentions.count, max: tags.mentions.max })}`}
    </Text>
  );
}

export function isOverLimit(text: string, network: string): boolean {
  const max = describeNetwork(network).maxGraphemes;
  const tags = countTagsForNetwork(network, text);
  if (tags && (tags.hashtags.count > tags.hashtags.max || tags.mentions.count > tags.mentions.max)) return true;
  return max !== undefined && countForNetwork(network, text) > max;
}
