// The webhook outbox, on SQLite and (when ROSTRA_TEST_DATABASE_URL is set) on PostgreSQL: an event's deliveries are
// stored with the transaction that records them or not at all, one worker at a time sends one, and the sweep
// finds the ones whose job was lost. Also the upgrade (0018) of a delivery log written before the outbox.
import { Migrator, sql, type Kysely, type MigrationProvider } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../database.js';
import { migrateToLatest } from '../migrate.js';
import { migrations } from '../migrations/index.js';
import { createStore, type Store } from '../store.js';
import { newId } from '../ids.js';
import { createTestDatabase, testDialects, type TestDatabase } from '../testing/test-env.js';

describe.each(testDialects)('webhook outbox on %s', (dialect) => {
  let testDb: TestDatabase;
  let store: Store;
  let workspaceId: string;

  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
    const handle = openDatabase({ databaseUrl: testDb.databaseUrl, dataDir: testDb.dataDir });
    store = createStore(handle);
    await migrateToLatest(handle.db);
    const org = await store.accounts.createOrganisation('Mairie de Lyon');
    workspaceId = (await store.accounts.createWorkspace({ organisationId: org.id, name: 'Ville', timezone: 'UTC' })).id;
  });

  afterAll(async () => {
    await store?.close();
    await testDb?.drop();
  });

  function subscribe(url: string) {
    return store.webhooks.create({
      workspaceId,
      url,
      events: ['*'],
      description: '',
      sealedSecret: 'sealed',
      createdBy: null,
    });
  }

  it('stores an event’s deliveries with the transaction that records them, or not at all', async () => {
    const crm = await subscribe('https://crm.example.org/hooks');
    const chat = await subscribe('https://chat.example.org/hooks');
    const eventId = newId();
    const ids = await store.transaction((repos) =>
      repos.webhooks.recordEvent({
        id: eventId,
        event: 'post.published',
        payload: { id: eventId, event: 'post.published' },
        webhookIds: [crm.id, chat.id],
        at: 1_000,
      }),
    );
    expect(ids).toHaveLength(2);
    const stored = await Promise.all(ids.map((id) => store.webhooks.getDelivery(id)));
    expect(stored.map((d) => [d?.eventId, d?.webhookId, d?.status])).toEqual([
      [eventId, crm.id, 'pending'],
      [eventId, chat.id, 'pending'],
    ]);

    const rolledBack = newId();
    await expect(
      store.transaction(async (repos) => {
        await repos.webhooks.recordEvent({
          id: rolledBack,
          event: 'post.failed',
          payload: {},
          webhookIds: [crm.id],
          at: 1_000,
        });
        throw new Error('the state change failed');
      }),
    ).rejects.toThrow('the state change failed');
    const log = await store.webhooks.listDeliveries(crm.id, 10);
    expect(log.map((d) => d.eventId)).toEqual([eventId]);
    expect(await store.webhooks.recordEvent({ id: newId(), event: 'x', payload: {}, webhookIds: [], at: 1 })).toEqual(
      [],
    );
  });

  it('lets one worker at a time send a due delivery, and gives it back when the claim runs out', async () => {
    const webhook = await subscribe('https://one.example.org/hooks');
    const [id] = await store.webhooks.recordEvent({
      id: newId(),
      event: 'ping',
      payload: {},
      webhookIds: [webhook.id],
      at: 10_000,
    });
    const deliveryId = id as string;
    expect(await store.webhooks.claimDelivery(deliveryId, 9_999, 30_000)).toBeUndefined();
    expect((await store.webhooks.claimDelivery(deliveryId, 10_000, 30_000))?.id).toBe(deliveryId);
    expect(await store.webhooks.claimDelivery(deliveryId, 20_000, 30_000)).toBeUndefined();
    // The first sender died: once its claim has run out, another takes it.
    expect((await store.webhooks.claimDelivery(deliveryId, 40_001, 30_000))?.id).toBe(deliveryId);

    await store.webhooks.settleDelivery(deliveryId, {
      status: 'pending',
      attempts: 1,
      responseStatus: 500,
      error: 'HTTP 500',
      at: 41_000,
      nextAttemptAt: 45_000,
    });
    expect(await store.webhooks.claimDelivery(deliveryId, 44_999, 30_000)).toBeUndefined();
    expect((await store.webhooks.claimDelivery(deliveryId, 45_000, 30_000))?.attempts).toBe(1);
    await store.webhooks.settleDelivery(deliveryId, {
      status: 'delivered',
      attempts: 2,
      responseStatus: 200,
      error: null,
      at: 46_000,
      nextAttemptAt: null,
    });
    expect(await store.webhooks.claimDelivery(deliveryId, 999_999, 30_000)).toBeUndefined();
    expect(await store.webhooks.getDelivery(deliveryId)).toMatchObject({ status: 'delivered', deliveredAt: 46_000 });
  });

  it('lists as stalled the pending deliveries overdue and unclaimed, of enabled webhooks, oldest first', async () => {
    const org = await store.accounts.createOrganisation('Sweep');
    const ws = await store.accounts.createWorkspace({ organisationId: org.id, name: 'Sweep', timezone: 'UTC' });
    const make = (url: string) =>
      store.webhooks.create({
        workspaceId: ws.id,
        url,
        events: ['*'],
        description: '',
        sealedSecret: 's',
        createdBy: null,
      });
    const live = await make('https://live.example.org/');
    const stopped = await make('https://stopped.example.org/');
    const record = async (webhookId: string, at: number) =>
      (await store.webhooks.recordEvent({ id: newId(), event: 'ping', payload: {}, webhookIds: [webhookId], at }))[0];
    const older = (await record(live.id, 100_000_000)) as string;
    const lost = (await record(live.id, 100_000_500)) as string;
    const recent = (await record(live.id, 100_009_000)) as string;
    const sending = (await record(live.id, 100_000_600)) as string;
    const crashed = (await record(live.id, 100_000_700)) as string;
    await record(stopped.id, 100_000_000);
    await store.webhooks.disable(stopped.id, 100_000_001);
    await store.webhooks.claimDelivery(sending, 100_009_000, 30_000);
    await store.webhooks.claimDelivery(crashed, 100_000_700, 1_000);
    const delivered = (await record(live.id, 100_000_000)) as string;
    await store.webhooks.settleDelivery(delivered, {
      status: 'delivered',
      attempts: 1,
      responseStatus: 204,
      error: null,
      at: 100_000_100,
      nextAttemptAt: null,
    });

    const stalled = await store.webhooks.listStalledDeliveries(100_005_000, 100_010_000, 10);
    const mine = stalled.filter((d) => [older, lost, recent, sending, crashed, delivered].includes(d.id));
    expect(mine).toEqual([
      { id: older, attempts: 0, leaseUntil: null },
      { id: lost, attempts: 0, leaseUntil: null },
      { id: crashed, attempts: 0, leaseUntil: 100_001_700 },
    ]);
  });
});

