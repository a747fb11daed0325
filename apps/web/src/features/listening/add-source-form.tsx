// The form that adds a listening source: the network and kind (each with its own settings, checked by the
// network), how often to poll, the connected channel a search may borrow, and a label.
import {
  Alert,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { ListeningSource, SourceNetwork } from '../../api/types';
import { ErrorAlert, notifySuccess, readFieldErrors } from '../../ui/api-errors';
import { useChannels } from '../channels/use-channels';
import { useWorkspace } from '../workspaces/workspace-context';
import { listeningPath } from './listening-api';
import { BOOLEAN_FIELDS } from './source-edit-modal';

/** The form's choices, and adding the source: only the chosen kind's fields that are filled in are sent. */
function useNewSource(networks: SourceNetwork[], onAdded: () => void) {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const [network, setNetwork] = useState<string | null>(networks[0]?.network ?? null);
  const kinds = networks.find((n) => n.network === network)?.kinds ?? [];
  const [kind, setKind] = useState<string | null>(kinds[0]?.kind ?? null);
  const spec = kinds.find((k) => k.kind === kind);
  const [config, setConfig] = useState<Record<string, string>>({});
  const [label, setLabel] = useState('');
  const [minutes, setMinutes] = useState<number>(5);
  const [channelId, setChannelId] = useState<string | null>(null);

  const add = useMutation({
    mutationFn: () => {
      // The network decides what is optional.
      const values = Object.fromEntries(
        (spec?.fields ?? []).map((field) => [field, config[field]?.trim() ?? '']).filter(([, value]) => value !== ''),
      );
      return api.post<ListeningSource>(listeningPath(workspace.id, 'sources'), {
        network,
        kind,
        config: values,
        ...(label.trim() ? { label: label.trim() } : {}),
        pollIntervalSeconds: Math.round(minutes * 60),
        ...(channelId ? { channelId } : {}),
      });
    },
    onSuccess: () => {
      notifySuccess(t('listening.sources.added'));
      setConfig({});
      setLabel('');
      onAdded();
    },
  });

  const chooseNetwork = (value: string | null) => {
    setNetwork(value);
    setKind(networks.find((n) => n.network === value)?.kinds[0]?.kind ?? null);
    setConfig({});
    setChannelId(null);
  };
  const chooseKind = (value: string | null) => {
    setKind(value);
    setConfig({});
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (network && kind) add.mutate();
  };
  const values = { network, kinds, kind, spec, config, label, minutes, channelId };
  const setters = { chooseNetwork, chooseKind, setConfig, setLabel, setMinutes, setChannelId };
  return { ...values, ...setters, add, submit };
}

type NewSource = ReturnType<typeof useNewSource>;

export function AddSourceForm({ networks, onAdded }: { networks: SourceNetwork[]; onAdded: () => void }) {
  const { t } = useTranslation();
  const form = useNewSource(networks, onAdded);
  const fieldErrors = readFieldErrors(form.add.error);
  if (networks.length === 0) {
    return (
      <Alert color="yellow" icon={<IconAlertTriangle size={18} />}>
        {t('listening.sources.noNetworks')}
      </Alert>
    );
  }
  return (
    <Paper withBorder p="md" radius="md">
      <form onSubmit={form.submit} noValidate data-testid="source-form">
        <Stack>
          <Title order={4}>{t('listening.sources.addTitle')}</Title>
          {form.add.error && <ErrorAlert error={form.add.error} />}
          <KindFields networks={networks} form={form} fieldErrors={fieldErrors} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {(form.spec?.fields ?? []).map((field) => (
              <ConfigField key={field} field={field} form={form} error={fieldErrors[`config.${field}`]} />
            ))}
          </SimpleGrid>
          <ChannelField form={form} error={fieldErrors.channelId} />
          <Group align="flex-end" justify="space-between">
            <TextInput
              label={t('listening.sources.label')}
              placeholder={t('listening.sources.labelPlaceholder')}
              value={form.label}
              maxLength={120}
              onChange={(event) => form.setLabel(event.currentTarget.value)}
              style={{ flex: 1 }}
              data-testid="write-source-label"
            />
            <Button type="submit" loading={form.add.isPending} data-testid="write-source-submit">
              {t('listening.sources.add')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** The network, the kind of source, and how often it is polled. */
function KindFields(props: { networks: SourceNetwork[]; form: NewSource; fieldErrors: Record<string, string> }) {
  const { t } = useTranslation();
  const { networks, form, fieldErrors } = props;
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }}>
      <Select
        label={t('listening.sources.network')}
        data={networks.map((n) => ({
          value: n.network,
          label: t(`listening.sources.networks.${n.network}`, { defaultValue: n.network }),
        }))}
        value={form.network}
        allowDeselect={false}
        onChange={form.chooseNetwork}
        data-testid="write-source-network"
      />
      <Select
        label={t('listening.sources.kind')}
        data={form.kinds.map((k) => ({
          value: k.kind,
          label: t(`listening.sources.kinds.${k.kind}`, { defaultValue: k.kind }),
        }))}
        value={form.kind}
        allowDeselect={false}
        onChange={form.chooseKind}
        data-testid="write-source-kind"
      />
      <NumberInput
        label={t('listening.sources.interval')}
        description={form.spec?.realtime ? t('listening.sources.intervalRealtime') : undefined}
        min={1}
        max={1440}
        value={form.minutes}
        onChange={(value) => form.setMinutes(typeof value === 'number' ? value : Number(value) || 5)}
        error={fieldErrors.pollIntervalSeconds}
      />
    </SimpleGrid>
  );
}

/** One setting of the chosen kind: a switch for yes/no settings, else text. */
function ConfigField({ field, form, error }: { field: string; form: NewSource; error?: string }) {
  const { t } = useTranslation();
  const help = t(`listening.sources.fieldHelp.${field}`, { defaultValue: '' });
  const label = t(`listening.sources.fields.${field}`, { defaultValue: field });
  const set = (value: string) => form.setConfig({ ...form.config, [field]: value });
  return BOOLEAN_FIELDS.has(field) ? (
    <Tooltip label={help} disabled={!help}>
      <Switch
        mt="lg"
        label={label}
        checked={form.config[field] === 'true'}
        onChange={(event) => set(event.currentTarget.checked ? 'true' : 'false')}
        data-testid={`write-source-field-${field}`}
      />
    </Tooltip>
  ) : (
    <TextInput
      label={label}
      description={help || undefined}
      value={form.config[field] ?? ''}
      onChange={(event) => set(event.currentTarget.value)}
      error={error}
      data-testid={`write-source-field-${field}`}
    />
  );
}

/**
 * Some searches answer only signed-in clients (Bluesky's, some Mastodon instances): the source may borrow a
 * connected channel of the same network.
 */
function ChannelField({ form, error }: { form: NewSource; error?: string }) {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const channels = useChannels(workspace.id);
  const networkChannels = (channels.data?.items ?? []).filter((channel) => channel.network === form.network);
  if (networkChannels.length === 0) return null;
  return (
    <Select
      label={t('listening.sources.channel')}
      description={t('listening.sources.channelHelp')}
      placeholder={t('listening.sources.channelNone')}
      data={networkChannels.map((channel) => ({ value: channel.id, label: channel.name }))}
      value={form.channelId}
      onChange={form.setChannelId}
      clearable
      error={error}
      data-testid="write-source-channel"
    />
  );
}
