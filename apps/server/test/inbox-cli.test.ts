// `rostra inbox list`, run as a real child process on a SQLite data directory; the items are stored beforehand as
// a poll stores them, and one is opened as a person would through the API.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore, openDatabase } from '@rostra/store';
import { runCli } from './helpers/processes.js';

let dataDir: string;
let env: Record<string, string>;
let openId: string;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'rostra-inbox-cli-'));
  env = { ROSTRA_DATA_DIR: dataDir };
  const setup = await runCli(
    ['setup', '--email', 'inbox@ville.test', '--password-stdin', '--workspace', 'Ville', '--json'],
    env,
    'mot-de-passe-long\n',
  );
  expect(setup.code).toBe(0);
  const workspaceId = (JSON.parse(setup.stdout) as { workspace: { id: string } }).workspace.id;
  const store = createStore(openDatabase({ databaseUrl: undefined, dataDir }));
  try {
    const channel = await store.channels.upsert({
      workspaceId,
      network: 'bluesky',
      name: 'ville.bsky.social',
      accountId: 'did:plc:inboxcli',
      sealedCredentials: 'v1:x',
      credentialsExpiresAt: null,
      createdBy: null,
    });
    const items = await store.inbox.insertItems(
      { workspaceId, channelId: channel.id, network: 'bluesky' },
      [1, 2].map((n) => ({
        kind: 'reply' as const,
        remoteId: `at://did:plc:habitant/app.bsky.feed.post/${n}`,
        url: null,
        rootRemoteId: 'at://did:plc:inboxcli/app.bsky.feed.post/1',
        parentRemoteId: 'at://did:plc:inboxcli/app.bsky.feed.post/1',
        subject: null,
        author: { id: 'did:plc:habitant', handle: 'habitant.test', name: null, url: null, avatar: null, followers: 3 },
        text: `Réponse ${n}`,
        createdAt: Date.parse('2026-11-02T09:00:00Z') + n,
      })),
      Date.now(),
    );
    openId = items[0]?.id ?? '';
    await store.inbox.updateItem(workspaceId, openId, { status: 'open' }, Date.now());
  } finally {
    await store.close();
  }
}, 60_000);

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe('rostra inbox', { timeout: 120_000 }, () => {
  it('lists the open items as JSON, in the API shape', async () => {
    const result = await runCli(['inbox', 'list', '--status', 'open', '--json'], env);
    expect(result.code, result.stderr).toBe(0);
    const { items } = JSON.parse(result.stdout) as { items: Array<Record<string, unknown>> };
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ id: openId, status: 'open', text: 'Réponse 1', kind: 'reply' });
    expect(items[0]?.author).toMatchObject({ handle: 'habitant.test' });
  });

  it('lists every item as lines, and refuses a status it does not know', async () => {
    const all = await runCli(['inbox', 'list', '--workspace', 'Ville'], env);
    expect(all.code).toBe(0);
    expect(all.stdout.trim().split('\n')).toHaveLength(2);
    expect(all.stdout).toContain('@habitant.test: Réponse 2');
    const wrong = await runCli(['inbox', 'list', '--status', 'ouvert'], env);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain('must be new, open, waiting, done');
  });
});
