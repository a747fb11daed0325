// The post's images and videos: pick or drop files (uploaded at once), see thumbnails, write the
// alternative text of each (a warning until it is written; saved with the file when the field is left, so
// it is proposed again wherever the file is used), reorder and remove them.
import { Badge, Box, Button, FileButton, Group, Image, Paper, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconCheck, IconMovie, IconPhotoPlus, IconTrash } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { MediaFile } from '../../api/types';
import { notifyError } from '../../ui/api-errors';
import { IconAction } from '../../ui/icon-action';
import { moveItem } from '../../ui/move-item';
import type { MediaChoice } from './composer-values';

/** What the server accepts; it checks the bytes too. */
export const ACCEPTED_MEDIA = 'image/jpeg,image/png,image/gif,image/webp,video/mp4';

interface MediaPickerProps {
  workspaceId: string;
  value: MediaChoice[];
  onChange: (media: MediaChoice[]) => void;
  editable: boolean;
}

export function MediaPicker({ workspaceId, value, onChange, editable }: MediaPickerProps) {
  const { t } = useTranslation();
  const [dragging, setDragging] = useState(false);

  const upload = useMutation({
    mutationFn: async (files: File[]) => {
      const uploaded: MediaFile[] = [];
      for (const file of files)
        uploaded.push(await api.upload<MediaFile>(`/api/workspaces/${workspaceId}/media`, file));
      return uploaded;
    },
    onSuccess: (files) => onChange([...value, ...files.map((file) => ({ mediaId: file.id, alt: file.alt, file }))]),
    onError: (error) => notifyError(error, t),
  });

  // The file's own text (PATCH …/media/:id); the post keeps its copy in `alt`, saved with the post.
  const saveAlt = useMutation({
    mutationFn: ({ mediaId, alt }: { mediaId: string; alt: string }) =>
      api.patch<MediaFile>(`/api/workspaces/${workspaceId}/media/${mediaId}`, { alt }),
    onSuccess: (file) => onChange(value.map((item) => (item.mediaId === file.id ? { ...item, file } : item))),
    onError: (error) => notifyError(error, t),
  });
  const saveAltOf = (item: MediaChoice) => {
    if (editable && item.alt.trim() !== item.file.alt) saveAlt.mutate({ mediaId: item.mediaId, alt: item.alt });
  };

  const add = (files: File[]) => {
    if (files.length > 0) upload.mutate(files);
  };
  const setAlt = (index: number, alt: string) =>
    onChange(value.map((item, i) => (i === index ? { ...item, alt } : item)));

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    if (editable) add([...event.dataTransfer.files]);
  };

  return (
    <Stack gap="xs" data-testid="post-media">
      {editable && (
        <Paper
          withBorder
          p="sm"
          radius="md"
          style={{ borderStyle: 'dashed', background: dragging ? 'var(--mantine-color-blue-light)' : undefined }}
          onDragOver={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <Group justify="space-between" wrap="wrap">
            <Text size="sm" c="dimmed">
              {t('postMedia.dropHint')}
            </Text>
            <FileButton onChange={add} accept={ACCEPTED_MEDIA} multiple>
              {(props) => (
                <Button
                  {...props}
                  variant="light"
                  size="xs"
                  leftSection={<IconPhotoPlus size={16} />}
                  loading={upload.isPending}
                  data-testid="write-post-media-add"
                >
                  {t('postMedia.add')}
                </Button>
              )}
            </FileButton>
          </Group>
        </Paper>
      )}
      {value.map((item, index) => (
        <MediaItem
          key={item.mediaId}
          item={item}
          index={index}
          last={index === value.length - 1}
          editable={editable}
          savingAlt={saveAlt.isPending && saveAlt.variables.mediaId === item.mediaId}
          onAlt={(alt) => setAlt(index, alt)}
          onAltDone={() => saveAltOf(item)}
          onMove={(step) => onChange(moveItem(value, index, step))}
          onRemove={() => onChange(value.filter((_, i) => i !== index))}
        />
      ))}
    </Stack>
  );
}

