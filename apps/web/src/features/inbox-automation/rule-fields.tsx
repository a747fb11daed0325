// One condition or one action of a moderation rule, as a row of the rule form: its kind, then the fields that kind
// needs. Hiding and answering are recorded for a person to confirm for now (« bientôt » automatic).
import { Badge, Checkbox, Group, MultiSelect, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { RuleAction, RuleCondition } from '../../api/types';
import { IconAction } from '../../ui/icon-action';

export const CONDITION_TYPES: ReadonlyArray<RuleCondition['type']> = [
  'query',
  'sentiment',
  'author_watched',
  'first_contact',
  'followers_at_least',
  'kind',
  'network',
  'only_emojis',
  'only_mentions',
  'has_link',
];
export const ACTION_TYPES: ReadonlyArray<RuleAction['type']> = [
  'label',
  'assign',
  'set_priority',
  'mark_done',
  'hide',
  'reply',
];
const ITEM_KINDS = ['comment', 'reply', 'mention', 'message', 'review'] as const;
const NETWORKS = ['bluesky', 'mastodon', 'wordpress', 'facebook', 'instagram', 'linkedin', 'x'];

/** A new condition or action of a kind, with its fields empty or at their usual value. */
export function blankCondition(type: RuleCondition['type']): RuleCondition {
  switch (type) {
    case 'query':
      return { type, query: '' };
    case 'sentiment':
      return { type, label: 'negative', minConfidence: 0.6 };
    case 'followers_at_least':
      return { type, count: 1000 };
    case 'kind':
      return { type, kinds: ['comment'] };
    case 'network':
      return { type, networks: ['bluesky'] };
    default:
      return { type };
  }
}

export function blankAction(type: RuleAction['type']): RuleAction {
  switch (type) {
    case 'label':
      return { type, label: '' };
    case 'assign':
      return { type, memberId: '' };
    case 'set_priority':
      return { type, priority: 80 };
    case 'mark_done':
      return { type, spam: true };
    case 'hide':
      return { type, reason: '' };
    case 'reply':
      return { type, savedReplyId: '', dailyCap: 20 };
  }
}

interface RowProps<T> {
  index: number;
  value: T;
  errors: Record<string, string>;
  onChange: (value: T) => void;
  onRemove: () => void;
}

export function ConditionRow({ index, value, errors, onChange, onRemove }: RowProps<RuleCondition>) {
  const { t } = useTranslation();
  const path = `conditions.${index}`;
  const label = t('inboxAutomation.rules.conditionN', { n: index + 1 });
  return (
    <Group align="flex-start" wrap="wrap" data-testid="rule-condition">
      <Select
        label={label}
        value={value.type}
        allowDeselect={false}
        data={CONDITION_TYPES.map((type) => ({ value: type, label: t(`inboxAutomation.conditions.${type}`) }))}
        onChange={(type) => type && onChange(blankCondition(type as RuleCondition['type']))}
        error={errors[`${path}.type`]}
        w={240}
      />
      <ConditionFields path={path} value={value} errors={errors} onChange={onChange} />
      <Checkbox
        mt={32}
        label={t('inboxAutomation.rules.negate')}
        checked={value.negate ?? false}
        onChange={(event) => onChange({ ...value, negate: event.currentTarget.checked })}
      />
      <Stack mt={26}>
        <IconAction
          label={t('inboxAutomation.rules.removeCondition')}
          ariaLabel={`${t('inboxAutomation.rules.removeCondition')} ${index + 1}`}
          icon={<IconTrash size={16} />}
          color="red"
          onClick={onRemove}
        />
      </Stack>
    </Group>
  );
}

function ConditionFields({
  path,
  value,
  errors,
  onChange,
}: {
  path: string;
  value: RuleCondition;
  errors: Record<string, string>;
  onChange: (value: RuleCondition) => void;
}) {
  const { t } = useTranslation();
  switch (value.type) {
    case 'query':
      return (
        <TextInput
          label={t('inboxAutomation.rules.query')}
          description={t('inboxAutomation.rules.queryHelp')}
          value={value.query}
          onChange={(event) => onChange({ ...value, query: event.currentTarget.value })}
          error={errors[`${path}.query`]}
          w={320}
          data-testid="rule-query"
        />
      );
    case 'sentiment':
      return (
        <>
          <Select
            label={t('inboxAutomation.rules.sentiment')}
            value={value.label}
            allowDeselect={false}
            data={(['negative', 'neutral', 'positive'] as const).map((s) => ({
              value: s,
              label: t(`inboxAutomation.sentiments.${s}`),
            }))}
            onChange={(label) => label && onChange({ ...value, label: label as typeof value.label })}
            w={160}
          />
          <NumberInput
            label={t('inboxAutomation.rules.minConfidence')}
            value={Math.round(value.minConfidence * 100)}
            min={0}
            max={100}
            suffix=" %"
            onChange={(n) => onChange({ ...value, minConfidence: Number(n) / 100 })}
            error={errors[`${path}.minConfidence`]}
            w={140}
          />
        </>
      );
    case 'followers_at_least':
      return (
        <NumberInput
          label={t('inboxAutomation.rules.followers')}
          value={value.count}
          min={0}
          onChange={(n) => onChange({ ...value, count: Number(n) })}
          error={errors[`${path}.count`]}
          w={160}
        />
      );
    case 'kind':
      return (
        <MultiSelect
          label={t('inboxAutomation.rules.kinds')}
          value={value.kinds}
          data={ITEM_KINDS.map((k) => ({ value: k, label: t(`inbox.kinds.${k}`) }))}
          onChange={(kinds) => onChange({ ...value, kinds: kinds as typeof value.kinds })}
          error={errors[`${path}.kinds`]}
          w={280}
        />
      );
    case 'network':
      return (
        <MultiSelect
          label={t('inboxAutomation.rules.networks')}
          value={value.networks}
          data={NETWORKS}
          onChange={(networks) => onChange({ ...value, networks })}
          error={errors[`${path}.networks`]}
          w={280}
        />
      );
    default:
      return null;
  }
}

interface ActionRowProps extends RowProps<RuleAction> {
  members: Array<{ value: string; label: string }>;
  replies: Array<{ value: string; label: string }>;
}

export function ActionRow({ index, value, errors, onChange, onRemove, members, replies }: ActionRowProps) {
  const { t } = useTranslation();
  const path = `actions.${index}`;
  return (
    <Stack gap={4} data-testid="rule-action">
      <Group align="flex-start" wrap="wrap">
        <Select
          label={t('inboxAutomation.rules.actionN', { n: index + 1 })}
          value={value.type}
          allowDeselect={false}
          data={ACTION_TYPES.map((type) => ({ value: type, label: t(`inboxAutomation.actions.${type}`) }))}
          onChange={(type) => type && onChange(blankAction(type as RuleAction['type']))}
          error={errors[path]}
          w={240}
        />
        <ActionFields
          path={path}
          value={value}
          errors={errors}
          onChange={onChange}
          members={members}
          replies={replies}
        />
        <Stack mt={26}>
          <IconAction
            label={t('inboxAutomation.rules.removeAction')}
            ariaLabel={`${t('inboxAutomation.rules.removeAction')} ${index + 1}`}
            icon={<IconTrash size={16} />}
            color="red"
            onClick={onRemove}
          />
        </Stack>
      </Group>
      {(value.type === 'hide' || value.type === 'reply') && (
        <Group gap="xs">
          <Badge variant="light" color="grape">
            {t('inboxAutomation.soon')}
          </Badge>
          <Text size="sm" c="dimmed">
            {t('inboxAutomation.rules.decisionNote')}
          </Text>
        </Group>
      )}
    </Stack>
  );
}

function ActionFields({
  path,
  value,
  errors,
  onChange,
  members,
  replies,
}: Omit<ActionRowProps, 'index' | 'onRemove'> & { path: string }) {
  const { t } = useTranslation();
  switch (value.type) {
    case 'label':
      return (
        <TextInput
          label={t('inboxAutomation.rules.label')}
          value={value.label}
          onChange={(event) => onChange({ ...value, label: event.currentTarget.value })}
          error={errors[`${path}.label`]}
          w={200}
          data-testid="rule-label"
        />
      );
    case 'assign':
      return (
        <Select
          label={t('inboxAutomation.rules.member')}
          value={value.memberId || null}
          data={members}
          onChange={(memberId) => onChange({ ...value, memberId: memberId ?? '' })}
          error={errors[`${path}.memberId`]}
          w={220}
        />
      );
    case 'set_priority':
      return (
        <NumberInput
          label={t('inboxAutomation.rules.priority')}
          value={value.priority}
          min={0}
          max={100}
          onChange={(n) => onChange({ ...value, priority: Number(n) })}
          error={errors[`${path}.priority`]}
          w={140}
        />
      );
    case 'mark_done':
      return (
        <Checkbox
          mt={32}
          label={t('inboxAutomation.rules.spam')}
          checked={value.spam}
          onChange={(event) => onChange({ ...value, spam: event.currentTarget.checked })}
        />
      );
    case 'hide':
      return (
        <TextInput
          label={t('inboxAutomation.rules.reason')}
          value={value.reason}
          onChange={(event) => onChange({ ...value, reason: event.currentTarget.value })}
          error={errors[`${path}.reason`]}
          w={320}
        />
      );
    case 'reply':
      return (
        <>
          <Select
            label={t('inboxAutomation.rules.savedReply')}
            value={value.savedReplyId || null}
            data={replies}
            onChange={(id) => onChange({ ...value, savedReplyId: id ?? '' })}
            error={errors[`${path}.savedReplyId`]}
            w={220}
          />
          <NumberInput
            label={t('inboxAutomation.rules.dailyCap')}
            value={value.dailyCap}
            min={1}
            max={200}
            onChange={(n) => onChange({ ...value, dailyCap: Number(n) })}
            error={errors[`${path}.dailyCap`]}
            w={140}
          />
        </>
      );
  }
}
