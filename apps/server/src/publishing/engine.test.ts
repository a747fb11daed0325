// The engine's promises — never lost, never doubled — against a fake network that counts what it receives,
// with crashes simulated between the network call and the database write.
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EnqueueOptions, JobQueue } from '@rostra/core';
import { ConnectorError, type Connector, type PublishRequest, type PublishedRef } from '@rostra/connectors';
import { createStore, openDatabase, type Store } from '@rostra/store';
import { createTestDatabase, type TestDatabase } from '@rostra/store/testing';
import { createSecretBox } from '../secrets.js';
import { createPublishingEngine, PUBLISH_JOB, sealCredentials, SWEEP_JOB } from './engine.js';

/** A network that keeps what it receives; it de-duplicates by key only when `idempotent`. */
function createFakeNetwork(options: { idempotent: boolean; findable?: boolean }) {
  const posts: Array<{ key: string; text: string }> = [];
  const failures: Array<ConnectorError | Error> = [];
  const ref = (key: string): PublishedRef => ({ id: `fake://${key}`, url: `https://fake.example/${key}` });
  const connector: Connector = {
    network: 'fake',
    auth: 'app-password',
    publisher: {
      idempotent: options.idempotent,
      validate: () => [],
      async publish(credentials, request: PublishRequest) {
        expect(credentials.data.token).toBe('secret-token');
        const failure = failures.shift();
        if (failure && !(failure instanceof ConnectorError && failure.code === 'unknown_outcome')) throw failure;
        if (!(options.idempotent && posts.some((p) => p.key === request.idempotencyKey))) {
          posts.push({ key: request.idempotencyKey, text: request.text });
        }
        // unknown_outcome: the post went out but the answer was lost.
        if (failure) throw failure;
        return ref(request.idempotencyKey);
      },
      ...(options.findable
        ? {
            findPublished: async (_c: unknown, key: string) =>
              posts.some((p) => p.key === key) ? ref(key) : undefined,
          }
        : {}),
    },
  };
  return { connector, posts, failures };
}

function createRecordingQueue(): JobQueue & {
  jobs: Array<{ type: string; payload: unknown; options?: EnqueueOptions }>;
} {
  const jobs: Array<{ type: string; payload: unknown; options?: EnqueueOptions }> = [];
  const keys = new Set<string>();
  return {
    driver: 'embedded',
    jobs,
    async enqueue(type, payload, options) {
      if (options?.key && keys.has(options.key)) return options.key;
      if (options?.key) keys.add(options.key);
      jobs.push({ type, payload, ...(options ? { options } : {}) });
      return String(jobs.length);
    },
    async enqueueMany(list) {
      return Promise.all(list.map((j) => this.enqueue(j.type, j.payload, j.options)));
    },
    async work() {},
    async stop() {},
    async counts() {
      return { queued: jobs.length, running: 0, done: 0, failed: 0 };
    },
    alive: () => true,
  };
}

let db: TestDatabase;
let store: Store;
let clock: number;
const secrets = createSecretBox(randomBytes(32));

beforeEach(async () => {
  db = await createTestDatabase('sqlite');
  store = createStore(openDatabase({ databaseUrl: undefined, dataDir: db.dataDir }));
  await store.migrate();
  clock = Date.UTC(2026, 10, 23, 9, 0);
});
afterEach(async () => {
  await store.close();
  await db.drop();
});

async function schedulePost(text = 'Marché de Noël place Bellecour ce week-end !') {
  const org = await store.accounts.createOrganisation('Ville');
  const ws = await store.accounts.createWorkspace({ organisationId: org.id, name: 'Com', timezone: 'Europe/Paris' });
  const channel = await store.channels.upsert({
    workspaceId: ws.id,
    network: 'fake',
    name: '@ville',
    accountId: 'acct-1',
    sealedCredentials: 'placeholder',
    credentialsExpiresAt: null,
    createdBy: null,
  });
  await store.channels.updateCredentials(
    channel.id,
    sealCredentials(secrets, channel.id, { data: { token: 'secret-token' } }),
    null,
  );
  const post = await store.posts.create({
    workspaceId: ws.id,
    text,
    themeId: null,
    contentTypeId: null,
    ownerId: null,
    backupOwnerId: null,
    scheduledAt: clock,
    createdBy: null,
    targets: [{ channelId: channel.id, text: null }],
  });
  await store.posts.forceStatus(post.id, 'scheduled');
  const [targetId] = await store.deliveries.scheduleTargets(post.id, clock);
  return { post, channel, targetId: targetId as string };
}

