// "Ligne éditoriale": the themes (with their calendar colour) and content types posts are tagged with.
import {
  ActionIcon,
  Button,
  ColorInput,
  ColorSwatch,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../api/client';
import type { ContentType, Theme } from '../../api/types';
import { ConfirmModal } from '../../ui/confirm-modal';
import { ErrorAlert, notifyError, notifySuccess, readFieldErrors } from '../../ui/api-errors';
import { PageLoader } from '../../ui/page-loader';
import { postsKey } from '../posts/use-posts';
import { useWorkspace } from '../workspaces/workspace-context';
import { contentTypesKey, themesKey, useContentTypes, useThemes } from './use-editorial';

// Mantine's palette at shade 6: distinct, and readable with white text on the calendar.
const SWATCHES = [
  '#fa5252',
  '#e64980',
  '#be4bdb',
  '#7950f2',
  '#4c6ef5',
  '#228be6',
  '#15aabf',
  '#12b886',
  '#40c057',
  '#82c91e',
  '#fab005',
  '#fd7e14',
];
const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;

type Removal = { kind: 'theme'; item: Theme } | { kind: 'contentType'; item: ContentType };

export function EditorialPage() {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const queryClient = useQueryClient();
  const [removing, setRemoving] = useState<Removal | null>(null);

  const remove = useMutation({
    mutationFn: (removal: Removal) =>
      api.delete(
        removal.kind === 'theme'
          ? `/api/workspaces/${workspace.id}/themes/${removal.item.id}`
          : `/api/workspaces/${workspace.id}/content-types/${removal.item.id}`,
      ),
    onSuccess: (_result, removal) => {
      notifySuccess(t('editorial.deleted', { name: removal.item.name }));
      setRemoving(null);
    },
    onError: (error) => notifyError(error, t),
    onSettled: (_result, _error, removal) =>
      Promise.all([
        queryClient.invalidateQueries({
          queryKey: removal.kind === 'theme' ? themesKey(workspace.id) : contentTypesKey(workspace.id),
        }),
        // Posts lose the deleted tag on the server: refresh the calendar's colours.
        queryClient.invalidateQueries({ queryKey: postsKey(workspace.id) }),
      ]),
  });

  return (
    <Stack>
      <div>
        <Title order={2}>{t('editorial.title')}</Title>
        <Text c="dimmed" size="sm" mt={4} maw={720}>
          {t('editorial.intro')}
        </Text>
      </div>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <ThemesSection workspaceId={workspace.id} onRemove={(item) => setRemoving({ kind: 'theme', item })} />
        <ContentTypesSection
          workspaceId={workspace.id}
          onRemove={(item) => setRemoving({ kind: 'contentType', item })}
        />
      </SimpleGrid>
      <ConfirmModal
        opened={removing !== null}
        title={removing?.kind === 'theme' ? t('editorial.deleteThemeTitle') : t('editorial.deleteContentTypeTitle')}
        message={
          removing?.kind === 'theme'
            ? t('editorial.deleteThemeConfirm', { name: removing.item.name })
            : t('editorial.deleteContentTypeConfirm', { name: removing?.item.name ?? '' })
        }
        confirmLabel={t('common.delete')}
        loading={remove.isPending}
        onConfirm={() => removing && remove.mutate(removing)}
        onClose={() => setRemoving(null)}
      />
    </Stack>
  );
}

/** Name clashes come back as a 409 `conflict`; say it beside the name field. */
function nameError(error: unknown, t: (key: 'editorial.duplicate') => string): string | undefined {
  if (isApiError(error) && error.code === 'conflict') return t('editorial.duplicate');
  return readFieldErrors(error).name;
}

function ThemesSection({ workspaceId, onRemove }: { workspaceId: string; onRemove: (theme: Theme) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const themes = useThemes(workspaceId);
  const [name, setName] = useState('');
  const [color, setColor] = useState(SWATCHES[5] ?? '#228be6');
  const [nameMissing, setNameMissing] = useState(false);
  const [colorInvalid, setColorInvalid] = useState(false);

  const create = useMutation({
    mutationFn: () => api.post<Theme>(`/api/workspaces/${workspaceId}/themes`, { name: name.trim(), color }),
    onSuccess: async (theme) => {
      notifySuccess(t('editorial.themeCreated', { name: theme.name }));
      setName('');
      await queryClient.invalidateQueries({ queryKey: themesKey(workspaceId) });
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const missing = name.trim() === '';
    const invalid = !HEX_COLOR.test(color);
    setNameMissing(missing);
    setColorInvalid(invalid);
    if (!missing && !invalid) create.mutate();
  };

  const conflictOrField = nameError(create.error, t);
  return (
    <EditorialSection title={t('editorial.themes')} hint={t('editorial.themesHint')}>
      <form onSubmit={submit} noValidate data-testid="theme-form">
        <Stack gap="sm">
          {create.error && !conflictOrField && <ErrorAlert error={create.error} />}
          <Group align="flex-start" grow preventGrowOverflow={false}>
            <TextInput
              label={t('editorial.themeName')}
              placeholder={t('editorial.themeNamePlaceholder')}
              value={name}
              onChange={(event) => setName(event.currentTarget.value)}
              error={nameMissing ? t('validation.required') : conflictOrField}
              data-testid="write-theme-name"
            />
            <ColorInput
              label={t('editorial.themeColor')}
              value={color}
              onChange={setColor}
              format="hex"
              swatches={SWATCHES}
              swatchesPerRow={6}
              error={colorInvalid ? t('editorial.colorInvalid') : readFieldErrors(create.error).color}
              data-testid="write-theme-color"
            />
          </Group>
          <Group justify="flex-end">
            <Button type="submit" loading={create.isPending} data-testid="write-theme-submit">
              {t('editorial.addTheme')}
            </Button>
          </Group>
        </Stack>
      </form>
      {themes.isPending && <PageLoader />}
      {themes.isError && <ErrorAlert error={themes.error} onRetry={() => void themes.refetch()} />}
      {themes.data && (
        <VocabularyTable
          testId="themes-table"
          empty={t('editorial.themesEmpty')}
          rows={themes.data.items.map((theme) => ({
            id: theme.id,
            name: theme.name,
            leading: (
              <ColorSwatch
                color={theme.color}
                size={18}
                role="img"
                aria-label={t('a11y.themeColor', { color: theme.color })}
              />
            ),
            onRemove: () => onRemove(theme),
          }))}
        />
      )}
    </EditorialSection>
  );
}

function ContentTypesSection({
  workspaceId,
  onRemove,
}: {
  workspaceId: string;
  onRemove: (type: ContentType) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const types = useContentTypes(workspaceId);
  const [name, setName] = useState('');
  const [nameMissing, setNameMissing] = useState(false);

  const create = useMutation({
    mutationFn: () => api.post<ContentType>(`/api/workspaces/${workspaceId}/content-types`, { name: name.trim() }),
    onSuccess: async (type) => {
      notifySuccess(t('editorial.contentTypeCreated', { name: type.name }));
      setName('');
      await queryClient.invalidateQueries({ queryKey: contentTypesKey(workspaceId) });
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const missing = name.trim() === '';
    setNameMissing(missing);
    if (!missing) create.mutate();
  };

  const conflictOrField = nameError(create.error, t);
  return (
    <EditorialSection title={t('editorial.contentTypes')} hint={t('editorial.contentTypesHint')}>
      <form onSubmit={submit} noValidate data-testid="content-type-form">
        <Stack gap="sm">
          {create.error && !conflictOrField && <ErrorAlert error={create.error} />}
          <TextInput
            label={t('editorial.contentTypeName')}
            placeholder={t('editorial.contentTypeNamePlaceholder')}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={nameMissing ? t('validation.required') : conflictOrField}
            data-testid="write-content-type-name"
          />
          <Group justify="flex-end">
            <Button type="submit" loading={create.isPending} data-testid="write-content-type-submit">
              {t('editorial.addContentType')}
            </Button>
          </Group>
        </Stack>
      </form>
      {types.isPending && <PageLoader />}
      {types.isError && <ErrorAlert error={types.error} onRetry={() => void types.refetch()} />}
      {types.data && (
        <VocabularyTable
          testId="content-types-table"
          empty={t('editorial.contentTypesEmpty')}
          rows={types.data.items.map((type) => ({
            id: type.id,
            name: type.name,
            onRemove: () => onRemove(type),
          }))}
        />
      )}
    </EditorialSection>
  );
}

function EditorialSection({ title, hint, children }: { title: string; hint: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" radius="md">
      <Stack>
        <div>
          <Title order={4}>{title}</Title>
          <Text size="sm" c="dimmed">
            {hint}
          </Text>
        </div>
        {children}
      </Stack>
    </Paper>
  );
}

interface VocabularyRow {
  id: string;
  name: string;
  leading?: ReactNode;
  onRemove: () => void;
}

function VocabularyTable({ rows, empty, testId }: { rows: VocabularyRow[]; empty: string; testId: string }) {
  const { t } = useTranslation();
  if (rows.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid={testId}>
        {empty}
      </Text>
    );
  }
  return (
    <Table verticalSpacing="xs" data-testid={testId}>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={row.id} data-testid={`${testId}-row`}>
            <Table.Td>
              <Group gap="sm" wrap="nowrap">
                {row.leading}
                <Text size="sm">{row.name}</Text>
              </Group>
            </Table.Td>
            <Table.Td w={48}>
              <ActionIcon
                variant="subtle"
                color="red"
                onClick={row.onRemove}
                aria-label={`${t('common.delete')} ${row.name}`}
                data-testid={`write-delete-${row.id}`}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
