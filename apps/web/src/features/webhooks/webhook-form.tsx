// The form that subscribes an endpoint (address, description, all events or a chosen few), and the modal that
// shows the new endpoint's signing secret once.
import { Button, Checkbox, Group, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Webhook } from '../../api/types';
import { ErrorAlert, readFieldErrors } from '../../ui/api-errors';
import { SecretOnceModal, useSecretOnce } from '../../ui/secret-once-modal';
import { useWorkspace } from '../workspaces/workspace-context';
import { isHttpUrl, useEventLabel, webhooksKey } from './webhook-shared';

interface CreatedWebhook {
  webhook: Webhook;
  secret: string;
}

export function WebhookForm({ available, help }: { available: string[]; help: ReactNode }) {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const queryClient = useQueryClient();
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [allEvents, setAllEvents] = useState(true);
  const [events, setEvents] = useState<string[]>([]);
  const [errors, setErrors] = useState<{ url?: string; events?: string }>({});
  const key = webhooksKey(workspace.id);

  const create = useMutation({
    mutationFn: () =>
      api.post<CreatedWebhook>(`/api/workspaces/${workspace.id}/webhooks`, {
        url: url.trim(),
        events: allEvents ? ['*'] : events,
        description: description.trim(),
      }),
    onSuccess: () => {
      setUrl('');
      setDescription('');
      setAllEvents(true);
      setEvents([]);
      void queryClient.invalidateQueries({ queryKey: key });
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = {
      url: isHttpUrl(url.trim()) ? undefined : t('webhooks.urlInvalid'),
      events: allEvents || events.length > 0 ? undefined : t('webhooks.eventsRequired'),
    };
    setErrors(next);
    if (!next.url && !next.events) create.mutate();
  };

  const secret = useSecretOnce(create);

  const fieldErrors = readFieldErrors(create.error);
  return (
    <>
      <Paper withBorder p="md" radius="md">
        <form onSubmit={submit} noValidate data-testid="webhook-form">
          <Stack>
            <Title order={4}>{t('webhooks.createTitle')}</Title>
            {create.error && <ErrorAlert error={create.error} />}
            <Group align="flex-start" grow preventGrowOverflow={false}>
              <TextInput
                label={t('webhooks.url')}
                placeholder={t('webhooks.urlPlaceholder')}
                type="url"
                withAsterisk
                value={url}
                onChange={(event) => setUrl(event.currentTarget.value)}
                error={errors.url ?? fieldErrors.url}
                data-testid="write-webhook-url"
              />
              <TextInput
                label={t('webhooks.description')}
                placeholder={t('webhooks.descriptionPlaceholder')}
                value={description}
                maxLength={200}
                onChange={(event) => setDescription(event.currentTarget.value)}
                error={fieldErrors.description}
                data-testid="write-webhook-description"
              />
            </Group>
            <EventsField
              available={available}
              allEvents={allEvents}
              onAllEvents={setAllEvents}
              events={events}
              onEvents={setEvents}
              error={errors.events ?? fieldErrors.events}
            />
            <Group justify="flex-end">
              <Button type="submit" loading={create.isPending} data-testid="write-webhook-submit">
                {t('webhooks.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>

      <WebhookSecret created={secret.created} onClose={secret.close} help={help} />
    </>
  );
}

/** The new endpoint's signing secret, shown once. */
function WebhookSecret(props: { created: CreatedWebhook | null; onClose: () => void; help: ReactNode }) {
  const { t } = useTranslation();
  const { created } = props;
  return (
    <SecretOnceModal
      secret={created?.secret ?? null}
      onClose={props.onClose}
      title={t('webhooks.secretTitle')}
      warning={t('webhooks.secretWarning')}
      label={t('webhooks.secretLabel')}
      done={t('webhooks.secretDone')}
      subject={
        created && (
          <Text size="sm" ff="monospace" style={{ wordBreak: 'break-all' }}>
            {created.webhook.url}
          </Text>
        )
      }
      help={props.help}
      size="xl"
      testId="webhook-secret"
    />
  );
}

/** Which events the endpoint receives: all of them (also those added later), or the ones ticked. */
function EventsField(props: {
  available: string[];
  allEvents: boolean;
  onAllEvents: (all: boolean) => void;
  events: string[];
  onEvents: (events: string[]) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const eventLabel = useEventLabel();
  const { available, allEvents, onAllEvents, events, onEvents, error } = props;
  return (
    <Stack gap="xs">
      <Text size="sm" fw={500}>
        {t('webhooks.events')}
      </Text>
      <Checkbox
        label={t('webhooks.allEvents')}
        checked={allEvents}
        onChange={(event) => onAllEvents(event.currentTarget.checked)}
        data-testid="write-webhook-all-events"
      />
      {!allEvents && (
        <Checkbox.Group value={events} onChange={onEvents} error={error} aria-label={t('webhooks.events')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" mt={4}>
            {available.map((event) => (
              <Checkbox
                key={event}
                value={event}
                label={eventLabel(event)}
                data-testid={`write-webhook-event-${event}`}
              />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
      )}
    </Stack>
  );
}
