// Writing a moderation rule: its name, all or any of its conditions, its actions, whether it stops the rules after
// it; « Essayer » runs it on the last 30 days of items (nothing changes) before « Enregistrer ». Mistakes show beside
// their field in the person's language (a query's with its column).
import { Alert, Button, Checkbox, Group, Paper, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconFlask, IconPlus } from '@tabler/icons-react';
import { useState, type Dispatch, type SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import type { InboxRule, RuleAction, RuleCondition } from '../../api/types';
import { describeError, readFieldErrors } from '../../ui/api-errors';
import { useMembers } from '../members/use-members';
import { useWorkspace } from '../workspaces/workspace-context';
import { useSaveRule, useSavedReplies, useTryRule, type RuleInput } from './automation-api';
import { ActionRow, blankAction, blankCondition, ConditionRow } from './rule-fields';
import { RuleTrialResult } from './rule-trial';

const EMPTY_RULE: RuleInput = {
  name: '',
  enabled: true,
  match: 'all',
  conditions: [blankCondition('query')],
  actions: [blankAction('label')],
  stop: false,
};

export function RuleForm({ rule, onDone }: { rule: InboxRule | null; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState<RuleInput>(
    rule
      ? {
          name: rule.name,
          enabled: rule.enabled,
          match: rule.match,
          conditions: rule.conditions,
          actions: rule.actions,
          stop: rule.stop,
        }
      : EMPTY_RULE,
  );
  const save = useSaveRule(i18n.language);
  const trial = useTryRule(i18n.language);
  const error = save.error ?? trial.error;
  const errors = readFieldErrors(error);

  return (
    <Paper withBorder p="md" data-testid="rule-form">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate({ id: rule?.id ?? null, input: draft }, { onSuccess: onDone });
        }}
      >
        <Stack>
          <Title order={3}>{rule ? t('inboxAutomation.rules.edit') : t('inboxAutomation.rules.new')}</Title>
          <TextInput
            label={t('inboxAutomation.rules.name')}
            value={draft.name}
            onChange={(event) => setDraft({ ...draft, name: event.currentTarget.value })}
            error={errors.name}
            data-testid="rule-name"
          />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="rule-match-label">
              {t('inboxAutomation.rules.match')}
            </Text>
            <SegmentedControl
              aria-labelledby="rule-match-label"
              value={draft.match}
              onChange={(match) => setDraft({ ...draft, match: match as RuleInput['match'] })}
              data={[
                { value: 'all', label: t('inboxAutomation.rules.matchAll') },
                { value: 'any', label: t('inboxAutomation.rules.matchAny') },
              ]}
            />
          </Stack>
          <RuleConditions draft={draft} setDraft={setDraft} errors={errors} />
          <RuleActions draft={draft} setDraft={setDraft} errors={errors} />
          <Checkbox
            label={t('inboxAutomation.rules.enabled')}
            checked={draft.enabled}
            onChange={(event) => setDraft({ ...draft, enabled: event.currentTarget.checked })}
          />
          <Checkbox
            label={t('inboxAutomation.rules.stop')}
            checked={draft.stop}
            onChange={(event) => setDraft({ ...draft, stop: event.currentTarget.checked })}
          />
          {error !== null && Object.keys(errors).length === 0 && <Alert color="red">{describeError(error, t)}</Alert>}
          <Group>
            <Button
              variant="default"
              leftSection={<IconFlask size={16} aria-hidden />}
              loading={trial.isPending}
              onClick={() => {
                save.reset();
                trial.mutate(draft);
              }}
              data-testid="rule-try"
            >
              {t('inboxAutomation.rules.try')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="rule-save">
              {t('inboxAutomation.rules.save')}
            </Button>
            <Button variant="subtle" onClick={onDone}>
              {t('inboxAutomation.cancel')}
            </Button>
          </Group>
          {trial.data && !trial.isPending && <RuleTrialResult trial={trial.data} />}
        </Stack>
      </form>
    </Paper>
  );
}

interface RulePartProps {
  draft: RuleInput;
  setDraft: Dispatch<SetStateAction<RuleInput>>;
  errors: Record<string, string>;
}

/** The rule's conditions, each with its own mistakes, and the button that adds one. */
function RuleConditions({ draft, setDraft, errors }: RulePartProps) {
  const { t } = useTranslation();
  const setCondition = (index: number, value: RuleCondition | null) =>
    setDraft((d) => ({
      ...d,
      conditions: value
        ? d.conditions.map((c, i) => (i === index ? value : c))
        : d.conditions.filter((_, i) => i !== index),
    }));
  return (
    <>
      {errors.conditions && (
        <Text c="red" size="sm">
          {errors.conditions}
        </Text>
      )}
      {draft.conditions.map((condition, index) => (
        <ConditionRow
          key={index}
          index={index}
          value={condition}
          errors={errors}
          onChange={(value) => setCondition(index, value)}
          onRemove={() => setCondition(index, null)}
        />
      ))}
      <Group>
        <Button
          variant="light"
          leftSection={<IconPlus size={16} aria-hidden />}
          onClick={() => setDraft({ ...draft, conditions: [...draft.conditions, blankCondition('query')] })}
        >
          {t('inboxAutomation.rules.addCondition')}
        </Button>
      </Group>
    </>
  );
}

/** The rule's actions (the members and saved replies they may name), and the button that adds one. */
function RuleActions({ draft, setDraft, errors }: RulePartProps) {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const members = useMembers(workspace.id);
  const replies = useSavedReplies();
  const memberOptions = (members.data?.items ?? [])
    .filter((m) => m.role !== 'ambassador')
    .map((m) => ({ value: m.userId, label: m.name }));
  const replyOptions = (replies.data ?? []).map((r) => ({ value: r.id, label: r.name }));
  const setAction = (index: number, value: RuleAction | null) =>
    setDraft((d) => ({
      ...d,
      actions: value ? d.actions.map((a, i) => (i === index ? value : a)) : d.actions.filter((_, i) => i !== index),
    }));
  return (
    <>
      {errors.actions && (
        <Text c="red" size="sm">
          {errors.actions}
        </Text>
      )}
      {draft.actions.map((action, index) => (
        <ActionRow
          key={index}
          index={index}
          value={action}
          errors={errors}
          members={memberOptions}
          replies={replyOptions}
          onChange={(value) => setAction(index, value)}
          onRemove={() => setAction(index, null)}
        />
      ))}
      <Group>
        <Button
          variant="light"
          leftSection={<IconPlus size={16} aria-hidden />}
          onClick={() => setDraft({ ...draft, actions: [...draft.actions, blankAction('label')] })}
        >
          {t('inboxAutomation.rules.addAction')}
        </Button>
      </Group>
    </>
  );
}
