// The inbox through the server: polls that read each channel back 7 days then from its cursor, store each batch with
// its cursor (two polls of one channel at once store nothing twice and lose nothing; a failure backs off), and the
// API — list, filters, a conversation with the post it answers, people's work audited, notes — in one workspace only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorError, type InboxRead, type InboxReadRequest } from '@rostra/connectors';
import { INBOX_BACKFILL_MS, type SourceInboxItem } from '@rostra/core';
import { testDialects } from '@rostra/store/testing';
import { addMember, createTestApp, setUp, type Caller, type TestApp } from './helpers/test-app.js';
import { createTestNetwork } from './helpers/fake-network.js';
import { createInboxPoller } from '../src/inbox/poller.js';
import { INBOX_POLL_JOB } from '../src/inbox/poller.js';

const POST = 'post-1';

function answer(n: number): SourceInboxItem {
  return {
    kind: 'reply',
    remoteId: `reply-${n}`,
    url: `https://testnet.example/reply-${n}`,
    rootRemoteId: POST,
    parentRemoteId: POST,
    subject: { remoteId: POST, url: 'https://testnet.example/post-1', text: 'Le marché ouvre samedi' },
    author: { id: `a${n}`, handle: `habitant${n}`, name: null, url: null, avatar: null, followers: n },
    text: `Réponse ${n}`,
    createdAt: Date.parse('2026-11-02T09:00:00Z') + n * 60_000,
  };
}

/**
 * An inbox source scripted for Rostra's own rules (the networks' own are tested in their connectors): the items
 * "on the network" in order, a cursor that counts those read, pages of `page`; `hold` stops a reading until released.
 */
function createScriptedInbox(page = 100) {
  const items: SourceInboxItem[] = [];
  const requests: InboxReadRequest[] = [];
  const failures: ConnectorError[] = [];
  let held: { reached: () => void; release: Promise<void> } | undefined;
  return {
    items,
    requests,
    failures,
    /** The next reading takes its items, then waits until `release` is called. */
    hold() {
      let release = () => {};
      let reached = () => {};
      const atHold = new Promise<void>((resolve) => (reached = resolve));
      held = { reached, release: new Promise<void>((resolve) => (release = resolve)) };
      return { atHold, release };
    },
    source: {
      kinds: ['reply', 'mention'] as const,
      async readInbox(_credentials: unknown, request: InboxReadRequest): Promise<InboxRead> {
        requests.push(request);
        const failure = failures.shift();
        if (failure) throw failure;
        const from = request.cursor === null ? 0 : Number(request.cursor);
        const batch = items.slice(from, from + page);
        const hold = held;
        held = undefined;
        if (hold) {
          hold.reached();
          await hold.release;
        }
        const next = from + batch.length;
        return { items: batch, cursor: String(next), more: next < items.length };
      },
    },
  };
}

