// The home page ("Aujourd'hui"): what a person of the workspace should see first, read in one call. Everything
// here is a read of the workspace's own rows; each part says enough for the page to link to the screen that acts.
import { TZDate } from '@date-fns/tz';
import { AppError, decideTransition, type AlertKind, type DeliveryStatus, type Post, type Role } from '@rostra/core';
import type { Store } from '@rostra/store';

/** Alerts fired within this window are "new" on the home page. */
export const NEW_ALERTS_WINDOW_MS = 24 * 60 * 60 * 1000;
/** How many rows each list carries; counts go further (up to COUNT_LIMIT). */
const SHOWN = 8;
const COUNT_LIMIT = 500;
/** A post's text on the home page: its start is enough to recognise it. */
const TEXT_CHARS = 200;

export interface HomeViewer {
  role: Role;
}

export interface HomePost {
  id: string;
  text: string;
  status: Post['status'];
  scheduledAt: number | null;
  updatedAt: number;
}

export interface Home {
  timeZone: string;
  day: { from: number; to: number };
  /** One row per delivery of a post planned today (a post on three channels is three rows), by time. */
  today: {
    total: number;
    items: Array<{ post: HomePost; channelId: string; deliveryStatus: DeliveryStatus; at: number }>;
  };
  /** In review, only for those who may approve (null otherwise). */
  review: { total: number; items: HomePost[] } | null;
  problems: { failed: number; unconfirmed: number; items: HomePost[] };
  channels: { total: number; needsReconnect: Array<{ id: string; name: string; network: string }> };
  alerts: {
    since: number;
    total: number;
    items: Array<{ id: string; ruleId: string; ruleName: string; topicId: string; kind: AlertKind; firedAt: number }>;
  };
  mentions: { total: number; topics: Array<{ topicId: string; name: string; count: number }> };
  /** Whether the workspace has any post at all (the page then suggests writing the first one). */
  hasPosts: boolean;
}

/** Local midnight to the next one, in `timeZone`, around `now`. */
export function dayAround(now: number, timeZone: string): { from: number; to: number } {
  const local = new TZDate(now, timeZone);
  const from = new TZDate(local.getFullYear(), local.getMonth(), local.getDate(), timeZone).getTime();
  const to = new TZDate(local.getFullYear(), local.getMonth(), local.getDate() + 1, timeZone).getTime();
  return { from, to };
}

function presentPost(post: Post): HomePost {
  return {
    id: post.id,
    text: post.text.length > TEXT_CHARS ? post.text.slice(0, TEXT_CHARS) : post.text,
    status: post.status,
    scheduledAt: post.scheduledAt,
    updatedAt: post.updatedAt,
  };
}

export function createHomeService({ store }: { store: Store }) {
  return {
    async read(workspaceId: string, viewer: HomeViewer, now: number): Promise<Home> {
      const workspace = await store.accounts.getWorkspace(workspaceId);
      if (!workspace) throw new AppError('not_found', 'Workspace not found');
      const day = dayAround(now, workspace.timezone);
      const mayApprove = decideTransition('in_review', 'approve', {
        role: viewer.role,
        approvalRequired: workspace.approvalRequired,
      }).ok;
      const since = now - NEW_ALERTS_WINDOW_MS;

      const [planned, inReview, failed, unconfirmed, anyPost, channels, events, rules, topics, unhandled] =
        await Promise.all([
          store.posts.list({ workspaceId, from: day.from, to: day.to, limit: COUNT_LIMIT }),
          mayApprove ? store.posts.list({ workspaceId, status: 'in_review', limit: COUNT_LIMIT }) : undefined,
          store.posts.list({ workspaceId, status: 'failed', limit: COUNT_LIMIT }),
          store.posts.list({ workspaceId, status: 'unconfirmed', limit: COUNT_LIMIT }),
          store.posts.list({ workspaceId, limit: 1 }),
          store.channels.list(workspaceId),
          store.alerts.listEvents(workspaceId, { limit: 200 }),
          store.alerts.list(workspaceId),
          store.listening.listTopics(workspaceId),
          store.listening.countByTopic(workspaceId, { handled: false }),
        ]);

      const targets = await store.posts.targetsOf(planned.map((post) => post.id));
      const postsById = new Map(planned.map((post) => [post.id, post]));
      const channelNames = new Map(channels.map((channel) => [channel.id, channel.name]));
      const todayRows = targets
        .flatMap((target) => {
          const post = postsById.get(target.postId);
          if (!post || post.scheduledAt === null) return [];
          return [
            {
              post: presentPost(post),
              channelId: target.channelId,
              deliveryStatus: target.status,
              at: target.published?.at ?? post.scheduledAt,
            },
          ];
        })
        .sort(
          (a, b) =>
            a.at - b.at ||
            (channelNames.get(a.channelId) ?? '').localeCompare(channelNames.get(b.channelId) ?? '') ||
            a.post.id.localeCompare(b.post.id),
        );

      const problems = [...failed, ...unconfirmed].sort((a, b) => b.updatedAt - a.updatedAt);
      const recent = events.filter((event) => event.firedAt >= since);
      const ruleNames = new Map(rules.map((rule) => [rule.id, rule.name]));
      const topicNames = new Map(topics.map((topic) => [topic.id, topic.name]));
      const mentionTopics = unhandled
        .filter((row) => row.mentions > 0 && topicNames.has(row.topicId))
        .map((row) => ({ topicId: row.topicId, name: topicNames.get(row.topicId) ?? '', count: row.mentions }))
        .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));

      return {
        timeZone: workspace.timezone,
        day,
        today: { total: todayRows.length, items: todayRows.slice(0, 50) },
        review: inReview ? { total: inReview.length, items: inReview.slice(0, SHOWN).map(presentPost) } : null,
        problems: {
          failed: failed.length,
          unconfirmed: unconfirmed.length,
          items: problems.slice(0, SHOWN).map(presentPost),
        },
        channels: {
          total: channels.length,
          needsReconnect: channels
            .filter((channel) => channel.status === 'needs_reconnect')
            .map((channel) => ({ id: channel.id, name: channel.name, network: channel.network })),
        },
        alerts: {
          since,
          total: recent.length,
          items: recent.slice(0, SHOWN).map((event) => ({
            id: event.id,
            ruleId: event.ruleId,
            ruleName: ruleNames.get(event.ruleId) ?? '',
            topicId: event.topicId,
            kind: event.kind,
            firedAt: event.firedAt,
          })),
        },
        mentions: { total: mentionTopics.reduce((sum, row) => sum + row.count, 0), topics: mentionTopics },
        hasPosts: anyPost.length > 0,
      };
    },
  };
}

export type HomeService = ReturnType<typeof createHomeService>;
