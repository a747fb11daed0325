// The listening service stores each write with its audit entry in one transaction: when the entry cannot be
// written, the write is not kept either. On SQLite and (with ROSTRA_TEST_DATABASE_URL) PostgreSQL.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ActionContext, UnitOfWork } from '@rostra/core';
import { createStore, openDatabase, type Store } from '@rostra/store';
import { createTestDatabase, testDialects, type TestDatabase } from '@rostra/store/testing';
import { createEmbeddedQueue } from '../jobs/embedded-queue.js';
import { createListeningService } from './service.js';

const ctx: ActionContext = { actor: { type: 'system', id: null, label: 'test' }, ip: null, userAgent: 'vitest' };
const topic = { name: 'Ville', group: 'brand', query: 'lyon OR #lyon', enabled: true, color: '#1c7ed6' } as const;

/** The same store, whose transactions' audit log refuses every entry (a full disk, a lost connection). */
function withFailingAudit(store: Store): Store {
  const transaction: UnitOfWork['transaction'] = (work) =>
    store.transaction((repos) =>
      work({
        ...repos,
        audit: {
          ...repos.audit,
          record: () => Promise.reject(new Error('audit log unavailable')),
        },
      }),
    );
  return { ...store, transaction };
}

describe.each(testDialects)('listening service on %s', (dialect) => {
  let testDb: TestDatabase;
  let store: Store;
  let ws: string;

  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
    store = createStore(openDatabase({ databaseUrl: testDb.databaseUrl, dataDir: testDb.dataDir }));
    await store.migrate();
  });
  afterAll(async () => {
    await store.close();
    await testDb.drop();
  });
  beforeEach(async () => {
    const org = await store.accounts.createOrganisation('Ville');
    ws = (await store.accounts.createWorkspace({ organisationId: org.id, name: 'Veille', timezone: 'Europe/Paris' }))
      .id;
  });

  const serviceOn = (s: Store) => createListeningService({ store: s, connectors: [], queue: createEmbeddedQueue(s) });

  it('stores a topic together with its audit entry', async () => {
    const created = await serviceOn(store).createTopic(ctx, ws, topic, 'en');
    const audit = await store.audit.list({ workspaceId: ws, limit: 10 });
    expect(audit.items.map((e) => [e.action, e.targetId])).toEqual([['topic.created', created.id]]);
  });

  it('keeps no topic when its audit entry cannot be written', async () => {
    await expect(serviceOn(withFailingAudit(store)).createTopic(ctx, ws, topic, 'en')).rejects.toThrow();
    expect(await store.listening.listTopics(ws)).toEqual([]);
    expect((await store.audit.list({ workspaceId: ws, limit: 10 })).items).toEqual([]);
  });

  it('keeps a topic whose deletion could not be audited', async () => {
    const created = await serviceOn(store).createTopic(ctx, ws, topic, 'en');
    await expect(serviceOn(withFailingAudit(store)).deleteTopic(ctx, ws, created.id)).rejects.toThrow();
    expect((await store.listening.listTopics(ws)).map((t) => t.id)).toEqual([created.id]);
  });
});
