// The composer's details: theme, content type, owner and backup, the planned date (with the channels' next free
// slots), and the save button.
import { Button, Grid, Group, Paper, Select, Stack, Title } from '@mantine/core';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Channel } from '../../api/types';
import type { ComposerData } from './post-composer';
import type { ComposerValues } from './composer-values';
import { ScheduleInput } from './schedule-input';

interface ComposerDetailsProps {
  data: ComposerData;
  values: ComposerValues;
  update(patch: Partial<ComposerValues>): void;
  fieldErrors: Record<string, string | undefined>;
  /** The selected channels (their posting slots propose dates). */
  channels: Channel[];
  workspaceId: string;
  timeZone: string;
  editable: boolean;
  isNew: boolean;
  dirty: boolean;
  saving: boolean;
}

export function ComposerDetails(props: ComposerDetailsProps) {
  const { data, values, update, fieldErrors, editable } = props;
  const { t } = useTranslation();
  const tid = (name: string) => (editable ? `write-${name}` : name);
  const memberOptions = data.members.map((member) => ({ value: member.userId, label: member.name }));
  const select = (
    name: 'themeId' | 'contentTypeId' | 'ownerId' | 'backupOwnerId',
    label: string,
    options: Array<{ value: string; label: string }>,
    testId: string,
  ) => (
    <Grid.Col span={{ base: 12, sm: 6 }}>
      <Select
        label={label}
        placeholder={t('common.none')}
        data={options}
        value={values[name]}
        onChange={(value) => update({ [name]: value })}
        clearable
        searchable={name === 'ownerId' || name === 'backupOwnerId'}
        readOnly={!editable}
        error={fieldErrors[name]}
        data-testid={tid(testId)}
      />
    </Grid.Col>
  );

  return (
    <Paper withBorder p="md" radius="md">
      <Stack>
        <Title order={4}>{t('composer.details')}</Title>
        <Grid gap="sm">
          {select(
            'themeId',
            t('composer.theme'),
            data.themes.map((theme) => ({ value: theme.id, label: theme.name })),
            'post-theme',
          )}
          {select(
            'contentTypeId',
            t('composer.contentType'),
            data.contentTypes.map((type) => ({ value: type.id, label: type.name })),
            'post-content-type',
          )}
          {select('ownerId', t('composer.owner'), memberOptions, 'post-owner')}
          {select('backupOwnerId', t('composer.backupOwner'), memberOptions, 'post-backup-owner')}
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <ScheduleInput
              value={values.scheduledLocal}
              onChange={(scheduledLocal) => update({ scheduledLocal })}
              timeZone={props.timeZone}
              readOnly={!editable}
              testId={tid('post-scheduled-at')}
              workspaceId={props.workspaceId}
              channels={props.channels}
            />
          </Grid.Col>
        </Grid>
        {editable && (
          <Group justify="flex-end">
            <Button
              type="submit"
              leftSection={<IconDeviceFloppy size={18} />}
              loading={props.saving}
              disabled={!props.isNew && !props.dirty}
              data-testid={props.isNew ? 'write-post-create' : 'write-post-save'}
            >
              {props.isNew ? t('composer.create') : t('composer.save')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
