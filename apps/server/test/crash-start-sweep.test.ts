// After a crash, the worker that comes back sweeps at once: a post its dead predecessor left "publishing" (the
// delivery recorded, the post not updated) is settled as the worker starts, and a webhook event it stored but
// never sent goes out, once — even when another worker already ran the periodic sweeps of this period and the
// next. Both with the product's default timings.
import { createServer, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { afterEach, expect, it } from 'vitest';
import { TEST_OUTBOUND_ALLOW } from '@rostra/connectors/testing';
import { parseConfig } from '../src/config.js';
import { createRuntime, type Runtime } from '../src/runtime.js';
import { startServer, type RunningServer } from '../src/server.js';
import { SWEEP_JOB } from '../src/publishing/engine.js';
import { heartbeatTimeout } from '../src/jobs/worker.js';
import { createWebhookDispatcher, WEBHOOK_SWEEP_JOB, webhookSecretContext } from '../src/events/webhooks.js';

let dataDir: string | undefined;
let setup: Runtime | undefined;
let server: RunningServer | undefined;
let receiver: Server | undefined;
afterEach(async () => {
  await server?.stop();
  await new Promise((resolve) => (receiver ? receiver.close(resolve) : resolve(undefined)));
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
  await holdPeriodicSweeps(setup, SWEEP_JOB);

  server = await startServer(parseConfig(env), 'worker');
  const started = Date.now();
  while ((await store.posts.get(ws.id, post.id))?.status !== 'published') {
    if (Date.now() - started > 20_000) throw new Error('the starting worker did not settle the post');
    await new Promise((r) => setTimeout(r, 50));
  }
  expect((await store.posts.get(ws.id, post.id))?.status).toBe('published');
});

/** Another worker ran (or holds) the periodic sweeps of this period and the next ones (every 10 s by default). */
async function holdPeriodicSweeps(runtime: Runtime, type: string): Promise<void> {
  const period = Math.floor(Date.now() / 10_000);
  for (const p of [period, period + 1, period + 2, period + 3]) {
    await runtime.queue.enqueue(type, {}, { key: `${type}:${p}`, runAt: Date.now() + 3600_000 });
  }
}

it('a starting worker sends at once, and once, a webhook event stored by a worker that died before sending it', async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'rostra-start-sweep-'));
  const env = {
    ROSTRA_DATA_DIR: dataDir,
    ROSTRA_SECRET_KEY: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'error',
    // The endpoint listens on loopback, which outbound requests may not reach unless allowed.
    ROSTRA_OUTBOUND_ALLOW: TEST_OUTBOUND_ALLOW,
  };
  setup = await createRuntime(parseConfig(env), { log: pino({ level: 'silent' }) });
  const { store, secrets } = setup;
  const received: Array<{ eventId: unknown; body: string }> = [];
  const endpoint = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push({ eventId: req.headers['rostra-event-id'], body });
      res.end();
    });
  });
  receiver = endpoint;
  await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
  const port = (endpoint.address() as { port: number }).port;
  const org = await store.accounts.createOrganisation('Mairie');
  const ws = await store.accounts.createWorkspace({ organisationId: org.id, name: 'Com', timezone: 'Europe/Paris' });
  const webhook = await store.webhooks.create({
    workspaceId: ws.id,
    url: `http://127.0.0.1:${port}/hooks`,
    events: ['post.published'],
    description: 'CRM',
    sealedSecret: secrets.encrypt('s'.repeat(32), webhookSecretContext(ws.id)),
    createdBy: null,
  });
  // A minute ago, the dead worker stored the event with the post's new status, then died before queueing it.
  const dying = createWebhookDispatcher({ store, secrets, queue: setup.queue, now: () => Date.now() - 60_000 });
  const [deliveryId] = await store.transaction((repos) =>
    dying.record(repos, ws.id, 'post.published', { post: { id: 'p1', status: 'published' } }),
  );
  const stored = await store.webhooks.getDelivery(deliveryId as string);
  await holdPeriodicSweeps(setup, WEBHOOK_SWEEP_JOB);

  server = await startServer(parseConfig(env), 'worker');
  const started = Date.now();
  for (;;) {
    const status = (await store.webhooks.getDelivery(deliveryId as string))?.status;
    if (status === 'delivered') break;
    if (Date.now() - started > 20_000) throw new Error(`the starting worker did not send the event (${status})`);
    await new Promise((r) => setTimeout(r, 50));
  }
  expect(received).toHaveLength(1);
  expect(received[0]?.eventId).toBe(stored?.eventId);
  expect(JSON.parse(received[0]?.body ?? '{}')).toMatchObject({ id: stored?.eventId, event: 'post.published' });
  expect(await store.webhooks.listDeliveries(webhook.id, 10)).toMatchObject([{ status: 'delivered', attempts: 1 }]);
});

// The crash tests run on shorter clocks (helpers/crash-harness.ts); what they prove holds in production because
// the default clocks take a dead worker's delivery over within 25 s, inside the 30 s a due post may be late.
it('takes a dead worker’s delivery over within 25 s with the default heartbeat and sweep', () => {
  const defaults = parseConfig({});
  expect(heartbeatTimeout(defaults.heartbeatMs) + defaults.sweepMs).toBeLessThanOrEqual(25_000);
});
