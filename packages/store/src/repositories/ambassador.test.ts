// The ambassadors' repository on SQLite and (when ROSTRA_TEST_DATABASE_URL is set) PostgreSQL: policy versions by
// compare-and-set, acknowledgements per version, relays newest first with their declared relays counted once per
// person and network, profiles, and one workspace never seeing another's rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../database.js';
import { createStore, type Store } from '../store.js';
import { createTestDatabase, testDialects, type TestDatabase } from '../testing/test-env.js';

describe.each(testDialects)('ambassadors on %s', (dialect) => {
  let testDb: TestDatabase;
  let store: Store;
  let workspaceId: string;
  let otherWorkspaceId: string;
  let userId: string;
  let otherUserId: string;

  const newPost = (ws: string, text: string) =>
    store.posts.create({
      workspaceId: ws,
      text,
      themeId: null,
      contentTypeId: null,
      ownerId: null,
      backupOwnerId: null,
      scheduledAt: null,
      createdBy: userId,
      targets: [],
    });

  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
    store = createStore(openDatabase({ databaseUrl: testDb.databaseUrl, dataDir: testDb.dataDir }));
    await store.migrate();
    const org = await store.accounts.createOrganisation('Mairie');
    workspaceId = (await store.accounts.createWorkspace({ organisationId: org.id, name: 'A', timezone: 'UTC' })).id;
    otherWorkspaceId = (await store.accounts.createWorkspace({ organisationId: org.id, name: 'B', timezone: 'UTC' }))
      .id;
    const user = (email: string) =>
      store.accounts.createUser({
        organisationId: org.id,
        email,
        name: email,
        passwordHash: 'h',
        locale: 'fr',
        isOwner: false,
      });
    userId = (await user('camille@example.org')).id;
    otherUserId = (await user('dominique@example.org')).id;
  });

  afterAll(async () => {
    await store?.close();
    await testDb?.drop();
  });

  it('keeps each policy version, refuses a save from a stale version, and nothing leaks across workspaces', async () => {
    expect(await store.ambassador.getPolicy(workspaceId)).toBeUndefined();
    const first = await store.ambassador.savePolicy(workspaceId, 'Soyez courtois.', 0, userId);
    expect(first).toMatchObject({ version: 1, text: 'Soyez courtois.', createdBy: userId });
    expect(await store.ambassador.savePolicy(workspaceId, 'Autre', 0, userId)).toBeUndefined();
    const second = await store.ambassador.savePolicy(workspaceId, 'Soyez courtois et prudents.', 1, null);
    expect(second?.version).toBe(2);
    expect(await store.ambassador.getPolicy(workspaceId)).toMatchObject({ version: 2, createdBy: null });
    expect(await store.ambassador.getPolicy(otherWorkspaceId)).toBeUndefined();
  });

  it('stores one acknowledgement per member and version, the latest first', async () => {
    expect(await store.ambassador.acknowledge(workspaceId, userId, 1, 1_000)).toBe(true);
    expect(await store.ambassador.acknowledge(workspaceId, userId, 1, 2_000)).toBe(false);
    expect(await store.ambassador.latestAcknowledgement(workspaceId, userId)).toMatchObject({
      version: 1,
      acknowledgedAt: 1_000,
    });
    expect(await store.ambassador.acknowledge(workspaceId, userId, 2, 3_000)).toBe(true);
    expect(await store.ambassador.acknowledge(workspaceId, otherUserId, 2, 2_500)).toBe(true);
    expect((await store.ambassador.latestAcknowledgement(workspaceId, userId))?.version).toBe(2);
    expect(
      (await store.ambassador.listAcknowledgements(workspaceId)).map((a) => [a.userId, a.version, a.acknowledgedAt]),
    ).toEqual([
      [userId, 2, 3_000],
      [otherUserId, 2, 2_500],
      [userId, 1, 1_000],
    ]);
    expect(await store.ambassador.listAcknowledgements(otherWorkspaceId)).toEqual([]);
    expect(await store.ambassador.latestAcknowledgement(otherWorkspaceId, userId)).toBeUndefined();
  });

  it('keeps one profile per member and workspace', async () => {
    await store.ambassador.saveProfile(workspaceId, userId, 'piaille.fr');
    await store.ambassador.saveProfile(workspaceId, userId, 'mamot.fr');
    expect((await store.ambassador.getProfile(workspaceId, userId))?.mastodonInstance).toBe('mamot.fr');
    expect(await store.ambassador.getProfile(otherWorkspaceId, userId)).toBeUndefined();
    await store.ambassador.saveProfile(workspaceId, userId, null);
    expect((await store.ambassador.getProfile(workspaceId, userId))?.mastodonInstance).toBeNull();
  });

  it('lists relays most recently marked first, keeps the first marking date, counts each relay once', async () => {
    const older = await newPost(workspaceId, 'Fête de la musique');
    const newer = await newPost(workspaceId, 'Marché de Noël');
    const foreign = await newPost(otherWorkspaceId, 'Ailleurs');
    const first = await store.ambassador.saveRelay(
      workspaceId,
      older.id,
      { link: 'https://ville.example/fete', texts: { x: 'Venez !' } },
      userId,
    );
    // Marked in the same millisecond or not, the newer post comes first (ties go to the newer post id).
    await store.ambassador.saveRelay(workspaceId, newer.id, { link: 'https://ville.example/noel', texts: {} }, userId);
    await store.ambassador.saveRelay(otherWorkspaceId, foreign.id, { link: 'https://b.example', texts: {} }, null);
    const updated = await store.ambassador.saveRelay(
      workspaceId,
      older.id,
      { link: 'https://ville.example/fete-2', texts: { x: 'Venez !', bluesky: 'On vous attend' } },
      otherUserId,
    );
    expect(updated).toMatchObject({ markedAt: first.markedAt, markedBy: userId, link: 'https://ville.example/fete-2' });
    expect(updated.texts).toEqual({ x: 'Venez !', bluesky: 'On vous attend' });

    expect(await store.ambassador.recordShare(workspaceId, older.id, userId, 'x', 10)).toBe(true);
    expect(await store.ambassador.recordShare(workspaceId, older.id, userId, 'x', 11)).toBe(false);
    expect(await store.ambassador.recordShare(workspaceId, older.id, otherUserId, 'x', 12)).toBe(true);
    expect(await store.ambassador.recordShare(workspaceId, older.id, userId, 'linkedin', 13)).toBe(true);

    const listed = await store.ambassador.listRelays(workspaceId, 50);
    expect(listed.map((r) => [r.postText, r.shares])).toEqual([
      ['Marché de Noël', {}],
      ['Fête de la musique', { x: 2, linkedin: 1 }],
    ]);
    expect(await store.ambassador.listRelays(workspaceId, 1)).toHaveLength(1);
    expect((await store.ambassador.listRelays(otherWorkspaceId, 50)).map((r) => r.postText)).toEqual(['Ailleurs']);
    expect(await store.ambassador.getRelay(otherWorkspaceId, older.id)).toBeUndefined();
    expect(
      (await store.ambassador.sharesOf(workspaceId, userId)).sort((a, b) => a.network.localeCompare(b.network)),
    ).toEqual([
      { postId: older.id, network: 'linkedin' },
      { postId: older.id, network: 'x' },
    ]);

    expect(await store.ambassador.deleteRelay(otherWorkspaceId, older.id)).toBe(false);
    expect(await store.ambassador.deleteRelay(workspaceId, older.id)).toBe(true);
    expect(await store.ambassador.sharesOf(workspaceId, userId)).toEqual([]);
    // A deleted post takes its relay with it.
    await store.posts.delete(workspaceId, newer.id);
    expect(await store.ambassador.listRelays(workspaceId, 50)).toEqual([]);
  });
});
