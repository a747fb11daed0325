// Listening alerts end to end on SQLite and PostgreSQL: rules through the API (bad parameters name their
// field), a volume spike judged on a week of synthetic mentions with a known spike, the cooldown, watched
// authors and new sources at ingestion, and delivery in the app, by email (a real local SMTP server), to the
// workspace's signed webhooks and to a Slack-compatible incoming webhook.
import { createServer, type Server } from 'node:http';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mention } from '@rostra/connectors';
import type { JobContext } from '@rostra/core';
import { testDialects } from '@rostra/store/testing';
import { createTestApp, setUp, type Caller, type TestApp } from './helpers/test-app.js';
import { ALERT_DELIVER_JOB, ALERTS_EVALUATE_JOB, createAlertEngine, type AlertEngine } from '../src/alerts/engine.js';
import { createMailer } from '../src/mail/mail.js';
import { createListeningPipeline, type ListeningPipeline } from '../src/listening/pipeline.js';
import { createNotifier } from '../src/notifications/service.js';
import { createWebhookDispatcher } from '../src/events/webhooks.js';

const HOUR = 3_600_000;
const context: JobContext = { jobId: 'test', attempt: 1, workerId: 'test-worker' };

/** Distinct sentences (no near-duplicates), each about the pool, from a seeded generator. */
function sentences(count: number, seed: number): string[] {
  const words = [
    'horaires',
    'bassin',
    'nageurs',
    'famille',
    'tarif',
    'vestiaires',
    'travaux',
    'dimanche',
    'cours',
    'eau',
    'chaude',
    'accueil',
    'maîtres-nageurs',
    'été',
    'fermeture',
    'ouverture',
    'enfants',
    'abonnement',
    'propre',
    'bondée',
    'calme',
    'matin',
    'soir',
    'toboggan',
    'sauna',
    'quartier',
    'bus',
    'parking',
    'file',
    'attente',
  ];
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  return Array.from({ length: count }, (_, i) => {
    const picked = Array.from({ length: 7 }, () => words[Math.floor(next() * words.length)]);
    return `La piscine ${picked.join(' ')} ${i}`;
  });
}

function mention(id: string, text: string, publishedAt: number, extra: Partial<Mention> = {}): Mention {
  return {
    externalId: id,
    network: 'bluesky',
    url: `https://bsky.app/profile/x/post/${id}`,
    title: null,
    text,
    author: { id: `did:plc:${id}`, handle: `${id}.bsky.social`, name: null, url: null },
    publishedAt,
    language: 'fr',
    site: 'bsky.app',
    repostOf: null,
    replyTo: null,
    hashtags: [],
    metrics: {},
    ...extra,
  };
}