interface MediaItemProps {
  item: MediaChoice;
  index: number;
  /** The last of the post's files, which cannot move down. */
  last: boolean;
  editable: boolean;
  /** Its alternative text is being saved with the file. */
  savingAlt: boolean;
  onAlt: (alt: string) => void;
  onAltDone: () => void;
  onMove: (step: -1 | 1) => void;
  onRemove: () => void;
}

/** One of the post's files: its thumbnail, type and size, its alternative text, and buttons to move or remove it. */
function MediaItem({ item, index, last, editable, savingAlt, onAlt, onAltDone, onMove, onRemove }: MediaItemProps) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="xs" radius="md" data-testid={`post-media-item-${index}`}>
      <Group align="flex-start" wrap="nowrap" gap="sm">
        <MediaThumbnail item={item} />
        <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
          <Group gap="xs">
            <Text size="xs" c="dimmed">
              {t('postMedia.describe', {
                type: item.file.mimeType,
                size: Math.ceil(item.file.size / 1024),
                dimensions: item.file.width && item.file.height ? ` · ${item.file.width}×${item.file.height}` : '',
              })}
            </Text>
            <AltState item={item} index={index} editable={editable} saving={savingAlt} />
          </Group>
          <TextInput
            size="xs"
            aria-label={t('postMedia.alt')}
            placeholder={t('postMedia.altPlaceholder')}
            value={item.alt}
            maxLength={1500}
            onChange={(event) => onAlt(event.currentTarget.value)}
            onBlur={onAltDone}
            readOnly={!editable}
            data-testid={editable ? `write-post-media-alt-${index}` : `post-media-alt-${index}`}
          />
        </Stack>
        {editable && (
          <Group gap={2} wrap="nowrap">
            <IconAction
              label={t('postMedia.up')}
              icon={<IconArrowUp size={16} />}
              disabled={index === 0}
              onClick={() => onMove(-1)}
            />
            <IconAction
              label={t('postMedia.down')}
              icon={<IconArrowDown size={16} />}
              disabled={last}
              onClick={() => onMove(1)}
            />
            <IconAction
              label={t('postMedia.remove')}
              icon={<IconTrash size={16} />}
              color="red"
              onClick={onRemove}
              testId={`write-post-media-remove-${index}`}
            />
          </Group>
        )}
      </Group>
    </Paper>
  );
}

/** The file's picture, or a film icon for a video. */
function MediaThumbnail({ item }: { item: MediaChoice }) {
  return (
    <Box w={72} h={72} style={{ flex: 'none' }}>
      {item.file.mimeType.startsWith('image/') ? (
        <Image src={item.file.url} alt={item.alt} w={72} h={72} fit="cover" radius="sm" />
      ) : (
        <Group w={72} h={72} justify="center" bg="gray.1" style={{ borderRadius: 4 }}>
          <IconMovie size={28} />
        </Group>
      )}
    </Box>
  );
}

interface AltStateProps {
  item: MediaChoice;
  index: number;
  editable: boolean;
  saving: boolean;
}

/** Whether the alternative text is missing, being saved with the file, or saved with it. */
function AltState({ item, index, editable, saving }: AltStateProps) {
  const { t } = useTranslation();
  return (
    <>
      {item.alt.trim() === '' && (
        <Badge size="xs" color="orange" data-testid={`post-media-alt-missing-${index}`}>
          {t('postMedia.altMissing')}
        </Badge>
      )}
      {editable && saving ? (
        <Text size="xs" c="dimmed">
          {t('postMedia.altSaving')}
        </Text>
      ) : (
        editable &&
        item.alt.trim() !== '' &&
        item.alt.trim() === item.file.alt && (
          <Tooltip label={t('postMedia.altSaved')}>
            <IconCheck
              size={14}
              color="var(--mantine-color-green-7)"
              aria-label={t('postMedia.altSaved')}
              data-testid={`post-media-alt-saved-${index}`}
            />
          </Tooltip>
        )
      )}
    </>
  );
}
