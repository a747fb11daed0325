// The workspace's editorial vocabulary: themes and content types posts are filed under. Names are unique per
// workspace, case aside; each write runs in one transaction with its audit entry.
import { AppError } from '@rostra/core';
import type { Store } from '@rostra/store';
import { auditWorkspace, type Caller } from '../audit/caller.js';

export function createEditorialService(deps: { store: Store }) {
  const { store } = deps;

  return {
    async createTheme(workspaceId: string, name: string, color: string, caller: Caller) {
      const existing = await store.editorial.listThemes(workspaceId);
      if (existing.some((t) => t.name.toLowerCase() === name.toLowerCase())) {
        throw new AppError('conflict', `A theme named ${name} exists`, { path: 'body.name' });
      }
      return store.transaction(async (repos) => {
        const theme = await repos.editorial.createTheme(workspaceId, name, color);
        await auditWorkspace(repos, caller, workspaceId, {
          action: 'theme.created',
          targetType: 'theme',
          targetId: theme.id,
          details: { name, color },
        });
        return theme;
      });
    },

    async deleteTheme(workspaceId: string, themeId: string, caller: Caller) {
      await store.transaction(async (repos) => {
        if (!(await repos.editorial.deleteTheme(workspaceId, themeId)))
          throw new AppError('not_found', 'Theme not found');
        await auditWorkspace(repos, caller, workspaceId, {
          action: 'theme.deleted',
          targetType: 'theme',
          targetId: themeId,
        });
      });
    },

    async createContentType(workspaceId: string, name: string, caller: Caller) {
      const existing = await store.editorial.listContentTypes(workspaceId);
      if (existing.some((t) => t.name.toLowerCase() === name.toLowerCase())) {
        throw new AppError('conflict', `A content type named ${name} exists`, { path: 'body.name' });
      }
      return store.transaction(async (repos) => {
        const type = await repos.editorial.createContentType(workspaceId, name);
        await auditWorkspace(repos, caller, workspaceId, {
          action: 'content_type.created',
          targetType: 'content_type',
          targetId: type.id,
          details: { name },
        });
        return type;
      });
    },

    async deleteContentType(workspaceId: string, id: string, caller: Caller) {
      await store.transaction(async (repos) => {
        if (!(await repos.editorial.deleteContentType(workspaceId, id)))
          throw new AppError('not_found', 'Content type not found');
        await auditWorkspace(repos, caller, workspaceId, {
          action: 'content_type.deleted',
          targetType: 'content_type',
          targetId: id,
        });
      });
    },
  };
}
