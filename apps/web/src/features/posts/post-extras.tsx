// What goes out with a channel's text, beside it: the first comment, and the thread ("split into a thread" with
// each part previewed and counted, or a thread written part by part). Shown under the shared text for every
// selected channel whose network has them, and again in the channel's own tab. The connector checks them.
import { Group, Paper, Stack, Switch, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Channel } from '../../api/types';
import { NetworkIcon } from '../channels/channel-label';
import { describeNetwork } from '../channels/networks';
import { effectiveText, type ChannelChoice } from './composer-values';
import { ThreadPartsEditor } from './thread-parts-editor';
import { splitThreadAutomatically, writeThreadByHand } from './thread-parts';
import { ThreadPreview, threadPartsFor } from './thread-preview';

interface PostExtrasProps {
  network: string;
  choice: ChannelChoice;
  /** The text this channel publishes (its own or the shared one). */
  text: string;
  onChange: (choice: ChannelChoice) => void;
  editable: boolean;
}

export function hasExtras(network: string): boolean {
  const profile = describeNetwork(network);
  return profile.firstComment === true || profile.threads === true;
}

export function PostExtras({ network, choice, text, onChange, editable }: PostExtrasProps) {
  const { t } = useTranslation();
  const id = choice.channelId;
  const tid = (name: string) => (editable ? `write-${name}-${id}` : `${name}-${id}`);
  const profile = describeNetwork(network);
  return (
    <Stack gap="sm">
      {profile.firstComment && (
        <Textarea
          label={t('postOptions.firstComment')}
          description={t('postOptions.firstCommentHint')}
          value={choice.firstComment ?? ''}
          onChange={(event) => onChange({ ...choice, firstComment: event.currentTarget.value })}
          autosize
          minRows={2}
          readOnly={!editable}
          data-testid={tid('post-first-comment')}
        />
      )}
      {profile.threads && (
        <>
          <Switch
            label={t('postThread.byHand')}
            description={t('postThread.byHandHint')}
            checked={choice.threadParts !== undefined}
            disabled={!editable}
            // Starts from what the person sees (the live split, or the text alone); unticked, Rostra splits again.
            onChange={(event) =>
              onChange(
                event.currentTarget.checked
                  ? writeThreadByHand(choice, threadPartsFor({ ...choice, threadNumbering: false }, text, network))
                  : splitThreadAutomatically(choice),
              )
            }
            data-testid={tid('post-thread-by-hand')}
          />
          {choice.threadParts ? (
            <ThreadPartsEditor
              parts={choice.threadParts}
              network={network}
              onChange={(threadParts) => onChange({ ...choice, threadParts })}
              editable={editable}
              channelId={id}
            />
          ) : (
            <>
              <Switch
                label={t('postThread.split')}
                description={t('postThread.splitHint')}
                checked={choice.thread === true}
                disabled={!editable}
                onChange={(event) => onChange({ ...choice, thread: event.currentTarget.checked })}
                data-testid={tid('post-thread')}
              />
              {choice.thread && (
                <Switch
                  label={t('postThread.numbering')}
                  checked={choice.threadNumbering === true}
                  disabled={!editable}
                  onChange={(event) => onChange({ ...choice, threadNumbering: event.currentTarget.checked })}
                />
              )}
              {choice.thread && (
                <ThreadPreview parts={threadPartsFor(choice, text, network)} network={network} channelId={id} />
              )}
            </>
          )}
        </>
      )}
    </Stack>
  );
}

/** Under the shared text: each selected channel's first comment and thread, without opening its tab. */
export function SharedExtras({
  text,
  choices,
  channels,
  onChoiceChange,
  editable,
}: {
  text: string;
  choices: ChannelChoice[];
  channels: Map<string, Channel>;
  onChoiceChange: (choice: ChannelChoice) => void;
  editable: boolean;
}) {
  const shown = choices.flatMap((choice) => {
    const channel = channels.get(choice.channelId);
    return channel && hasExtras(channel.network) ? [{ choice, channel }] : [];
  });
  if (shown.length === 0) return null;
  return (
    <Stack gap="xs" data-testid="post-shared-extras">
      {shown.map(({ choice, channel }) => (
        <Paper key={choice.channelId} withBorder p="xs" radius="sm" data-testid={`post-extras-${choice.channelId}`}>
          <Group gap={6} mb={6} wrap="nowrap">
            <NetworkIcon network={channel.network} size={14} />
            <Text size="sm" fw={500} truncate>
              {channel.name}
            </Text>
          </Group>
          <PostExtras
            network={channel.network}
            choice={choice}
            text={effectiveText({ text }, choice)}
            onChange={onChoiceChange}
            editable={editable}
          />
        </Paper>
      ))}
    </Stack>
  );
}
