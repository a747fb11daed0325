// After a crash, the worker that comes back sweeps at once: a post its dead predecessor left "publishing" (the
// delivery recorded, the post not updated) is settled as the worker starts, even when another worker already
// ran the periodic sweeps of this period and the next.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { afterEach, expect, it } from 'vitest';
import { parseConfig } from '../src/config.js';
import { createRuntime, type Runtime } from '../src/runtime.js';
import { startServer, type RunningServer } from '../src/server.js';
import { SWEEP_JOB } from '../src/publishing/engine.js';

let dataDir: string | undefined;
let setup: Runtime | undefined;
let server: RunningServer | undefined;
afterEach(async () => {
  await server?.stop();
  await setup?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

it('a starting worker runs the publishing sweep at once, and settles a post left behind', async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'rostra-start-sweep-'));
  const env = { ROSTRA_DATA_DIR: dataDir, ROSTRA_SECRET_KEY: randomBytes(32).toString('hex'), LOG_LEVEL: 'error' };
  setup = await createRuntime(parseConfig(env), { log: pino({ level: 'silent' }) });
  const { store } = setup;
  const org = await store.accounts.createOrganisation('Mairie');
  const ws = await store.accounts.createWorkspace({ organisationId: org.id, name: 'Com', timezone: 'Europe/Paris' });
  const channel = await store.channels.upsert({
    workspaceId: ws.id,
    network: 'mastodon',
    name: '@mairie',
    accountId: '1',
    sealedCredentials: 'v1:unused',
    credentialsExpiresAt: null,
    createdBy: null,
  });
  const post = await store.posts.create({
    workspaceId: ws.id,
    text: 'Fermeture de la mairie annexe vendredi',
    themeId: null,
    contentTypeId: null,
    ownerId: null,
    backupOwnerId: null,
    scheduledAt: Date.now(),
    createdBy: null,
    targets: [{ channelId: channel.id, text: null }],
  });
  // The dead worker published and recorded the delivery, then died before updating the post.
  const [targetId] = await store.deliveries.scheduleTargets(post.id, Date.now());
  await store.deliveries.claim(targetId as string, 'dead-worker', Date.now(), 120_000);
  await store.posts.forceStatus(post.id, 'publishing');
  await store.deliveries.markPublished(targetId as string, 'dead-worker', { id: '1', url: 'u', extra: {} }, Date.now());
  // Another worker ran (or holds) the periodic sweeps of this period and the next ones.
  const period = Math.floor(Date.now() / 10_000);
  for (const p of [period, period + 1, period + 2, period + 3]) {
    await setup.queue.enqueue(SWEEP_JOB, {}, { key: `${SWEEP_JOB}:${p}`, runAt: Date.now() + 3600_000 });
  }

  server = await startServer(parseConfig(env), 'worker');
  const started = Date.now();
  while ((await store.posts.get(ws.id, post.id))?.status !== 'published') {
    if (Date.now() - started > 20_000) throw new Error('the starting worker did not settle the post');
    await new Promise((r) => setTimeout(r, 50));
  }
  expect((await store.posts.get(ws.id, post.id))?.status).toBe('published');
});
