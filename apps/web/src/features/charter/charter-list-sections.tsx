// The charter's lists: words to avoid with their replacement, forbidden topics with the words that reveal them, and
// the musts of each network (an image, a question, hashtags and emoji counted).
import { ActionIcon, Button, Group, NumberInput, Select, Stack, Switch, TagsInput, TextInput } from '@mantine/core';
import type { Charter, CharterLevel, ForbiddenTopic, NetworkMusts, WordToAvoid } from '@rostra/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { describeNetwork } from '../channels/networks';
import { LevelSelect, type SectionProps } from './charter-fields';

const NETWORKS = ['facebook', 'instagram', 'linkedin', 'x', 'mastodon', 'bluesky', 'threads', 'youtube', 'wordpress'];

function replaceAt<T>(list: readonly T[], index: number, item: T): T[] {
  return list.map((current, i) => (i === index ? item : current));
}

export function WordsSection({ value, onChange, disabled }: SectionProps<Charter['wordsToAvoid']>) {
  const { t } = useTranslation();
  const set = (index: number, patch: Partial<WordToAvoid>) =>
    onChange(replaceAt(value, index, { ...value[index]!, ...patch }));
  return (
    <Stack gap="xs">
      {value.map((word, index) => (
        <Group key={index} align="flex-end" gap="sm" data-testid={`charter-word-${index}`}>
          <TextInput
            label={t('charter.fields.word')}
            value={word.word}
            onChange={(e) => set(index, { word: e.currentTarget.value })}
            disabled={disabled}
            data-testid={`charter-word-${index}-word`}
          />
          <TextInput
            label={t('charter.fields.replacement')}
            value={word.replacement}
            onChange={(e) => set(index, { replacement: e.currentTarget.value })}
            disabled={disabled}
            data-testid={`charter-word-${index}-replacement`}
          />
          <LevelSelect
            value={word.level}
            onChange={(level) => set(index, { level })}
            disabled={disabled}
            testId={`charter-word-${index}-level`}
          />
          <TextInput
            label={t('charter.fields.explanation')}
            value={word.explanation}
            onChange={(e) => set(index, { explanation: e.currentTarget.value })}
            disabled={disabled}
            style={{ flex: 1, minWidth: 180 }}
            data-testid={`charter-word-${index}-explanation`}
          />
          <RemoveButton onClick={() => onChange(value.filter((_, i) => i !== index))} disabled={disabled} />
        </Group>
      ))}
      <AddButton
        label={t('charter.add.word')}
        disabled={disabled}
        testId="charter-word-add"
        onClick={() => onChange([...value, { word: '', replacement: '', level: 'warning', explanation: '' }])}
      />
    </Stack>
  );
}

export function TopicsSection({ value, onChange, disabled }: SectionProps<Charter['forbiddenTopics']>) {
  const { t } = useTranslation();
  const set = (index: number, patch: Partial<ForbiddenTopic>) =>
    onChange(replaceAt(value, index, { ...value[index]!, ...patch }));
  return (
    <Stack gap="xs">
      {value.map((topic, index) => (
        <Group key={index} align="flex-end" gap="sm" data-testid={`charter-topic-${index}`}>
          <TextInput
            label={t('charter.fields.topic')}
            value={topic.topic}
            onChange={(e) => set(index, { topic: e.currentTarget.value })}
            disabled={disabled}
          />
          <TagsInput
            label={t('charter.fields.terms')}
            value={topic.terms}
            onChange={(terms) => set(index, { terms })}
            disabled={disabled}
            style={{ flex: 1, minWidth: 220 }}
          />
          <LevelSelect
            value={topic.level}
            onChange={(level) => set(index, { level })}
            disabled={disabled}
            testId={`charter-topic-${index}-level`}
          />
          <RemoveButton onClick={() => onChange(value.filter((_, i) => i !== index))} disabled={disabled} />
        </Group>
      ))}
      <AddButton
        label={t('charter.add.topic')}
        disabled={disabled}
        testId="charter-topic-add"
        onClick={() => onChange([...value, { topic: '', terms: [], level: 'blocking', explanation: '' }])}
      />
    </Stack>
  );
}

