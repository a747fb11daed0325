// A thread written part by part: each part its own text area and counter against the network's limit, with
// a part added after any other, removed, or moved up and down.
import { Badge, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { IconAction } from '../../ui/icon-action';
import { GraphemeCounter } from './grapheme-counter';
import { moveItem } from '../../ui/move-item';
import { insertPartAfter, removePart } from './thread-parts';

interface ThreadPartsEditorProps {
  parts: string[];
  network: string;
  onChange: (parts: string[]) => void;
  editable: boolean;
  /** Test ids name the channel: several channels may each have their own thread. */
  channelId: string;
}

export function ThreadPartsEditor({ parts, network, onChange, editable, channelId }: ThreadPartsEditorProps) {
  const { t } = useTranslation();
  const tid = (name: string) => (editable ? `write-${name}-${channelId}` : `${name}-${channelId}`);
  const setPart = (index: number, text: string) => onChange(parts.map((part, i) => (i === index ? text : part)));

  return (
    <Stack gap={6} data-testid={`post-thread-editor-${channelId}`}>
      <Text size="xs" c="dimmed">
        {t('postThread.writtenHint')}
      </Text>
      {parts.map((part, index) => {
        const position = t('postThread.position', { index: index + 1, count: parts.length });
        return (
          // Index keys: the text areas are controlled, so a moved part brings its text along.
          <Paper key={index} withBorder p="xs" radius="sm" data-testid={`post-thread-editor-part-${index}`}>
            <Group justify="space-between" mb={4} wrap="nowrap">
              <Group gap="xs">
                <Badge size="xs" variant="light">
                  {index + 1}/{parts.length}
                </Badge>
                <GraphemeCounter
                  text={part}
                  network={network}
                  testId={`post-thread-part-count-${index}-${channelId}`}
                />
              </Group>
              {editable && (
                <Group gap={2} wrap="nowrap">
                  <IconAction
                    label={t('postThread.up')}
                    ariaLabel={`${t('postThread.up')} · ${position}`}
                    icon={<IconArrowUp size={16} />}
                    disabled={index === 0}
                    onClick={() => onChange(moveItem(parts, index, -1))}
                    testId={tid(`post-thread-part-up-${index}`)}
                  />
                  <IconAction
                    label={t('postThread.down')}
                    ariaLabel={`${t('postThread.down')} · ${position}`}
                    icon={<IconArrowDown size={16} />}
                    disabled={index === parts.length - 1}
                    onClick={() => onChange(moveItem(parts, index, 1))}
                    testId={tid(`post-thread-part-down-${index}`)}
                  />
                  <IconAction
                    label={t('postThread.addAfter')}
                    ariaLabel={`${t('postThread.addAfter')} · ${position}`}
                    icon={<IconPlus size={16} />}
                    onClick={() => onChange(insertPartAfter(parts, index))}
                    testId={tid(`post-thread-part-add-${index}`)}
                  />
                  <IconAction
                    label={t('postThread.remove')}
                    ariaLabel={`${t('postThread.remove')} · ${position}`}
                    icon={<IconTrash size={16} />}
                    color="red"
                    disabled={parts.length === 1}
                    onClick={() => onChange(removePart(parts, index))}
                    testId={tid(`post-thread-part-remove-${index}`)}
                  />
                </Group>
              )}
            </Group>
            <Textarea
              aria-label={position}
              value={part}
              onChange={(event) => setPart(index, event.currentTarget.value)}
              autosize
              minRows={2}
              maxRows={10}
              readOnly={!editable}
              data-testid={tid(`post-thread-part-text-${index}`)}
            />
          </Paper>
        );
      })}
    </Stack>
  );
}
