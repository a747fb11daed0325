// Dialog connecting an account, or reconnecting one whose credentials expired (same request: the
// server recognises the account and keeps the channel). Fields are the ones the server's connector
// declares (GET …/channels), or free key/value pairs for a network that declares none. Networks offering OAuth get a
// "Sign in with …" button that leaves for the network; the server brings the person back to
// /w/:ws/channels?connected=… (or /?oauthError=…, see oauth-return.ts). A network whose app an administrator has
// not registered yet is listed too, "to be configured by an administrator", with the steps (network-setup.tsx).
import {
  ActionIcon,
  Button,
  Divider,
  Group,
  Modal,
  PasswordInput,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../api/client';
import type { Channel, ConnectField, NetworkOffer } from '../../api/types';
import fr from '../../i18n/fr.json';
import { ErrorAlert, notifySuccess } from '../../ui/api-errors';
import { describeNetwork } from './networks';
import { NetworkSetup } from './network-setup';
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

/** The network chosen in the dialog and what its offer asks for (OAuth, credentials, which fields). */
function useNetworkChoice(networks: NetworkOffer[], channel: Channel | null) {
  const [network, setNetwork] = useState<string | null>(
    channel?.network ?? (networks.find((offer) => offer.configured !== false) ?? networks[0])?.network ?? null,
  );
  const offer = networks.find((candidate) => candidate.network === network);
  // Older servers send no `methods`: credentials only.
  const methods = offer?.methods ?? ['password'];
  const canOAuth = methods.includes('oauth');
  // null: the network declares no fields and takes free key/value pairs.
  const allFields = offer?.fields ?? null;
  return {
    network,
    setNetwork,
    offer,
    profile: network ? describeNetwork(network) : null,
    toConfigure: offer?.configured === false,
    canOAuth,
    canPassword: methods.includes('password'),
    allFields,
    oauthFields: canOAuth ? (allFields ?? []).filter((field) => field.oauth) : [],
    // The fields shared with OAuth (Mastodon's instance) are shown once, above the button.
    fields: allFields?.filter((field) => !(canOAuth && field.oauth)),
  };
}

/** Connecting with credentials, or leaving for the network's consent screen. */
function useConnectRequests(workspaceId: string, network: string | null, onClose: () => void) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const connect = useMutation({
    mutationFn: (credentials: Record<string, string>) =>
      api.post<Channel>(`/api/workspaces/${workspaceId}/channels`, { network, credentials }),
    onSuccess: async (connected) => {
      notifySuccess(t('channels.connected', { name: connected.name }));
      await queryClient.invalidateQueries({ queryKey: channelsKey(workspaceId) });
      onClose();
    },
  });
  const startOAuth = useMutation({
    mutationFn: (fields: Record<string, string>) =>
      api.post<{ url: string }>(`/api/workspaces/${workspaceId}/channels/oauth`, { network, fields }),
    onSuccess: ({ url }) => {
      // Leave for the network's consent screen; the server redirects back when it is done.
      window.location.href = url;
    },
  });
  return { connect, startOAuth };
}

type NetworkChoice = ReturnType<typeof useNetworkChoice>;

/** The typed credentials, checked against the fields the network requires. */
function useCredentials(choice: NetworkChoice) {
  const [values, setValues] = useState<Record<string, string>>({});
  const [generic, setGeneric] = useState<GenericField[]>([{ key: '', value: '' }]);
  const [missing, setMissing] = useState<string[]>([]);

  const readFields = (wanted: ConnectField[]): Record<string, string> | null => {
    const absent = wanted.filter((field) => field.required && !values[field.name]?.trim()).map((field) => field.name);
    setMissing(absent);
    if (absent.length > 0) return null;
    const read: Record<string, string> = {};
    for (const field of wanted) {
      const value = values[field.name]?.trim();
      if (value) read[field.name] = value;
    }
    return read;
  };

  const collect = (): Record<string, string> | null => {
    if (choice.allFields) return readFields(choice.allFields);
    const credentials: Record<string, string> = {};
    for (const { key, value } of generic) if (key.trim()) credentials[key.trim()] = value;
    return credentials;
  };

  const clear = () => {
    setValues({});
    setMissing([]);
  };

  const renderField = (field: ConnectField) => (
    <CredentialInput
      key={field.name}
      field={field}
      value={values[field.name] ?? ''}
      onChange={(value) => setValues((current) => ({ ...current, [field.name]: value }))}
      missing={missing.includes(field.name)}
    />
  );

  return { generic, setGeneric, readFields, collect, clear, renderField };
}

function NetworkSelect(props: {
  networks: NetworkOffer[];
  value: string | null;
  onChange: (next: string | null) => void;
}) {
  const { t } = useTranslation();
  const options = props.networks.map((offer) => ({
    value: offer.network,
    label:
      offer.configured === false
        ? `${describeNetwork(offer.network).label} (${t('channels.toConfigure')})`
        : offer.canPublish
          ? describeNetwork(offer.network).label
          : `${describeNetwork(offer.network).label} (${t('channels.readOnlyNetwork')})`,
  }));
  return (
    <Select
      label={t('channels.network')}
      data={options}
      value={props.value}
      onChange={props.onChange}
      allowDeselect={false}
      data-testid="write-channel-network"
    />
  );
}

