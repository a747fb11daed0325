// The mention stream and people's work on it: sentiment corrections, tags, handled — each audited in its
// transaction.
import {
  AppError,
  type ActionContext,
  type MentionFilters,
  type Repositories,
  type SentimentLabel,
  type StoredMention,
} from '@rostra/core';

import type { ListeningServiceDeps } from './service.js';
import { createAuditedWrite, userIdOf } from './audited.js';

async function requireMention(repos: Pick<Repositories, 'listening'>, workspaceId: string, id: string) {
  const mention = await repos.listening.getMention(workspaceId, id);
  if (!mention) throw new AppError('not_found', 'Mention not found');
  return mention;
}

export function createMentionsService(deps: ListeningServiceDeps) {
  const { store } = deps;
  const audited = createAuditedWrite(store);

  return {
    queryMentions: (workspaceId: string, filters: MentionFilters, cursor: string | null, limit: number) =>
      store.listening.queryMentions(workspaceId, filters, cursor, limit),

    getMention: (workspaceId: string, mentionId: string): Promise<StoredMention> =>
      requireMention(store, workspaceId, mentionId),

    /** The correction also teaches the workspace's analyzer (the pipeline reads corrections by version). */
    async correctSentiment(ctx: ActionContext, workspaceId: string, mentionId: string, label: SentimentLabel) {
      let from: SentimentLabel | undefined;
      return audited(
        ctx,
        workspaceId,
        async (repos) => {
          const before = await requireMention(repos, workspaceId, mentionId);
          from = before.sentiment;
          return (await repos.listening.correctSentiment(
            workspaceId,
            before.id,
            label,
            userIdOf(ctx),
            Date.now(),
          )) as StoredMention;
        },
        (mention) => ({
          action: 'mention.sentiment_corrected',
          targetType: 'mention',
          details: { from, to: mention.sentiment },
        }),
      );
    },

    async setTags(ctx: ActionContext, workspaceId: string, mentionId: string, wanted: string[]) {
      const tags = [...new Set(wanted)];
      let from: string[] = [];
      return audited(
        ctx,
        workspaceId,
        async (repos) => {
          const before = await requireMention(repos, workspaceId, mentionId);
          from = before.tags;
          return (await repos.listening.setTags(workspaceId, before.id, tags)) as StoredMention;
        },
        () => ({ action: 'mention.tagged', targetType: 'mention', details: { from, to: tags } }),
      );
    },

    async setHandled(ctx: ActionContext, workspaceId: string, mentionId: string, handled: boolean) {
      return audited(
        ctx,
        workspaceId,
        async (repos) => {
          const before = await requireMention(repos, workspaceId, mentionId);
          const by = userIdOf(ctx) ?? ctx.actor.label;
          return (await repos.listening.setHandled(workspaceId, before.id, handled, by, Date.now())) as StoredMention;
        },
        () => ({ action: handled ? 'mention.handled' : 'mention.reopened', targetType: 'mention' }),
      );
    },
  };
}
