// Dialog connecting an account, or reconnecting one whose credentials expired (same request: the
// server recognises the account and keeps the channel). Fields come from the network's profile,
// or are free key/value pairs for a network the UI does not know yet.
import { ActionIcon, Button, Group, Modal, PasswordInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../api/client';
import type { Channel, NetworkOffer } from '../../api/types';
import { ErrorAlert, notifySuccess } from '../../ui/api-errors';
import { describeNetwork, type CredentialField } from './networks';
import { channelsKey } from './use-channels';

interface ConnectChannelModalProps {
  workspaceId: string;
  networks: NetworkOffer[];
  /** The channel to reconnect; absent to connect a new account. */
  channel: Channel | null;
  opened: boolean;
  onClose: () => void;
}

export function ConnectChannelModal(props: ConnectChannelModalProps) {
  const { t } = useTranslation();
  const title = props.channel ? t('channels.reconnectTitle', { name: props.channel.name }) : t('channels.connectTitle');
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={title} centered size="lg">
      {/* Remounted on every opening so no password lingers in state from a previous attempt. */}
      {props.opened && <ConnectChannelForm {...props} />}
    </Modal>
  );
}

interface GenericField {
  key: string;
  value: string;
}

function ConnectChannelForm({ workspaceId, networks, channel, onClose }: ConnectChannelModalProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [network, setNetwork] = useState<string | null>(channel?.network ?? networks[0]?.network ?? null);
  const [values, setValues] = useState<Record<string, string>>({});
  const [generic, setGeneric] = useState<GenericField[]>([{ key: '', value: '' }]);
  const [missing, setMissing] = useState<string[]>([]);
  const profile = network ? describeNetwork(network) : null;
  const fields = profile?.credentials;

  const connect = useMutation({
    mutationFn: (credentials: Record<string, string>) =>
      api.post<Channel>(`/api/workspaces/${workspaceId}/channels`, { network, credentials }),
    onSuccess: async (connected) => {
      notifySuccess(t('channels.connected', { name: connected.name }));
      await queryClient.invalidateQueries({ queryKey: channelsKey(workspaceId) });
      onClose();
    },
  });

  const collect = (): Record<string, string> | null => {
    const credentials: Record<string, string> = {};
    if (fields) {
      const absent = fields.filter((field) => field.required && !values[field.key]?.trim()).map((field) => field.key);
      setMissing(absent);
      if (absent.length > 0) return null;
      for (const field of fields) {
        const value = values[field.key]?.trim();
        if (value) credentials[field.key] = value;
      }
    } else {
      for (const { key, value } of generic) if (key.trim()) credentials[key.trim()] = value;
    }
    return credentials;
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const credentials = collect();
    if (network && credentials) connect.mutate(credentials);
  };

  const networkOptions = networks.map((offer) => ({
    value: offer.network,
    label: offer.canPublish
      ? describeNetwork(offer.network).label
      : `${describeNetwork(offer.network).label} (${t('channels.readOnlyNetwork')})`,
  }));

  return (
    <form onSubmit={submit} noValidate data-testid="connect-channel-form">
      <Stack>
        {channel && (
          <Text size="sm" c="dimmed">
            {t('channels.reconnectHint')}
          </Text>
        )}
        {connect.error && <ConnectError error={connect.error} />}
        {!channel && (
          <Select
            label={t('channels.network')}
            data={networkOptions}
            value={network}
            onChange={(next) => {
              setNetwork(next);
              setValues({});
              setMissing([]);
            }}
            allowDeselect={false}
            data-testid="write-channel-network"
          />
        )}
        {fields ? (
          fields.map((field) => (
            <CredentialInput
              key={field.key}
              field={field}
              value={values[field.key] ?? ''}
              onChange={(value) => setValues((current) => ({ ...current, [field.key]: value }))}
              missing={missing.includes(field.key)}
            />
          ))
        ) : (
          <GenericCredentials fields={generic} onChange={setGeneric} />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={connect.isPending} disabled={!network} data-testid="write-channel-submit">
            {channel ? t('channels.reconnect') : t('channels.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ConnectError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  // The network turned the identifier or app password down.
  if (isApiError(error) && error.code === 'channel_refused') {
    return <ErrorAlert error={new Error(t('channels.rejected'))} />;
  }
  if (isApiError(error) && error.code === 'channel_unavailable') {
    return <ErrorAlert error={new Error(t('channels.unavailable'))} />;
  }
  return <ErrorAlert error={error} />;
}

interface CredentialInputProps {
  field: CredentialField;
  value: string;
  onChange: (value: string) => void;
  missing: boolean;
}

function CredentialInput({ field, value, onChange, missing }: CredentialInputProps) {
  const { t } = useTranslation();
  const common = {
    label: t(`channels.fields.${field.key}`),
    description: field.key === 'appPassword' ? t('channels.fieldHints.appPassword') : undefined,
    placeholder: field.placeholder,
    value,
    withAsterisk: field.required,
    error: missing ? t('validation.required') : undefined,
    autoComplete: 'off',
    'data-testid': `write-channel-${field.key}`,
  };
  if (field.kind === 'password') {
    return (
      <PasswordInput
        {...common}
        autoComplete="new-password"
        onChange={(event) => onChange(event.currentTarget.value)}
      />
    );
  }
  return (
    <TextInput
      {...common}
      type={field.kind === 'url' ? 'url' : 'text'}
      onChange={(event) => onChange(event.currentTarget.value)}
    />
  );
}

function GenericCredentials({
  fields,
  onChange,
}: {
  fields: GenericField[];
  onChange: (fields: GenericField[]) => void;
}) {
  const { t } = useTranslation();
  const update = (index: number, patch: Partial<GenericField>) =>
    onChange(fields.map((field, i) => (i === index ? { ...field, ...patch } : field)));
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        {t('channels.genericHint')}
      </Text>
      {fields.map((field, index) => (
        <Group key={index} gap="xs" align="flex-end" wrap="nowrap">
          <TextInput
            label={index === 0 ? t('channels.genericKey') : undefined}
            aria-label={t('channels.genericKey')}
            value={field.key}
            onChange={(event) => update(index, { key: event.currentTarget.value })}
            style={{ flex: 1 }}
            data-testid={`write-channel-field-key-${index}`}
          />
          <PasswordInput
            label={index === 0 ? t('channels.genericValue') : undefined}
            aria-label={t('channels.genericValue')}
            value={field.value}
            onChange={(event) => update(index, { value: event.currentTarget.value })}
            autoComplete="new-password"
            style={{ flex: 1 }}
            data-testid={`write-channel-field-value-${index}`}
          />
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            onClick={() => onChange(fields.filter((_, i) => i !== index))}
            disabled={fields.length === 1}
            aria-label={t('channels.removeField')}
          >
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button
          variant="subtle"
          size="xs"
          leftSection={<IconPlus size={14} />}
          onClick={() => onChange([...fields, { key: '', value: '' }])}
        >
          {t('channels.addField')}
        </Button>
      </Group>
    </Stack>
  );
}
