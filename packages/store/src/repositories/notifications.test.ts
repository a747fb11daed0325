// Notifications and delivery pacing, on SQLite and (when ROSTRA_TEST_DATABASE_URL is set) on PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../database.js';
import { migrateToLatest } from '../migrate.js';
import { createStore, type Store } from '../store.js';
import { createTestDatabase, testDialects, type TestDatabase } from '../testing/test-env.js';

describe.each(testDialects)('notifications and pacing on %s', (dialect) => {
  let testDb: TestDatabase;
  let store: Store;
  let orgId: string;

  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
    const handle = openDatabase({ databaseUrl: testDb.databaseUrl, dataDir: testDb.dataDir });
    store = createStore(handle);
    await migrateToLatest(handle.db);
    orgId = (await store.accounts.createOrganisation('Mairie de Lyon')).id;
  });

  afterAll(async () => {
    await store?.close();
    await testDb?.drop();
  });

  async function person(email: string) {
    return store.accounts.createUser({
      organisationId: orgId,
      email,
      name: email.split('@')[0] as string,
      passwordHash: 'h',
      locale: 'fr',
      isOwner: false,
    });
  }

  it('pages a person’s notifications newest first, counts unread, marks one or all read', async () => {
    const ws = await store.accounts.createWorkspace({ organisationId: orgId, name: 'Ville', timezone: 'UTC' });
    const other = await store.accounts.createWorkspace({ organisationId: orgId, name: 'Agence', timezone: 'UTC' });
    const alice = await person('alice@example.org');
    const bruno = await person('bruno@example.org');
    await store.accounts.addMember({ workspaceId: ws.id, userId: alice.id, role: 'manager' });
    await store.accounts.addMember({ workspaceId: other.id, userId: alice.id, role: 'viewer' });
    await store.accounts.addMember({ workspaceId: ws.id, userId: bruno.id, role: 'contributor' });
    const made = [];
    for (let i = 0; i < 5; i++) {
      made.push(
        ...(await store.notifications.create(
          [
            {
              workspaceId: i === 4 ? other.id : ws.id,
              userId: alice.id,
              kind: 'post.commented',
              params: { postTitle: `Post ${i}`, actorName: 'Bruno', n: i, none: null },
              link: `/w/${ws.id}/posts/p${i}`,
              actorId: bruno.id,
            },
          ],
          1000 + i,
        )),
      );
    }
    await store.notifications.create(
      [{ workspaceId: ws.id, userId: bruno.id, kind: 'post.approved', params: {}, link: null, actorId: null }],
      2000,
    );

    const first = await store.notifications.listForUser(alice.id, { limit: 2 });
    expect(first.items.map((n) => n.params.postTitle)).toEqual(['Post 4', 'Post 3']);
    expect(first.items[0]).toMatchObject({ kind: 'post.commented', createdAt: 1004, readAt: null, actorId: bruno.id });
    expect(first.items[0]?.params).toEqual({ postTitle: 'Post 4', actorName: 'Bruno', n: 4, none: null });
    expect(first.unread).toBe(5);
    const second = await store.notifications.listForUser(alice.id, { limit: 2, cursor: first.nextCursor as string });
    expect(second.items.map((n) => n.params.postTitle)).toEqual(['Post 2', 'Post 1']);
    const last = await store.notifications.listForUser(alice.id, { limit: 2, cursor: second.nextCursor as string });
    expect(last.items.map((n) => n.params.postTitle)).toEqual(['Post 0']);
    expect(last.nextCursor).toBeNull();

    const scoped = await store.notifications.listForUser(alice.id, { limit: 10, workspaceId: other.id });
    expect(scoped.items.map((n) => n.params.postTitle)).toEqual(['Post 4']);
    expect(scoped.unread).toBe(1);

    // Somebody else's notification is not found, and stays unread.
    const brunos = (await store.notifications.listForUser(bruno.id, { limit: 10 })).items[0];
    expect(await store.notifications.markRead(alice.id, brunos?.id as string, 3000)).toBeUndefined();
    expect(await store.notifications.countUnread(bruno.id)).toBe(1);

    const target = made[2]?.id as string;
    expect(await store.notifications.markRead(alice.id, target, 3000)).toMatchObject({ id: target, readAt: 3000 });
    expect(await store.notifications.markRead(alice.id, target, 4000)).toMatchObject({ readAt: 3000 });
    expect(await store.notifications.countUnread(alice.id)).toBe(4);
    const unreadOnly = await store.notifications.listForUser(alice.id, { limit: 10, unreadOnly: true });
    expect(unreadOnly.items).toHaveLength(4);

    expect(await store.notifications.markAllRead(alice.id, 5000, ws.id)).toBe(3);
    expect(await store.notifications.countUnread(alice.id)).toBe(1);
    expect(await store.notifications.markAllRead(alice.id, 5000)).toBe(1);
    expect(await store.notifications.countUnread(alice.id)).toBe(0);
    expect(await store.notifications.countUnread(bruno.id)).toBe(1);
  });

  it('hides the notifications of a workspace the person left', async () => {
    const ws = await store.accounts.createWorkspace({ organisationId: orgId, name: 'Quitté', timezone: 'UTC' });
    const carla = await person('carla@example.org');
    await store.accounts.addMember({ workspaceId: ws.id, userId: carla.id, role: 'viewer' });
    const [n] = await store.notifications.create(
      [
        {
          workspaceId: ws.id,
          userId: carla.id,
          kind: 'channel.needs_reconnect',
          params: {},
          link: null,
          actorId: null,
        },
      ],
      10,
    );
    expect(await store.notifications.countUnread(carla.id)).toBe(1);
    await store.accounts.removeMember(ws.id, carla.id);
    expect(await store.notifications.countUnread(carla.id)).toBe(0);
    expect((await store.notifications.listForUser(carla.id, { limit: 10 })).items).toEqual([]);
    expect(await store.notifications.markRead(carla.id, n?.id as string, 20)).toBeUndefined();
    expect(await store.notifications.markAllRead(carla.id, 20)).toBe(0);
  });

  it('counts a channel’s budget, pauses it, defers without spending an attempt, reschedules atomically', async () => {
    const ws = await store.accounts.createWorkspace({ organisationId: orgId, name: 'Rythme', timezone: 'UTC' });
    const channel = await store.channels.upsert({
      workspaceId: ws.id,
      network: 'mastodon',
      name: 'ville',
      accountId: 'ville@mastodon.test',
      sealedCredentials: 'v1:x',
      credentialsExpiresAt: null,
      createdBy: null,
    });
    const newPost = async (text: string) => {
      const post = await store.posts.create({
        workspaceId: ws.id,
        text,
        themeId: null,
        contentTypeId: null,
        ownerId: null,
        backupOwnerId: null,
        scheduledAt: 1000,
        createdBy: null,
        targets: [{ channelId: channel.id, text: null }],
      });
      const [targetId] = await store.deliveries.scheduleTargets(post.id, 1000);
      return { post, targetId: targetId as string };
    };
    const published = await newPost('un');
    await store.deliveries.claim(published.targetId, 'W', 1000, 60_000);
    await store.deliveries.markPublished(published.targetId, 'W', { id: '1', url: 'u', extra: {} }, 1500);
    const held = await newPost('deux');
    await store.deliveries.claim(held.targetId, 'W', 1000, 60_000);
    const mine = await newPost('trois');
    await store.deliveries.claim(mine.targetId, 'V', 1000, 60_000);

    expect(await store.pacing.channelUsage(channel.id, 1000, mine.targetId)).toEqual({
      publishedAt: [1500],
      inFlight: 1,
    });
    expect(await store.pacing.channelUsage(channel.id, 1501, mine.targetId)).toEqual({ publishedAt: [], inFlight: 1 });

    expect(await store.pacing.pausedUntil(channel.id)).toBeNull();
    await store.pacing.pauseChannel(channel.id, 9000);
    await store.pacing.pauseChannel(channel.id, 5000); // a shorter pause does not shorten the longer one
    expect(await store.pacing.pausedUntil(channel.id)).toBe(9000);

    expect(await store.pacing.deferHeld(mine.targetId, 'W', 9000)).toBe(false); // not the lease owner
    expect(await store.pacing.deferHeld(mine.targetId, 'V', 9000)).toBe(true);
    expect(await store.deliveries.getTarget(mine.targetId)).toMatchObject({
      status: 'scheduled',
      dueAt: 9000,
      attempts: 0,
      leaseOwner: null,
    });

    // Rescheduling moves the post and its waiting deliveries only.
    await store.posts.forceStatus(mine.post.id, 'scheduled');
    expect(await store.pacing.reschedulePost(mine.post.id, 50_000)).toEqual([{ id: mine.targetId, attempts: 0 }]);
    expect(await store.posts.get(ws.id, mine.post.id)).toMatchObject({ scheduledAt: 50_000 });
    expect(await store.deliveries.getTarget(mine.targetId)).toMatchObject({ dueAt: 50_000 });
    await store.posts.forceStatus(held.post.id, 'publishing');
    expect(await store.pacing.reschedulePost(held.post.id, 50_000)).toBeUndefined();
    expect(await store.deliveries.getTarget(held.targetId)).toMatchObject({ status: 'publishing', dueAt: 1000 });
  });
});
