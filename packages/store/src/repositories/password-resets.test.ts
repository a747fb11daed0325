// Password reset links, owner flag and per-user session revocation, on SQLite and (when ROSTRA_TEST_DATABASE_URL
// is set) on PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../database.js';
import { migrateToLatest } from '../migrate.js';
import { createStore, type Store } from '../store.js';
import { createTestDatabase, testDialects, type TestDatabase } from '../testing/test-env.js';

describe.each(testDialects)('password resets and owners on %s', (dialect) => {
  let testDb: TestDatabase;
  let store: Store;
  let orgId: string;

  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
    const handle = openDatabase({ databaseUrl: testDb.databaseUrl, dataDir: testDb.dataDir });
    store = createStore(handle);
    await migrateToLatest(handle.db);
    orgId = (await store.accounts.createOrganisation('Mairie')).id;
  });

  afterAll(async () => {
    await store?.close();
    await testDb?.drop();
  });

  const person = (email: string, isOwner = false) =>
    store.accounts.createUser({ organisationId: orgId, email, name: email, passwordHash: 'h', locale: 'fr', isOwner });

  it('uses a link once, and ends the other open links of the same person', async () => {
    const alice = await person('alice@example.org');
    const first = await store.passwordResets.create({
      userId: alice.id,
      tokenHash: 'hash-1',
      createdBy: null,
      expiresAt: 5000,
    });
    const second = await store.passwordResets.create({
      userId: alice.id,
      tokenHash: 'hash-2',
      createdBy: alice.id,
      expiresAt: 5000,
    });
    expect(await store.passwordResets.findByTokenHash('hash-1')).toMatchObject({
      id: first.id,
      userId: alice.id,
      usedAt: null,
    });
    expect(await store.passwordResets.findByTokenHash('unknown')).toBeUndefined();
    expect(await store.passwordResets.markUsed(first.id, 100)).toBe(true);
    expect(await store.passwordResets.markUsed(first.id, 200)).toBe(false);
    await store.passwordResets.invalidateForUser(alice.id, 300);
    expect((await store.passwordResets.findByTokenHash('hash-1'))?.usedAt).toBe(100);
    expect((await store.passwordResets.findByTokenHash('hash-2'))?.usedAt).toBe(300);
    expect(await store.passwordResets.markUsed(second.id, 400)).toBe(false);
    expect(await store.passwordResets.deleteExpired(5000)).toBe(0);
    expect(await store.passwordResets.deleteExpired(5001)).toBe(2);
    expect(await store.passwordResets.findByTokenHash('hash-1')).toBeUndefined();
  });

  it('changes a password hash and the owner flag', async () => {
    const bob = await person('bob@example.org');
    await store.accounts.setPasswordHash(bob.id, 'new-hash');
    expect(await store.accounts.getPasswordHash(bob.id)).toBe('new-hash');
    await store.accounts.setOwner(bob.id, true);
    expect((await store.accounts.listOwners(orgId)).map((u) => u.id)).toContain(bob.id);
    await store.accounts.setOwner(bob.id, false);
    expect((await store.accounts.getUser(bob.id))?.isOwner).toBe(false);
  });

  it("ends every session of a person but the one kept, and no one else's", async () => {
    const carol = await person('carol@example.org');
    const dan = await person('dan@example.org');
    const session = (userId: string, n: number) =>
      store.sessions.create({
        tokenHash: `s-${userId}-${n}`,
        userId,
        csrfToken: 'c',
        expiresAt: Date.now() + 60_000,
        ip: null,
        userAgent: null,
      });
    const kept = await session(carol.id, 1);
    await session(carol.id, 2);
    await session(carol.id, 3);
    await session(dan.id, 1);
    expect(await store.sessions.deleteForUser(carol.id, kept.id)).toBe(2);
    expect(await store.sessions.findByTokenHash(`s-${carol.id}-1`)).toBeDefined();
    expect(await store.sessions.findByTokenHash(`s-${carol.id}-2`)).toBeUndefined();
    expect(await store.sessions.findByTokenHash(`s-${dan.id}-1`)).toBeDefined();
    expect(await store.sessions.deleteForUser(carol.id)).toBe(1);
  });
});
