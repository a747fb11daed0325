// The home page's read model through the API, on SQLite and PostgreSQL: deliveries planned today by channel and
// time, posts waiting for the viewer's approval (only for those who may approve), failed and unconfirmed posts,
// channels to reconnect, alerts of the last 24 hours, unhandled mentions by topic — and nothing of another
// workspace.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mention } from '@rostra/connectors';
import { testDialects } from '@rostra/store/testing';
import { addMember, createTestApp, setUp, type Caller, type TestApp } from './helpers/test-app.js';
import { createTestNetwork } from './helpers/fake-network.js';
import { createListeningPipeline } from '../src/listening/pipeline.js';
import { dayAround } from '../src/home/service.js';

const HOUR = 3_600_000;

/** A time zone where it is now between 9:00 and 15:00, so "in an hour" is still today there. */
function middayZone(now: number): string {
  const zone = Intl.supportedValuesOf('timeZone').find((candidate) => {
    const hour = Number(
      new Intl.DateTimeFormat('en-GB', { hour: 'numeric', hourCycle: 'h23', timeZone: candidate }).format(now),
    );
    return hour >= 9 && hour < 15;
  });
  if (!zone) throw new Error('no time zone at midday');
  return zone;
}

function mention(externalId: string, text: string): Mention {
  return {
    externalId,
    network: 'testnet',
    url: `https://testnet.example/${externalId}`,
    title: null,
    text,
    author: { id: null, handle: 'habitant.testnet', name: 'Un habitant', url: null },
    publishedAt: Date.now() - HOUR,
    language: 'fr',
    site: null,
    repostOf: null,
    replyTo: null,
    hashtags: [],
    metrics: {},
  };
}

describe('dayAround', () => {
  it('gives local midnight to the next one, also across a change of offset', () => {
    // 30 March 2025, Paris: clocks go forward at 2:00, so the day lasts 23 hours.
    const day = dayAround(Date.parse('2025-03-30T10:00:00Z'), 'Europe/Paris');
    expect(new Date(day.from).toISOString()).toBe('2025-03-29T23:00:00.000Z');
    expect(new Date(day.to).toISOString()).toBe('2025-03-30T22:00:00.000Z');
    const late = dayAround(Date.parse('2025-12-15T23:30:00Z'), 'Europe/Paris');
    expect(new Date(late.from).toISOString()).toBe('2025-12-15T23:00:00.000Z');
  });
});

