// Never lost, never doubled, never late — for real: worker processes publishing to a real Bluesky PDS are killed
// with SIGKILL (a) before the network call, (b) after it and before the database write, (c) again during the
// recovery, (d) after recording the delivery and before updating the post. After a healthy worker comes back,
// the post exists exactly once on the PDS, went out within 30 s of its time, and its status is final and true
// within 30 s of the worker's return, told once to each webhook endpoint — on SQLite, and on PostgreSQL with
// BullMQ on Redis.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TestNetworkNoAppView } from '@atproto/dev-env';
import { AtpAgent } from '@atproto/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Failpoint } from '../src/publishing/engine.js';
import {
  createCrashHarness,
  crashBackends,
  expectToldOnce,
  RECOVERY_BOUND_MS,
  type CrashHarness,
} from './helpers/crash-harness.js';

let network: TestNetworkNoAppView;
let scratch: string;
let did: string;
let appPassword: string;
let pdsAgent: AtpAgent;

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
  appPassword = (await pdsAgent.com.atproto.server.createAppPassword({ name: 'Rostra' })).data.password;
}, 120_000);

afterAll(async () => {
  await network?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

async function recordsOnPds(text: string) {
  const records = await pdsAgent.com.atproto.repo.listRecords({
    repo: did,
    collection: 'app.bsky.feed.post',
    limit: 100,
  });
  return records.data.records.filter((r) => (r.value as { text?: string }).text === text);
}

describe.each(crashBackends)('crash safety on a real Bluesky PDS (%s)', { timeout: 240_000 }, (backend) => {
  let harness: CrashHarness;
  let channelId: string;

  beforeAll(async () => {
    harness = await createCrashHarness(backend, { redisDb: 12 });
    channelId = await harness.connect('bluesky', {
      identifier: 'mairie.test',
      appPassword,
      service: network.pds.url,
    });
  }, 60_000);
  afterAll(async () => {
    await harness?.close();
  });

  /** Crashes, recovers, and checks every promise: once on the PDS, on time, final and true, told once. */
  async function survives(text: string, failpoints: Failpoint[]) {
    const recovery = await harness.crashThenRecover(channelId, `${text} (${backend})`, failpoints);
    const records = await recordsOnPds(`${text} (${backend})`);
    expect(records).toHaveLength(1);
    const onNetworkAt = Date.parse((records[0]?.value as { createdAt: string }).createdAt);
    expect(onNetworkAt - recovery.dueAt).toBeLessThan(RECOVERY_BOUND_MS);
    expect(recovery.settledAt - recovery.returnedAt).toBeLessThan(RECOVERY_BOUND_MS);
    const [target] = await harness.runtime.store.posts.targets(recovery.postId);
    expect(target?.published?.id).toBe(records[0]?.uri);
    expect(await harness.webhookEvents(recovery.postId)).toEqual(['post.published']);
    expectToldOnce(harness.receipts(recovery.postId));
    return recovery;
  }

  it('(a) killed before the network call: published once, on time', async () => {
    await survives('Crash avant envoi : la collecte des sapins commence lundi', ['before_publish']);
  });

  it('(b) killed after the network call, before the database write: still once, recorded from the PDS', async () => {
    await survives('Crash après envoi : piscine fermée pour travaux jusqu’au 5 janvier', ['after_publish']);
  });

  // For Bluesky the recovery asks the PDS for the record at Rostra's key, then records it: the second worker
  // dies between that answer and the database write.
  it('(c) killed again during the recovery: still once', async () => {
    await survives('Double crash : le conseil municipal est reporté à jeudi 19 h', ['after_publish', 'after_publish']);
  });

  it('(d) killed after recording the delivery, before updating the post: the post is settled, told once', async () => {
    await survives('Crash après enregistrement : le marché couvert ouvre dimanche', ['after_record']);
  });
});