function ConnectChannelForm({ workspaceId, networks, channel, onClose }: ConnectChannelModalProps) {
  const { t } = useTranslation();
  const choice = useNetworkChoice(networks, channel);
  const { network, offer, profile, toConfigure, canOAuth, canPassword, fields } = choice;
  const credentials = useCredentials(choice);
  const { connect, startOAuth } = useConnectRequests(workspaceId, network, onClose);

  const signInWithNetwork = () => {
    const read = credentials.readFields(choice.oauthFields);
    if (network && read) startOAuth.mutate(read);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (toConfigure) return;
    if (!canPassword) {
      signInWithNetwork();
      return;
    }
    const read = credentials.collect();
    if (network && read) connect.mutate(read);
  };

  return (
    <form onSubmit={submit} noValidate data-testid="connect-channel-form">
      <Stack>
        {channel && (
          <Text size="sm" c="dimmed">
            {t('channels.reconnectHint')}
          </Text>
        )}
        {connect.error && <ConnectError error={connect.error} />}
        {startOAuth.error && <ConnectError error={startOAuth.error} />}
        {!channel && (
          <NetworkSelect
            networks={networks}
            value={network}
            onChange={(next) => {
              choice.setNetwork(next);
              credentials.clear();
              connect.reset();
              startOAuth.reset();
            }}
          />
        )}
        {toConfigure && offer && profile && <NetworkSetup offer={offer} label={profile.label} />}
        {canOAuth && profile && (
          <OAuthSection
            choice={choice}
            renderField={credentials.renderField}
            loading={startOAuth.isPending || startOAuth.isSuccess}
            disabled={connect.isPending}
            onSignIn={signInWithNetwork}
          />
        )}
        {canPassword &&
          (fields ? (
            fields.map(credentials.renderField)
          ) : (
            <GenericCredentials fields={credentials.generic} onChange={credentials.setGeneric} />
          ))}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          {canPassword && (
            <Button
              type="submit"
              loading={connect.isPending}
              disabled={!network || startOAuth.isPending}
              data-testid="write-channel-submit"
            >
              {channel ? t('channels.reconnect') : t('channels.submit')}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}

interface OAuthSectionProps {
  choice: NetworkChoice;
  renderField: (field: ConnectField) => ReactNode;
  loading: boolean;
  disabled: boolean;
  onSignIn: () => void;
}

/** "Sign in with …" and the fields it needs, then "or" above the credentials when the network takes both. */
function OAuthSection({ choice, renderField, loading, disabled, onSignIn }: OAuthSectionProps) {
  const { t } = useTranslation();
  const { profile, canPassword, fields } = choice;
  if (!profile) return null;
  return (
    <>
      <Stack gap="xs" data-testid="channel-oauth">
        {choice.oauthFields.map(renderField)}
        <Text size="sm" c="dimmed">
          {t('channels.oauthHint', { network: profile.label })}
        </Text>
        <Button
          variant={canPassword ? 'light' : 'filled'}
          leftSection={<profile.icon size={18} />}
          loading={loading}
          disabled={disabled}
          onClick={onSignIn}
          data-testid="write-channel-oauth"
        >
          {t('channels.oauthConnect', { network: profile.label })}
        </Button>
      </Stack>
      {canPassword && (
        <Divider
          label={
            fields?.some((field) => field.name === 'accessToken')
              ? t('channels.oauthOr')
              : t('channels.oauthOrCredentials')
          }
          labelPosition="center"
        />
      )}
    </>
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

type LabelledField = keyof typeof fr.channels.fields;
type HintedField = keyof typeof fr.channels.fieldHints;

// Labels and hints are the UI's, in the person's language; a field no translation names shows its name.
function isLabelled(name: string): name is LabelledField {
  return Object.hasOwn(fr.channels.fields, name);
}

function isHinted(name: string): name is HintedField {
  return Object.hasOwn(fr.channels.fieldHints, name);
}

interface CredentialInputProps {
  field: ConnectField;
  value: string;
  onChange: (value: string) => void;
  missing: boolean;
}

function CredentialInput({ field, value, onChange, missing }: CredentialInputProps) {
  const { t } = useTranslation();
  const common = {
    label: isLabelled(field.name) ? t(`channels.fields.${field.name}`) : field.name,
    description: isHinted(field.name) ? t(`channels.fieldHints.${field.name}`) : undefined,
    placeholder: field.placeholder ?? undefined,
    value,
    withAsterisk: field.required,
    error: missing ? t('validation.required') : undefined,
    autoComplete: 'off',
    'data-testid': `write-channel-${field.name}`,
  };
  if (field.input === 'secret') {
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
      type={field.input === 'url' ? 'url' : 'text'}
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
