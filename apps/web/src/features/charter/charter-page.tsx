// "Charte éditoriale": the rules every post follows, which the composer checks live and the server holds at
// approval. Every member reads it; managers and admins edit it and save it as a new version (a stale one is refused);
// the versions' history closes the page.
import { Alert, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import type { Charter } from '@rostra/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, notifySuccess } from '../../ui/api-errors';
import { useFormatDateTime } from '../../ui/format';
import { PageLoader } from '../../ui/page-loader';
import { useWorkspace } from '../workspaces/workspace-context';
import { CharterHistory } from './charter-history';
import { NetworksSection, TopicsSection, WordsSection } from './charter-list-sections';
import { AccessibilitySection, InclusiveSection, LinksSection, ResponseSection } from './charter-rule-sections';
import { useCharter, useSaveCharter, type StoredCharterResponse } from './use-charter';

/** Rows left empty are not rules: they are dropped rather than refused. */
function withoutEmptyRows(charter: Charter): Charter {
  return {
    ...charter,
    wordsToAvoid: charter.wordsToAvoid.filter((w) => w.word.trim() !== ''),
    forbiddenTopics: charter.forbiddenTopics.filter((topic) => topic.topic.trim() !== '' && topic.terms.length > 0),
  };
}

export function CharterPage() {
  const { workspace } = useWorkspace();
  const query = useCharter(workspace.id);
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <ErrorAlert error={query.error} />;
  // Keyed by version: a new version saved (here or elsewhere) starts a fresh draft.
  return <CharterForm key={query.data.version} stored={query.data} />;
}

function CharterForm({ stored }: { stored: StoredCharterResponse }) {
  const { t } = useTranslation();
  const { workspace, permissions } = useWorkspace();
  const save = useSaveCharter(workspace.id);
  const [draft, setDraft] = useState<Charter>(stored.charter);
  const disabled = !permissions.manageEditorial || save.isPending;
  const patch =
    <K extends keyof Charter>(key: K) =>
    (value: Charter[K]) =>
      setDraft((d) => ({ ...d, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      { charter: withoutEmptyRows(draft), version: stored.version },
      { onSuccess: (saved) => notifySuccess(t('charter.saved', { version: saved.version })) },
    );
  };

  return (
    <form onSubmit={submit} noValidate data-testid="charter-form">
      <Stack>
        <CharterHeader stored={stored} saving={save.isPending} />
        {!permissions.manageEditorial && (
          <Alert color="gray" icon={<IconInfoCircle size={18} />} data-testid="charter-read-only">
            {t('charter.readOnly')}
          </Alert>
        )}
        {save.error && <ErrorAlert error={save.error} />}
        <VoiceSection
          tone={draft.tone}
          voice={draft.voice}
          onTone={patch('tone')}
          onVoice={patch('voice')}
          disabled={disabled}
        />
        <Section title={t('charter.sections.words')}>
          <WordsSection value={draft.wordsToAvoid} onChange={patch('wordsToAvoid')} disabled={disabled} />
        </Section>
        <Section title={t('charter.sections.topics')}>
          <TopicsSection value={draft.forbiddenTopics} onChange={patch('forbiddenTopics')} disabled={disabled} />
        </Section>
        <Section title={t('charter.sections.networks')}>
          <NetworksSection value={draft.networks} onChange={patch('networks')} disabled={disabled} />
        </Section>
        <Section title={t('charter.sections.accessibility')}>
          <AccessibilitySection value={draft.accessibility} onChange={patch('accessibility')} disabled={disabled} />
        </Section>
        <Section title={t('charter.sections.inclusive')}>
          <InclusiveSection value={draft.inclusiveWriting} onChange={patch('inclusiveWriting')} disabled={disabled} />
        </Section>
        <Section title={t('charter.sections.links')}>
          <LinksSection value={draft.links} onChange={patch('links')} disabled={disabled} />
        </Section>
        <Section title={t('charter.sections.response')}>
          <ResponseSection value={draft.responsePolicy} onChange={patch('responsePolicy')} disabled={disabled} />
        </Section>
        <CharterHistory />
      </Stack>
    </form>
  );
}

// Title, version saved and by when, and the save button for those who may edit.
function CharterHeader({ stored, saving }: { stored: StoredCharterResponse; saving: boolean }) {
  const { t } = useTranslation();
  const { workspace, permissions } = useWorkspace();
  const formatDateTime = useFormatDateTime(workspace.timezone);
  return (
    <Group justify="space-between" align="flex-start">
      <Stack gap={4}>
        <Title order={2}>{t('charter.title')}</Title>
        <Text c="dimmed" size="sm" maw={720}>
          {t('charter.intro')}
        </Text>
        <Text size="xs" c="dimmed" data-testid="charter-version">
          {stored.updatedAt
            ? t('charter.versionInfo', { version: stored.version, date: formatDateTime(stored.updatedAt) })
            : t('charter.noVersion')}
        </Text>
      </Stack>
      {permissions.manageEditorial && (
        <Button type="submit" loading={saving} data-testid="charter-save">
          {t('charter.save')}
        </Button>
      )}
    </Group>
  );
}

function VoiceSection({
  tone,
  voice,
  onTone,
  onVoice,
  disabled,
}: {
  tone: string;
  voice: string;
  onTone: (value: string) => void;
  onVoice: (value: string) => void;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Section title={t('charter.sections.voice')}>
      <Textarea
        label={t('charter.fields.tone')}
        description={t('charter.fields.toneHint')}
        value={tone}
        autosize
        minRows={2}
        disabled={disabled}
        onChange={(e) => onTone(e.currentTarget.value)}
        data-testid="charter-tone"
      />
      <Textarea
        label={t('charter.fields.voice')}
        description={t('charter.fields.voiceHint')}
        value={voice}
        autosize
        minRows={2}
        disabled={disabled}
        onChange={(e) => onVoice(e.currentTarget.value)}
        data-testid="charter-voice"
      />
    </Section>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="sm">
        <Title order={3} size="h4">
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}
