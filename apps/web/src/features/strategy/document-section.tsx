// The strategy's free texts: context, diagnostic and targets, written by managers and read by every member.
import { Button, Group, Paper, Stack, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorAlert, notifySuccess } from '../../ui/api-errors';
import { useWorkspace } from '../workspaces/workspace-context';
import { strategyKey, strategyPath, type StrategyDocument } from './strategy-api';

type Fields = Pick<StrategyDocument, 'context' | 'diagnostic' | 'targets'>;

export function DocumentSection({ document, canManage }: { document: StrategyDocument; canManage: boolean }) {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Fields>({
    context: document.context,
    diagnostic: document.diagnostic,
    targets: document.targets,
  });
  const save = useMutation({
    mutationFn: () => api.put<StrategyDocument>(strategyPath(workspace.id), draft),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: strategyKey(workspace.id) });
      notifySuccess(t('strategy.document.saved'));
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const field = (name: keyof Fields, minRows: number) => (
    <Textarea
      label={t(`strategy.document.${name}`)}
      description={t(`strategy.document.${name}Hint`)}
      autosize
      minRows={minRows}
      readOnly={!canManage}
      value={draft[name]}
      onChange={(e) => {
        const value = e.currentTarget.value;
        setDraft((current) => ({ ...current, [name]: value }));
      }}
      data-testid={`strategy-${name}`}
    />
  );
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="strategy-document-title">
      <form onSubmit={submit}>
        <Stack>
          <Title order={3} id="strategy-document-title">
            {t('strategy.document.title')}
          </Title>
          <ErrorAlert error={save.error} />
          {field('context', 3)}
          {field('diagnostic', 3)}
          {field('targets', 2)}
          {canManage ? (
            <Group justify="flex-end">
              <Button type="submit" loading={save.isPending} data-testid="strategy-document-save">
                {t('common.save')}
              </Button>
            </Group>
          ) : null}
        </Stack>
      </form>
    </Paper>
  );
}
