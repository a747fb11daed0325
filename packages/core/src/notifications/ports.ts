// In-app notifications: one per recipient, with the plain values the UI puts into its translated sentences.
// The types and the repository port; the store implements it, the server's notifications service writes it.

/** Plain values only: the UI interpolates them into translated sentences as text. */
export type NotificationParams = Record<string, string | number | null>;

export interface Notification {
  id: string;
  workspaceId: string;
  userId: string;
  kind: string;
  params: NotificationParams;
  link: string | null;
  actorId: string | null;
  createdAt: number;
  readAt: number | null;
}

export interface NewNotification {
  workspaceId: string;
  userId: string;
  kind: string;
  params: NotificationParams;
  link: string | null;
  actorId: string | null;
}

export interface NotificationPage {
  items: Notification[];
  nextCursor: string | null;
  unread: number;
}

export interface NotificationsRepository {
  create(items: NewNotification[], at: number): Promise<Notification[]>;
  /** Newest first; `cursor` is the `nextCursor` of the previous page. */
  listForUser(
    userId: string,
    options: { workspaceId?: string | undefined; cursor?: string | undefined; limit: number; unreadOnly?: boolean },
  ): Promise<NotificationPage>;
  countUnread(userId: string, workspaceId?: string): Promise<number>;
  /** False when the notification is not this person's (or not in one of their workspaces). */
  markRead(userId: string, id: string, at: number): Promise<Notification | undefined>;
  /** Returns how many were marked. */
  markAllRead(userId: string, at: number, workspaceId?: string): Promise<number>;
}
