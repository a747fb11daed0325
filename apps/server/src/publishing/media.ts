// Media files people upload for their posts: recognised from their bytes, refused when the bytes and the
// declared type disagree, kept in the database, never deleted while a post uses them, their alternative text
// frozen once a post took them to a network. Every write runs in one transaction with its audit entry.
import { createHash } from 'node:crypto';
import { AppError, MEDIA_TYPES, isMediaType, sniffMedia, type Media, type PostStatus } from '@rostra/core';
import type { Store } from '@rostra/store';
import { auditWorkspace, type Caller } from '../audit/caller.js';
import { checkMedia } from './media-check.js';

export const MAX_ALT_LENGTH = 1500;

const OUT_STATUSES: ReadonlySet<PostStatus> = new Set(['publishing', 'published', 'unconfirmed']);

/** Its length is the operations it returns, closed over the same deps; each one stays short. */
export function createMediaService(deps: { store: Store; maxBytes: number }) {
  const { store } = deps;

  /**
   * Posts that reached a network, even partly (a failed thread whose first part is out): their record of what
   * was sent must keep the text it was sent with.
   */
  async function publishedPostsUsing(workspaceId: string, mediaId: string): Promise<string[]> {
    const published: string[] = [];
    for (const postId of await store.media.usedBy(mediaId)) {
      const post = await store.posts.get(workspaceId, postId);
      if (!post) continue;
      const out =
        OUT_STATUSES.has(post.status) ||
        (await store.posts.targets(postId)).some((t) => t.published !== null || t.publishedParts.length > 0);
      if (out) published.push(postId);
    }
    return published;
  }

  return {
    maxBytes: deps.maxBytes,

    async upload(
      workspaceId: string,
      input: { data: Uint8Array; declaredType: string; alt: string },
      caller: Caller,
    ): Promise<Media> {
      const declared = input.declaredType.split(';')[0]?.trim().toLowerCase() ?? '';
      if (!isMediaType(declared)) {
        throw new AppError(
          'unsupported_media_type',
          `headers.content-type: Rostra takes ${MEDIA_TYPES.join(', ')}; this file was sent as ${declared || 'nothing'}`,
          { path: 'headers.content-type', accepted: [...MEDIA_TYPES] },
        );
      }
      if (input.data.byteLength === 0) {
        throw new AppError('validation_failed', 'body: the file is empty', {
          issues: [{ path: 'body', code: 'empty_file', message: 'Empty file' }],
        });
      }
      if (input.data.byteLength > deps.maxBytes) {
        throw new AppError(
          'payload_too_large',
          `body: the file is ${input.data.byteLength} bytes; this Rostra takes up to ${deps.maxBytes}`,
          { path: 'body', limit: deps.maxBytes, size: input.data.byteLength },
        );
      }
      const sniffed = sniffMedia(input.data);
      // A renamed file (a PDF sent as image/png) would be refused later by the network, or worse, served to
      // browsers under a type it is not: the bytes decide.
      if (!sniffed) {
        throw new AppError(
          'unsupported_media_type',
          `body: the content is not a ${declared} file (its first bytes match none of ${MEDIA_TYPES.join(', ')})`,
          { path: 'body', declared },
        );
      }
      if (sniffed.mimeType !== declared) {
        throw new AppError(
          'unsupported_media_type',
          `body: the file was sent as ${declared} but its content is ${sniffed.mimeType}`,
          { path: 'body', declared, detected: sniffed.mimeType },
        );
      }
      const checked = checkMedia(input.data, sniffed.mimeType);
      const alt = input.alt.trim();
      if ([...alt].length > MAX_ALT_LENGTH) {
        throw new AppError('validation_failed', `query.alt: at most ${MAX_ALT_LENGTH} characters`, {
          issues: [
            {
              path: 'query.alt',
              code: 'too_long',
              params: { limit: MAX_ALT_LENGTH },
              message: `At most ${MAX_ALT_LENGTH} characters`,
            },
          ],
        });
      }
      return store.transaction(async (repos) => {
        const media = await repos.media.create({
          workspaceId,
          mimeType: sniffed.mimeType,
          data: input.data,
          width: checked.width,
          height: checked.height,
          sha256: createHash('sha256').update(input.data).digest('hex'),
          alt,
          createdBy: caller.userId,
        });
        await auditWorkspace(repos, caller, workspaceId, {
          action: 'media.uploaded',
          targetType: 'media',
          targetId: media.id,
          details: { mimeType: media.mimeType, size: media.size, sha256: media.sha256 },
        });
        return media;
      });
    },

    async editAlt(workspaceId: string, mediaId: string, input: { alt: string }, caller: Caller): Promise<Media> {
      const alt = input.alt.trim();
      if ([...alt].length > MAX_ALT_LENGTH) {
        throw new AppError('validation_failed', `body.alt: at most ${MAX_ALT_LENGTH} characters`, {
          issues: [
            {
              path: 'body.alt',
              code: 'too_long',
              params: { limit: MAX_ALT_LENGTH },
              message: `At most ${MAX_ALT_LENGTH} characters`,
            },
          ],
        });
      }
      const media = await store.media.get(workspaceId, mediaId);
      if (!media) throw new AppError('not_found', 'Media not found');
      const published = await publishedPostsUsing(workspaceId, mediaId);
      if (published.length > 0) {
        throw new AppError(
          'not_editable',
          `This file went out with ${published.length} published post(s); its alternative text can no longer change`,
          { posts: published },
        );
      }
      await store.transaction(async (repos) => {
        await repos.media.setAlt(workspaceId, mediaId, alt);
        await auditWorkspace(repos, caller, workspaceId, {
          action: 'media.updated',
          targetType: 'media',
          targetId: mediaId,
          details: { fields: ['alt'] },
        });
      });
      return { ...media, alt };
    },

    async delete(workspaceId: string, mediaId: string, caller: Caller): Promise<void> {
      const media = await store.media.get(workspaceId, mediaId);
      if (!media) throw new AppError('not_found', 'Media not found');
      const posts = await store.media.usedBy(mediaId);
      if (posts.length > 0) {
        throw new AppError('conflict', `This file is used by ${posts.length} post(s); remove it from them first`, {
          posts,
        });
      }
      await store.transaction(async (repos) => {
        await repos.media.delete(workspaceId, mediaId);
        await auditWorkspace(repos, caller, workspaceId, {
          action: 'media.deleted',
          targetType: 'media',
          targetId: mediaId,
          details: { mimeType: media.mimeType, size: media.size },
        });
      });
    },
  };
}

export type MediaService = ReturnType<typeof createMediaService>;