function setUpEngine(network: ReturnType<typeof createFakeNetwork>) {
  const queue = createRecordingQueue();
  const engine = createPublishingEngine({
    store,
    secrets,
    queue,
    connectors: [network.connector],
    leaseMs: 60_000,
    policy: { maxAttempts: 3, backoffMs: () => 10_000 },
    now: () => clock,
  });
  const run = (type: string, targetId: string | undefined, workerId: string) =>
    (engine.handlers[type] as NonNullable<(typeof engine.handlers)[string]>)(targetId ? { targetId } : {}, {
      jobId: 'j',
      attempt: 1,
      workerId,
    });
  return { engine, queue, run };
}

describe('publishing engine', () => {
  it('publishes a due post once, even when two workers run its job at the same time', async () => {
    const network = createFakeNetwork({ idempotent: false });
    const { run } = setUpEngine(network);
    const { post, targetId } = await schedulePost();
    await Promise.all([run(PUBLISH_JOB, targetId, 'w1'), run(PUBLISH_JOB, targetId, 'w2')]);
    expect(network.posts).toEqual([{ key: targetId, text: 'Marché de Noël place Bellecour ce week-end !' }]);
    const [target] = await store.posts.targets(post.id);
    expect(target).toMatchObject({ status: 'published', attempts: 1, published: { id: `fake://${targetId}` } });
    expect((await store.posts.get(post.workspaceId, post.id))?.status).toBe('published');
  });

  it('gives a rescheduled delivery a new job', async () => {
    const network = createFakeNetwork({ idempotent: true });
    const { engine, queue } = setUpEngine(network);
    await engine.enqueueDelivery({ id: 't1', dueAt: 1000, attempts: 0 });
    await engine.enqueueDelivery({ id: 't1', dueAt: 1000, attempts: 0 });
    await engine.enqueueDelivery({ id: 't1', dueAt: 5000, attempts: 0 });
    expect(queue.jobs.map((j) => j.options?.runAt)).toEqual([1000, 5000]);
  });

  it('does nothing before the post is due', async () => {
    const network = createFakeNetwork({ idempotent: true });
    const { run } = setUpEngine(network);
    const { targetId } = await schedulePost();
    clock -= 1000;
    await run(PUBLISH_JOB, targetId, 'w1');
    expect(network.posts).toEqual([]);
  });

  it('after a crash between the network call and the database write, an idempotent network still has one post', async () => {
    const network = createFakeNetwork({ idempotent: true });
    const { run, queue } = setUpEngine(network);
    const { post, targetId } = await schedulePost();
    // The worker publishes, then dies before recording it.
    const markPublished = store.deliveries.markPublished;
    store.deliveries.markPublished = async () => {
      throw new Error('worker killed');
    };
    await expect(run(PUBLISH_JOB, targetId, 'dead')).rejects.toThrow('worker killed');
    store.deliveries.markPublished = markPublished;
    expect((await store.posts.targets(post.id))[0]?.status).toBe('publishing');

    clock += 61_000; // the dead worker's lease runs out
    await run(SWEEP_JOB, undefined, 'sweeper');
    const retry = queue.jobs.find((j) => j.type === PUBLISH_JOB);
    expect(retry?.payload).toEqual({ targetId });
    await run(PUBLISH_JOB, targetId, 'w2');
    expect(network.posts).toHaveLength(1);
    expect((await store.posts.targets(post.id))[0]).toMatchObject({ status: 'published', attempts: 2 });
  });

  it('after the same crash on a network without idempotency, asks a person instead of publishing again', async () => {
    const network = createFakeNetwork({ idempotent: false });
    const { run, queue } = setUpEngine(network);
    const { post, targetId } = await schedulePost();
    const markPublished = store.deliveries.markPublished;
    store.deliveries.markPublished = async () => {
      throw new Error('worker killed');
    };
    await expect(run(PUBLISH_JOB, targetId, 'dead')).rejects.toThrow();
    store.deliveries.markPublished = markPublished;
    clock += 61_000;
    await run(SWEEP_JOB, undefined, 'sweeper');
    expect(queue.jobs.filter((j) => j.type === PUBLISH_JOB)).toEqual([]);
    expect(network.posts).toHaveLength(1);
    expect((await store.posts.targets(post.id))[0]).toMatchObject({
      status: 'unconfirmed',
      lastErrorCode: 'unknown_outcome',
    });
    expect((await store.posts.get(post.workspaceId, post.id))?.status).toBe('unconfirmed');
  });

  it('resolves an unknown outcome by asking the network when it can', async () => {
    const network = createFakeNetwork({ idempotent: true, findable: true });
    network.failures.push(new ConnectorError('fake', 'unknown_outcome', 'timeout after sending'));
    const { run } = setUpEngine(network);
    const { post, targetId } = await schedulePost();
    await run(PUBLISH_JOB, targetId, 'w1');
    expect(network.posts).toHaveLength(1);
    expect((await store.posts.targets(post.id))[0]).toMatchObject({ status: 'published', attempts: 1 });
  });

  it('retries a rate-limited or unavailable network after the delay it asked for, then publishes', async () => {
    const network = createFakeNetwork({ idempotent: false });
    network.failures.push(new ConnectorError('fake', 'rate_limited', '429', { retryAfterMs: 30_000 }));
    network.failures.push(new ConnectorError('fake', 'unavailable', '503'));
    const { run, queue } = setUpEngine(network);
    const { post, targetId } = await schedulePost();
    await run(PUBLISH_JOB, targetId, 'w1');
    expect((await store.posts.targets(post.id))[0]).toMatchObject({
      status: 'scheduled',
      dueAt: clock + 30_000,
      lastErrorCode: 'rate_limited',
    });
    expect(queue.jobs.at(-1)?.options?.runAt).toBe(clock + 30_000);
    await run(PUBLISH_JOB, targetId, 'w1'); // too early: nothing happens
    expect(network.posts).toEqual([]);
    clock += 30_000;
    await run(PUBLISH_JOB, targetId, 'w1');
    expect((await store.posts.targets(post.id))[0]).toMatchObject({
      status: 'scheduled',
      lastErrorCode: 'unavailable',
    });
    clock += 10_000;
    await run(PUBLISH_JOB, targetId, 'w1');
    expect(network.posts).toHaveLength(1);
    expect((await store.posts.targets(post.id))[0]).toMatchObject({ status: 'published', attempts: 3 });
  });

  it('fails for good when the network rejects the post, and flags the channel when the token is refused', async () => {
    const network = createFakeNetwork({ idempotent: true });
    network.failures.push(new ConnectorError('fake', 'auth_expired', 'token revoked'));
    const { run } = setUpEngine(network);
    const { post, channel, targetId } = await schedulePost();
    await run(PUBLISH_JOB, targetId, 'w1');
    expect((await store.posts.targets(post.id))[0]).toMatchObject({ status: 'failed', lastErrorCode: 'auth_expired' });
    expect(await store.channels.get(channel.workspaceId, channel.id)).toMatchObject({
      status: 'needs_reconnect',
      lastError: 'token revoked',
    });
    expect((await store.posts.get(post.workspaceId, post.id))?.status).toBe('failed');
  });

  it('re-enqueues a due delivery whose job was lost, once per window', async () => {
    const network = createFakeNetwork({ idempotent: true });
    const { run, queue } = setUpEngine(network);
    const { targetId } = await schedulePost();
    await run(SWEEP_JOB, undefined, 'sweeper');
    expect(queue.jobs).toEqual([]); // on time: its own job will come
    clock += 61_000;
    await run(SWEEP_JOB, undefined, 'sweeper');
    await run(SWEEP_JOB, undefined, 'sweeper');
    expect(queue.jobs.filter((j) => j.type === PUBLISH_JOB).map((j) => j.payload)).toEqual([{ targetId }]);
  });
});
