// Channel budgets: when a budget frees (table), and the limiter against a real database on each dialect,
// with two "workers" sharing it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PostTarget } from '@rostra/core';
import { createStore, openDatabase, type Store } from '@rostra/store';
import { createTestDatabase, testDialects, type TestDatabase } from '@rostra/store/testing';
import { budgetFreesAt, createRateLimiter, DEFAULT_PAUSE_MS } from './rate-limits.js';

describe('budgetFreesAt', () => {
  const limit = { posts: 3, perMs: 1000 };
  it.each([
    { publishedAt: [], inFlight: 0, expected: undefined },
    { publishedAt: [100, 200], inFlight: 0, expected: undefined },
    // Full: the oldest leaving the window frees a slot.
    { publishedAt: [100, 200, 300], inFlight: 0, expected: 1100 },
    // Over (two workers raced): enough must leave to get back under.
    { publishedAt: [100, 200, 300, 400], inFlight: 0, expected: 1200 },
    { publishedAt: [100, 200], inFlight: 1, expected: 1100 },
    // Only in-flight deliveries fill it: look again once they settle.
    { publishedAt: [], inFlight: 3, expected: 500 + 30_000 },
  ])('$publishedAt + $inFlight in flight → $expected', ({ publishedAt, inFlight, expected }) => {
    expect(budgetFreesAt(publishedAt, inFlight, limit, 500)).toBe(expected);
  });

  it('never answers a time in the past', () => {
    expect(budgetFreesAt([0, 1, 2], 0, limit, 5000)).toBe(5001);
  });
});

describe.each(testDialects)('rate limiter on %s', (dialect) => {
  let testDb: TestDatabase;
  let store: Store;
  let clock = 1_000_000;
  const enqueued: Array<Pick<PostTarget, 'id' | 'dueAt' | 'attempts'>> = [];

  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
    store = createStore(openDatabase({ databaseUrl: testDb.databaseUrl, dataDir: testDb.dataDir }));
    await store.migrate();
  });
  afterAll(async () => {
    await store?.close();
    await testDb?.drop();
  });

  function limiter() {
    return createRateLimiter({ store, now: () => clock, enqueue: async (t) => void enqueued.push(t) });
  }

  it('holds a delivery back until the budget frees, without spending its attempt, across workers', async () => {
    const org = await store.accounts.createOrganisation('Ville');
    const ws = await store.accounts.createWorkspace({ organisationId: org.id, name: 'Com', timezone: 'UTC' });
    const channel = await store.channels.upsert({
      workspaceId: ws.id,
      network: 'mastodon',
      name: 'ville',
      accountId: 'ville@mastodon.test',
      sealedCredentials: 'v1:x',
      credentialsExpiresAt: null,
      createdBy: null,
    });
    const due = async () => {
      const post = await store.posts.create({
        workspaceId: ws.id,
        text: 'Info trafic',
        themeId: null,
        contentTypeId: null,
        ownerId: null,
        backupOwnerId: null,
        scheduledAt: clock,
        createdBy: null,
        targets: [{ channelId: channel.id, text: null }],
      });
      const [id] = await store.deliveries.scheduleTargets(post.id, clock);
      return id as string;
    };
    const limit = { posts: 2, perMs: 60_000 };
    const first = await due();
    await store.deliveries.claim(first, 'w1', clock, 60_000);
    await store.deliveries.markPublished(first, 'w1', { id: '1', url: 'u', extra: {} }, clock);

    // Worker 2 holds the second delivery; worker 1 claims the third at the same time: the one in flight counts.
    const second = await due();
    const heldBy2 = (await store.deliveries.claim(second, 'w2', clock + 10, 60_000)) as PostTarget;
    const third = await due();
    const heldBy1 = (await store.deliveries.claim(third, 'w1', clock + 10, 60_000)) as PostTarget;
    clock += 10;
    expect(await limiter().defer(heldBy1, 'w1', limit)).toBe(true);
    expect(await store.deliveries.getTarget(third)).toMatchObject({
      status: 'scheduled',
      dueAt: clock - 10 + 60_000,
      attempts: 0,
      lastErrorCode: null,
    });
    expect(enqueued.at(-1)).toEqual({ id: third, dueAt: clock - 10 + 60_000, attempts: 0 });
    // The second one still fits.
    expect(await limiter().defer(heldBy2, 'w2', limit)).toBe(false);

    // No limit, no pause: nothing held.
    expect(await limiter().heldUntil(heldBy2, undefined)).toBeUndefined();

    // A 429 pauses the channel for every worker, even without a budget.
    await limiter().pause(channel.id, undefined);
    expect(await limiter().heldUntil(heldBy2, undefined)).toBe(clock + DEFAULT_PAUSE_MS);
    await limiter().pause(channel.id, 120_000);
    expect(await limiter().heldUntil(heldBy2, undefined)).toBe(clock + 120_000);
    clock += 120_000;
    expect(await limiter().heldUntil(heldBy2, limit)).toBeUndefined();
  });
});