describe.each(testDialects)('inbox on %s', (dialect) => {
  let t: TestApp;
  let admin: Caller;
  let viewer: Caller;
  let workspaceId: string;
  let channelId: string;
  let memberId: string;
  const inbox = createScriptedInbox(3);
  const network = createTestNetwork();
  const poller = () =>
    createInboxPoller({
      store: t.runtime.store,
      connectors: t.runtime.connectors,
      credentialsFor: async () => ({ data: { token: 't' } }),
    });
  const ref = () => ({ workspaceId, channelId, network: 'testnet' });
  const list = async (query = '', as = admin) =>
    (await t.call('GET', `/api/workspaces/${workspaceId}/inbox/items${query}`, { as })).json();

  beforeAll(async () => {
    t = await createTestApp(dialect, {}, { connectors: [{ ...network.connector, inbox: inbox.source }] });
    ({ admin, workspaceId } = await setUp(t));
    ({ caller: viewer } = await addMember(t, admin, workspaceId, 'lea@mairie.test', 'viewer'));
    ({ userId: memberId } = await addMember(t, admin, workspaceId, 'claire@mairie.test', 'community_manager'));
    const channel = await t.call('POST', `/api/workspaces/${workspaceId}/channels`, {
      as: admin,
      body: { network: 'testnet', credentials: { handle: 'mairie', password: 'xxxx-yyyy-zzzz-wwww' } },
    });
    channelId = channel.json().id;
  });
  afterAll(() => t?.close());

  it('reads a new channel back 7 days, in slices until done, then from its cursor', async () => {
    inbox.items.push(answer(1), answer(2), answer(3), answer(4));
    const before = Date.now();
    const outcome = await poller().pollChannel(ref());
    expect(outcome).toMatchObject({ status: 'ok', stored: 4, readings: 2, complete: true });
    expect(inbox.requests[0]?.cursor).toBeNull();
    expect(inbox.requests[0]?.since).toBeGreaterThanOrEqual(before - INBOX_BACKFILL_MS);
    expect(inbox.requests[0]?.since).toBeLessThanOrEqual(Date.now() - INBOX_BACKFILL_MS);
    expect(inbox.requests[1]?.cursor).toBe('3');
    const cursor = await t.runtime.store.inbox.getCursor(channelId);
    expect(cursor).toMatchObject({ cursor: '4', consecutiveFailures: 0 });
    expect(cursor?.backfilledAt).toBeGreaterThanOrEqual(before);
    expect(cursor?.nextPollAt).toBeGreaterThan(Date.now());

    inbox.items.push(answer(5));
    expect(await poller().pollChannel(ref())).toMatchObject({ status: 'ok', stored: 1, readings: 1 });
    expect(inbox.requests.at(-1)?.cursor).toBe('4');
    expect((await list()).items.map((item: { text: string }) => item.text)).toEqual([
      'Réponse 5',
      'Réponse 4',
      'Réponse 3',
      'Réponse 2',
      'Réponse 1',
    ]);
  });

  it('stores a batch read by two polls at once once, and loses none of what the slower one saw', async () => {
    inbox.items.push(answer(6), answer(7));
    const { atHold, release } = inbox.hold();
    // The slow poll reads [6, 7] from cursor 5 and waits; meanwhile 8 arrives and the fast poll stores [6, 7, 8].
    const slow = poller().pollChannel(ref());
    await atHold;
    inbox.items.push(answer(8));
    expect(await poller().pollChannel(ref())).toMatchObject({ status: 'ok', stored: 3 });
    release();
    expect(await slow).toEqual({ status: 'moved' });
    expect((await t.runtime.store.inbox.getCursor(channelId))?.cursor).toBe('8');
    const texts = (await list('?limit=200')).items.map((item: { text: string }) => item.text);
    expect(texts).toHaveLength(8);
    expect(new Set(texts).size).toBe(8);
  });

  it('stores nothing twice when a batch is read again from an older cursor', async () => {
    // As after a poll that read, then died before its transaction: the next one reads the same items again.
    const stored = await t.runtime.store.transaction((repos) =>
      repos.inbox.insertItems(ref(), [answer(7), answer(8)], Date.now()),
    );
    expect(stored).toEqual([]);
    expect((await list('?limit=200')).items).toHaveLength(8);
  });

  it('backs off after a failure, no sooner than the network asks, and the job skips the channel meanwhile', async () => {
    inbox.failures.push(new ConnectorError('testnet', 'rate_limited', 'Too many', { retryAfterMs: 3_600_000 }));
    const outcome = await poller().pollChannel(ref());
    expect(outcome).toMatchObject({ status: 'failed', code: 'rate_limited' });
    const cursor = await t.runtime.store.inbox.getCursor(channelId);
    expect(cursor).toMatchObject({ cursor: '8', consecutiveFailures: 1, lastErrorCode: 'rate_limited' });
    expect(cursor?.nextPollAt).toBeGreaterThanOrEqual(Date.now() + 3_500_000);
    const reads = inbox.requests.length;
    await poller().handlers[INBOX_POLL_JOB]?.({}, { jobId: 'j', workerId: 'w', attempt: 1 } as never);
    expect(inbox.requests.length).toBe(reads);
  });

  it("lists by status and assignee, records people's work in the audit log, refuses a viewer", async () => {
    const [first] = (await list('?limit=1')).items as Array<{ id: string; conversationId: string }>;
    const url = `/api/workspaces/${workspaceId}/inbox/items/${first?.id}`;
    const changed = await t.call('PATCH', url, {
      as: admin,
      body: { status: 'open', assigneeId: memberId, labels: ['Voirie', ' voirie ', 'urgent'] },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ status: 'open', assigneeId: memberId, labels: ['Voirie', 'urgent'] });
    expect((await list('?status=open')).items.map((i: { id: string }) => i.id)).toEqual([first?.id]);
    expect((await list(`?assignee=${memberId}`)).items).toHaveLength(1);
    expect((await list('?assignee=none&limit=200')).items).toHaveLength(7);
    expect((await list('?label=urgent')).items).toHaveLength(1);
    const counts = await t.call('GET', `/api/workspaces/${workspaceId}/inbox/counts`, { as: viewer });
    expect(counts.json()).toEqual({ new: 7, open: 1, waiting: 0, done: 0 });

    const refused = await t.call('PATCH', url, { as: viewer, body: { status: 'done' } });
    expect(refused.statusCode).toBe(403);
    const stranger = await t.call('PATCH', url, {
      as: admin,
      body: { assigneeId: '0190a000-0000-7000-8000-00000000' },
    });
    expect(stranger.json()).toMatchObject({
      code: 'validation_failed',
      details: { issues: [{ code: 'not_a_member' }] },
    });
    const audit = await t.call('GET', `/api/workspaces/${workspaceId}/audit?action=inbox.`, { as: admin });
    expect(audit.json().items).toHaveLength(1);
    expect(audit.json().items[0]).toMatchObject({
      action: 'inbox.item_updated',
      targetId: first?.id,
      details: { status: { from: 'new', to: 'open' }, assigneeId: { from: null, to: memberId } },
    });
  });

  it("shows a conversation with the post it answers, its items in order, and the team's notes", async () => {
    const [item] = (await list('?limit=1')).items as Array<{ conversationId: string }>;
    const base = `/api/workspaces/${workspaceId}/inbox/conversations/${item?.conversationId}`;
    const note = await t.call('POST', `${base}/notes`, {
      as: admin,
      body: { text: ' @Claire peux-tu répondre ? ', mentions: [memberId, memberId] },
    });
    expect(note.statusCode).toBe(201);
    expect(note.json()).toMatchObject({ text: '@Claire peux-tu répondre ?', mentions: [memberId] });
    const view = (await t.call('GET', base, { as: viewer })).json();
    expect(view.conversation).toMatchObject({
      rootRemoteId: POST,
      itemCount: 8,
      subject: { remoteId: POST, text: 'Le marché ouvre samedi', postId: null },
    });
    expect(view.items.map((i: { text: string }) => i.text)).toEqual(
      Array.from({ length: 8 }, (_, i) => `Réponse ${i + 1}`),
    );
    expect(view.notes).toHaveLength(1);
    const byViewer = await t.call('POST', `${base}/notes`, { as: viewer, body: { text: 'Non' } });
    expect(byViewer.statusCode).toBe(403);
  });

  it('never shows one workspace the conversations of another', async () => {
    const other = await t.call('POST', '/api/workspaces', { as: admin, body: { name: 'Office de tourisme' } });
    const otherId = other.json().id as string;
    const [item] = (await list('?limit=1')).items as Array<{ id: string; conversationId: string }>;
    const theirs = await t.call('GET', `/api/workspaces/${otherId}/inbox/items`, { as: admin });
    expect(theirs.json().items).toEqual([]);
    for (const url of [
      `/api/workspaces/${otherId}/inbox/conversations/${item?.conversationId}`,
      `/api/workspaces/${otherId}/inbox/items/${item?.id}`,
    ]) {
      const method = url.includes('/items/') ? 'PATCH' : 'GET';
      const response = await t.call(method, url, {
        as: admin,
        ...(method === 'PATCH' ? { body: { status: 'done' } } : {}),
      });
      expect(response.statusCode).toBe(404);
    }
  });
});
