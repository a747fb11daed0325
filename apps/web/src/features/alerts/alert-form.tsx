// The form of an alert rule: its name, topic and kind, the kind's parameters with their defaults shown, the
// cooldown, and where it is delivered (in the app, by email, signed webhooks, a Slack/Mattermost URL).
import {
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import type { AlertKind, AlertRule, Topic } from '../../api/types';
import { ErrorAlert, notifySuccess, readFieldErrors } from '../../ui/api-errors';
import { PasswordInput } from '../../ui/password-input';
import { SmtpStatusPanel } from '../mail/smtp-status';
import { useWorkspace } from '../workspaces/workspace-context';
import { alertsKey, toAlertBody, type AlertDraft } from './alert-draft';
import { ALERT_KIND_LIST, ALERT_PARAM_FIELDS, type ParamField } from './alert-params';

type FieldErrors = Record<string, string>;

interface FieldsProps {
  draft: AlertDraft;
  update: (patch: Partial<AlertDraft>) => void;
  fieldErrors: FieldErrors;
}

/** The draft being edited, and its saving: the name is checked here, the rest by the server. */
function useAlertDraft(initial: AlertDraft, onDone: () => void) {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<AlertDraft>(initial);
  const [nameError, setNameError] = useState<string | undefined>();
  const update = (patch: Partial<AlertDraft>) => setDraft((current) => ({ ...current, ...patch }));

  const save = useMutation({
    mutationFn: () =>
      draft.id
        ? api.patch<AlertRule>(`/api/workspaces/${workspace.id}/alerts/${draft.id}`, toAlertBody(draft))
        : api.post<AlertRule>(`/api/workspaces/${workspace.id}/alerts`, toAlertBody(draft)),
    onSuccess: () => {
      notifySuccess(draft.id ? t('alerts.saved') : t('alerts.created'));
      void queryClient.invalidateQueries({ queryKey: alertsKey(workspace.id) });
      onDone();
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problem = draft.name.trim() ? undefined : t('alerts.nameRequired');
    setNameError(problem);
    if (!problem) save.mutate();
  };
  return { draft, update, nameError, save, submit };
}

export function AlertForm({ initial, topics, onDone }: { initial: AlertDraft; topics: Topic[]; onDone: () => void }) {
  const { t } = useTranslation();
  const { draft, update, nameError, save, submit } = useAlertDraft(initial, onDone);
  const fieldErrors = readFieldErrors(save.error);
  const fields = { draft, update, fieldErrors };
  return (
    <form onSubmit={submit} noValidate data-testid="alert-form">
      <Stack>
        {save.error && <ErrorAlert error={save.error} />}
        <TextInput
          label={t('alerts.name')}
          placeholder={t('alerts.namePlaceholder')}
          value={draft.name}
          withAsterisk
          maxLength={120}
          onChange={(event) => update({ name: event.currentTarget.value })}
          error={nameError ?? fieldErrors.name}
          data-testid="write-alert-name"
        />
        <RuleFields {...fields} topics={topics} />
        <ParamFields {...fields} />
        <NumberInput
          label={t('alerts.cooldown')}
          description={t('alerts.cooldownHelp')}
          min={5}
          max={7 * 24 * 60}
          value={draft.cooldownMinutes}
          onChange={(value) => update({ cooldownMinutes: typeof value === 'number' ? value : 60 })}
          error={fieldErrors.cooldownMinutes}
          data-testid="write-alert-cooldown"
        />
        <DeliveryFields {...fields} />
        <Switch
          label={t('alerts.enabled')}
          checked={draft.enabled}
          onChange={(event) => update({ enabled: event.currentTarget.checked })}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="write-alert-submit">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The topic watched and the kind of rule, with what that kind watches for. */
function RuleFields({ draft, update, fieldErrors, topics }: FieldsProps & { topics: Topic[] }) {
  const { t } = useTranslation();
  return (
    <>
      <SimpleGrid cols={2}>
        <Select
          label={t('alerts.topic')}
          data={topics.map((topic) => ({ value: topic.id, label: topic.name }))}
          value={draft.topicId}
          allowDeselect={false}
          onChange={(topicId) => update({ topicId })}
          error={fieldErrors.topicId}
          data-testid="write-alert-topic"
        />
        <Select
          label={t('alerts.kind')}
          data={ALERT_KIND_LIST.map((kind) => ({ value: kind, label: t(`alerts.kinds.${kind}`) }))}
          value={draft.kind}
          allowDeselect={false}
          // Each kind has its own parameters: start the new kind from its defaults.
          onChange={(kind) => kind && update({ kind: kind as AlertKind, params: {} })}
          data-testid="write-alert-kind"
        />
      </SimpleGrid>
      <Text size="sm" c="dimmed">
        {t(`alerts.kindHelp.${draft.kind}`)}
      </Text>
    </>
  );
}

/** The kind's parameters: numbers show their default (an empty field means it), lists are typed as tags. */
function ParamFields({ draft, update, fieldErrors }: FieldsProps) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm" radius="md">
      <Stack gap="xs">
        <Text size="sm" fw={600}>
          {t('alerts.parameters')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {ALERT_PARAM_FIELDS[draft.kind].map((field) => (
            <ParamField
              key={field.name}
              field={field}
              draft={draft}
              update={update}
              error={fieldErrors[`params.${field.name}`]}
            />
          ))}
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}

function ParamField({
  field,
  draft,
  update,
  error,
}: Omit<FieldsProps, 'fieldErrors'> & { field: ParamField; error?: string }) {
  const { t } = useTranslation();
  const set = (value: number | string[] | undefined) => update({ params: { ...draft.params, [field.name]: value } });
  return field.type === 'list' ? (
    <TagsInput
      label={t(`alerts.params.${field.name}`)}
      description={t(`alerts.paramsHelp.${field.name}`)}
      value={(draft.params[field.name] as string[] | undefined) ?? []}
      onChange={set}
      error={error}
      data-testid={`write-alert-param-${field.name}`}
    />
  ) : (
    <NumberInput
      label={t(`alerts.params.${field.name}`)}
      description={t('alerts.defaultValue', { value: field.display(field.default) })}
      placeholder={field.display(field.default)}
      min={field.min}
      max={field.max}
      step={field.step}
      decimalScale={field.step < 1 ? 1 : 0}
      suffix={field.suffix}
      value={(draft.params[field.name] as number | undefined) ?? ''}
      onChange={(value) => set(typeof value === 'number' ? value : undefined)}
      error={error}
      data-testid={`write-alert-param-${field.name}`}
    />
  );
}

/** Where the alert goes: the app, email addresses, the workspace's webhooks, a chat URL (a secret). */
function DeliveryFields({ draft, update, fieldErrors }: FieldsProps) {
  const { t } = useTranslation();
  const { workspace, permissions } = useWorkspace();
  return (
    <Paper withBorder p="sm" radius="md">
      <Stack gap="xs">
        <Text size="sm" fw={600}>
          {t('alerts.delivery')}
        </Text>
        <Checkbox
          label={t('alerts.channels.appLong')}
          checked={draft.notifyInApp}
          onChange={(event) => update({ notifyInApp: event.currentTarget.checked })}
          data-testid="write-alert-in-app"
        />
        <TagsInput
          label={t('alerts.channels.emailLong')}
          description={t('alerts.emailHelp')}
          placeholder="veille@example.org"
          value={draft.emailTo}
          maxTags={20}
          onChange={(emailTo) => update({ emailTo })}
          error={fieldErrors.emailTo ?? Object.entries(fieldErrors).find(([k]) => k.startsWith('emailTo.'))?.[1]}
          data-testid="write-alert-emails"
        />
        <SmtpStatusPanel usage={t('smtp.alertsUsage')} />
        <Checkbox
          label={t('alerts.channels.webhooksLong')}
          description={
            permissions.manageWebhooks ? (
              <Link to={`/w/${workspace.id}/webhooks`}>{t('alerts.webhooksHelp')}</Link>
            ) : (
              t('alerts.webhooksHelp')
            )
          }
          checked={draft.notifyWebhooks}
          onChange={(event) => update({ notifyWebhooks: event.currentTarget.checked })}
          data-testid="write-alert-webhooks"
        />
        <ChatUrlField draft={draft} update={update} fieldErrors={fieldErrors} />
      </Stack>
    </Paper>
  );
}

function ChatUrlField({ draft, update, fieldErrors }: FieldsProps) {
  const { t } = useTranslation();
  return (
    <>
      <PasswordInput
        label={t('alerts.channels.chatLong')}
        description={draft.hasChatUrl && !draft.removeChatUrl ? t('alerts.chatConfigured') : t('alerts.chatHelp')}
        placeholder="https://hooks.slack.com/services/…"
        value={draft.chatUrl}
        disabled={draft.removeChatUrl}
        onChange={(event) => update({ chatUrl: event.currentTarget.value })}
        error={fieldErrors.chatUrl}
        data-testid="write-alert-chat-url"
      />
      {draft.hasChatUrl && (
        <Checkbox
          label={t('alerts.chatRemove')}
          checked={draft.removeChatUrl}
          onChange={(event) => update({ removeChatUrl: event.currentTarget.checked })}
        />
      )}
    </>
  );
}
