// Never lost, never doubled — on Mastodon, whose only safety net is the Idempotency-Key header: a worker
// process publishing to the Mastodon fake is killed (a) before the call, (b) after it and before the database
// write, (c) again during the retry; after restarts the instance holds the status exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeMastodon, type FakeMastodon } from '@rostra/connectors/testing';
import { createCrashHarness, type CrashHarness } from './helpers/crash-harness.js';

let fake: FakeMastodon;
let harness: CrashHarness;
let channelId: string;

beforeAll(async () => {
  fake = await startFakeMastodon({ maxCharacters: 500 });
  const { accessToken } = fake.createAccount('mairie');
  harness = await createCrashHarness();
  channelId = await harness.connect('mastodon', { instance: fake.url, accessToken });
}, 60_000);

afterAll(async () => {
  await harness?.close();
  await fake?.close();
});

const copies = (text: string) => fake.statuses.filter((status) => status.text === text).length;
const statusCalls = () => fake.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/api/v1/statuses'));

describe('crash safety on Mastodon through Idempotency-Key', { timeout: 120_000 }, () => {
  it('(a) killed before the network call: published once after restart', async () => {
    const text = 'Crash avant envoi : inscriptions à la cantine ouvertes';
    const postId = await harness.schedule(channelId, text);
    await harness.crashAt('before_publish');
    expect(copies(text)).toBe(0);
    await harness.publishWithHealthyWorker(postId);
    expect(copies(text)).toBe(1);
  });

  it('(b) killed after the network call, before the database write: the retry reuses the key, still once', async () => {
    const text = 'Crash après envoi : marché de Noël place de la mairie';
    const postId = await harness.schedule(channelId, text);
    const before = statusCalls().length;
    await harness.crashAt('after_publish');
    expect(copies(text)).toBe(1);
    await harness.publishWithHealthyWorker(postId);
    expect(copies(text)).toBe(1);
    // The recovery did send a second POST — the instance answered it with the status it already had.
    const calls = statusCalls().slice(before);
    expect(calls.length).toBe(2);
    expect(new Set(calls.map((call) => call.idempotencyKey)).size).toBe(1);
    const [target] = await harness.runtime.store.posts.targets(postId);
    expect(target?.published?.id).toBe(fake.statuses.find((status) => status.text === text)?.id);
  });

  it('(c) killed again during the retry: still once', async () => {
    const text = 'Double crash : collecte des encombrants décalée à mardi';
    const postId = await harness.schedule(channelId, text);
    await harness.crashAt('after_publish');
    await harness.crashAt('after_publish');
    expect(copies(text)).toBe(1);
    await harness.publishWithHealthyWorker(postId);
    expect(copies(text)).toBe(1);
    expect(fake.unexpected).toEqual([]);
  });
});
