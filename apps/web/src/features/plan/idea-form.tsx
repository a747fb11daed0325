// The form of an idea of the idea bank: a title, notes, a theme and the persona it speaks to.
import { Button, Group, Modal, NativeSelect, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorAlert, notifySuccess, readFieldErrors } from '../../ui/api-errors';
import { useThemes } from '../editorial/use-editorial';
import { planKey, type Idea, type IdeaBody } from './plan-api';

export function IdeaForm(props: { workspaceId: string; idea: Idea | null; onClose(): void }) {
  const { workspaceId, idea, onClose } = props;
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const themes = useThemes(workspaceId).data?.items ?? [];
  const [body, setBody] = useState<IdeaBody>({
    title: idea?.title ?? '',
    notes: idea?.notes ?? '',
    themeId: idea?.themeId ?? null,
    persona: idea?.persona ?? '',
  });
  const update = (patch: Partial<IdeaBody>) => setBody((current) => ({ ...current, ...patch }));
  const save = useMutation({
    mutationFn: () =>
      idea
        ? api.put<Idea>(`/api/workspaces/${workspaceId}/plan/ideas/${idea.id}`, body)
        : api.post<Idea>(`/api/workspaces/${workspaceId}/plan/ideas`, body),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: planKey(workspaceId) });
      notifySuccess(t(idea ? 'animationPlan.ideas.updated' : 'animationPlan.ideas.created'));
      onClose();
    },
  });
  const errors = readFieldErrors(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <Modal opened onClose={onClose} title={t(idea ? 'animationPlan.ideas.editTitle' : 'animationPlan.ideas.newTitle')}>
      <form onSubmit={submit} data-testid="idea-form">
        <Stack>
          {save.error && Object.keys(errors).length === 0 ? <ErrorAlert error={save.error} /> : null}
          <TextInput
            label={t('animationPlan.ideas.title')}
            required
            value={body.title}
            onChange={(e) => update({ title: e.currentTarget.value })}
            error={errors.title}
            data-testid="idea-title"
          />
          <Textarea
            label={t('animationPlan.ideas.notes')}
            autosize
            minRows={3}
            value={body.notes}
            onChange={(e) => update({ notes: e.currentTarget.value })}
            error={errors.notes}
            data-testid="idea-notes"
          />
          <NativeSelect
            label={t('animationPlan.rubric.theme')}
            value={body.themeId ?? ''}
            onChange={(e) => update({ themeId: e.currentTarget.value || null })}
            data={[{ value: '', label: t('common.none') }, ...themes.map((th) => ({ value: th.id, label: th.name }))]}
            error={errors.themeId}
          />
          <TextInput
            label={t('animationPlan.rubric.persona')}
            value={body.persona}
            onChange={(e) => update({ persona: e.currentTarget.value })}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="idea-submit">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
