// The editorial line's vocabulary (themes, content types) and the discussion on each post.
import type { Kysely } from 'kysely';
import type { EditorialRepository } from '@rostra/core';
import type { Database } from '../schema.js';
import { newId } from '../ids.js';

export function createEditorialRepository(db: Kysely<Database>): EditorialRepository {
  return {
    async listThemes(workspaceId) {
      const rows = await db
        .selectFrom('themes')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .orderBy('name')
        .execute();
      return rows.map((r) => ({ id: r.id, workspaceId: r.workspace_id, name: r.name, color: r.color }));
    },
    async createTheme(workspaceId, name, color) {
      const row = { id: newId(), workspace_id: workspaceId, name, color, created_at: Date.now() };
      await db.insertInto('themes').values(row).execute();
      return { id: row.id, workspaceId, name, color };
    },
    async deleteTheme(workspaceId, id) {
      const result = await db
        .deleteFrom('themes')
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },
    async listContentTypes(workspaceId) {
      const rows = await db
        .selectFrom('content_types')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .orderBy('name')
        .execute();
      return rows.map((r) => ({ id: r.id, workspaceId: r.workspace_id, name: r.name }));
    },
    async createContentType(workspaceId, name) {
      const row = { id: newId(), workspace_id: workspaceId, name, created_at: Date.now() };
      await db.insertInto('content_types').values(row).execute();
      return { id: row.id, workspaceId, name };
    },
    async deleteContentType(workspaceId, id) {
      const result = await db
        .deleteFrom('content_types')
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },
    async setCalendarFeed(workspaceId, tokenHash, tokenSealed) {
      await db
        .insertInto('calendar_feeds')
        .values({ workspace_id: workspaceId, token_hash: tokenHash, token_sealed: tokenSealed, created_at: Date.now() })
        .onConflict((oc) => oc.column('workspace_id').doUpdateSet({ token_hash: tokenHash, token_sealed: tokenSealed }))
        .execute();
    },
    async getCalendarFeed(workspaceId) {
      const row = await db
        .selectFrom('calendar_feeds')
        .select('token_sealed')
        .where('workspace_id', '=', workspaceId)
        .executeTakeFirst();
      return row?.token_sealed;
    },
    async findWorkspaceByCalendarToken(tokenHash) {
      const row = await db
        .selectFrom('calendar_feeds')
        .select('workspace_id')
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      return row?.workspace_id;
    },
    async addComment(postId, authorId, text) {
      const row = { id: newId(), post_id: postId, author_id: authorId, text, created_at: Date.now() };
      await db.insertInto('post_comments').values(row).execute();
      const author = await db.selectFrom('users').select('name').where('id', '=', authorId).executeTakeFirst();
      return { id: row.id, postId, authorId, authorName: author?.name ?? '', text, createdAt: row.created_at };
    },
    async listComments(postId) {
      const rows = await db
        .selectFrom('post_comments')
        .leftJoin('users', 'users.id', 'post_comments.author_id')
        .selectAll('post_comments')
        .select('users.name as author_name')
        .where('post_id', '=', postId)
        .orderBy('post_comments.created_at')
        .orderBy('post_comments.id')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        postId: r.post_id,
        authorId: r.author_id,
        authorName: r.author_name ?? '',
        text: r.text,
        createdAt: r.created_at,
      }));
    },
  };
}
