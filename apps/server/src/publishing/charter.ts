// The workspace's editorial charter: read (the empty charter until one is written), saved as a new version with its
// audit entry, and checked against a post — the same checkCharter the composer runs live — where blocking findings
// refuse approval.
import {
  AppError,
  blockingFindings,
  checkCharter,
  EMPTY_CHARTER,
  type Charter,
  type CharterChannelContent,
  type CharterFinding,
  type Post,
  type StoredCharter,
} from '@rostra/core';
import type { Store } from '@rostra/store';
import { auditWorkspace, type Caller } from '../audit/caller.js';

/** The charter in force: the stored one, or the empty charter (version 0) when the workspace has written none. */
export async function readCharter(store: Store, workspaceId: string): Promise<StoredCharter> {
  return (
    (await store.charter.get(workspaceId)) ?? { charter: EMPTY_CHARTER, version: 0, updatedBy: null, updatedAt: 0 }
  );
}

/** Each channel's text as it goes out (a thread written part by part, parts joined), its first comment, the media. */
async function contentOf(store: Store, post: Post): Promise<CharterChannelContent[]> {
  const media = (await store.media.postMedia(post.id)).map((m) => ({
    kind: m.media.mimeType.startsWith('image/') ? ('image' as const) : ('video' as const),
    alt: m.alt,
  }));
  const content: CharterChannelContent[] = [];
  for (const target of await store.posts.targets(post.id)) {
    const channel = await store.channels.get(post.workspaceId, target.channelId);
    const text = target.thread?.mode === 'parts' ? target.thread.parts.join('\n\n') : (target.text ?? post.text);
    content.push({
      channelId: target.channelId,
      network: channel?.network ?? 'unknown',
      text,
      media,
      firstComment: target.firstComment,
    });
  }
  return content;
}

/** What the workspace's charter says of the post, channel by channel. */
export async function checkPostCharter(store: Store, post: Post): Promise<CharterFinding[]> {
  const { charter } = await readCharter(store, post.workspaceId);
  return checkCharter(charter, await contentOf(store, post));
}

/** Before a post is approved (or scheduled without approval): no finding the charter marks as blocking. */
export async function requireCharterClear(store: Store, post: Post): Promise<void> {
  const blocking = blockingFindings(await checkPostCharter(store, post));
  if (blocking.length > 0) {
    const rules = [...new Set(blocking.map((f) => f.rule))].join(', ');
    throw new AppError('charter_blocked', `The post breaks blocking rules of the editorial charter: ${rules}`, {
      findings: blocking,
    });
  }
}

/** The top-level parts of the charter a save changed, for the audit entry. */
function changedParts(before: Charter, after: Charter): string[] {
  return (Object.keys(after) as Array<keyof Charter>).filter(
    (key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  );
}

export function createCharterService(deps: { store: Store }) {
  const { store } = deps;
  return {
    /** Stores `charter` as the version after `expectedVersion`; a conflict when someone saved meanwhile. */
    async saveCharter(workspaceId: string, charter: Charter, expectedVersion: number, caller: Caller) {
      const before = await readCharter(store, workspaceId);
      return store.transaction(async (repos) => {
        const saved = await repos.charter.save(workspaceId, charter, expectedVersion, caller.userId);
        if (!saved) {
          throw new AppError('conflict', 'The charter changed meanwhile; reload it to see the new version', {
            path: 'body.version',
          });
        }
        await auditWorkspace(repos, caller, workspaceId, {
          action: 'charter.updated',
          targetType: 'charter',
          targetId: workspaceId,
          details: { version: saved.version, changed: changedParts(before.charter, charter) },
        });
        return saved;
      });
    },
  };
}
