// `rostra ambassador list` and `rostra ambassador acknowledgements`, run as real child processes on a SQLite data
// directory; the policy, its acknowledgement and the relay are stored beforehand through the store, as the API would.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore, openDatabase } from '@rostra/store';
import { runCli } from './helpers/processes.js';

let dataDir: string;
let env: Record<string, string>;
let postId: string;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'rostra-ambassador-cli-'));
  env = { ROSTRA_DATA_DIR: dataDir };
  const setup = await runCli(
    ['setup', '--email', 'admin@ville.test', '--password-stdin', '--workspace', 'Ville', '--json'],
    env,
    'mot-de-passe-long\n',
  );
  expect(setup.code).toBe(0);
  const { workspace, user } = JSON.parse(setup.stdout) as { workspace: { id: string }; user: { id: string } };
  const store = createStore(openDatabase({ databaseUrl: undefined, dataDir }));
  try {
    const post = await store.posts.create({
      workspaceId: workspace.id,
      text: 'La médiathèque ouvre le dimanche\nDès le 5 janvier',
      themeId: null,
      contentTypeId: null,
      ownerId: null,
      backupOwnerId: null,
      scheduledAt: null,
      createdBy: user.id,
      targets: [],
    });
    postId = post.id;
    await store.ambassador.saveRelay(
      workspace.id,
      post.id,
      { link: 'https://www.ville.fr/mediatheque', texts: {} },
      null,
    );
    await store.ambassador.savePolicy(workspace.id, 'Restez courtois.', 0, user.id);
    await store.ambassador.acknowledge(workspace.id, user.id, 1, Date.parse('2026-12-01T09:00:00Z'));
    await store.ambassador.recordShare(workspace.id, post.id, user.id, 'linkedin', Date.now());
  } finally {
    await store.close();
  }
}, 60_000);

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe('rostra ambassador', { timeout: 120_000 }, () => {
  it('lists the posts to relay with the relays declared, as text and JSON', async () => {
    const json = await runCli(['ambassador', 'list', '--workspace', 'Ville', '--json'], env);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({
      items: [expect.objectContaining({ postId, link: 'https://www.ville.fr/mediatheque', shares: { linkedin: 1 } })],
    });
    const text = await runCli(['ambassador', 'list'], env);
    expect(text.stdout).toContain('https://www.ville.fr/mediatheque  relays: linkedin 1');
    expect(text.stdout).toContain('La médiathèque ouvre le dimanche');
  });

  it('lists who acknowledged which version of the policy', async () => {
    const json = await runCli(['ambassador', 'acknowledgements', '--json'], env);
    expect(JSON.parse(json.stdout)).toEqual({
      currentVersion: 1,
      items: [
        { email: 'admin@ville.test', name: expect.any(String), version: 1, acknowledgedAt: '2026-12-01T09:00:00.000Z' },
      ],
    });
    const text = await runCli(['ambassador', 'acknowledgements'], env);
    expect([text.code, text.stderr]).toEqual([0, '']);
    expect(text.stdout).toContain('Ville: policy version 1 in force');
    expect(text.stdout).toContain('2026-12-01T09:00:00.000Z  v1  admin@ville.test');
  });
});
