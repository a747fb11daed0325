// `rostra listen add|list`, `rostra listen source add` and `rostra mentions`, run as real child processes on a
// SQLite data directory; mentions are stored beforehand through the pipeline, as a worker would.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findConnector } from '@rostra/connectors';
import { createStore, openDatabase } from '@rostra/store';
import { runCli } from './helpers/processes.js';
import { createListeningPipeline } from '../src/listening/pipeline.js';

let dataDir: string;
let env: Record<string, string>;
let workspaceId: string;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'rostra-listen-cli-'));
  env = { ROSTRA_DATA_DIR: dataDir };
  const setup = await runCli(
    ['setup', '--email', 'veille@ville.test', '--password-stdin', '--workspace', 'Ville', '--json'],
    env,
    'mot-de-passe-long\n',
  );
  expect(setup.code).toBe(0);
  workspaceId = (JSON.parse(setup.stdout) as { workspace: { id: string } }).workspace.id;
}, 60_000);

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe('rostra listen and rostra mentions', { timeout: 120_000 }, () => {
  it('adds topics, refuses a broken query with its column, and lists them', async () => {
    const added = await runCli(
      ['listen', 'add', 'Ville', '--query', 'lyon OR #lyon', '--group', 'brand', '--json'],
      env,
    );
    expect(added.stderr).toBe('');
    expect(JSON.parse(added.stdout)).toMatchObject({ name: 'Ville', group: 'brand', query: 'lyon OR #lyon' });

    const broken = await runCli(['listen', 'add', 'Cassé', '--query', 'lyon AND (tram'], env);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/--query: Column \d+/);
    const badGroup = await runCli(['listen', 'add', 'X', '--query', 'x', '--group', 'marque'], env);
    expect(badGroup.code).not.toBe(0);
    expect(badGroup.stderr).toContain('--group');

    const list = await runCli(['listen', 'list', '--json'], env);
    expect(JSON.parse(list.stdout).topics.map((t: { name: string }) => t.name)).toEqual(['Ville']);
  });

  it('adds a feed source when a feed connector is installed, and explains otherwise', async () => {
    const result = await runCli(
      [
        'listen',
        'source',
        'add',
        '--network',
        'feed',
        '--kind',
        'feed',
        '--url',
        'https://www.lyon.fr/rss.xml',
        '--json',
      ],
      env,
    );
    if (findConnector('feed')?.mentions) {
      expect(result.stderr).toBe('');
      expect(JSON.parse(result.stdout)).toMatchObject({ network: 'feed', host: 'www.lyon.fr', enabled: true });
    } else {
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('--network: no installed source for "feed"');
    }
    const unknown = await runCli(['listen', 'source', 'add', '--network', 'nowhere', '--kind', 'x'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('--network');
  });

  it('prints the latest mentions of a topic as JSON, within --since and with --q', async () => {
    const store = createStore(openDatabase({ databaseUrl: undefined, dataDir }));
    try {
      const base = {
        network: 'bluesky',
        url: null,
        title: null,
        author: { id: null, handle: 'habitant.bsky.social', name: null, url: null },
        language: 'fr',
        site: null,
        repostOf: null,
        replyTo: null,
        hashtags: [],
        metrics: {},
      };
      await createListeningPipeline({ store }).ingest(workspaceId, null, [
        {
          ...base,
          externalId: 'recent',
          text: 'Bravo Lyon pour les pistes cyclables',
          publishedAt: Date.now() - 3_600_000,
        },
        { ...base, externalId: 'old', text: 'Lyon il y a longtemps', publishedAt: Date.now() - 10 * 86_400_000 },
        { ...base, externalId: 'other', text: 'Sans rapport', publishedAt: Date.now() - 3_600_000 },
      ]);
    } finally {
      await store.close();
    }
    const recent = await runCli(['mentions', '--topic', 'Ville', '--since', '24h', '--json'], env);
    expect(recent.stderr).toBe('');
    expect(JSON.parse(recent.stdout).map((m: { externalId: string }) => m.externalId)).toEqual(['recent']);
    const week = await runCli(['mentions', '--topic', 'Ville', '--since', '2w', '--q', 'longtemps', '--json'], env);
    expect(JSON.parse(week.stdout).map((m: { externalId: string }) => m.externalId)).toEqual(['old']);
    const text = await runCli(['mentions', '--since', '24h'], env);
    expect(text.stdout).toContain('habitant.bsky.social: Bravo Lyon');
    const badSince = await runCli(['mentions', '--since', 'yesterday'], env);
    expect(badSince.code).not.toBe(0);
    expect(badSince.stderr).toContain('--since');
    const noTopic = await runCli(['mentions', '--topic', 'Inconnu'], env);
    expect(noTopic.stderr).toContain('--topic');
  });
});
