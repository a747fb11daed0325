// The charter's rules on form and conduct: accessibility (RGAA habits), inclusive writing, links (UTM) and the
// response policy (delays, tone, hide with a reason — never delete).
import {
  Alert,
  Group,
  NumberInput,
  SegmentedControl,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { INCLUSIVE_POLICIES, type Charter } from '@rostra/core';
import { IconShieldCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { LevelSelect, SwitchRule, type SectionProps } from './charter-fields';

export function AccessibilitySection({ value, onChange, disabled }: SectionProps<Charter['accessibility']>) {
  const { t } = useTranslation();
  const base = { level: 'advice' as const, explanation: '' };
  return (
    <Stack gap="sm">
      <SwitchRule
        label={t('charter.fields.altText')}
        value={value.altTextRequired}
        initial={{ ...base, level: 'warning' }}
        onChange={(altTextRequired) => onChange({ ...value, altTextRequired })}
        disabled={disabled}
        testId="charter-alt-text"
      />
      <SwitchRule
        label={t('charter.fields.camelCase')}
        value={value.camelCaseHashtags}
        initial={{ ...base, minLength: 8, known: [] }}
        onChange={(camelCaseHashtags) => onChange({ ...value, camelCaseHashtags })}
        disabled={disabled}
        testId="charter-camel-case"
      >
        {(rule) => (
          <>
            <NumberInput
              label={t('charter.fields.minLength')}
              value={rule.minLength}
              min={2}
              max={50}
              w={200}
              disabled={disabled}
              onChange={(v) => onChange({ ...value, camelCaseHashtags: { ...rule, minLength: Number(v) || 8 } })}
            />
            <TagsInput
              label={t('charter.fields.known')}
              value={rule.known}
              disabled={disabled}
              onChange={(known) => onChange({ ...value, camelCaseHashtags: { ...rule, known } })}
            />
          </>
        )}
      </SwitchRule>
      <SwitchRule
        label={t('charter.fields.allCaps')}
        value={value.noAllCaps}
        initial={{ ...base, minWords: 3 }}
        onChange={(noAllCaps) => onChange({ ...value, noAllCaps })}
        disabled={disabled}
        testId="charter-all-caps"
      >
        {(rule) => (
          <NumberInput
            label={t('charter.fields.minWords')}
            value={rule.minWords}
            min={2}
            max={20}
            w={130}
            disabled={disabled}
            onChange={(v) => onChange({ ...value, noAllCaps: { ...rule, minWords: Number(v) || 3 } })}
          />
        )}
      </SwitchRule>
      <SwitchRule
        label={t('charter.fields.emoji')}
        value={value.maxEmoji}
        initial={{ ...base, max: 3 }}
        onChange={(maxEmoji) => onChange({ ...value, maxEmoji })}
        disabled={disabled}
        testId="charter-emoji"
      >
        {(rule) => (
          <NumberInput
            label={t('charter.fields.maxEmoji')}
            value={rule.max}
            min={0}
            max={50}
            w={160}
            disabled={disabled}
            onChange={(v) => onChange({ ...value, maxEmoji: { ...rule, max: Number(v) || 0 } })}
          />
        )}
      </SwitchRule>
    </Stack>
  );
}

export function InclusiveSection({ value, onChange, disabled }: SectionProps<Charter['inclusiveWriting']>) {
  const { t } = useTranslation();
  return (
    <Group align="flex-end" gap="sm">
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          {t('charter.fields.policy')}
        </Text>
        <SegmentedControl
          data={INCLUSIVE_POLICIES.map((policy) => ({ value: policy, label: t(`charter.policies.${policy}`) }))}
          value={value.policy}
          onChange={(policy) => onChange({ ...value, policy: policy as Charter['inclusiveWriting']['policy'] })}
          disabled={disabled}
          data-testid="charter-inclusive-policy"
        />
      </Stack>
      <LevelSelect
        value={value.level}
        onChange={(level) => onChange({ ...value, level })}
        disabled={disabled || value.policy === 'allowed'}
        testId="charter-inclusive-level"
      />
      <TextInput
        label={t('charter.fields.explanation')}
        value={value.explanation}
        onChange={(e) => onChange({ ...value, explanation: e.currentTarget.value })}
        disabled={disabled}
        style={{ flex: 1, minWidth: 200 }}
      />
    </Group>
  );
}

export function LinksSection({ value, onChange, disabled }: SectionProps<Charter['links']>) {
  const { t } = useTranslation();
  return (
    <SwitchRule
      label={t('charter.fields.utm')}
      value={value.utmRequired}
      initial={{ level: 'warning', explanation: '', exemptHosts: [], medium: 'social', campaign: '' }}
      onChange={(utmRequired) => onChange({ utmRequired })}
      disabled={disabled}
      testId="charter-utm"
    >
      {(rule) => (
        <>
          <TagsInput
            label={t('charter.fields.exemptHosts')}
            value={rule.exemptHosts}
            disabled={disabled}
            onChange={(exemptHosts) => onChange({ utmRequired: { ...rule, exemptHosts } })}
          />
          <TextInput
            label={t('charter.fields.medium')}
            value={rule.medium}
            disabled={disabled}
            w={150}
            onChange={(e) => onChange({ utmRequired: { ...rule, medium: e.currentTarget.value } })}
          />
          <TextInput
            label={t('charter.fields.campaign')}
            value={rule.campaign}
            disabled={disabled}
            w={150}
            onChange={(e) => onChange({ utmRequired: { ...rule, campaign: e.currentTarget.value } })}
          />
        </>
      )}
    </SwitchRule>
  );
}

export function ResponseSection({ value, onChange, disabled }: SectionProps<Charter['responsePolicy']>) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <Alert color="gray" icon={<IconShieldCheck size={18} />} data-testid="charter-never-delete">
        {t('charter.fields.neverDelete')}
      </Alert>
      <NumberInput
        label={t('charter.fields.maxDelayHours')}
        value={value.maxDelayHours ?? ''}
        min={1}
        max={720}
        w={220}
        disabled={disabled}
        onChange={(v) => onChange({ ...value, maxDelayHours: typeof v === 'number' ? v : null })}
      />
      <Textarea
        label={t('charter.fields.responseTone')}
        value={value.tone}
        autosize
        minRows={2}
        disabled={disabled}
        onChange={(e) => onChange({ ...value, tone: e.currentTarget.value })}
      />
      <TagsInput
        label={t('charter.fields.hideReasons')}
        value={value.hideReasons}
        disabled={disabled}
        onChange={(hideReasons) => onChange({ ...value, hideReasons })}
      />
    </Stack>
  );
}