export function NetworksSection({ value, onChange, disabled }: SectionProps<Charter['networks']>) {
  const { t } = useTranslation();
  const unused = NETWORKS.filter((network) => !value.some((m) => m.network === network));
  const add = () =>
    unused[0] &&
    onChange([
      ...value,
      { network: unused[0], imageRequired: null, questionRequired: null, maxHashtags: null, maxEmoji: null },
    ]);
  return (
    <Stack gap="sm">
      {value.map((musts, index) => (
        <NetworkMustsRow
          key={index}
          musts={musts}
          networks={[musts.network, ...unused]}
          disabled={disabled}
          onChange={(next) => onChange(replaceAt(value, index, next))}
          onRemove={() => onChange(value.filter((_, i) => i !== index))}
        />
      ))}
      <AddButton
        label={t('charter.add.network')}
        disabled={disabled || unused.length === 0}
        testId="charter-network-add"
        onClick={add}
      />
    </Stack>
  );
}

/** One network's musts; each switch or count uses the row's level. */
function NetworkMustsRow(props: {
  musts: NetworkMusts;
  networks: string[];
  disabled: boolean;
  onChange: (musts: NetworkMusts) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const { musts, disabled, onChange } = props;
  const rule = { level: rowLevel(musts), explanation: '' };
  const count = (value: string | number) => (typeof value === 'number' ? { ...rule, max: value } : null);
  return (
    <Group align="flex-end" gap="sm" data-testid={`charter-network-${musts.network}`}>
      <Select
        label={t('charter.fields.network')}
        data={props.networks.map((n) => ({ value: n, label: describeNetwork(n).label }))}
        value={musts.network}
        onChange={(network) => network && onChange({ ...musts, network })}
        allowDeselect={false}
        disabled={disabled}
        w={150}
      />
      <LevelSelect
        value={rule.level}
        onChange={(level) => onChange(withLevel(musts, level))}
        disabled={disabled}
        testId={`charter-network-${musts.network}-level`}
      />
      <Switch
        label={t('charter.fields.imageRequired')}
        checked={musts.imageRequired !== null}
        onChange={(e) => onChange({ ...musts, imageRequired: e.currentTarget.checked ? rule : null })}
        disabled={disabled}
      />
      <Switch
        label={t('charter.fields.questionRequired')}
        checked={musts.questionRequired !== null}
        onChange={(e) => onChange({ ...musts, questionRequired: e.currentTarget.checked ? rule : null })}
        disabled={disabled}
      />
      <NumberInput
        label={t('charter.fields.maxHashtags')}
        value={musts.maxHashtags?.max ?? ''}
        min={0}
        max={30}
        w={130}
        disabled={disabled}
        onChange={(v) => onChange({ ...musts, maxHashtags: count(v) })}
      />
      <NumberInput
        label={t('charter.fields.maxEmoji')}
        value={musts.maxEmoji?.max ?? ''}
        min={0}
        max={50}
        w={150}
        disabled={disabled}
        onChange={(v) => onChange({ ...musts, maxEmoji: count(v) })}
      />
      <RemoveButton onClick={props.onRemove} disabled={disabled} />
    </Group>
  );
}

function rowLevel(musts: NetworkMusts) {
  return (musts.imageRequired ?? musts.questionRequired ?? musts.maxHashtags ?? musts.maxEmoji)?.level ?? 'warning';
}

function withLevel(musts: NetworkMusts, level: CharterLevel): NetworkMusts {
  const relevel = <T extends { level: string } | null>(rule: T): T => (rule ? { ...rule, level } : rule);
  return {
    ...musts,
    imageRequired: relevel(musts.imageRequired),
    questionRequired: relevel(musts.questionRequired),
    maxHashtags: relevel(musts.maxHashtags),
    maxEmoji: relevel(musts.maxEmoji),
  };
}

function AddButton(props: { label: string; onClick: () => void; disabled: boolean; testId: string }) {
  return (
    <Group>
      <Button
        variant="light"
        size="xs"
        leftSection={<IconPlus size={14} />}
        onClick={props.onClick}
        disabled={props.disabled}
        data-testid={props.testId}
      >
        {props.label}
      </Button>
    </Group>
  );
}

function RemoveButton(props: { onClick: () => void; disabled: boolean }) {
  const { t } = useTranslation();
  return (
    <ActionIcon
      variant="subtle"
      color="red"
      onClick={props.onClick}
      disabled={props.disabled}
      aria-label={t('charter.remove')}
      mb={4}
    >
      <IconTrash size={16} />
    </ActionIcon>
  );
}
