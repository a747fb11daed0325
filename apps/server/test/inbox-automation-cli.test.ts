// `rostra inbox rules` and `rostra inbox stats`, run as real child processes on a SQLite data directory: a rule and
// items stored beforehand (the items as a poll stores them, one answered and done as people do through the API).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createStore, openDatabase } from '@rostra/store';
import { runCli } from './helpers/processes.js';

let dataDir: string;
let env: Record<string, string>;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'rostra-inbox-automation-cli-'));
  env = { ROSTRA_DATA_DIR: dataDir };
  const setup = await runCli(
    ['setup', '--email', 'regles@ville.test', '--password-stdin', '--workspace', 'Ville', '--json'],
    env,
    'mot-de-passe-long\n',
  );
  expect(setup.code).toBe(0);
  const workspaceId = (JSON.parse(setup.stdout) as { workspace: { id: string } }).workspace.id;
  const store = createStore(openDatabase({ databaseUrl: undefined, dataDir }));
  try {
    const rule = await store.inboxAutomation.createRule(
      workspaceId,
      {
        name: 'Travaux',
        enabled: true,
        match: 'all',
        conditions: [{ type: 'query', query: 'travaux' }],
        actions: [{ type: 'label', label: 'voirie' }],
        stop: false,
      },
      null,
      Date.now(),
    );
    const channel = await store.channels.upsert({
      workspaceId,
      network: 'bluesky',
      name: 'ville.bsky.social',
      accountId: 'did:plc:reglescli',
      sealedCredentials: 'v1:x',
      credentialsExpiresAt: null,
      createdBy: null,
    });
    const now = Date.now();
    const items = await store.inbox.insertItems(
      { workspaceId, channelId: channel.id, network: 'bluesky' },
      [1, 2].map((n) => ({
        kind: 'mention' as const,
        remoteId: `at://did:plc:habitant/app.bsky.feed.post/${n}`,
        url: null,
        rootRemoteId: `at://did:plc:habitant/app.bsky.feed.post/${n}`,
        parentRemoteId: null,
        subject: null,
        author: { id: `did:plc:h${n}`, handle: `h${n}.test`, name: null, url: null, avatar: null, followers: 3 },
        text: `Les travaux ${n}`,
        createdAt: now - 3_600_000,
      })),
      now - 3_600_000,
    );
    await store.inboxAutomation.recordRuleMatches(
      items.map((item) => ({ workspaceId, ruleId: rule.id, itemId: item.id, at: now - 3_600_000 })),
    );
    await store.inboxAutomation.setItemTimes(workspaceId, items[0]?.id ?? '', {
      firstResponseAt: now - 1_800_000,
      resolvedAt: now - 1_800_000,
    });
  } finally {
    await store.close();
  }
}, 60_000);

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

it('lists the rules in order with their matches in the last 30 days', async () => {
  const json = await runCli(['inbox', 'rules', '--json'], env);
  expect(json.code).toBe(0);
  expect(JSON.parse(json.stdout)).toEqual({
    rules: [expect.objectContaining({ name: 'Travaux', position: 0, matchedLast30Days: 2 })],
  });
  const text = await runCli(['inbox', 'rules'], env);
  expect(text.stdout).toContain('1. Travaux — label; 2 matched in 30 days');
});

it('prints the service-level figures, and refuses a period it cannot read', async () => {
  const json = await runCli(['inbox', 'stats', '--days', '7', '--json'], env);
  expect(json.code).toBe(0);
  const stats = JSON.parse(json.stdout) as {
    overall: { count: number; firstResponse: { measured: number }; resolution: { measured: number } };
    groups: Array<{ dimension: string; key: string }>;
  };
  expect(stats.overall).toMatchObject({ count: 2, firstResponse: { measured: 1 }, resolution: { measured: 1 } });
  expect(stats.groups).toEqual(
    expect.arrayContaining([expect.objectContaining({ dimension: 'network', key: 'bluesky' })]),
  );
  const bad = await runCli(['inbox', 'stats', '--days', '0'], env);
  expect(bad.code).not.toBe(0);
  expect(bad.stderr).toContain('1–366');
});