describe('webhook outbox upgrade (0018) on SQLite', () => {
  let handle: DatabaseHandle | undefined;
  let testDb: TestDatabase | undefined;
  afterEach(async () => {
    await handle?.close();
    await testDb?.drop();
  });

  it('gives each delivery logged before it its own event id, and makes the pending ones due', async () => {
    testDb = await createTestDatabase('sqlite');
    handle = openDatabase({ databaseUrl: undefined, dataDir: testDb.dataDir });
    const db = handle.db as unknown as Kysely<unknown>;
    const before: MigrationProvider = {
      getMigrations: async () => Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0018')),
    };
    expect((await new Migrator({ db, provider: before }).migrateToLatest()).error).toBeUndefined();
    const store = createStore(handle);
    const org = await store.accounts.createOrganisation('Mairie');
    const ws = await store.accounts.createWorkspace({ organisationId: org.id, name: 'Com', timezone: 'UTC' });
    const webhook = await store.webhooks.create({
      workspaceId: ws.id,
      url: 'https://crm.example.org/',
      events: ['*'],
      description: '',
      sealedSecret: 's',
      createdBy: null,
    });
    // As the dispatcher logged deliveries before 0018: a retry waiting, and one delivered.
    for (const [id, status] of [
      ['d-pending', 'pending'],
      ['d-delivered', 'delivered'],
    ]) {
      await sql`INSERT INTO webhook_deliveries (id, webhook_id, event, payload, status, attempts, created_at)
        VALUES (${id}, ${webhook.id}, 'post.created', '{}', ${status}, 1, 5000)`.execute(db);
    }

    await store.migrate();
    expect(await store.webhooks.getDelivery('d-pending')).toMatchObject({ eventId: 'd-pending', status: 'pending' });
    expect(await store.webhooks.getDelivery('d-delivered')).toMatchObject({ eventId: 'd-delivered' });
    expect(await store.webhooks.listStalledDeliveries(5_000, 6_000, 10)).toEqual([
      { id: 'd-pending', attempts: 1, leaseUntil: null },
    ]);
  });
});
