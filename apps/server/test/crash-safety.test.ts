// Never lost, never doubled — for real: a worker process publishing to a real Bluesky PDS is killed with
// SIGKILL (a) before the network call, (b) after it and before the database write, (c) again during the
// retry; after restarts, the post exists exactly once on the PDS every time.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { TestNetworkNoAppView } from '@atproto/dev-env';
import { AtpAgent } from '@atproto/api';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config.js';
import { createRuntime, type Runtime } from '../src/runtime.js';
import { createAccountsService } from '../src/accounts/service.js';
import { createPublishingEngine } from '../src/publishing/engine.js';
import { createPublishingService } from '../src/publishing/service.js';
import { startRostra } from './helpers/processes.js';

let network: TestNetworkNoAppView;
let scratch: string;
let dataDir: string;
let runtime: Runtime;
let workspaceId: string;
let channelId: string;
let did: string;
let pdsAgent: AtpAgent;
const env: Record<string, string> = {};

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'rostra-crash-pds-'));
  const before = process.env.TMPDIR;
  process.env.TMPDIR = scratch;
  try {
    network = await TestNetworkNoAppView.create({});
  } finally {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
  }
  pdsAgent = new AtpAgent({ service: network.pds.url });
  await pdsAgent.createAccount({ handle: 'mairie.test', email: 'com@mairie.test', password: 'mot-de-passe-du-compte' });
  did = pdsAgent.session?.did as string;
  const appPassword = (await pdsAgent.com.atproto.server.createAppPassword({ name: 'Rostra' })).data.password;

  dataDir = await mkdtemp(path.join(tmpdir(), 'rostra-crash-data-'));
  Object.assign(env, {
    ROSTRA_DATA_DIR: dataDir,
    ROSTRA_SECRET_KEY: randomBytes(32).toString('hex'),
    ROSTRA_PUBLISH_LEASE_MS: '1500',
    LOG_LEVEL: 'error',
  });
  runtime = await createRuntime(parseConfig(env), { log: pino({ level: 'silent' }) });
  const accounts = createAccountsService(runtime.store, { publicUrl: runtime.config.publicUrl });
  const setup = await accounts.setup(
    {
      organisation: 'Mairie',
      workspace: 'Com',
      name: 'Admin',
      email: 'admin@mairie.test',
      password: 'mot-de-passe-admin',
    },
    null,
    null,
  );
  workspaceId = setup.workspace.id;
  await runtime.store.accounts.updateWorkspace(workspaceId, { approvalRequired: false });
  const channel = await service().connectChannel(
    workspaceId,
    'bluesky',
    { identifier: 'mairie.test', appPassword, service: network.pds.url },
    caller(),
  );
  channelId = channel.id;
}, 120_000);

afterAll(async () => {
  await runtime?.close();
  await network?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

function caller() {
  return {
    userId: null,
    role: 'admin' as const,
    ctx: { actor: { type: 'system' as const, id: null, label: 'test' }, ip: null, userAgent: null },
  };
}

function service() {
  const engine = createPublishingEngine({
    store: runtime.store,
    secrets: runtime.secrets,
    queue: runtime.queue,
    connectors: runtime.connectors,
  });
  return createPublishingService({
    store: runtime.store,
    secrets: runtime.secrets,
    connectors: runtime.connectors,
    engine,
  });
}

async function schedule(text: string): Promise<string> {
  const post = await service().createPost(workspaceId, { text, channels: [{ channelId }] }, caller());
  await service().act(workspaceId, post.id, 'schedule', caller(), { scheduledAt: Date.now() });
  return post.id;
}

/** Runs one worker process until it kills itself at `failpoint`. */
async function crashAt(failpoint: 'before_publish' | 'after_publish'): Promise<void> {
  const worker = startRostra(['run', '--role', 'worker'], { ...env, ROSTRA_FAILPOINT: failpoint });
  const signal = await new Promise<NodeJS.Signals | null>((resolve) =>
    worker.child.once('exit', (_code, s) => resolve(s)),
  );
  expect(signal, worker.output()).toBe('SIGKILL');
  // The dead worker's lease must run out before another may take the delivery over.
  await new Promise((r) => setTimeout(r, 2000));
}

async function publishWithHealthyWorker(postId: string): Promise<void> {
  const worker = startRostra(['run', '--role', 'worker'], env);
  try {
    const started = Date.now();
    for (;;) {
      const post = await runtime.store.posts.get(workspaceId, postId);
      if (post?.status === 'published') return;
      if (Date.now() - started > 60_000) throw new Error(`not published (status ${post?.status}):\n${worker.output()}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    await worker.stop();
  }
}

async function copiesOnPds(text: string): Promise<number> {
  const records = await pdsAgent.com.atproto.repo.listRecords({
    repo: did,
    collection: 'app.bsky.feed.post',
    limit: 100,
  });
  return records.data.records.filter((r) => (r.value as { text?: string }).text === text).length;
}

describe('crash safety on a real Bluesky PDS', { timeout: 180_000 }, () => {
  it('(a) killed before the network call: published once after restart', async () => {
    const text = 'Crash avant envoi : la collecte des sapins commence lundi';
    const postId = await schedule(text);
    await crashAt('before_publish');
    expect(await copiesOnPds(text)).toBe(0);
    await publishWithHealthyWorker(postId);
    expect(await copiesOnPds(text)).toBe(1);
  });

  it('(b) killed after the network call, before the database write: still once', async () => {
    const text = 'Crash après envoi : piscine fermée pour travaux jusqu’au 5 janvier';
    const postId = await schedule(text);
    await crashAt('after_publish');
    expect(await copiesOnPds(text)).toBe(1);
    expect((await runtime.store.posts.get(workspaceId, postId))?.status).toBe('publishing');
    await publishWithHealthyWorker(postId);
    expect(await copiesOnPds(text)).toBe(1);
    const [target] = await runtime.store.posts.targets(postId);
    expect(target?.published?.id).toMatch(new RegExp(`^at://${did}/app.bsky.feed.post/`));
  });

  // For Bluesky the recovery asks the PDS for the record at Rostra's key, then records it: the second
  // worker dies between that answer and the database write.
  it('(c) killed again during the recovery: still once', async () => {
    const text = 'Double crash : le conseil municipal est reporté à jeudi 19 h';
    const postId = await schedule(text);
    await crashAt('after_publish');
    await crashAt('after_publish');
    expect(await copiesOnPds(text)).toBe(1);
    await publishWithHealthyWorker(postId);
    expect(await copiesOnPds(text)).toBe(1);
  });
});
