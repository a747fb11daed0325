// One repository suite, run on SQLite and (when ROSTRA_TEST_DATABASE_URL is set) on PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from './database.js';
import { migrateToLatest, readMigrationStatus } from './migrate.js';
import { createStore, type Store } from './store.js';
import { createTestDatabase, testDialects, type TestDatabase } from './testing/test-env.js';
import { migrations } from './migrations/index.js';

const ALL_MIGRATIONS = Object.keys(migrations);

describe.each(testDialects)('store on %s', (dialect) => {
  let testDb: TestDatabase;
  let store: Store;
  let orgId: string;

  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
    const handle = openDatabase({ databaseUrl: testDb.databaseUrl, dataDir: testDb.dataDir });
    store = createStore(handle);
    expect(await readMigrationStatus(handle.db)).toMatchObject({ applied: [], pending: ALL_MIGRATIONS });
    expect(await migrateToLatest(handle.db)).toEqual(ALL_MIGRATIONS);
    expect(await migrateToLatest(handle.db)).toEqual([]);
    orgId = (await store.accounts.createOrganisation('Mairie de Lyon')).id;
  });

  afterAll(async () => {
    await store?.close();
    await testDb?.drop();
  });

  it('reports migrations as current', async () => {
    const handle = openDatabase({ databaseUrl: testDb.databaseUrl, dataDir: testDb.dataDir });
    expect(await readMigrationStatus(handle.db)).toEqual({ applied: ALL_MIGRATIONS, pending: [], unknown: [] });
    await handle.close();
  });

  it('stores users with case-insensitive unique emails', async () => {
    const user = await store.accounts.createUser({
      organisationId: orgId,
      email: '  Camille@Example.ORG ',
      name: 'Camille',
      passwordHash: 'h',
      locale: 'fr',
      isOwner: true,
    });
    expect(user.email).toBe('camille@example.org');
    expect((await store.accounts.findUserByEmail('CAMILLE@example.org'))?.id).toBe(user.id);
    await expect(
      store.accounts.createUser({
        organisationId: orgId,
        email: 'camille@example.org',
        name: 'Other',
        passwordHash: 'h',
        locale: 'en',
        isOwner: false,
      }),
    ).rejects.toThrow();
    const updated = await store.accounts.updateUser(user.id, { locale: 'en', name: 'Camille D.' });
    expect(updated).toMatchObject({ locale: 'en', name: 'Camille D.', isOwner: true });
  });

  it('lists workspaces and members with roles, and counts admins', async () => {
    const a = await store.accounts.createWorkspace({ organisationId: orgId, name: 'Ville', timezone: 'Europe/Paris' });
    const b = await store.accounts.createWorkspace({ organisationId: orgId, name: 'Agence', timezone: 'Europe/Paris' });
    const u1 = await store.accounts.createUser({
      organisationId: orgId,
      email: 'u1@example.org',
      name: 'Alice',
      passwordHash: 'h',
      locale: 'fr',
      isOwner: false,
    });
    const u2 = await store.accounts.createUser({
      organisationId: orgId,
      email: 'u2@example.org',
      name: 'Bruno',
      passwordHash: 'h',
      locale: 'fr',
      isOwner: false,
    });
    await store.accounts.addMember({ workspaceId: a.id, userId: u1.id, role: 'admin' });
    await store.accounts.addMember({ workspaceId: a.id, userId: u2.id, role: 'viewer' });
    await store.accounts.addMember({ workspaceId: b.id, userId: u2.id, role: 'manager' });

    expect((await store.accounts.listMembers(a.id)).map((m) => [m.name, m.role])).toEqual([
      ['Alice', 'admin'],
      ['Bruno', 'viewer'],
    ]);
    expect((await store.accounts.listWorkspacesOfUser(u2.id)).map((w) => [w.name, w.role])).toEqual([
      ['Agence', 'manager'],
      ['Ville', 'viewer'],
    ]);
    expect(await store.accounts.countAdmins(a.id)).toBe(1);
    await store.accounts.setMemberRole(a.id, u2.id, 'admin');
    expect(await store.accounts.countAdmins(a.id)).toBe(2);
    await store.accounts.removeMember(a.id, u2.id);
    expect(await store.accounts.getMembership(a.id, u2.id)).toBeUndefined();
    expect(await store.accounts.getMembership(b.id, u2.id)).toMatchObject({ role: 'manager' });
    const renamed = await store.accounts.updateWorkspace(a.id, { name: 'Ville de Lyon', timezone: 'America/Montreal' });
    expect(renamed).toMatchObject({ name: 'Ville de Lyon', timezone: 'America/Montreal' });
  });

  it('rolls a transaction back entirely when it fails', async () => {
    const before = await store.accounts.listWorkspaces(orgId);
    await expect(
      store.transaction(async (repos) => {
        await repos.accounts.createWorkspace({ organisationId: orgId, name: 'Éphémère', timezone: 'UTC' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await store.accounts.listWorkspaces(orgId)).toEqual(before);
  });

  it('finds invitations by token hash and scopes them to their workspace', async () => {
    const ws = await store.accounts.createWorkspace({ organisationId: orgId, name: 'Invit', timezone: 'UTC' });
    const other = await store.accounts.createWorkspace({ organisationId: orgId, name: 'Autre', timezone: 'UTC' });
    const inviter = await store.accounts.createUser({
      organisationId: orgId,
      email: 'inviter@example.org',
      name: 'Inès',
      passwordHash: 'h',
      locale: 'fr',
      isOwner: false,
    });
    const inv = await store.invitations.create({
      workspaceId: ws.id,
      email: 'New@Example.org',
      role: 'contributor',
      tokenHash: 'hash-1',
      invitedBy: inviter.id,
      expiresAt: Date.now() + 1000,
    });
    expect(inv.email).toBe('new@example.org');
    expect((await store.invitations.findByTokenHash('hash-1'))?.id).toBe(inv.id);
    expect(await store.invitations.get(other.id, inv.id)).toBeUndefined();
    expect((await store.invitations.list(ws.id))[0]).toMatchObject({ invitedByName: 'Inès', role: 'contributor' });
    await store.invitations.markAccepted(inv.id, inviter.id, 42);
    expect(await store.invitations.get(ws.id, inv.id)).toMatchObject({ acceptedAt: 42, acceptedBy: inviter.id });
  });

  it('stores API keys by hash, revokes and touches them', async () => {
    const ws = await store.accounts.createWorkspace({ organisationId: orgId, name: 'Keys', timezone: 'UTC' });
    const key = await store.apiKeys.create({
      workspaceId: ws.id,
      name: 'ci',
      prefix: 'rst_abcd',
      secretHash: 'secret-hash',
      role: 'manager',
      createdBy: null,
    });
    expect(await store.apiKeys.findBySecretHash('secret-hash')).toMatchObject({ id: key.id, role: 'manager' });
    await store.apiKeys.touch(key.id, 1234);
    await store.apiKeys.revoke(key.id, 5678);
    await store.apiKeys.revoke(key.id, 9999);
    expect(await store.apiKeys.get(ws.id, key.id)).toMatchObject({ lastUsedAt: 1234, revokedAt: 5678 });
    expect((await store.apiKeys.list(ws.id))[0]).toMatchObject({ createdByName: null });
  });

  it('expires sessions', async () => {
    const user = await store.accounts.createUser({
      organisationId: orgId,
      email: 'session@example.org',
      name: 'S',
      passwordHash: 'h',
      locale: 'fr',
      isOwner: false,
    });
    const live = await store.sessions.create({
      tokenHash: 'live',
      userId: user.id,
      csrfToken: 'c',
      expiresAt: Date.now() + 60_000,
      ip: '127.0.0.1',
      userAgent: null,
    });
    await store.sessions.create({
      tokenHash: 'dead',
      userId: user.id,
      csrfToken: 'c',
      expiresAt: Date.now() - 1,
      ip: null,
      userAgent: null,
    });
    expect(await store.sessions.deleteExpired(Date.now())).toBe(1);
    expect((await store.sessions.findByTokenHash('live'))?.id).toBe(live.id);
    expect(await store.sessions.findByTokenHash('dead')).toBeUndefined();
  });

  it('pages the audit log newest first with a cursor and filters by action, person and time', async () => {
    const ws = await store.accounts.createWorkspace({ organisationId: orgId, name: 'Audit', timezone: 'UTC' });
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      times.push(Date.now());
      await store.audit.record({
        organisationId: orgId,
        workspaceId: ws.id,
        actor:
          i % 2 === 0 ? { type: 'user', id: 'person-a', label: 'a@x' } : { type: 'system', id: null, label: 'cli' },
        action: i % 2 === 0 ? 'member.role_changed' : 'apikey.created',
        targetType: 'thing',
        targetId: String(i),
        ip: null,
        userAgent: null,
        details: { i },
      });
    }
    const first = await store.audit.list({ workspaceId: ws.id, limit: 2 });
    expect(first.items.map((e) => e.targetId)).toEqual(['4', '3']);
    const second = await store.audit.list({ workspaceId: ws.id, limit: 2, cursor: first.nextCursor ?? undefined });
    expect(second.items.map((e) => e.targetId)).toEqual(['2', '1']);
    const last = await store.audit.list({ workspaceId: ws.id, limit: 2, cursor: second.nextCursor ?? undefined });
    expect(last.items.map((e) => e.targetId)).toEqual(['0']);
    expect(last.nextCursor).toBeNull();
    const filtered = await store.audit.list({ workspaceId: ws.id, limit: 10, action: 'apikey' });
    expect(filtered.items.map((e) => e.details)).toEqual([{ i: 3 }, { i: 1 }]);
    // `_` is a character, not LIKE's wildcard: the exact action matches, a look-alike does not.
    const exact = await store.audit.list({ workspaceId: ws.id, limit: 10, action: 'member.role_changed' });
    expect(exact.items.map((e) => e.targetId)).toEqual(['4', '2', '0']);
    expect((await store.audit.list({ workspaceId: ws.id, limit: 10, action: 'member.roleXchanged' })).items).toEqual(
      [],
    );
    const byPerson = await store.audit.list({ workspaceId: ws.id, limit: 10, actorId: 'person-a' });
    expect(byPerson.items.map((e) => e.targetId)).toEqual(['4', '2', '0']);
    const since = await store.audit.list({ workspaceId: ws.id, limit: 10, from: times[0] ?? 0, to: Date.now() + 1 });
    expect(since.items).toHaveLength(5);
    expect((await store.audit.list({ workspaceId: ws.id, limit: 10, to: times[0] ?? 0 })).items).toEqual([]);
  });

  it('claims each due job once, honours leases, keys and retries', async () => {
    const now = Date.now();
    const ids = await store.jobs.enqueue([
      { type: 't', payload: { n: 1 }, runAt: now - 10, key: 'k1', maxAttempts: 3 },
      { type: 't', payload: { n: 2 }, runAt: now - 5, key: null, maxAttempts: 3 },
      { type: 't', payload: { n: 3 }, runAt: now + 60_000, key: null, maxAttempts: 3 },
    ]);
    expect(await store.jobs.enqueue([{ type: 't', payload: { n: 9 }, runAt: now, key: 'k1', maxAttempts: 3 }])).toEqual(
      [ids[0]],
    );
    const claimedA = await store.jobs.claim('A', 10, now, 1000);
    expect(claimedA.map((j) => j.payload)).toEqual([{ n: 1 }, { n: 2 }]);
    expect(await store.jobs.claim('B', 10, now, 1000)).toEqual([]);
    // A's lease runs out: B takes the job again (at-least-once after a crash).
    const reclaimed = await store.jobs.claim('B', 10, now + 2000, 1000);
    expect(reclaimed.map((j) => [j.payload, j.attempts])).toEqual([
      [{ n: 1 }, 2],
      [{ n: 2 }, 2],
    ]);
    // A, no longer the holder, cannot complete them.
    await store.jobs.complete(ids[0] as string, 'A', now);
    expect(await store.jobs.counts()).toMatchObject({ running: 2, queued: 1 });
    await store.jobs.complete(ids[0] as string, 'B', now);
    await store.jobs.fail(ids[1] as string, 'B', 'later', now + 5000, now);
    expect(await store.jobs.counts()).toEqual({ queued: 2, running: 0, done: 1, failed: 0 });
    expect(await store.jobs.purgeFinished(now + 1)).toBe(1);
  });

  it('tracks worker heartbeats and settings', async () => {
    await store.workers.beat({
      id: 'w1',
      role: 'worker',
      driver: 'embedded',
      host: 'h',
      pid: 1,
      startedAt: 1,
      heartbeatAt: 100,
    });
    await store.workers.beat({
      id: 'w1',
      role: 'worker',
      driver: 'embedded',
      host: 'h',
      pid: 1,
      startedAt: 1,
      heartbeatAt: 200,
    });
    await store.workers.beat({
      id: 'w2',
      role: 'all',
      driver: 'embedded',
      host: 'h',
      pid: 2,
      startedAt: 2,
      heartbeatAt: 50,
    });
    expect((await store.workers.listAlive(150)).map((w) => w.id)).toEqual(['w1']);
    expect(await store.workers.prune(150)).toBe(1);
    expect(await store.settings.setIfAbsent('k', 'v1')).toBe('v1');
    expect(await store.settings.setIfAbsent('k', 'v2')).toBe('v1');
    expect(await store.settings.get('missing')).toBeUndefined();
  });
  it('reconnects a channel for the same account without changing its id', async () => {
    const ws = await store.accounts.createWorkspace({ organisationId: orgId, name: 'Canaux', timezone: 'UTC' });
    const first = await store.channels.upsert({
      workspaceId: ws.id,
      network: 'bluesky',
      name: '@ville.bsky.social',
      accountId: 'did:plc:abc',
      sealedCredentials: 'v1:old',
      credentialsExpiresAt: 1,
      createdBy: null,
    });
    await store.channels.setStatus(first.id, 'needs_reconnect', 'token refused');
    const again = await store.channels.upsert({
      workspaceId: ws.id,
      network: 'bluesky',
      name: '@ville.fr',
      accountId: 'did:plc:abc',
      sealedCredentials: 'v1:new',
      credentialsExpiresAt: 2,
      createdBy: null,
    });
    expect(again).toMatchObject({ id: first.id, name: '@ville.fr', status: 'active', lastError: null });
    expect(await store.channels.getSealedCredentials(first.id)).toBe('v1:new');
    expect(await store.channels.list(ws.id)).toHaveLength(1);
  });

  it('hands a due delivery to exactly one worker, and only its owner settles it', async () => {
    const ws = await store.accounts.createWorkspace({ organisationId: orgId, name: 'Posts', timezone: 'UTC' });
    const channel = await store.channels.upsert({
      workspaceId: ws.id,
      network: 'bluesky',
      name: 'c',
      accountId: 'did:plc:posts',
      sealedCredentials: 'v1:x',
      credentialsExpiresAt: null,
      createdBy: null,
    });
    const post = await store.posts.create({
      workspaceId: ws.id,
      text: 'Conseil municipal ce soir à 19 h',
      themeId: null,
      contentTypeId: null,
      ownerId: null,
      backupOwnerId: null,
      scheduledAt: 1000,
      createdBy: null,
      targets: [{ channelId: channel.id, text: null }],
    });
    const [targetId] = await store.deliveries.scheduleTargets(post.id, 1000);
    expect(targetId).toBeDefined();
    const id = targetId as string;
    expect(await store.deliveries.claim(id, 'A', 999, 10_000)).toBeUndefined(); // not due yet
    expect(await store.deliveries.listDue(2000, 10)).toHaveLength(1);
    const claimed = await store.deliveries.claim(id, 'A', 2000, 10_000);
    expect(claimed).toMatchObject({ status: 'publishing', leaseOwner: 'A', attempts: 1 });
    expect(await store.deliveries.claim(id, 'B', 2000, 10_000)).toBeUndefined();
    expect(await store.deliveries.takeOver(id, 'B', 5000, 10_000)).toBeUndefined(); // lease still held
    expect(await store.deliveries.listAbandoned(20_000, 10)).toHaveLength(1);
    expect(await store.deliveries.takeOver(id, 'B', 20_000, 10_000)).toMatchObject({ leaseOwner: 'B' });
    expect(await store.deliveries.markPublished(id, 'A', { id: 'x', url: 'u', extra: {} }, 3)).toBe(false);
    expect(
      await store.deliveries.markPublished(
        id,
        'B',
        { id: 'at://p', url: 'https://bsky.app/p', extra: { cid: 'c' } },
        21_000,
      ),
    ).toBe(true);
    const [target] = await store.posts.targets(post.id);
    expect(target).toMatchObject({
      status: 'published',
      leaseOwner: null,
      published: { id: 'at://p', url: 'https://bsky.app/p', extra: { cid: 'c' }, at: 21_000 },
    });
    expect(await store.posts.setStatus(post.id, 'draft', 'in_review')).toBe(true);
    expect(await store.posts.setStatus(post.id, 'draft', 'in_review')).toBe(false);
    expect((await store.posts.list({ workspaceId: ws.id, channelId: channel.id, limit: 10 })).map((p) => p.id)).toEqual(
      [post.id],
    );
    expect(await store.posts.list({ workspaceId: ws.id, channelId: 'other', limit: 10 })).toEqual([]);
  });

  it('takes a delivery from a worker whose heartbeat stopped, never from one that beats, and finds posts left behind', async () => {
    const ws = await store.accounts.createWorkspace({ organisationId: orgId, name: 'Reprise', timezone: 'UTC' });
    const channel = await store.channels.upsert({
      workspaceId: ws.id,
      network: 'bluesky',
      name: 'c',
      accountId: 'did:plc:reprise',
      sealedCredentials: 'v1:x',
      credentialsExpiresAt: null,
      createdBy: null,
    });
    const schedule = async () => {
      const post = await store.posts.create({
        workspaceId: ws.id,
        text: 'Piscine fermée lundi',
        themeId: null,
        contentTypeId: null,
        ownerId: null,
        backupOwnerId: null,
        scheduledAt: 1000,
        createdBy: null,
        targets: [{ channelId: channel.id, text: null }],
      });
      await store.posts.forceStatus(post.id, 'scheduled');
      const [targetId] = await store.deliveries.scheduleTargets(post.id, 1000);
      return { post, targetId: targetId as string };
    };
    const beat = (id: string, at: number) =>
      store.workers.beat({ id, role: 'worker', driver: 'embedded', host: 'h', pid: 1, startedAt: 0, heartbeatAt: at });
    const slow = await schedule();
    const dead = await schedule();
    await beat('slow', 100_000);
    await beat('dead', 80_000);
    await store.deliveries.claim(slow.targetId, 'slow', 2000, 10_000);
    await store.deliveries.claim(dead.targetId, 'dead', 2000, 10_000);
    expect(await store.posts.showPublishing(slow.post.id)).toBe(true);
    expect(await store.posts.showPublishing(slow.post.id)).toBe(false); // already shown

    // At 100 s, workers silent since 85 s are dead: its lease (until 12 s) does not protect the live one.
    const abandoned = await store.deliveries.listAbandoned(100_000, 10, 85_000);
    expect(abandoned.map((t) => t.id)).toEqual([dead.targetId]);
    expect(await store.deliveries.takeOver(slow.targetId, 'B', 100_000, 10_000, 85_000)).toBeUndefined();
    expect(await store.deliveries.renewLease(slow.targetId, 'slow', 200_000)).toBe(true);
    expect(await store.deliveries.takeOver(dead.targetId, 'B', 100_000, 10_000, 85_000)).toMatchObject({
      leaseOwner: 'B',
    });
    expect(await store.deliveries.takeOver(dead.targetId, 'C', 100_000, 10_000, 85_000)).toBeUndefined();
    expect(await store.deliveries.renewLease(dead.targetId, 'dead', 200_000)).toBe(false);

    // B records the delivery and dies before updating the post: the post is left behind, the other is not.
    expect(await store.posts.listUnsettled(10)).toEqual([]);
    await store.deliveries.markPublished(dead.targetId, 'B', { id: 'x', url: 'u', extra: {} }, 100_000);
    await store.posts.forceStatus(dead.post.id, 'publishing');
    expect(await store.posts.listUnsettled(10)).toEqual([{ id: dead.post.id, workspaceId: ws.id }]);
    // A post cannot be shown publishing once none of its deliveries is.
    await store.posts.forceStatus(dead.post.id, 'scheduled');
    expect(await store.posts.showPublishing(dead.post.id)).toBe(false);
    expect(await store.posts.listUnsettled(10)).toEqual([{ id: dead.post.id, workspaceId: ws.id }]);
    expect(await store.posts.setStatus(dead.post.id, 'scheduled', 'published')).toBe(true);
    expect(await store.posts.listUnsettled(10)).toEqual([]);
  });
  it('keeps themes, content types and comments per workspace', async () => {
    const ws = await store.accounts.createWorkspace({ organisationId: orgId, name: 'Ligne', timezone: 'UTC' });
    const other = await store.accounts.createWorkspace({ organisationId: orgId, name: 'Autre ligne', timezone: 'UTC' });
    expect(ws.approvalRequired).toBe(true);
    expect((await store.accounts.updateWorkspace(ws.id, { approvalRequired: false })).approvalRequired).toBe(false);
    const theme = await store.editorial.createTheme(ws.id, 'Culture', '#ae3ec9');
    await store.editorial.createTheme(ws.id, 'Budget participatif', '#1c7ed6');
    await expect(store.editorial.createTheme(ws.id, 'Culture', '#000000')).rejects.toThrow();
    expect((await store.editorial.listThemes(ws.id)).map((t) => t.name)).toEqual(['Budget participatif', 'Culture']);
    expect(await store.editorial.deleteTheme(other.id, theme.id)).toBe(false);
    expect(await store.editorial.deleteTheme(ws.id, theme.id)).toBe(true);
    const type = await store.editorial.createContentType(ws.id, 'Vidéo');
    expect(await store.editorial.listContentTypes(other.id)).toEqual([]);
    expect(await store.editorial.listContentTypes(ws.id)).toEqual([type]);
    const author = await store.accounts.createUser({
      organisationId: orgId,
      email: 'comment@example.org',
      name: 'Chloé',
      passwordHash: 'h',
      locale: 'fr',
      isOwner: false,
    });
    const post = await store.posts.create({
      workspaceId: ws.id,
      text: 'Brouillon',
      themeId: null,
      contentTypeId: type.id,
      ownerId: author.id,
      backupOwnerId: null,
      scheduledAt: null,
      createdBy: author.id,
      targets: [],
    });
    await store.editorial.addComment(post.id, author.id, 'Ajouter une photo ?');
    await store.editorial.addComment(post.id, author.id, 'Et le lien vers le site');
    expect((await store.editorial.listComments(post.id)).map((c) => [c.authorName, c.text])).toEqual([
      ['Chloé', 'Ajouter une photo ?'],
      ['Chloé', 'Et le lien vers le site'],
    ]);
  });
});
