// Media files, bytes included (blob in SQLite, bytea in PostgreSQL), and the files each post uses, in order.
import type { Kysely, Selectable } from 'kysely';
import type { Media, MediaRepository, MediaType } from '@rostra/core';
import type { Database, MediaTable } from '../schema.js';
import { newId } from '../ids.js';

const META = [
  'id',
  'workspace_id',
  'mime_type',
  'size',
  'width',
  'height',
  'sha256',
  'alt',
  'created_by',
  'created_at',
] as const;

function toMedia(row: Omit<Selectable<MediaTable>, 'data'>): Media {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    mimeType: row.mime_type as MediaType,
    size: Number(row.size),
    width: row.width,
    height: row.height,
    sha256: row.sha256,
    alt: row.alt,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

export function createMediaRepository(db: Kysely<Database>): MediaRepository {
  return {
    async create(media) {
      const row = {
        id: newId(),
        workspace_id: media.workspaceId,
        mime_type: media.mimeType,
        size: media.data.byteLength,
        width: media.width,
        height: media.height,
        sha256: media.sha256,
        alt: media.alt,
        created_by: media.createdBy,
        created_at: Date.now(),
      };
      // Both drivers take a Buffer for blob/bytea.
      await db
        .insertInto('media')
        .values({ ...row, data: Buffer.from(media.data.buffer, media.data.byteOffset, media.data.byteLength) })
        .execute();
      return toMedia(row);
    },

    async get(workspaceId, id) {
      const row = await db
        .selectFrom('media')
        .select(META)
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toMedia(row);
    },

    async getData(workspaceId, id) {
      const row = await db
        .selectFrom('media')
        .select('data')
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row && new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength);
    },

    async list(workspaceId, limit) {
      const rows = await db
        .selectFrom('media')
        .select(META)
        .where('workspace_id', '=', workspaceId)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toMedia);
    },

    async delete(workspaceId, id) {
      const result = await db
        .deleteFrom('media')
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },

    async setAlt(workspaceId, id, alt) {
      const result = await db
        .updateTable('media')
        .set({ alt })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async usedBy(id) {
      const rows = await db.selectFrom('post_media').select('post_id').where('media_id', '=', id).execute();
      return rows.map((r) => r.post_id);
    },

    async setPostMedia(postId, items) {
      await db.deleteFrom('post_media').where('post_id', '=', postId).execute();
      if (items.length === 0) return;
      await db
        .insertInto('post_media')
        .values(items.map((item, position) => ({ post_id: postId, media_id: item.mediaId, position, alt: item.alt })))
        .execute();
    },

    async postMedia(postId) {
      const rows = await db
        .selectFrom('post_media')
        .innerJoin('media', 'media.id', 'post_media.media_id')
        .select([
          ...META.map((c) => `media.${c}` as const),
          'post_media.position as position',
          'post_media.alt as post_alt',
        ])
        .where('post_media.post_id', '=', postId)
        .orderBy('post_media.position')
        .execute();
      return rows.map((row) => ({ media: toMedia(row), position: row.position, alt: row.post_alt }));
    },
  };
}
