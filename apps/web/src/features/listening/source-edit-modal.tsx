// Changing a source after the fact: its label, how often it is polled, its settings (checked again by the
// network, field by field) and the channel it searches as. New settings are polled at once.
import { Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { ListeningSource, SourceNetwork } from '../../api/types';
import { ErrorAlert, notifySuccess, readFieldErrors } from '../../ui/api-errors';
import { useChannels } from '../channels/use-channels';
import { useWorkspace } from '../workspaces/workspace-context';
import { listeningPath } from './listening-api';

/** Settings that are yes/no switches rather than text. */
export const BOOLEAN_FIELDS = new Set(['local']);

interface SourceEditModalProps {
  source: ListeningSource;
  networks: SourceNetwork[];
  onClose: () => void;
  onSaved: () => void;
}

export function SourceEditModal({ source, networks, onClose, onSaved }: SourceEditModalProps) {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const fields = networks.find((n) => n.network === source.network)?.kinds.find((k) => k.kind === source.kind)
    ?.fields ?? [...Object.keys(source.config)];
  const channels = (useChannels(workspace.id).data?.items ?? []).filter((c) => c.network === source.network);
  const [label, setLabel] = useState(source.label);
  const [minutes, setMinutes] = useState(Math.max(1, Math.round(source.pollIntervalSeconds / 60)));
  const [config, setConfig] = useState<Record<string, string>>(source.config);
  const [channelId, setChannelId] = useState<string | null>(source.channelId);

  const save = useMutation({
    mutationFn: () => {
      const values = Object.fromEntries(
        fields.map((field) => [field, config[field]?.trim() ?? '']).filter(([, value]) => value !== ''),
      );
      const changedConfig = JSON.stringify(values) !== JSON.stringify(source.config);
      return api.patch<ListeningSource>(listeningPath(workspace.id, `sources/${source.id}`), {
        ...(label.trim() && label.trim() !== source.label ? { label: label.trim() } : {}),
        ...(minutes * 60 !== source.pollIntervalSeconds ? { pollIntervalSeconds: Math.round(minutes * 60) } : {}),
        ...(changedConfig ? { config: values } : {}),
        ...(channelId !== source.channelId ? { channelId } : {}),
      });
    },
    onSuccess: () => {
      notifySuccess(t('listening.sources.saved'));
      onSaved();
      onClose();
    },
  });
  const fieldErrors = readFieldErrors(save.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };

  return (
    <Modal opened onClose={onClose} title={t('listening.sources.editTitle')} size="lg">
      <form onSubmit={submit} noValidate data-testid="source-edit-form">
        <Stack>
          {save.error && <ErrorAlert error={save.error} />}
          <TextInput
            label={t('listening.sources.label')}
            value={label}
            maxLength={120}
            onChange={(event) => setLabel(event.currentTarget.value)}
            error={fieldErrors.label}
            data-testid="write-source-edit-label"
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {fields.map((field) =>
              BOOLEAN_FIELDS.has(field) ? (
                <Switch
                  key={field}
                  mt="lg"
                  label={t(`listening.sources.fields.${field}`, { defaultValue: field })}
                  checked={config[field] === 'true'}
                  onChange={(event) =>
                    setConfig({ ...config, [field]: event.currentTarget.checked ? 'true' : 'false' })
                  }
                />
              ) : (
                <TextInput
                  key={field}
                  label={t(`listening.sources.fields.${field}`, { defaultValue: field })}
                  value={config[field] ?? ''}
                  onChange={(event) => setConfig({ ...config, [field]: event.currentTarget.value })}
                  error={fieldErrors[`config.${field}`]}
                  data-testid={`write-source-edit-field-${field}`}
                />
              ),
            )}
          </SimpleGrid>
          <NumberInput
            label={t('listening.sources.interval')}
            description={source.realtime ? t('listening.sources.intervalRealtime') : undefined}
            min={1}
            max={1440}
            value={minutes}
            onChange={(value) => setMinutes(typeof value === 'number' ? value : Number(value) || minutes)}
            error={fieldErrors.pollIntervalSeconds}
          />
          {(channels.length > 0 || source.channelId) && (
            <Select
              label={t('listening.sources.channel')}
              description={t('listening.sources.channelHelp')}
              placeholder={t('listening.sources.channelNone')}
              data={channels.map((channel) => ({ value: channel.id, label: channel.name }))}
              value={channelId}
              onChange={setChannelId}
              clearable
              error={fieldErrors.channelId}
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="write-source-edit-submit">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
