// The composer's « À relayer par les ambassadeurs » section (community managers and up, on a saved post): the link
// to share and a suggested text per network, each counted the network's way against its limit, as the server
// checks it; saving marks the post for the ambassador page, removing takes it off.
import { Button, Checkbox, Group, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import {
  checkRelayTexts,
  findUrls,
  RELAY_NETWORKS,
  RELAY_TEXT_LIMITS,
  relayTextWithLink,
  type RelayTexts,
} from '@rostra/core';
import { countForNetwork } from '@rostra/connectors/counting';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, notifySuccess, readFieldErrors } from '../../ui/api-errors';
import { PageLoader } from '../../ui/page-loader';
import { describeNetwork } from '../channels/networks';
import { useWorkspace } from '../workspaces/workspace-context';
import { useRelay, useRemoveRelay, useSaveRelay, type Relay } from './use-ambassador';

export function RelayPanel({ postId, postText }: { postId: string; postText: string }) {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const relay = useRelay(workspace.id, postId);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="relay-panel-title" data-testid="relay-panel">
      <Stack>
        <Title order={3} size="h4" id="relay-panel-title">
          {t('relayPanel.title')}
        </Title>
        {relay.isPending ? (
          <PageLoader />
        ) : relay.isError ? (
          <ErrorAlert error={relay.error} onRetry={() => void relay.refetch()} />
        ) : (
          <RelayForm key={relay.data?.updatedAt ?? 'none'} postId={postId} relay={relay.data} postText={postText} />
        )}
      </Stack>
    </Paper>
  );
}

function RelayForm({ postId, relay, postText }: { postId: string; relay: Relay | null; postText: string }) {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const save = useSaveRelay(workspace.id, postId);
  const remove = useRemoveRelay(workspace.id, postId);
  const [enabled, setEnabled] = useState(relay !== null);
  const [link, setLink] = useState(relay?.link ?? findUrls(postText)[0]?.url ?? '');
  const [texts, setTexts] = useState<RelayTexts>(relay?.texts ?? {});
  const overLimit = checkRelayTexts(texts, link, countForNetwork).length > 0;
  const fieldErrors = readFieldErrors(save.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ link, texts }, { onSuccess: () => notifySuccess(t('relayPanel.saved')) });
  };
  const unmark = () => {
    if (relay) remove.mutate(undefined, { onSuccess: () => notifySuccess(t('relayPanel.removed')) });
    else setEnabled(false);
  };

  if (!enabled) {
    return (
      <Checkbox
        label={t('relayPanel.toggle')}
        description={t('relayPanel.description')}
        checked={false}
        onChange={() => setEnabled(true)}
        data-testid="relay-toggle"
      />
    );
  }
  return (
    <form onSubmit={submit} noValidate data-testid="relay-form">
      <Stack>
        <Text size="sm" c="dimmed">
          {t('relayPanel.description')}
        </Text>
        <TextInput
          label={t('relayPanel.link')}
          type="url"
          required
          value={link}
          onChange={(event) => setLink(event.currentTarget.value)}
          error={fieldErrors.link}
          data-testid="relay-link-input"
        />
        {RELAY_NETWORKS.map((network) => {
          const text = texts[network] ?? '';
          const count = text.trim() === '' ? 0 : countForNetwork(network, relayTextWithLink(network, text, link));
          const max = RELAY_TEXT_LIMITS[network];
          return (
            <Stack key={network} gap={2}>
              <Textarea
                label={t('relayPanel.textFor', { network: describeNetwork(network).label })}
                value={text}
                onChange={(event) => {
                  const value = event.currentTarget.value;
                  setTexts((current) => ({ ...current, [network]: value }));
                }}
                autosize
                minRows={2}
                maxRows={8}
                error={fieldErrors[`texts.${network}`]}
                data-testid={`relay-text-${network}`}
              />
              <Text size="xs" c={count > max ? 'red' : 'dimmed'} data-testid={`relay-count-${network}`}>
                {count} / {max}
              </Text>
            </Stack>
          );
        })}
        {save.error && Object.keys(fieldErrors).length === 0 && <ErrorAlert error={save.error} />}
        {remove.error && <ErrorAlert error={remove.error} />}
        <Group>
          <Button
            type="submit"
            loading={save.isPending}
            disabled={overLimit || link.trim() === ''}
            data-testid="relay-save"
          >
            {t('relayPanel.save')}
          </Button>
          <Button variant="subtle" color="gray" onClick={unmark} loading={remove.isPending} data-testid="relay-remove">
            {t('relayPanel.remove')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
