// A channel's live count. Sent as a thread, the text is never published whole: each part is counted against the
// network's limit (in the thread's own preview or editor) and this says how many parts there are and how many
// are too long, instead of counting the whole text against one post's limit.
import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ChannelChoice } from './composer-values';
import { GraphemeCounter, isOverLimit } from './grapheme-counter';
import { threadPartsFor } from './thread-preview';

export function inThread(choice: ChannelChoice): boolean {
  return choice.threadParts !== undefined || choice.thread === true;
}

/** Whether this channel's text (or one of its thread's parts) breaks the network's limits. */
export function isChoiceOverLimit(choice: ChannelChoice, text: string, network: string): boolean {
  if (!inThread(choice)) return isOverLimit(text, network);
  return threadPartsFor(choice, text, network).some((part) => isOverLimit(part, network));
}

export function ChannelCounter({
  choice,
  text,
  network,
  testId,
}: {
  choice: ChannelChoice;
  text: string;
  network: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  if (!inThread(choice)) return <GraphemeCounter text={text} network={network} testId={testId} />;
  const parts = threadPartsFor(choice, text, network);
  const over = parts.filter((part) => isOverLimit(part, network)).length;
  return (
    <Text size="xs" c={over > 0 ? 'red' : 'dimmed'} fw={over > 0 ? 600 : undefined} data-testid={testId}>
      {t('postThread.parts', { count: parts.length })}
      {over > 0 ? ` · ${t('postThread.partsOver', { count: over })}` : ''}
    </Text>
  );
}
