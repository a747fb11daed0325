// Webhooks end to end: a real local HTTP endpoint receives signed post events; failures are retried
// with backoff and every attempt shows in the delivery log; an event whose job was lost is sent by the sweep.
import { createServer, type Server } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, setUp, type Caller, type TestApp } from './helpers/test-app.js';
import { startWorker, type RunningWorker } from '../src/jobs/worker.js';
import {
  createWebhookDispatcher,
  signWebhook,
  verifyWebhookSignature,
  WEBHOOK_SWEEP_JOB,
} from '../src/events/webhooks.js';

interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

let t: TestApp;
let admin: Caller;
let workspaceId: string;
let receiver: Server;
let receiverUrl: string;
let received: Received[];
let answers: number[];
let worker: RunningWorker | undefined;

beforeEach(async () => {
  t = await createTestApp();
  ({ admin, workspaceId } = await setUp(t));
  received = [];
  answers = [];
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.statusCode = answers.shift() ?? 200;
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const address = receiver.address();
  receiverUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hooks/rostra`;
});

afterEach(async () => {
  await worker?.stop();
  worker = undefined;
  await new Promise((resolve) => receiver.close(resolve));
  await t.close();
});

async function startDeliveries(): Promise<void> {
  const dispatcher = createWebhookDispatcher({
    store: t.runtime.store,
    secrets: t.runtime.secrets,
    queue: t.runtime.queue,
  });
  worker = await startWorker({
    store: t.runtime.store,
    queue: t.runtime.queue,
    handlers: dispatcher.handlers,
    role: 'worker',
    concurrency: 2,
    periodic: [],
    log: () => {},
  });
}

async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('webhooks', () => {
  it('sends signed post events to the endpoint and logs each delivery', async () => {
    const created = await t.call('POST', `/api/workspaces/${workspaceId}/webhooks`, {
      as: admin,
      body: { url: receiverUrl, events: ['post.created', 'post.updated'], description: 'CRM' },
    });
    expect(created.statusCode).toBe(201);
    const { webhook, secret } = created.json() as { webhook: { id: string }; secret: string };
    expect(secret).toMatch(/^whsec_/);
    const listed = await t.call('GET', `/api/workspaces/${workspaceId}/webhooks`, { as: admin });
    expect(listed.body).not.toContain(secret);

    const post = await t.call('POST', `/api/workspaces/${workspaceId}/posts`, {
      as: admin,
      body: { text: 'Fête des Lumières : le programme est en ligne', channels: [] },
    });
    await startDeliveries();
    await waitUntil(() => received.length === 1);
    const [hit] = received;
    expect(hit?.headers['rostra-event']).toBe('post.created');
    expect(verifyWebhookSignature(secret, String(hit?.headers['rostra-signature']), hit?.body ?? '')).toBe(true);
    expect(JSON.parse(hit?.body ?? '{}')).toMatchObject({
      event: 'post.created',
      workspaceId,
      data: { post: { id: post.json().id, status: 'draft', text: 'Fête des Lumières : le programme est en ligne' } },
    });
    await waitUntil(async () => {
      const log = await t.call('GET', `/api/workspaces/${workspaceId}/webhooks/${webhook.id}/deliveries`, {
        as: admin,
      });
      return log.json().items[0]?.status === 'delivered';
    });
    const log = await t.call('GET', `/api/workspaces/${workspaceId}/webhooks/${webhook.id}/deliveries`, { as: admin });
    expect(log.json().items[0]).toMatchObject({
      event: 'post.created',
      status: 'delivered',
      attempts: 1,
      responseStatus: 200,
    });
    expect(hit?.headers['rostra-delivery']).toBe(log.json().items[0].id);
    // The event's id, in a header and in the body: the same however many times it is sent.
    expect(hit?.headers['rostra-event-id']).toBe(JSON.parse(hit?.body ?? '{}').id);
  });

  it('retries a failing endpoint with backoff, then records the success', async () => {
    const created = await t.call('POST', `/api/workspaces/${workspaceId}/webhooks`, {
      as: admin,
      body: { url: receiverUrl, events: ['*'] },
    });
    const webhookId = created.json().webhook.id as string;
    answers.push(500);
    const ping = await t.call('POST', `/api/workspaces/${workspaceId}/webhooks/${webhookId}/ping`, { as: admin });
    expect(ping.statusCode).toBe(202);
    await startDeliveries();
    await waitUntil(() => received.length === 2);
    // The same body both times: receivers can de-duplicate on Rostra-Delivery.
    expect(received[0]?.body).toBe(received[1]?.body);
    await waitUntil(async () => {
      const log = await t.call('GET', `/api/workspaces/${workspaceId}/webhooks/${webhookId}/deliveries`, { as: admin });
      return log.json().items[0]?.status === 'delivered';
    });
    const log = await t.call('GET', `/api/workspaces/${workspaceId}/webhooks/${webhookId}/deliveries`, { as: admin });
    expect(log.json().items[0]).toMatchObject({ event: 'ping', attempts: 2, responseStatus: 200, lastError: null });
  });

  it('sends nothing to a disabled webhook or for an event it did not ask for', async () => {
    const created = await t.call('POST', `/api/workspaces/${workspaceId}/webhooks`, {
      as: admin,
      body: { url: receiverUrl, events: ['post.published'] },
    });
    await t.call('POST', `/api/workspaces/${workspaceId}/posts`, { as: admin, body: { text: 'x', channels: [] } });
    const webhookId = created.json().webhook.id as string;
    expect(
      (await t.call('DELETE', `/api/workspaces/${workspaceId}/webhooks/${webhookId}`, { as: admin })).statusCode,
    ).toBe(204);
    const log = await t.call('GET', `/api/workspaces/${workspaceId}/webhooks/${webhookId}/deliveries`, { as: admin });
    expect(log.json().items).toEqual([]);
  });

  it('sends once, from the sweep, an event stored with its change whose job was lost, even if the job turns up', async () => {
    const created = await t.call('POST', `/api/workspaces/${workspaceId}/webhooks`, {
      as: admin,
      body: { url: receiverUrl, events: ['post.published'] },
    });
    const webhookId = created.json().webhook.id as string;
    const { store, secrets, queue } = t.runtime;
    const dying = createWebhookDispatcher({ store, secrets, queue });
    const [deliveryId] = await store.transaction((repos) =>
      dying.record(repos, workspaceId, 'post.published', { post: { id: 'p1', status: 'published' } }),
    );
    // The process died here, before queueing the send. A sweep a period later queues it; then the original job
    // turns up after all (the process had queued it just before dying): two jobs, one send.
    const sweeper = createWebhookDispatcher({ store, secrets, queue, sweepMs: 1_000, now: () => Date.now() + 2_000 });
    await sweeper.handlers[WEBHOOK_SWEEP_JOB]?.({}, { jobId: 'sweep', attempt: 1, workerId: 'sweeper' });
    await dying.send([deliveryId as string]);
    expect((await queue.counts()).queued).toBe(2);
    await startDeliveries();
    await waitUntil(async () => {
      const counts = await queue.counts();
      return counts.queued === 0 && counts.running === 0;
    });
    expect(received).toHaveLength(1);
    const log = await t.call('GET', `/api/workspaces/${workspaceId}/webhooks/${webhookId}/deliveries`, { as: admin });
    expect(log.json().items).toMatchObject([{ id: deliveryId, status: 'delivered', attempts: 1 }]);
    const eventId = (await store.webhooks.getDelivery(deliveryId as string))?.eventId;
    expect(received[0]?.headers['rostra-event-id']).toBe(eventId);
    expect(JSON.parse(received[0]?.body ?? '{}')).toMatchObject({ id: eventId, event: 'post.published' });
  });

  it('refuses a bad URL or an unknown event, naming the field', async () => {
    const bad = await t.call('POST', `/api/workspaces/${workspaceId}/webhooks`, {
      as: admin,
      body: { url: 'ftp://example.org', events: ['post.deleted'] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues.map((i: { path: string }) => i.path)).toEqual(['body.url', 'body.events.0']);
  });
});

describe('webhook signatures', () => {
  const secret = 'whsec_test';
  const body = '{"event":"ping"}';
  it.each([
    ['a fresh, intact signature', signWebhook(secret, 1_000_000, body), body, 1_000_010, true],
    ['a tampered body', signWebhook(secret, 1_000_000, body), '{"event":"pong"}', 1_000_010, false],
    ['another secret', signWebhook('whsec_other', 1_000_000, body), body, 1_000_010, false],
    ['a replay ten minutes later', signWebhook(secret, 1_000_000, body), body, 1_000_600, false],
    ['garbage', 't=x,v1=zz', body, 1_000_000, false],
  ])('%s → %s', (_name, header, payload, now, expected) => {
    expect(verifyWebhookSignature(secret, header, payload, now)).toBe(expected);
  });
});
