// One mention as people read it: who, where, when, the text, its topics and sentiment, and what can be done
// with it. Everything in a mention comes from strangers: it is only ever rendered as React text, and only
// http(s) addresses become links.
import { Paper, Stack, TagsInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Mention, Topic } from '../../api/types';
import { MentionBadges, MentionBody, MentionButtons, MentionByline, type MentionActions } from './mention-card-parts';
import { MentionIdeaButton } from '../plan/mention-idea-button';

interface MentionCardProps {
  mention: Mention;
  topics: ReadonlyMap<string, Topic>;
  /** Absent for people who may only read (viewers), and in previews. */
  actions?: MentionActions;
}

export function MentionCard({ mention, topics, actions }: MentionCardProps) {
  const { t } = useTranslation();
  const [editingTags, setEditingTags] = useState(false);
  const handled = mention.handledAt !== null;

  return (
    <Paper
      withBorder
      p="sm"
      radius="md"
      data-testid="mention"
      data-mention-id={mention.id}
      data-sentiment={mention.sentiment}
      data-handled={handled ? 'true' : 'false'}
      // Handled mentions step back on a grey card rather than faded (faded text would fall below 4.5:1).
      bg={handled ? 'var(--mantine-color-default-hover)' : undefined}
    >
      <Stack gap={6}>
        <MentionByline mention={mention} />
        <MentionBody mention={mention} />
        <MentionBadges mention={mention} topics={topics} />
        {editingTags && actions && (
          <TagsInput
            size="xs"
            label={t('listening.mentions.tags')}
            placeholder={t('listening.mentions.tagsPlaceholder')}
            defaultValue={mention.tags}
            maxTags={30}
            autoFocus
            onChange={(tags) => actions.setTags(mention, tags)}
            data-testid="mention-tags-input"
          />
        )}

        <MentionButtons mention={mention} actions={actions} onToggleTags={() => setEditingTags((open) => !open)} />
        {actions ? <MentionIdeaButton mention={mention} /> : null}
      </Stack>
    </Paper>
  );
}
