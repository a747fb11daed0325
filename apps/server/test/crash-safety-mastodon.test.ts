// Never lost, never doubled, never late — on Mastodon, whose only safety net is the Idempotency-Key header:
// worker processes publishing to the Mastodon fake are killed (a) before the call, (b) after it and before the
// database write, (c) again during the retry, (d) after recording the delivery and before updating the post,
// (e) after storing the post's outcome and its webhook event, before sending it. After a healthy worker comes
// back the instance holds the status exactly once, it went out within 30 s of its time, and its status is final
// and true within 30 s of the worker's return, told once to each webhook endpoint with one event id — on
// SQLite, and on PostgreSQL with BullMQ on Redis.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeMastodon, type FakeMastodon } from '@rostra/connectors/testing';
import type { Failpoint } from '../src/publishing/engine.js';
import {
  createCrashHarness,
  crashBackends,
  expectToldOnce,
  RECOVERY_BOUND_MS,
  type CrashHarness,
} from './helpers/crash-harness.js';

describe.each(crashBackends)(
  'crash safety on Mastodon through Idempotency-Key (%s)',
  { timeout: 240_000 },
  (backend) => {
    let fake: FakeMastodon;
    let harness: CrashHarness;
    let channelId: string;

    beforeAll(async () => {
      fake = await startFakeMastodon({ maxCharacters: 500 });
      const { accessToken } = fake.createAccount('mairie');
      harness = await createCrashHarness(backend, { redisDb: 11 });
      channelId = await harness.connect('mastodon', { instance: fake.url, accessToken });
    }, 60_000);

    afterAll(async () => {
      await harness?.close();
      await fake?.close();
    });

    const statusesWith = (text: string) => fake.statuses.filter((status) => status.text === text);
    const statusCalls = () => fake.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/api/v1/statuses'));

    /** Crashes, recovers, and checks every promise: once on the instance, on time, final and true, told once. */
    async function survives(text: string, failpoints: Failpoint[], whileDown?: (postId: string) => Promise<void>) {
      const recovery = await harness.crashThenRecover(channelId, `${text} (${backend})`, failpoints, whileDown);
      const statuses = statusesWith(`${text} (${backend})`);
      expect(statuses).toHaveLength(1);
      expect(Date.parse(statuses[0]?.createdAt as string) - recovery.dueAt).toBeLessThan(RECOVERY_BOUND_MS);
      expect(recovery.settledAt - recovery.returnedAt).toBeLessThan(RECOVERY_BOUND_MS);
      const [target] = await harness.runtime.store.posts.targets(recovery.postId);
      expect(target?.published?.id).toBe(statuses[0]?.id);
      expect(await harness.webhookEvents(recovery.postId)).toEqual(['post.published']);
      expectToldOnce(harness.receipts(recovery.postId));
      return recovery;
    }

    it('(a) killed before the network call: published once, on time', async () => {
      const before = statusCalls().length;
      await survives('Crash avant envoi : inscriptions à la cantine ouvertes', ['before_publish']);
      expect(statusCalls().length - before).toBe(1);
    });

    it('(b) killed after the network call, before the database write: the retry reuses the key, still once', async () => {
      const before = statusCalls().length;
      await survives('Crash après envoi : marché de Noël place de la mairie', ['after_publish']);
      // The recovery did send a second POST — the instance answered it with the status it already had.
      const calls = statusCalls().slice(before);
      expect(calls.length).toBe(2);
      expect(new Set(calls.map((call) => call.idempotencyKey)).size).toBe(1);
    });

    it('(c) killed again during the retry: still once', async () => {
      await survives('Double crash : collecte des encombrants décalée à mardi', ['after_publish', 'after_publish']);
    });

    it('(d) killed after recording the delivery, before updating the post: the post is settled, told once', async () => {
      const before = statusCalls().length;
      await survives('Crash après enregistrement : fermeture de la médiathèque lundi', ['after_record']);
      expect(statusCalls().length - before).toBe(1);
      expect(fake.unexpected).toEqual([]);
    });

    // The outbox: the event was stored with the status change, so the worker's death loses nothing. The
    // webhook sweep of the worker that comes back sends it, once to each endpoint, under the stored event id.
    it('(e) killed after storing the outcome and its webhook event, before sending it: told once, one event id', async () => {
      let stored: string[] = [];
      const recovery = await survives(
        'Crash avant les webhooks : la patinoire ouvre samedi',
        ['before_event_send'],
        async (postId) => {
          expect((await harness.runtime.store.posts.get(harness.workspaceId, postId))?.status).toBe('published');
          const pending = await harness.deliveriesOf(postId);
          expect(pending.map((d) => d.status)).toEqual(['pending', 'pending']);
          expect(new Set(pending.map((d) => d.eventId)).size).toBe(1);
          expect(harness.receipts(postId)).toEqual([]);
          stored = pending.map((d) => d.eventId);
        },
      );
      const receipts = harness.receipts(recovery.postId);
      expect(receipts.map((r) => r.eventId)).toEqual(stored);
      const delivered = await harness.deliveriesOf(recovery.postId);
      expect(delivered.map((d) => [d.status, d.attempts, d.eventId])).toEqual([
        ['delivered', 1, stored[0]],
        ['delivered', 1, stored[0]],
      ]);
      expect(new Set(receipts.map((r) => r.deliveryId))).toEqual(new Set(delivered.map((d) => d.id)));
    });
  },
);
