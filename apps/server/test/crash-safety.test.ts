// Never lost, never doubled — for real: a worker process publishing to a real Bluesky PDS is killed with
// SIGKILL (a) before the network call, (b) after it and before the database write, (c) again during the
// retry; after restarts, the post exists exactly once on the PDS every time.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TestNetworkNoAppView } from '@atproto/dev-env';
import { AtpAgent } from '@atproto/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCrashHarness, type CrashHarness } from './helpers/crash-harness.js';

let network: TestNetworkNoAppView;
let scratch: string;
let harness: CrashHarness;
let channelId: string;
let did: string;
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
  const appPassword = (await pdsAgent.com.atproto.server.createAppPassword({ name: 'Rostra' })).data.password;
  harness = await createCrashHarness();
  channelId = await harness.connect('bluesky', { identifier: 'mairie.test', appPassword, service: network.pds.url });
}, 120_000);

afterAll(async () => {
  await harness?.close();
  await network?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

const schedule = (text: string) => harness.schedule(channelId, text);
const crashAt = (failpoint: 'before_publish' | 'after_publish') => harness.crashAt(failpoint);
const publishWithHealthyWorker = (postId: string) => harness.publishWithHealthyWorker(postId);

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
    expect((await harness.runtime.store.posts.get(harness.workspaceId, postId))?.status).toBe('publishing');
    await publishWithHealthyWorker(postId);
    expect(await copiesOnPds(text)).toBe(1);
    const [target] = await harness.runtime.store.posts.targets(postId);
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
