// The editorial charter's repository on SQLite and (when ROSTRA_TEST_DATABASE_URL is set) PostgreSQL: versions,
// compare-and-set saves, history, one workspace never seeing another's charter, defaults of fields added later.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { charterSchema } from '@rostra/core';
import { sql } from 'kysely';
import { openDatabase } from '../database.js';
import { createStore, type Store } from '../store.js';
import { createTestDatabase, testDialects, type TestDatabase } from '../testing/test-env.js';

const CHARTER = charterSchema.parse({
  tone: 'Chaleureux et précis',
  wordsToAvoid: [
    { word: 'administré', replacement: 'habitant', level: 'blocking', explanation: 'On parle à des gens' },
  ],
  inclusiveWriting: { policy: 'forbidden', level: 'warning' },
});

describe.each(testDialects)('editorial charter on %s', (dialect) => {
  let testDb: TestDatabase;
  let store: Store;
  let workspaceId: string;
  let otherWorkspaceId: string;
  let userId: string;

  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
    const handle = openDatabase({ databaseUrl: testDb.databaseUrl, dataDir: testDb.dataDir });
    store = createStore(handle);
    await store.migrate();
    const org = await store.accounts.createOrganisation('Mairie');
    workspaceId = (await store.accounts.createWorkspace({ organisationId: org.id, name: 'A', timezone: 'UTC' })).id;
    otherWorkspaceId = (await store.accounts.createWorkspace({ organisationId: org.id, name: 'B', timezone: 'UTC' }))
      .id;
    userId = (
      await store.accounts.createUser({
        organisationId: org.id,
        email: 'camille@example.org',
        name: 'Camille',
        passwordHash: 'h',
        locale: 'fr',
        isOwner: true,
      })
    ).id;
  });

  afterAll(async () => {
    await store?.close();
    await testDb?.drop();
  });

  it('has no charter until one is written', async () => {
    expect(await store.charter.get(workspaceId)).toBeUndefined();
    expect(await store.charter.history(workspaceId, 10)).toEqual([]);
  });

  it('stores versions, the highest being the current one, and reads them back whole', async () => {
    const first = await store.charter.save(workspaceId, CHARTER, 0, userId);
    expect(first?.version).toBe(1);
    const changed = { ...CHARTER, tone: 'Sobre' };
    expect((await store.charter.save(workspaceId, changed, 1, null))?.version).toBe(2);
    const current = await store.charter.get(workspaceId);
    expect(current).toMatchObject({ version: 2, updatedBy: null, charter: changed });
    expect((await store.charter.history(workspaceId, 10)).map((v) => [v.version, v.updatedBy])).toEqual([
      [2, null],
      [1, userId],
    ]);
  });

  it('refuses a save based on a version someone else replaced (compare-and-set), keeping theirs', async () => {
    expect(await store.charter.save(workspaceId, { ...CHARTER, tone: 'Perdu' }, 1, userId)).toBeUndefined();
    expect((await store.charter.get(workspaceId))?.charter.tone).toBe('Sobre');
  });

  it('inside a transaction too', async () => {
    const saved = await store.transaction((repos) => repos.charter.save(workspaceId, CHARTER, 2, userId));
    expect(saved?.version).toBe(3);
    const lost = await store.transaction((repos) => repos.charter.save(workspaceId, CHARTER, 2, userId));
    expect(lost).toBeUndefined();
  });

  it('keeps each workspace to its own charter', async () => {
    expect(await store.charter.get(otherWorkspaceId)).toBeUndefined();
    expect((await store.charter.save(otherWorkspaceId, CHARTER, 0, null))?.version).toBe(1);
    expect((await store.charter.get(workspaceId))?.version).toBe(3);
  });

  it('fills fields a stored charter predates with their defaults', async () => {
    const handle = openDatabase({ databaseUrl: testDb.databaseUrl, dataDir: testDb.dataDir });
    try {
      await sql`INSERT INTO editorial_charters (workspace_id, version, charter, updated_by, updated_at)
        VALUES (${otherWorkspaceId}, 2, ${JSON.stringify({ tone: 'Ancien' })}, NULL, 1)`.execute(handle.db);
    } finally {
      await handle.close();
    }
    const current = await store.charter.get(otherWorkspaceId);
    expect(current?.charter.tone).toBe('Ancien');
    expect(current?.charter.inclusiveWriting.policy).toBe('allowed');
    expect(current?.charter.responsePolicy.neverDelete).toBe(true);
  });
});
