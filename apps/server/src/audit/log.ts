// Reads the audit log for people: who (their current name), what (the action), on what (a label for the target:
// a post's opening words, a member's name…), so the web app can write each entry as a sentence.
import type { AuditEntry, AuditQuery } from '@rostra/core';
import type { Store } from '@rostra/store';
import { textLabel } from './record.js';

export interface AuditTarget {
  type: string;
  id: string | null;
  /** What people call it; null when nothing names it (a deleted media file, a mention). */
  label: string | null;
}

export interface AuditLogEntry extends AuditEntry {
  actorName: string;
  target: AuditTarget | null;
}

type Resolve = (workspaceId: string, id: string) => Promise<string | undefined>;

function stringAt(details: Record<string, unknown>, key: string): string | undefined {
  const value = details[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Each target type's name today; `details` (captured at write time) names what has since gone. */
function resolvers(store: Store): Record<string, Resolve> & { user: Resolve } {
  return {
    post: async (ws, id) => {
      const post = await store.posts.get(ws, id);
      return post ? textLabel(post.text) : undefined;
    },
    user: async (_ws, id) => (await store.accounts.getUser(id))?.name,
    workspace: async (_ws, id) => (await store.accounts.getWorkspace(id))?.name,
    channel: async (ws, id) => (await store.channels.get(ws, id))?.name,
    topic: async (ws, id) => (await store.listening.getTopic(ws, id))?.name,
    source: async (ws, id) => (await store.listening.getSource(ws, id))?.label,
    alert: async (ws, id) => (await store.alerts.get(ws, id))?.name,
    api_key: async (ws, id) => (await store.apiKeys.get(ws, id))?.name,
    invitation: async (ws, id) => (await store.invitations.get(ws, id))?.email,
  };
}

const DETAIL_LABELS = ['targetLabel', 'name', 'email', 'url', 'title'] as const;

export function createAuditLog(store: Store) {
  const resolve = resolvers(store);

  return {
    /** A page of the workspace's log, newest first, each entry with its actor's and target's names. */
    async list(query: AuditQuery): Promise<{ items: AuditLogEntry[]; nextCursor: string | null }> {
      const page = await store.audit.list(query);
      // One look-up per distinct target or person on the page, however many entries name it.
      const seen = new Map<string, Promise<string | undefined>>();
      const once = (key: string, load: () => Promise<string | undefined>) => {
        let found = seen.get(key);
        if (!found) seen.set(key, (found = load()));
        return found;
      };
      const items = await Promise.all(
        page.items.map(async (entry): Promise<AuditLogEntry> => {
          const actorName =
            entry.actor.type === 'user'
              ? ((await once(`user:${entry.actor.id}`, () => resolve.user(query.workspaceId, entry.actor.id ?? ''))) ??
                entry.actor.label)
              : entry.actor.label;
          return { ...entry, actorName, target: await targetOf(entry, query.workspaceId, once) };
        }),
      );
      return { items, nextCursor: page.nextCursor };
    },
  };

  async function targetOf(
    entry: AuditEntry,
    workspaceId: string,
    once: (key: string, load: () => Promise<string | undefined>) => Promise<string | undefined>,
  ): Promise<AuditTarget | null> {
    if (!entry.targetType) return null;
    const captured = stringAt(entry.details, 'targetLabel');
    const load = resolve[entry.targetType];
    const current =
      captured === undefined && load && entry.targetId
        ? await once(`${entry.targetType}:${entry.targetId}`, () => load(workspaceId, entry.targetId ?? ''))
        : undefined;
    const fromDetails = DETAIL_LABELS.map((key) => stringAt(entry.details, key)).find(Boolean);
    return { type: entry.targetType, id: entry.targetId, label: captured ?? current ?? fromDetails ?? null };
  }
}
