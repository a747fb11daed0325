// The inbox repository on SQLite and (when ROSTRA_TEST_DATABASE_URL is set) PostgreSQL: items stored once per
// (channel, remote id) however often a batch comes, threaded with the post of ours they answer; the cursor's
// compare-and-set rolling back its batch; the list's filters, order and pages; people's work; one workspace apart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboxChannelRef, SourceInboxItem } from '@rostra/core';
import { openDatabase } from '../../database.js';
import { createStore, type Store } from '../../store.js';
import { createTestDatabase, testDialects, type TestDatabase } from '../../testing/test-env.js';

const T0 = Date.parse('2026-11-02T09:00:00Z');
const OUR_POST = 'at://did:plc:mairie/app.bsky.feed.post/3kmairie';

function reply(n: number, overrides: Partial<SourceInboxItem> = {}): SourceInboxItem {
  return {
    kind: 'reply',
    remoteId: `at://did:plc:habitant${n}/app.bsky.feed.post/${n}`,
    url: `https://bsky.app/profile/did:plc:habitant${n}/post/${n}`,
    rootRemoteId: OUR_POST,
    parentRemoteId: OUR_POST,
    subject: { remoteId: OUR_POST, url: 'https://bsky.app/profile/mairie/post/3kmairie', text: 'Marché de Noël' },
    author: {
      id: `did:plc:habitant${n}`,
      handle: `habitant${n}.test`,
      name: `Habitant ${n}`,
      url: null,
      avatar: null,
      followers: n * 10,
    },
    text: `Réponse ${n}`,
    createdAt: T0 + n * 60_000,
    ...overrides,
  };
}

