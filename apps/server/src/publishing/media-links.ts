// Short-lived public links to one stored media file, for networks that download media instead of taking an
// upload (Instagram: "we cURL media used in publishing attempts"). The link carries the file's workspace, id
// and expiry sealed with the secret box (AES-256-GCM, bound to this use), so it needs no table, works in
// every process of a scaled deployment, and cannot be forged or pointed at another file.
import type { MediaAttachment } from '@rostra/connectors';
import type { SecretBox } from '../secrets.js';

/** Long enough for a network to fetch a file while a post goes out (video processing included). */
export const MEDIA_LINK_TTL_MS = 60 * 60_000;
const PURPOSE = 'media-link';

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'image/gif': '.gif',
  'image/webp': '.webp',
  'video/mp4': '.mp4',
  'video/quicktime': '.mov',
};

export interface MediaLinks {
  /**
   * `<public URL>/api/public/media/<media id>.<ext>?token=<sealed>` (the token is longer than a path segment
   * may be); refuses a file that did not come from the store.
   */
  urlFor(item: MediaAttachment): string;
  /** The file a token names, if it is genuine, not expired, and the one the path names. */
  read(file: string, token: string): { workspaceId: string; mediaId: string } | undefined;
}

export function createMediaLinks(secrets: SecretBox, publicUrl: string, now: () => number = Date.now): MediaLinks {
  return {
    urlFor(item) {
      if (!item.source) throw new Error('This media file has no stored source to link to');
      const sealed = secrets.encrypt(
        JSON.stringify({ w: item.source.workspaceId, m: item.source.mediaId, e: now() + MEDIA_LINK_TTL_MS }),
        PURPOSE,
      );
      const token = Buffer.from(sealed, 'utf8').toString('base64url');
      const file = `${item.source.mediaId}${EXTENSIONS[item.mimeType] ?? ''}`;
      return `${publicUrl}/api/public/media/${encodeURIComponent(file)}?token=${token}`;
    },
    read(file, token) {
      try {
        const claims = JSON.parse(secrets.decrypt(Buffer.from(token, 'base64url').toString('utf8'), PURPOSE)) as {
          w?: unknown;
          m?: unknown;
          e?: unknown;
        };
        if (typeof claims.w !== 'string' || typeof claims.m !== 'string' || typeof claims.e !== 'number')
          return undefined;
        if (claims.e < now() || file.replace(/\.[a-z0-9]{2,5}$/, '') !== claims.m) return undefined;
        return { workspaceId: claims.w, mediaId: claims.m };
      } catch {
        return undefined;
      }
    },
  };
}