describe.each(testDialects)('listening alerts on %s', (dialect) => {
  let t: TestApp;
  let admin: Caller;
  let workspaceId: string;
  let topicId: string;
  let pipeline: ListeningPipeline;
  let engine: AlertEngine;
  let smtp: SMTPServer;
  let smtpPort: number;
  const mails: string[] = [];
  let chat: Server;
  let chatUrl: string;
  const chatBodies: string[] = [];
  let hook: Server;
  let hookUrl: string;
  const hookBodies: string[] = [];
  let now = Date.now();

  const listen = async (server: Server) => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    return typeof address === 'object' && address ? address.port : 0;
  };
  const receiver = (into: string[]) =>
    createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        into.push(body);
        response.end('ok');
      });
    });

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, _session, callback) {
        let data = '';
        stream.on('data', (chunk: Buffer) => (data += chunk.toString()));
        stream.on('end', () => {
          mails.push(data);
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    smtpPort = (smtp.server.address() as { port: number }).port;
    chat = receiver(chatBodies);
    chatUrl = `http://127.0.0.1:${await listen(chat)}/hooks/slack`;
    hook = receiver(hookBodies);
    hookUrl = `http://127.0.0.1:${await listen(hook)}/rostra`;

    t = await createTestApp(dialect);
    ({ admin, workspaceId } = await setUp(t));
    const { store, secrets, queue } = t.runtime;
    topicId = (
      await store.listening.createTopic({
        workspaceId,
        name: 'Piscine',
        group: 'brand',
        query: 'piscine',
        enabled: true,
        color: '#1c7ed6',
        createdBy: null,
      })
    ).id;
    const webhooks = createWebhookDispatcher({ store, secrets, queue });
    const notifier = createNotifier({ store });
    engine = createAlertEngine({
      store,
      secrets,
      queue,
      publicUrl: 'http://rostra.test',
      emit: webhooks.emit,
      notify: notifier.notify,
      mailer: createMailer(`smtp://127.0.0.1:${smtpPort}`, 'Rostra <veille@mairie.test>'),
      now: () => now,
    });
    pipeline = createListeningPipeline({
      store,
      now: () => now,
      onIngested: (_workspace, _byTopic, stored) => engine.onIngested(stored),
    });
    const created = await t.call('POST', `/api/workspaces/${workspaceId}/webhooks`, {
      as: admin,
      body: { url: hookUrl, events: ['alert.triggered'] },
    });
    expect(created.statusCode).toBe(201);
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
    await new Promise((resolve) => chat?.close(resolve));
    await new Promise((resolve) => hook?.close(resolve));
  });

  async function deliverAll(): Promise<void> {
    for (const event of await t.runtime.store.alerts.listEvents(workspaceId, { limit: 50 })) {
      await engine.handlers[ALERT_DELIVER_JOB]!({ eventId: event.id, workspaceId, attempt: 0 }, context);
    }
  }

  it('creates an alert with its defaults shown, changes it, and names the field of a bad parameter', async () => {
    const url = `/api/workspaces/${workspaceId}/alerts`;
    const bad = await t.call('POST', url, {
      as: admin,
      body: { topicId, name: 'Journalistes', kind: 'watched_author', params: {} },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'validation_failed' });
    expect(JSON.stringify(bad.json())).toContain('body.params.authors');
    const wrongTopic = await t.call('POST', url, {
      as: admin,
      body: { topicId: '0190a0a0-0000-7000-8000-000000000000', name: 'X', kind: 'new_source' },
    });
    expect(wrongTopic.statusCode).toBe(400);
    expect(JSON.stringify(wrongTopic.json())).toContain('body.topicId');

    const created = await t.call('POST', url, {
      as: admin,
      body: { topicId, name: 'Essai', kind: 'negative_share', params: { threshold: 0.5 }, cooldownMinutes: 30 },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      params: { threshold: 0.5, minVolume: 10, windowHours: 1 },
      cooldownMinutes: 30,
      hasChatUrl: false,
    });
    const id = (created.json() as { id: string }).id;
    const changed = await t.call('PATCH', `${url}/${id}`, { as: admin, body: { enabled: false, chatUrl } });
    expect(changed.json()).toMatchObject({ enabled: false, hasChatUrl: true, params: { threshold: 0.5 } });
    // The chat URL is a secret: sealed at rest, never answered back.
    expect(changed.body).not.toContain(chatUrl);
    expect(await t.runtime.store.alerts.sealedChatUrl(id)).not.toContain('127.0.0.1');
    expect((await t.call('DELETE', `${url}/${id}`, { as: admin })).statusCode).toBe(204);
    expect((await t.call('GET', url, { as: admin })).json()).toEqual({ items: [] });
  });

  it('fires a volume spike once on a week with a known spike, holds the cooldown, and delivers everywhere', async () => {
    const created = await t.call('POST', `/api/workspaces/${workspaceId}/alerts`, {
      as: admin,
      body: {
        topicId,
        name: 'Pic piscine',
        kind: 'volume_spike',
        cooldownMinutes: 120,
        emailTo: ['com@mairie.test'],
        notifyWebhooks: true,
        chatUrl,
      },
    });
    expect(created.statusCode).toBe(201);
    const ruleId = (created.json() as { id: string }).id;

    // A week at 2 mentions an hour, with a quiet evaluation before the spike arrives.
    now = Date.now();
    const texts = sentences(400, 7);
    const week: Mention[] = [];
    for (let hour = 169; hour >= 2; hour--) {
      for (const slot of [0, 1]) {
        week.push(mention(`w${hour}-${slot}`, texts[week.length]!, now - hour * HOUR + slot * 600_000));
      }
    }
    await pipeline.ingest(workspaceId, null, week, { limit: 1000 });
    await engine.handlers[ALERTS_EVALUATE_JOB]!(undefined, context);
    expect(await t.runtime.store.alerts.listEvents(workspaceId, { limit: 10 })).toEqual([]);

    // Then 30 in the last hour, one of them trying to ping the whole Slack channel.
    const spike = Array.from({ length: 30 }, (_, i) =>
      mention(`s${i}`, i === 0 ? 'La piscine <!channel> déborde' : texts[340 + i]!, now - 30 * 60_000 + i * 1000),
    );
    await pipeline.ingest(workspaceId, null, spike);
    await engine.handlers[ALERTS_EVALUATE_JOB]!(undefined, context);
    await engine.handlers[ALERTS_EVALUATE_JOB]!(undefined, context);
    const events = await t.runtime.store.alerts.listEvents(workspaceId, { limit: 10, ruleId });
    expect(events).toHaveLength(1);
    expect(events[0]?.figures).toMatchObject({ count: 30, mean: 2 });

    // Still hot an hour later: the cooldown keeps it quiet; after the cooldown, it may fire again.
    now += HOUR;
    await pipeline.ingest(
      workspaceId,
      null,
      Array.from({ length: 30 }, (_, i) => mention(`t${i}`, texts[300 + i]!, now - 10 * 60_000 + i * 1000)),
    );
    await engine.handlers[ALERTS_EVALUATE_JOB]!(undefined, context);
    expect(await t.runtime.store.alerts.listEvents(workspaceId, { limit: 10, ruleId })).toHaveLength(1);

    await deliverAll();
    const [event] = await t.runtime.store.alerts.listEvents(workspaceId, { limit: 1, ruleId });
    expect(event?.deliveries).toEqual({ app: 'sent', webhooks: 'sent', email: 'sent', chat: 'sent' });
    // Non-ASCII French goes quoted-printable: "30 mentions la dernière heure".
    expect(mails.join('\n')).toMatch(/To: com@mairie\.test[\s\S]*30 mentions la derni=C3=A8re heure/);
    expect(chatBodies).toHaveLength(1);
    expect(JSON.parse(chatBodies[0]!)).toEqual({ text: expect.stringContaining('Pic de volume sur « Piscine »') });
    const notifications = await t.call('GET', '/api/notifications', { as: admin });
    expect(JSON.stringify(notifications.json())).toContain('alert.volume_spike');
    // The workspace webhook got a signed alert.triggered event (delivered by its own job).
    const deliveries = await t.runtime.store.webhooks.listDeliveries(
      (await t.runtime.store.webhooks.list(workspaceId))[0]!.id,
      10,
    );
    expect(deliveries.map((d) => d.event)).toContain('alert.triggered');
    const log = await t.call('GET', `/api/workspaces/${workspaceId}/alert-events?alertId=${ruleId}`, { as: admin });
    expect(log.json()).toMatchObject({ items: [{ kind: 'volume_spike', figures: { count: 30 } }], nextBefore: null });
  });

  it('fires at ingestion for a watched author and for a new source, and escapes chat markup', async () => {
    const rules = await Promise.all(
      [
        { name: 'Journaliste', kind: 'watched_author', params: { authors: ['@Journaliste.bsky.social'] } },
        { name: 'Nouveau média', kind: 'new_source', params: {} },
      ].map(async (body) => {
        const response = await t.call('POST', `/api/workspaces/${workspaceId}/alerts`, {
          as: admin,
          body: { topicId, chatUrl, notifyInApp: false, ...body },
        });
        expect(response.statusCode).toBe(201);
        return (response.json() as { id: string }).id;
      }),
    );
    const [watched, fresh] = rules as [string, string];
    chatBodies.length = 0;
    await pipeline.ingest(workspaceId, null, [
      mention('journaliste', 'La piscine <b>ferme</b> & <@U123> : pourquoi ?', now - 60_000, {
        author: { id: 'did:plc:journaliste', handle: 'journaliste.bsky.social', name: 'Une journaliste', url: null },
      }),
    ]);
    const watchedEvents = await t.runtime.store.alerts.listEvents(workspaceId, { limit: 5, ruleId: watched });
    expect(watchedEvents).toHaveLength(1);
    // The journalist never wrote about the pool before: a new source too.
    expect(await t.runtime.store.alerts.listEvents(workspaceId, { limit: 5, ruleId: fresh })).toHaveLength(1);
    // A known source does not fire again, whatever the cooldown.
    await t.runtime.store.alerts.update(workspaceId, fresh, { cooldownMs: 0 }, now);
    await pipeline.ingest(workspaceId, null, [
      mention('journaliste-2', 'La piscine rouvre, confirme la mairie', now - 30_000, {
        author: { id: 'did:plc:journaliste', handle: 'journaliste.bsky.social', name: 'Une journaliste', url: null },
      }),
    ]);
    expect(await t.runtime.store.alerts.listEvents(workspaceId, { limit: 5, ruleId: fresh })).toHaveLength(1);

    await engine.handlers[ALERT_DELIVER_JOB]!({ eventId: watchedEvents[0]!.id, workspaceId, attempt: 0 }, context);
    const text = (JSON.parse(chatBodies.at(-1)!) as { text: string }).text;
    expect(text).toContain('journaliste.bsky.social parle de « Piscine »');
    expect(text).toContain('&lt;b&gt;ferme&lt;/b&gt; &amp; &lt;@U123&gt;');
    expect(text).not.toContain('<@U123>');
  });
});
