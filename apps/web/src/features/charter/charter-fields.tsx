// Small inputs the charter page repeats: a rule's level, and a rule that is on or off with its level and reason.
import { Group, Select, Switch, TextInput } from '@mantine/core';
import { CHARTER_LEVELS, type CharterLevel } from '@rostra/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface SectionProps<T> {
  value: T;
  onChange: (value: T) => void;
  disabled: boolean;
}

export function LevelSelect(props: {
  value: CharterLevel;
  onChange: (level: CharterLevel) => void;
  disabled: boolean;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Select
      label={t('charter.fields.level')}
      data={CHARTER_LEVELS.map((level) => ({ value: level, label: t(`charter.levels.${level}`) }))}
      value={props.value}
      onChange={(value) => value && props.onChange(value as CharterLevel)}
      allowDeselect={false}
      disabled={props.disabled}
      w={170}
      data-testid={props.testId}
    />
  );
}

export interface SwitchRuleValue {
  level: CharterLevel;
  explanation: string;
}

/** A rule that is on (with its level and reason) or off (null); `children` are its own settings. */
export function SwitchRule<T extends SwitchRuleValue>(props: {
  label: string;
  value: T | null;
  /** The rule as it starts when switched on. */
  initial: T;
  onChange: (value: T | null) => void;
  disabled: boolean;
  testId: string;
  children?: (value: T) => ReactNode;
}) {
  const { t } = useTranslation();
  const { value, onChange, disabled, testId } = props;
  return (
    <>
      <Switch
        label={props.label}
        checked={value !== null}
        onChange={(event) => onChange(event.currentTarget.checked ? props.initial : null)}
        disabled={disabled}
        data-testid={testId}
      />
      {value && (
        <Group align="flex-end" gap="sm" pl="xl">
          <LevelSelect
            value={value.level}
            onChange={(level) => onChange({ ...value, level })}
            disabled={disabled}
            testId={`${testId}-level`}
          />
          {props.children?.(value)}
          <TextInput
            label={t('charter.fields.explanation')}
            value={value.explanation}
            onChange={(event) => onChange({ ...value, explanation: event.currentTarget.value })}
            disabled={disabled}
            style={{ flex: 1, minWidth: 200 }}
            data-testid={`${testId}-explanation`}
          />
        </Group>
      )}
    </>
  );
}
