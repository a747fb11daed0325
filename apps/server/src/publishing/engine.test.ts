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

function setUpEngine(
  network: { connector: Connector },
  extra: Partial<Parameters<typeof createPublishingEngine>[0]> = {},
) {
  const queue = createRecordingQueue();
  const engine = createPublishingEngine({
    store,
    secrets,
    queue,
    connectors: [network.connector],
    leaseMs: 60_000,
    policy: { maxAttempts: 3, backoffMs: () => 10_000 },
    now: () => clock,
    ...extra,
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

  it('does nothing before the post is due, and a job that came early comes back at the due time', async () => {
    const network = createFakeNetwork({ idempotent: true });
    const { run, queue } = setUpEngine(network);
    const { targetId } = await schedulePost();
    const dueAt = clock;
    clock -= 1000;
    await run(PUBLISH_JOB, targetId, 'w1');
    expect(network.posts).toEqual([]);
    expect(queue.jobs).toEqual([
      { type: PUBLISH_JOB, payload: { targetId }, options: expect.objectContaining({ runAt: dueAt }) },
    ]);
    clock = dueAt;
    await run(PUBLISH_JOB, targetId, 'w1');
    expect(network.posts).toHaveLength(1);
    // Done: a late copy of the job finds nothing to do and asks for nothing more.
    await run(PUBLISH_JOB, targetId, 'w1');
    expect(queue.jobs).toHaveLength(1);
  });

  it('gives a retry after an unknown outcome one due time, for the delivery and its job', async () => {
    const network = createFakeNetwork({ idempotent: true, findable: true });
    const publisher = network.connector.publisher as NonNullable<Connector['publisher']>;
    const publish = publisher.publish.bind(publisher);
    // The request timed out before reaching the network: the outcome is unknown, and the network has nothing.
    publisher.publish = async () => {
      publisher.publish = publish;
      throw new ConnectorError('fake', 'unknown_outcome', 'timeout');
    };
    // Each draw of the backoff differs, as a random one does.
    let draws = 0;
    const { run, queue } = setUpEngine(network, {
      policy: { maxAttempts: 3, backoffMs: () => 10_000 + 5_000 * draws++ },
    });
    const { post, targetId } = await schedulePost();
    await run(PUBLISH_JOB, targetId, 'w1');
    const [target] = await store.posts.targets(post.id);
    expect(target).toMatchObject({ status: 'scheduled', lastErrorCode: 'unknown_outcome' });
    const job = queue.jobs.at(-1);
    expect(job?.options?.runAt).toBe(target?.dueAt);
    clock = job?.options?.runAt as number;
    await run(PUBLISH_JOB, targetId, 'w1');
    expect(network.posts).toHaveLength(1);
    expect((await store.posts.targets(post.id))[0]).toMatchObject({ status: 'published', attempts: 2 });
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

describe('publishing engine: channel rate limits and notifications', () => {
  async function member(workspaceId: string, email: string, role: 'manager' | 'community_manager' | 'contributor') {
    const ws = await store.accounts.getWorkspace(workspaceId);
    const user = await store.accounts.createUser({
      organisationId: ws?.organisationId as string,
      email,
      name: email.split('@')[0] as string,
      passwordHash: 'h',
      locale: 'fr',
      isOwner: false,
    });
    await store.accounts.addMember({ workspaceId, userId: user.id, role });
    return user.id;
  }

  async function anotherPost(channel: { id: string; workspaceId: string }, ownerId: string | null = null) {
    const post = await store.posts.create({
      workspaceId: channel.workspaceId,
      text: 'Travaux rue de la République',
      themeId: null,
      contentTypeId: null,
      ownerId,
      backupOwnerId: null,
      scheduledAt: clock,
      createdBy: null,
      targets: [{ channelId: channel.id, text: null }],
    });
    await store.posts.forceStatus(post.id, 'scheduled');
    const [targetId] = await store.deliveries.scheduleTargets(post.id, clock);
    return { post, targetId: targetId as string };
  }

  function limited(network: ReturnType<typeof createFakeNetwork>, rateLimit: { posts: number; perMs: number }) {
    const publisher = network.connector.publisher as NonNullable<Connector['publisher']>;
    return { ...network, connector: { ...network.connector, publisher: { ...publisher, rateLimit } } };
  }

  it('holds a delivery back when the channel’s budget is spent, without an attempt, then publishes it', async () => {
    const network = createFakeNetwork({ idempotent: true });
    const { run, queue } = setUpEngine(limited(network, { posts: 2, perMs: 60 * 60_000 }));
    const first = await schedulePost();
    const second = await anotherPost(first.channel);
    const third = await anotherPost(first.channel);
    const startedAt = clock;
    await run(PUBLISH_JOB, first.targetId, 'w1');
    clock += 1000;
    await run(PUBLISH_JOB, second.targetId, 'w1');
    await run(PUBLISH_JOB, third.targetId, 'w1');
    expect(network.posts).toHaveLength(2);
    expect((await store.posts.targets(third.post.id))[0]).toMatchObject({
      status: 'scheduled',
      dueAt: startedAt + 60 * 60_000,
      attempts: 0,
      lastErrorCode: null,
    });
    expect((await store.posts.get(third.post.workspaceId, third.post.id))?.status).toBe('scheduled');
    expect(queue.jobs.at(-1)?.options).toMatchObject({ runAt: startedAt + 60 * 60_000 });

    clock = startedAt + 60 * 60_000;
    await run(PUBLISH_JOB, third.targetId, 'w1');
    expect(network.posts).toHaveLength(3);
    expect((await store.posts.targets(third.post.id))[0]).toMatchObject({ status: 'published', attempts: 1 });
  });

  it('after a 429, holds the channel’s other deliveries until the network allows it, without attempts', async () => {
    const network = createFakeNetwork({ idempotent: true });
    network.failures.push(new ConnectorError('fake', 'rate_limited', '429', { retryAfterMs: 120_000 }));
    const { run } = setUpEngine(network);
    const first = await schedulePost();
    const other = await anotherPost(first.channel);
    await run(PUBLISH_JOB, first.targetId, 'w1');
    await run(PUBLISH_JOB, other.targetId, 'w2');
    expect(network.posts).toEqual([]);
    expect((await store.posts.targets(other.post.id))[0]).toMatchObject({
      status: 'scheduled',
      dueAt: clock + 120_000,
      attempts: 0,
      lastErrorCode: null,
    });
    clock += 120_000;
    await run(PUBLISH_JOB, other.targetId, 'w2');
    await run(PUBLISH_JOB, first.targetId, 'w1');
    expect(network.posts).toHaveLength(2);
  });

  it('tells the owner and community managers when a post fails, and says once that a channel needs reconnecting', async () => {
    const network = createFakeNetwork({ idempotent: true });
    network.failures.push(new ConnectorError('fake', 'auth_expired', 'token revoked'));
    network.failures.push(new ConnectorError('fake', 'auth_expired', 'token revoked'));
    const { run } = setUpEngine(network);
    const first = await schedulePost();
    const ws = first.channel.workspaceId;
    const owner = await member(ws, 'owner@ville.test', 'contributor');
    const cm = await member(ws, 'cm@ville.test', 'community_manager');
    const bystander = await member(ws, 'other@ville.test', 'contributor');
    await store.posts.update(first.post.id, { ownerId: owner });
    const second = await anotherPost(first.channel, owner);
    await run(PUBLISH_JOB, first.targetId, 'w1');
    // The channel is flagged now: the second delivery fails without a network call, and no second alarm.
    await run(PUBLISH_JOB, second.targetId, 'w1');

    const kinds = async (userId: string) =>
      (await store.notifications.listForUser(userId, { limit: 10 })).items.map((n) => n.kind).sort();
    expect(await kinds(owner)).toEqual(['post.failed', 'post.failed']);
    expect(await kinds(cm)).toEqual(['channel.needs_reconnect', 'post.failed', 'post.failed']);
    expect(await kinds(bystander)).toEqual([]);
    const [failed] = (await store.notifications.listForUser(owner, { limit: 1 })).items;
    expect(failed).toMatchObject({ link: `/w/${ws}/posts/${second.post.id}`, params: { post: expect.any(String) } });
    const [reconnect] = (await store.notifications.listForUser(cm, { limit: 10 })).items.filter(
      (n) => n.kind === 'channel.needs_reconnect',
    );
    expect(reconnect).toMatchObject({ params: { channel: '@ville', network: 'fake' }, link: `/w/${ws}/channels` });
  });
});

/** A network that keeps every request whole (media, replies), de-duplicating by idempotency key. */
function createThreadNetwork(options: { findable?: boolean; comments?: boolean } = {}) {
  const received: PublishRequest[] = [];
  const comments: Array<{ on: string; request: PublishRequest }> = [];
  const failures: Array<ConnectorError | undefined> = [];
  const ref = (key: string): PublishedRef => ({ id: `fake://${key}`, url: `https://fake.example/${key}` });
  const connector: Connector = {
    network: 'fake',
    auth: 'app-password',
    publisher: {
      idempotent: true,
      validate: () => [],
      thread: { maxLength: () => 20, count: (text) => [...text].length },
      async publish(_credentials, request) {
        const failure = failures.shift();
        if (failure && failure.code !== 'unknown_outcome') throw failure;
        if (!received.some((r) => r.idempotencyKey === request.idempotencyKey)) received.push(request);
        if (failure) throw failure;
        return ref(request.idempotencyKey);
      },
      ...(options.findable
        ? {
            findPublished: async (_c: unknown, key: string) =>
              received.some((r) => r.idempotencyKey === key) ? ref(key) : undefined,
          }
        : {}),
      ...(options.comments
        ? {
            comment: async (_c: unknown, on: PublishedRef, request: PublishRequest) => {
              comments.push({ on: on.id, request });
              return ref(request.idempotencyKey);
            },
          }
        : {}),
    },
  };
  return { connector, received, comments, failures };
}

describe('publishing engine: media, threads and first comments', () => {
  async function scheduleRich(options: { parts?: string[]; firstComment?: string; withMedia?: boolean }) {
    // setTargets replaces the delivery: the one to run is the new one, scheduled below.
    const { post } = await schedulePost('Texte du post');
    const [target] = await store.posts.targets(post.id);
    await store.posts.setTargets(post.id, post.workspaceId, [
      {
        channelId: target?.channelId as string,
        text: null,
        options: { visibility: 'unlisted' },
        firstComment: options.firstComment ?? null,
        thread: options.parts ? { mode: 'parts', parts: options.parts } : null,
      },
    ]);
    await store.posts.update(post.id, { languages: ['fr'] });
    if (options.withMedia) {
      const media = await store.media.create({
        workspaceId: post.workspaceId,
        mimeType: 'image/png',
        data: new Uint8Array([1, 2, 3]),
        width: 1,
        height: 1,
        sha256: 'x',
        alt: 'proposé',
        createdBy: null,
      });
      await store.media.setPostMedia(post.id, [{ mediaId: media.id, alt: 'La place Bellecour illuminée' }]);
    }
    const [fresh] = await store.deliveries.scheduleTargets(post.id, clock);
    return { post, targetId: fresh as string };
  }

  it('sends the media bytes with their alt text, the options and the languages', async () => {
    const network = createThreadNetwork();
    const { run } = setUpEngine(network);
    const { post, targetId } = await scheduleRich({ withMedia: true });
    await run(PUBLISH_JOB, targetId, 'w1');
    expect(network.received).toHaveLength(1);
    const [request] = network.received;
    expect(request).toMatchObject({
      idempotencyKey: targetId,
      text: 'Texte du post',
      options: { visibility: 'unlisted' },
      languages: ['fr'],
    });
    expect(request?.media?.map((m) => ({ bytes: [...m.data], type: m.mimeType, alt: m.alt }))).toEqual([
      { bytes: [1, 2, 3], type: 'image/png', alt: 'La place Bellecour illuminée' },
    ]);
    expect((await store.posts.targets(post.id))[0]).toMatchObject({ status: 'published' });
  });

  it('publishes a thread in order, each part answering the previous, then the first comment on the first', async () => {
    const network = createThreadNetwork();
    const { run } = setUpEngine(network);
    const { post, targetId } = await scheduleRich({ parts: ['Un.', 'Deux.', 'Trois.'], firstComment: 'Lien : x' });
    await run(PUBLISH_JOB, targetId, 'w1');
    expect(network.received.map((r) => [r.idempotencyKey, r.text, r.replyTo?.id])).toEqual([
      [targetId, 'Un.', undefined],
      [`${targetId}:1`, 'Deux.', `fake://${targetId}`],
      [`${targetId}:2`, 'Trois.', `fake://${targetId}:1`],
      [`${targetId}:comment`, 'Lien : x', `fake://${targetId}`],
    ]);
    const [target] = await store.posts.targets(post.id);
    expect(target).toMatchObject({ status: 'published', published: { id: `fake://${targetId}` } });
    expect(target?.publishedParts.map((p) => p.key)).toEqual([
      targetId,
      `${targetId}:1`,
      `${targetId}:2`,
      `${targetId}:comment`,
    ]);
  });

  it('resumes a thread after a failure in the middle, without publishing a part twice', async () => {
    const network = createThreadNetwork();
    network.failures.push(undefined, new ConnectorError('fake', 'unavailable', '503'));
    const { run } = setUpEngine(network);
    const { post, targetId } = await scheduleRich({ parts: ['Un.', 'Deux.', 'Trois.'], firstComment: 'Merci' });
    await run(PUBLISH_JOB, targetId, 'w1');
    expect(network.received.map((r) => r.text)).toEqual(['Un.']);
    expect((await store.posts.targets(post.id))[0]).toMatchObject({
      status: 'scheduled',
      lastErrorCode: 'unavailable',
      publishedParts: [{ key: targetId }],
    });
    // A network without idempotency would post "Un." again here: the engine must not even ask.
    const publish = network.connector.publisher?.publish.bind(network.connector.publisher);
    const keysAsked: string[] = [];
    (network.connector.publisher as { publish: typeof publish }).publish = async (c, r) => {
      keysAsked.push(r.idempotencyKey);
      return (publish as NonNullable<typeof publish>)(c, r);
    };
    clock += 10_000;
    await run(PUBLISH_JOB, targetId, 'w1');
    expect(keysAsked).toEqual([`${targetId}:1`, `${targetId}:2`, `${targetId}:comment`]);
    expect(network.received.map((r) => [r.text, r.replyTo?.id])).toEqual([
      ['Un.', undefined],
      ['Deux.', `fake://${targetId}`],
      ['Trois.', `fake://${targetId}:1`],
      ['Merci', `fake://${targetId}`],
    ]);
    expect((await store.posts.targets(post.id))[0]).toMatchObject({ status: 'published', attempts: 2 });
    // Running the job again changes nothing: the delivery is done.
    await run(PUBLISH_JOB, targetId, 'w1');
    expect(network.received).toHaveLength(4);
  });

  it('after an unknown outcome on a middle part, finds that part and goes on from the next', async () => {
    const network = createThreadNetwork({ findable: true });
    network.failures.push(undefined, new ConnectorError('fake', 'unknown_outcome', 'timeout after sending'));
    const { run, queue } = setUpEngine(network);
    const { post, targetId } = await scheduleRich({ parts: ['Un.', 'Deux.', 'Trois.'] });
    await run(PUBLISH_JOB, targetId, 'w1');
    // The post itself was found published, but the thread is not done: it must not be marked published.
    const [afterFirst] = await store.posts.targets(post.id);
    expect(afterFirst?.status).toBe('scheduled');
    expect(afterFirst?.publishedParts.map((p) => p.key)).toEqual([targetId, `${targetId}:1`]);
    expect(queue.jobs.at(-1)?.payload).toEqual({ targetId });
    await run(PUBLISH_JOB, targetId, 'w1');
    expect(network.received.map((r) => r.text)).toEqual(['Un.', 'Deux.', 'Trois.']);
    expect((await store.posts.targets(post.id))[0]?.status).toBe('published');
  });

  it('publishes the first comment once, through the comments endpoint where the network has one', async () => {
    const network = createThreadNetwork({ comments: true });
    const { run } = setUpEngine(network);
    const { post, targetId } = await scheduleRich({ firstComment: 'Inscriptions : lyon.fr' });
    // The worker dies right after the network took the comment, before recording the delivery as published.
    const markPublished = store.deliveries.markPublished;
    store.deliveries.markPublished = async () => {
      throw new Error('worker killed');
    };
    await expect(run(PUBLISH_JOB, targetId, 'dead')).rejects.toThrow('worker killed');
    store.deliveries.markPublished = markPublished;
    clock += 61_000;
    await run(SWEEP_JOB, undefined, 'sweeper');
    await run(PUBLISH_JOB, targetId, 'w2');
    expect(network.received.map((r) => r.text)).toEqual(['Texte du post']);
    expect(network.comments).toEqual([
      {
        on: `fake://${targetId}`,
        request: expect.objectContaining({ idempotencyKey: `${targetId}:comment`, text: 'Inscriptions : lyon.fr' }),
      },
    ]);
    expect((await store.posts.targets(post.id))[0]?.status).toBe('published');
  });
});

describe('publishing engine: recovery from dead workers', () => {
  const beat = (id: string, at: number) =>
    store.workers.beat({ id, role: 'worker', driver: 'embedded', host: 'h', pid: 1, startedAt: 0, heartbeatAt: at });

  function withOutcomes(network: { connector: Connector }, extra: Parameters<typeof setUpEngine>[1] = {}) {
    const emitted: Array<{ event: string; postId: string }> = [];
    const told: string[] = [];
    const notifier = {
      notifyPost: async (kind: string, _ws: string, postId: string) => {
        told.push(`${kind}:${postId}`);
        return [];
      },
      notify: async () => [],
      notifyChannelNeedsReconnect: async () => [],
    } as unknown as NonNullable<Parameters<typeof setUpEngine>[1]>['notifier'];
    const setup = setUpEngine(network, {
      ownerSilenceMs: 15_000,
      // Recorded in the status change's transaction (the outbox): only a move that commits gets here.
      events: {
        record: async (_repos, _ws, event, data) => {
          emitted.push({ event, postId: (data as { post: { id: string } }).post.id });
          return [];
        },
        send: async () => {},
      },
      notifier,
      ...extra,
    });
    return { ...setup, emitted, told };
  }

  it('settles a post whose worker died after recording the delivery, telling the world once', async () => {
    const network = createFakeNetwork({ idempotent: true });
    // Killed right there: nothing it would still write reaches the database.
    const transaction = store.transaction;
    const { run, emitted, told } = withOutcomes(network, {
      failpoint: (point) => {
        if (point !== 'after_record') return;
        store.transaction = async () => {
          throw new Error('worker killed');
        };
        throw new Error('worker killed');
      },
    });
    const { post, targetId } = await schedulePost();
    await expect(run(PUBLISH_JOB, targetId, 'dead')).rejects.toThrow('worker killed');
    store.transaction = transaction;
    expect((await store.posts.targets(post.id))[0]?.status).toBe('published');
    expect((await store.posts.get(post.workspaceId, post.id))?.status).toBe('publishing');
    expect(emitted).toEqual([]);

    // Two sweeps at once (two workers starting): one settles and tells, the other finds nothing to do.
    await Promise.all([run(SWEEP_JOB, undefined, 's1'), run(SWEEP_JOB, undefined, 's2')]);
    await run(SWEEP_JOB, undefined, 's3');
    expect((await store.posts.get(post.workspaceId, post.id))?.status).toBe('published');
    expect(emitted).toEqual([{ event: 'post.published', postId: post.id }]);
    expect(told).toEqual([`post.published:${post.id}`]);
    expect(network.posts).toHaveLength(1);
  });

  it('takes over a dead worker’s delivery without waiting for its lease, never a live worker’s', async () => {
    const network = createFakeNetwork({ idempotent: true });
    const { run, queue } = withOutcomes(network);
    const dead = await schedulePost('Crash avant envoi');
    const slow = await schedulePost('Envoi lent');
    await beat('dead', clock);
    await beat('slow', clock);
    // One worker claimed its delivery and was killed before the network call; the other is slow, and goes on
    // beating while its publish takes minutes.
    expect(await store.deliveries.claim(dead.targetId, 'dead', clock, 60_000)).toBeDefined();
    expect(await store.deliveries.claim(slow.targetId, 'slow', clock, 60_000)).toBeDefined();

    clock += 10_000;
    await beat('slow', clock);
    await run(SWEEP_JOB, undefined, 'sweeper');
    expect(queue.jobs).toEqual([]); // 10 s of silence: not dead yet

    clock += 6_000;
    await beat('slow', clock);
    await run(SWEEP_JOB, undefined, 'sweeper');
    // 16 s silent, its lease still good for 44 s: dead all the same. A crash is no network failure: at once.
    expect((await store.posts.targets(dead.post.id))[0]).toMatchObject({ status: 'scheduled', dueAt: clock });
    expect(queue.jobs.map((j) => [j.payload, j.options?.runAt])).toEqual([[{ targetId: dead.targetId }, clock]]);
    await run(PUBLISH_JOB, dead.targetId, 'w2');
    expect((await store.posts.targets(dead.post.id))[0]).toMatchObject({ status: 'published', attempts: 2 });

    // Past the slow worker's lease, its heartbeat still speaks for it.
    clock += 120_000;
    await beat('slow', clock);
    await run(SWEEP_JOB, undefined, 'sweeper');
    expect((await store.posts.targets(slow.post.id))[0]).toMatchObject({ status: 'publishing', leaseOwner: 'slow' });
    // Without a heartbeat row at all (a worker never registered), the lease decides as before.
    await store.workers.remove('slow');
    await run(SWEEP_JOB, undefined, 'sweeper');
    expect((await store.posts.targets(slow.post.id))[0]).toMatchObject({ status: 'scheduled' });
    expect(network.posts.map((p) => p.text)).toEqual(['Crash avant envoi']);
  });

  it('a worker declared dead while stalled does not send once it wakes up', async () => {
    const network = createFakeNetwork({ idempotent: false });
    const { run } = withOutcomes(network);
    const { post, targetId } = await schedulePost();
    await beat('frozen', clock);
    // The worker freezes right before its last check; meanwhile its heartbeat stops and a sweep takes over.
    const renewLease = store.deliveries.renewLease;
    store.deliveries.renewLease = async (...args) => {
      store.deliveries.renewLease = renewLease;
      clock += 20_000;
      await run(SWEEP_JOB, undefined, 'sweeper');
      return renewLease(...args);
    };
    await run(PUBLISH_JOB, targetId, 'frozen');
    // Not idempotent and not findable: the sweep asks a person; the frozen worker sent nothing.
    expect(network.posts).toEqual([]);
    expect((await store.posts.targets(post.id))[0]).toMatchObject({ status: 'unconfirmed' });
  });
});
