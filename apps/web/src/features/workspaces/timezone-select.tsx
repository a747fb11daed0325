// Searchable IANA time zone picker.
import { Select } from '@mantine/core';
import { useMemo } from 'react';

function listTimeZones(current: string): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  // Browsers omit aliases such as "UTC" from this list; keep the stored value selectable anyway.
  const all = new Set(['UTC', ...zones]);
  if (current) all.add(current);
  return [...all];
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'Europe/Paris';
}

interface TimezoneSelectProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  testId: string;
}

export function TimezoneSelect({ label, value, onChange, error, testId }: TimezoneSelectProps) {
  const data = useMemo(() => listTimeZones(value), [value]);
  return (
    <Select
      label={label}
      data={data}
      value={value}
      onChange={(next) => next && onChange(next)}
      searchable
      allowDeselect={false}
      limit={50}
      error={error}
      data-testid={testId}
    />
  );
}
