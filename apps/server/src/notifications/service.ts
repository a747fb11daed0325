// In-app notifications: who hears about what. `notify` is the one generic entry (any feature — publishing,
// listening alerts — names an audience, a kind and plain params); the post and channel producers below
// decide the audiences of the editorial and publishing events.
import { hasRole, type Notification, type NotificationParams, type Role } from '@rostra/core';
import type { Store } from '@rostra/store';

export interface NotifyInput {
  workspaceId: string;
  /** Named people and/or every member with at least `minRole`; only current members are notified. */
  audience: { userIds?: ReadonlyArray<string | null | undefined>; minRole?: Role };
  /** e.g. post.commented; the web UI has a sentence per kind in each language. */
  kind: string;
  /** Plain values interpolated as text, never as HTML. */
  params: NotificationParams;
  /** A path inside the web UI, e.g. /w/<workspace>/posts/<post>. */
  link: string | null;
  /** Who caused it: never notified of their own action. */
  actorId?: string | null;
}

export type PostNotificationKind =
  | 'post.commented'
  | 'post.submitted'
  | 'post.approved'
  | 'post.rejected'
  | 'post.published'
  | 'post.failed'
  | 'post.unconfirmed';

const EXCERPT_LENGTH = 80;

/** The first line of a post, cut at a whole character: enough to recognise it in a list. */
export function excerpt(text: string): string {
  const line = text.trim().split('\n')[0]?.trim() ?? '';
  const chars = Array.from(line);
  return chars.length <= EXCERPT_LENGTH ? line : `${chars.slice(0, EXCERPT_LENGTH - 1).join('')}…`;
}

/** Its length is the operations it returns, closed over the same deps; each one stays short. */
export function createNotifier(deps: { store: Store; now?: () => number }) {
  const { store } = deps;
  const now = deps.now ?? Date.now;

  async function notify(input: NotifyInput): Promise<Notification[]> {
    const members = await store.accounts.listMembers(input.workspaceId);
    const named = new Set(input.audience.userIds?.filter((id): id is string => typeof id === 'string'));
    const minRole = input.audience.minRole;
    const recipients = members
      .filter((m) => named.has(m.userId) || (minRole !== undefined && hasRole(m.role, minRole)))
      .filter((m) => m.userId !== input.actorId)
      .map((m) => m.userId);
    return store.notifications.create(
      recipients.map((userId) => ({
        workspaceId: input.workspaceId,
        userId,
        kind: input.kind,
        params: input.params,
        link: input.link,
        actorId: input.actorId ?? null,
      })),
      now(),
    );
  }

  async function nameOf(userId: string | null | undefined): Promise<string | null> {
    return userId ? ((await store.accounts.getUser(userId))?.name ?? null) : null;
  }

  /** An editorial or publishing event on a post, to the people it concerns. */
  async function notifyPost(
    kind: PostNotificationKind,
    workspaceId: string,
    postId: string,
    actorId: string | null,
  ): Promise<Notification[]> {
    const post = await store.posts.get(workspaceId, postId);
    if (!post) return [];
    const people = [post.createdBy, post.ownerId, post.backupOwnerId];
    let audience: NotifyInput['audience'];
    switch (kind) {
      case 'post.commented': {
        const commenters = (await store.editorial.listComments(postId)).map((c) => c.authorId);
        audience = { userIds: [...people, ...commenters] };
        break;
      }
      case 'post.submitted':
        audience = { minRole: 'manager' };
        break;
      case 'post.approved':
      case 'post.rejected':
        audience = { userIds: [post.createdBy, post.ownerId] };
        break;
      case 'post.published':
        audience = { userIds: people };
        break;
      case 'post.failed':
      case 'post.unconfirmed':
        // Somebody must act on these: whoever can retry or dismiss hears about it too.
        audience = { userIds: people, minRole: 'community_manager' };
        break;
    }
    const params: NotificationParams = { post: excerpt(post.text) };
    const actorName = await nameOf(actorId);
    if (actorName) params.actor = actorName;
    if (kind === 'post.failed' || kind === 'post.unconfirmed') {
      const failed = (await store.posts.targets(postId)).find((t) => t.status === kind.slice(5));
      if (failed?.lastError) params.error = failed.lastError.slice(0, 300);
    }
    return notify({ workspaceId, audience, kind, params, link: `/w/${workspaceId}/posts/${postId}`, actorId });
  }

  /** A channel that truly needs reconnecting (the network refused its token): whoever can reconnect it. */
  async function notifyChannelNeedsReconnect(
    workspaceId: string,
    channel: { id: string; name: string; network: string },
  ): Promise<Notification[]> {
    return notify({
      workspaceId,
      audience: { minRole: 'community_manager' },
      kind: 'channel.needs_reconnect',
      params: { channel: channel.name, network: channel.network },
      link: `/w/${workspaceId}/channels`,
    });
  }

  /** The bell's side: a person reads and marks their own notifications (not audited: nobody else's data). */
  const reader = {
    listForUser: (userId: string, options: Parameters<Store['notifications']['listForUser']>[1]) =>
      store.notifications.listForUser(userId, options),
    /** Undefined for somebody else's notification, or one of a workspace the person left. */
    markRead: (userId: string, id: string) => store.notifications.markRead(userId, id, now()),
    markAllRead: (userId: string, workspaceId?: string) => store.notifications.markAllRead(userId, now(), workspaceId),
  };

  return { notify, notifyPost, notifyChannelNeedsReconnect, ...reader };
}

export type Notifier = ReturnType<typeof createNotifier>;
