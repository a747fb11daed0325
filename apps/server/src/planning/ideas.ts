// The idea bank's writes: ideas typed in or taken from a listening mention (with its link; a mention gives one
// idea), edited and removed, each with its audit entry in the same transaction. An idea becomes a slot's draft
// through the plan service's createSlotPost.
import { AppError, ideaFromMention, type IdeaInput, type NewIdea } from '@rostra/core';
import type { Store } from '@rostra/store';
import { auditWorkspace, type Caller } from '../audit/caller.js';

export type IdeaService = ReturnType<typeof createIdeaService>;

export function createIdeaService({ store }: { store: Store }) {
  async function checkTheme(workspaceId: string, themeId: string | null): Promise<void> {
    if (themeId && !(await store.editorial.listThemes(workspaceId)).some((t) => t.id === themeId)) {
      throw new AppError('validation_failed', 'Unknown theme', {
        issues: [{ path: 'body.themeId', code: 'unknown_theme', message: 'Unknown theme' }],
      });
    }
  }

  async function create(workspaceId: string, idea: NewIdea, caller: Caller) {
    return store.transaction(async (repos) => {
      const created = await repos.plan.createIdea(workspaceId, idea);
      await auditWorkspace(repos, caller, workspaceId, {
        action: 'plan.idea_created',
        targetType: 'idea',
        targetId: created.id,
        targetLabel: created.title,
        details: { source: created.source, ...(created.mentionId ? { mentionId: created.mentionId } : {}) },
      });
      return created;
    });
  }

  return {
    async createIdea(workspaceId: string, input: IdeaInput, caller: Caller) {
      await checkTheme(workspaceId, input.themeId);
      return create(
        workspaceId,
        { ...input, source: 'manual', mentionId: null, sourceUrl: null, createdBy: caller.userId },
        caller,
      );
    },

    /** The mention's idea: its words and link; a mention already turned into an idea is a conflict. */
    async createIdeaFromMention(workspaceId: string, mentionId: string, caller: Caller) {
      const mention = await store.listening.getMention(workspaceId, mentionId);
      if (!mention) throw new AppError('not_found', 'Mention not found');
      const existing = await store.plan.findIdeaByMention(workspaceId, mentionId);
      if (existing) {
        throw new AppError('conflict', 'This mention is an idea already', {
          path: 'body.mentionId',
          ideaId: existing.id,
        });
      }
      return create(workspaceId, ideaFromMention(mention, caller.userId), caller);
    },

    async updateIdea(workspaceId: string, ideaId: string, input: IdeaInput, caller: Caller) {
      await checkTheme(workspaceId, input.themeId);
      return store.transaction(async (repos) => {
        const idea = await repos.plan.updateIdea(workspaceId, ideaId, input);
        if (!idea) throw new AppError('not_found', 'Idea not found');
        await auditWorkspace(repos, caller, workspaceId, {
          action: 'plan.idea_updated',
          targetType: 'idea',
          targetId: idea.id,
          targetLabel: idea.title,
        });
        return idea;
      });
    },

    async deleteIdea(workspaceId: string, ideaId: string, caller: Caller) {
      await store.transaction(async (repos) => {
        const idea = await repos.plan.getIdea(workspaceId, ideaId);
        if (!idea || !(await repos.plan.deleteIdea(workspaceId, ideaId))) {
          throw new AppError('not_found', 'Idea not found');
        }
        await auditWorkspace(repos, caller, workspaceId, {
          action: 'plan.idea_deleted',
          targetType: 'idea',
          targetId: idea.id,
          targetLabel: idea.title,
        });
      });
    },
  };
}