describe.each(testDialects)('inbox repository on %s', (dialect) => {
  let testDb: TestDatabase;
  let store: Store;
  let channel: InboxChannelRef;
  let other: InboxChannelRef;
  let userId: string;
  let postId: string;

  beforeAll(async () => {
    testDb = await createTestDatabase(dialect, { migrated: true });
    store = createStore(openDatabase({ databaseUrl: testDb.databaseUrl, dataDir: testDb.dataDir }));
    const org = await store.accounts.createOrganisation('Mairie');
    const ws = await store.accounts.createWorkspace({ organisationId: org.id, name: 'A', timezone: 'Europe/Paris' });
    const otherWs = await store.accounts.createWorkspace({ organisationId: org.id, name: 'B', timezone: 'UTC' });
    const user = await store.accounts.createUser({
      organisationId: org.id,
      email: 'claire@mairie.test',
      name: 'Claire',
      passwordHash: 'x',
      locale: 'fr',
      isOwner: false,
    });
    userId = user.id;
    const connect = async (workspaceId: string, accountId: string): Promise<InboxChannelRef> => {
      const c = await store.channels.upsert({
        workspaceId,
        network: 'bluesky',
        name: accountId,
        accountId,
        sealedCredentials: 'v1:x',
        credentialsExpiresAt: null,
        createdBy: null,
      });
      return { workspaceId, channelId: c.id, network: 'bluesky' };
    };
    channel = await connect(ws.id, 'did:plc:mairie');
    other = await connect(otherWs.id, 'did:plc:autre');
    // Our post, published by Rostra on the channel: the thread's subject must name it.
    const post = await store.posts.create({
      workspaceId: ws.id,
      text: 'Marché de Noël',
      themeId: null,
      contentTypeId: null,
      ownerId: null,
      backupOwnerId: null,
      scheduledAt: null,
      createdBy: null,
      targets: [{ channelId: channel.channelId, text: null }],
    });
    postId = post.id;
    const [targetId] = await store.deliveries.scheduleTargets(post.id, T0 - 3_600_000);
    await store.deliveries.claim(targetId ?? '', 'w', T0, 60_000);
    await store.deliveries.markPublished(targetId ?? '', 'w', { id: OUR_POST, url: 'u', extra: {} }, T0);
  });

  afterAll(async () => {
    await store?.close();
    await testDb?.drop();
  });

  it('stores each item once, threaded under the post of ours it answers, however often the batch comes', async () => {
    const batch = [reply(1), reply(2), reply(1)];
    const first = await store.inbox.insertItems(channel, batch, T0 + 1_000_000);
    expect(first.map((item) => item.text)).toEqual(['Réponse 1', 'Réponse 2']);
    expect(await store.inbox.insertItems(channel, batch, T0 + 2_000_000)).toEqual([]);
    const overlapping = await store.inbox.insertItems(channel, [reply(2), reply(3)], T0 + 3_000_000);
    expect(overlapping.map((item) => item.text)).toEqual(['Réponse 3']);

    const conversation = await store.inbox.getConversation(channel.workspaceId, first[0]?.conversationId ?? '');
    expect(conversation).toMatchObject({
      rootRemoteId: OUR_POST,
      itemCount: 3,
      firstItemAt: T0 + 60_000,
      lastItemAt: T0 + 180_000,
      subject: { remoteId: OUR_POST, text: 'Marché de Noël', postId },
    });
    const items = await store.inbox.listConversationItems(channel.workspaceId, conversation?.id ?? '');
    expect(items.map((item) => item.text)).toEqual(['Réponse 1', 'Réponse 2', 'Réponse 3']);
    expect(items[0]).toMatchObject({ status: 'new', priority: 0, labels: [], subject: { postId } });
    expect(items[1]?.author).toEqual(reply(2).author);
  });

  it('keeps the same remote id apart on two channels, and another workspace never reads it', async () => {
    const [mine] = await store.inbox.insertItems(other, [reply(1)], T0);
    expect(mine?.workspaceId).toBe(other.workspaceId);
    expect(await store.inbox.getItem(channel.workspaceId, mine?.id ?? '')).toBeUndefined();
    expect(await store.inbox.getConversation(channel.workspaceId, mine?.conversationId ?? '')).toBeUndefined();
    const page = await store.inbox.listItems(other.workspaceId, {}, null, 50);
    expect(page.items.map((item) => item.id)).toEqual([mine?.id]);
    expect(await store.inbox.updateItem(channel.workspaceId, mine?.id ?? '', { status: 'done' }, T0)).toBeUndefined();
  });

  it('moves the cursor by compare-and-set, and a lost race rolls its batch back', async () => {
    const update = { backfilledAt: T0, now: T0, nextPollAt: T0 + 60_000 };
    expect(await store.inbox.advanceCursor(channel, { ...update, cursor: 'c1', expected: null })).toBe(true);
    expect(await store.inbox.advanceCursor(channel, { ...update, cursor: 'c2', expected: null })).toBe(false);
    await expect(
      store.transaction(async (r) => {
        await r.inbox.insertItems(channel, [reply(9)], T0);
        if (!(await r.inbox.advanceCursor(channel, { ...update, cursor: 'c2', expected: 'stale' }))) {
          throw new Error('lost the race');
        }
      }),
    ).rejects.toThrow('lost the race');
    expect((await store.inbox.listItems(channel.workspaceId, {}, null, 50)).items.map((i) => i.text)).not.toContain(
      'Réponse 9',
    );
    expect(await store.inbox.advanceCursor(channel, { ...update, cursor: 'c2', expected: 'c1' })).toBe(true);
    expect(await store.inbox.getCursor(channel.channelId)).toMatchObject({ cursor: 'c2', backfilledAt: T0 });
  });

  it('lists the channels due, and counts failures until a poll succeeds', async () => {
    const due = await store.inbox.listDueChannels(['bluesky'], T0 + 1, 10);
    expect(due).toEqual([other]);
    expect(await store.inbox.listDueChannels(['mastodon'], T0 + 1, 10)).toEqual([]);
    // Never read first, then the longest due.
    expect(await store.inbox.listDueChannels(['bluesky'], T0 + 60_000, 10)).toEqual([other, channel]);
    const failure = { code: 'unavailable', message: 'down', now: T0, nextPollAt: T0 + 120_000 };
    await store.inbox.recordPollFailure(channel, failure);
    await store.inbox.recordPollFailure(channel, failure);
    expect(await store.inbox.getCursor(channel.channelId)).toMatchObject({
      cursor: 'c2',
      consecutiveFailures: 2,
      lastErrorCode: 'unavailable',
      nextPollAt: T0 + 120_000,
    });
    await store.inbox.advanceCursor(channel, {
      cursor: 'c3',
      expected: 'c2',
      backfilledAt: T0,
      now: T0,
      nextPollAt: T0,
    });
    expect(await store.inbox.getCursor(channel.channelId)).toMatchObject({ consecutiveFailures: 0, lastError: null });
  });

  it("records people's work on an item: status, assignee, labels, priority", async () => {
    const [item] = (await store.inbox.listItems(channel.workspaceId, {}, null, 1)).items;
    const updated = await store.inbox.updateItem(
      channel.workspaceId,
      item?.id ?? '',
      { status: 'open', assigneeId: userId, labels: ['Voirie', 'urgent'], priority: 5 },
      T0 + 5,
    );
    expect(updated).toMatchObject({ status: 'open', assigneeId: userId, labels: ['Voirie', 'urgent'], priority: 5 });
    const relabelled = await store.inbox.updateItem(
      channel.workspaceId,
      item?.id ?? '',
      { labels: ['urgent'] },
      T0 + 6,
    );
    expect(relabelled).toMatchObject({ status: 'open', assigneeId: userId, labels: ['urgent'], updatedAt: T0 + 6 });
    expect(await store.inbox.countByStatus(channel.workspaceId)).toEqual({ new: 2, open: 1, waiting: 0, done: 0 });
  });

  it('filters by status, assignee and label, sorted by priority then newest, page after page', async () => {
    await store.inbox.insertItems(
      channel,
      Array.from({ length: 7 }, (_, i) => reply(20 + i)),
      T0,
    );
    const all = await store.inbox.listItems(channel.workspaceId, {}, null, 100);
    expect(all.items[0]?.priority).toBe(5);
    const rest = all.items.slice(1).map((item) => item.createdAt);
    expect(rest).toEqual([...rest].sort((a, b) => b - a));

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await store.inbox.listItems(channel.workspaceId, {}, cursor, 3);
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.items.map((item) => item.id));

    const open = await store.inbox.listItems(channel.workspaceId, { status: ['open'] }, null, 100);
    expect(open.items.map((item) => item.labels)).toEqual([['urgent']]);
    expect((await store.inbox.listItems(channel.workspaceId, { assigneeId: userId }, null, 100)).items).toHaveLength(1);
    expect((await store.inbox.listItems(channel.workspaceId, { assigneeId: null }, null, 100)).items).toHaveLength(
      all.items.length - 1,
    );
    expect((await store.inbox.listItems(channel.workspaceId, { label: 'urgent' }, null, 100)).items).toHaveLength(1);
    expect((await store.inbox.listItems(channel.workspaceId, { label: 'Voirie' }, null, 100)).items).toHaveLength(0);
    expect((await store.inbox.listItems(channel.workspaceId, { kind: ['mention'] }, null, 100)).items).toEqual([]);
    await expect(store.inbox.listItems(channel.workspaceId, {}, 'pas-un-curseur', 3)).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });

  it("keeps the team's notes on a conversation, in order, with the members they name", async () => {
    const [item] = (await store.inbox.listItems(channel.workspaceId, {}, null, 1)).items;
    const conversationId = item?.conversationId ?? '';
    const base = { workspaceId: channel.workspaceId, conversationId, authorId: userId };
    await store.inbox.addNote({ ...base, text: 'Je regarde', mentions: [], createdAt: T0 + 1 });
    await store.inbox.addNote({ ...base, text: '@Claire à toi', mentions: [userId], createdAt: T0 + 2 });
    const notes = await store.inbox.listNotes(channel.workspaceId, conversationId);
    expect(notes.map((note) => [note.text, note.mentions])).toEqual([
      ['Je regarde', []],
      ['@Claire à toi', [userId]],
    ]);
    expect(await store.inbox.listNotes(other.workspaceId, conversationId)).toEqual([]);
  });
});