describe.each(testDialects)('home on %s', (dialect) => {
  let t: TestApp;
  let admin: Caller;
  let viewer: Caller;
  let ws: string;
  let otherWs: string;
  let channelId: string;
  let brokenChannelId: string;
  const posts: Record<string, string> = {};
  let topicId: string;

  const home = async (as: Caller, workspace = ws) => {
    const response = await t.call('GET', `/api/workspaces/${workspace}/home`, { as });
    expect(response.statusCode).toBe(200);
    return response.json();
  };

  beforeAll(async () => {
    const network = createTestNetwork();
    t = await createTestApp(dialect, {}, { connectors: [network.connector] });
    ({ admin, workspaceId: ws } = await setUp(t));
    viewer = (await addMember(t, admin, ws, 'lecteur@ville.test', 'viewer')).caller;
    const zone = middayZone(Date.now());
    expect((await t.call('PATCH', `/api/workspaces/${ws}`, { as: admin, body: { timezone: zone } })).statusCode).toBe(
      200,
    );
    otherWs = (await t.call('POST', '/api/workspaces', { as: admin, body: { name: 'Autre', timezone: zone } })).json()
      .id;

    const connect = async (workspace: string, handle: string) =>
      (
        await t.call('POST', `/api/workspaces/${workspace}/channels`, {
          as: admin,
          body: { network: 'testnet', credentials: { handle, password: 'xxxx-yyyy-zzzz-wwww' } },
        })
      ).json().id as string;
    channelId = await connect(ws, 'mairie');
    brokenChannelId = await connect(ws, 'piscine');
    const otherChannel = await connect(otherWs, 'autre');

    const write = async (workspace: string, text: string, channels: string[], scheduledAt?: number) => {
      const created = await t.call('POST', `/api/workspaces/${workspace}/posts`, {
        as: admin,
        body: {
          text,
          channels: channels.map((id) => ({ channelId: id })),
          ...(scheduledAt !== undefined && { scheduledAt: new Date(scheduledAt).toISOString() }),
        },
      });
      expect(created.statusCode).toBe(201);
      return created.json().id as string;
    };
    const act = async (workspace: string, id: string, action: string) => {
      const response = await t.call('POST', `/api/workspaces/${workspace}/posts/${id}/${action}`, {
        as: admin,
        body: {},
      });
      expect(response.statusCode, response.body).toBe(200);
    };

    // Goes out today at 13:00-ish on both channels.
    posts.today = await write(
      ws,
      'Travaux rue du Port : la circulation est déviée',
      [channelId, brokenChannelId],
      Date.now() + HOUR,
    );
    for (const action of ['submit', 'approve', 'schedule']) await act(ws, posts.today, action);
    // The network refused this channel's token after the post was scheduled.
    await t.runtime.store.channels.setStatus(brokenChannelId, 'needs_reconnect', 'token revoked');
    posts.review = await write(ws, 'Fête de la musique : le programme', [channelId]);
    await act(ws, posts.review, 'submit');
    posts.failed = await write(ws, 'Marché de Noël', [channelId]);
    await t.runtime.store.posts.forceStatus(posts.failed, 'failed');
    posts.unconfirmed = await write(ws, 'Conseil municipal', [channelId]);
    await t.runtime.store.posts.forceStatus(posts.unconfirmed, 'unconfirmed');
    // Tomorrow is not today.
    posts.tomorrow = await write(ws, 'Demain', [channelId], Date.now() + 26 * HOUR);
    for (const action of ['submit', 'approve', 'schedule']) await act(ws, posts.tomorrow, action);

    // The other workspace has one of everything too.
    const elsewhere = await write(otherWs, 'Ailleurs aujourd’hui', [otherChannel], Date.now() + HOUR);
    for (const action of ['submit', 'approve', 'schedule']) await act(otherWs, elsewhere, action);
    const otherReview = await write(otherWs, 'Ailleurs en relecture', [otherChannel]);
    await act(otherWs, otherReview, 'submit');
    const otherFailed = await write(otherWs, 'Ailleurs en échec', [otherChannel]);
    await t.runtime.store.posts.forceStatus(otherFailed, 'failed');
    await t.runtime.store.channels.setStatus(otherChannel, 'needs_reconnect', 'token revoked');

    const topic = async (workspace: string, name: string, query: string) =>
      (
        await t.call('POST', `/api/workspaces/${workspace}/listening/topics`, {
          as: admin,
          body: { name, group: 'brand', query },
        })
      ).json().id as string;
    topicId = await topic(ws, 'Piscine', 'piscine');
    const otherTopic = await topic(otherWs, 'Piscine ailleurs', 'piscine');
    const pipeline = createListeningPipeline({ store: t.runtime.store });
    await pipeline.ingest(ws, null, [
      mention('m1', 'La piscine est fermée ce matin'),
      mention('m2', 'La piscine rouvre lundi ?'),
      mention('m3', 'Merci pour la piscine'),
    ]);
    await pipeline.ingest(otherWs, null, [mention('x1', 'La piscine d’ailleurs')]);
    const page = await t.call('GET', `/api/workspaces/${ws}/listening/mentions?topicId=${topicId}`, { as: admin });
    const m3 = page.json().items.find((m: { externalId: string }) => m.externalId === 'm3');
    expect(
      (
        await t.call('POST', `/api/workspaces/${ws}/listening/mentions/${m3.id}/handled`, {
          as: admin,
          body: { handled: true },
        })
      ).statusCode,
    ).toBe(200);

    const rule = async (workspace: string, onTopic: string) =>
      (
        await t.call('POST', `/api/workspaces/${workspace}/alerts`, {
          as: admin,
          body: { topicId: onTopic, name: 'Pic piscine', kind: 'new_source', params: {}, notifyInApp: false },
        })
      ).json() as { id: string };
    const alertRule = await rule(ws, topicId);
    const fire = (workspace: string, ruleId: string, onTopic: string, at: number) =>
      t.runtime.store.alerts.fire(
        { id: ruleId, workspaceId: workspace, topicId: onTopic, kind: 'new_source', cooldownMs: 0 },
        { figures: {}, mentionId: null },
        at,
      );
    // One alert two days ago (not new), one an hour ago; another workspace's alert is not ours.
    await fire(ws, alertRule.id, topicId, Date.now() - 48 * HOUR);
    await fire(ws, alertRule.id, topicId, Date.now() - HOUR);
    await fire(otherWs, (await rule(otherWs, otherTopic)).id, otherTopic, Date.now() - HOUR);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it('shows what goes out today, per channel and time, and what needs a person', async () => {
    const page = await home(admin);
    expect(Date.parse(page.day.from)).toBeLessThanOrEqual(Date.now());
    expect(Date.parse(page.day.to)).toBeGreaterThan(Date.now());

    // One row per channel of the post planned today; tomorrow's post is not there.
    expect(page.today.total).toBe(2);
    expect(
      page.today.items.map((row: { post: { id: string }; channelId: string }) => [row.post.id, row.channelId]).sort(),
    ).toEqual(
      [
        [posts.today, brokenChannelId],
        [posts.today, channelId],
      ].sort(),
    );
    expect(page.today.items[0]).toMatchObject({
      post: { text: 'Travaux rue du Port : la circulation est déviée', status: 'scheduled' },
      deliveryStatus: 'scheduled',
    });

    expect(page.review).toMatchObject({ total: 1, items: [{ id: posts.review, status: 'in_review' }] });
    expect(page.problems).toMatchObject({ failed: 1, unconfirmed: 1 });
    expect(page.problems.items.map((post: { id: string }) => post.id).sort()).toEqual(
      [posts.failed, posts.unconfirmed].sort(),
    );
    expect(page.channels).toEqual({
      total: 2,
      needsReconnect: [{ id: brokenChannelId, name: expect.any(String), network: 'testnet' }],
    });
    expect(page.alerts).toMatchObject({ total: 1, items: [{ ruleName: 'Pic piscine', topicId, kind: 'new_source' }] });
    expect(page.mentions).toEqual({ total: 2, topics: [{ topicId, name: 'Piscine', count: 2 }] });
    expect(page.hasPosts).toBe(true);
  });

  it('shows posts to approve only to those who may approve them', async () => {
    const page = await home(viewer);
    expect(page.review).toBeNull();
    // The rest is the same for everybody in the workspace.
    expect(page.today.total).toBe(2);
    expect(page.problems.failed).toBe(1);
  });

  it('never shows another workspace’s posts, channels, alerts or mentions', async () => {
    const page = await home(admin);
    const text = JSON.stringify(page);
    expect(text).not.toContain('Ailleurs');
    expect(text).not.toContain('Piscine ailleurs');

    const other = await home(admin, otherWs);
    expect(other.today.total).toBe(1);
    expect(other.review.total).toBe(1);
    expect(other.problems).toMatchObject({ failed: 1, unconfirmed: 0 });
    expect(other.channels.total).toBe(1);
    expect(other.alerts.total).toBe(1);
    expect(other.mentions.total).toBe(1);
    expect(JSON.stringify(other)).not.toContain(posts.today);

    // A member of one workspace cannot read the other's home at all.
    const refused = await t.call('GET', `/api/workspaces/${otherWs}/home`, { as: viewer });
    expect(refused.statusCode).toBe(404);
  });

  it('has an empty page for a new workspace, which the page turns into first steps', async () => {
    const fresh = (await t.call('POST', '/api/workspaces', { as: admin, body: { name: 'Neuf' } })).json().id;
    const page = await home(admin, fresh);
    expect(page).toMatchObject({
      today: { total: 0, items: [] },
      review: { total: 0, items: [] },
      problems: { failed: 0, unconfirmed: 0, items: [] },
      channels: { total: 0, needsReconnect: [] },
      alerts: { total: 0, items: [] },
      mentions: { total: 0, topics: [] },
      hasPosts: false,
    });
  });
});
