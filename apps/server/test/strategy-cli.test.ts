// `rostra strategy export --pdf --out file` and `rostra strategy objectives`, run as real child processes on a
// SQLite data directory; the objective is stored beforehand through the store, as the API would. The PDF is read
// back with pdftotext (poppler-utils).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore, openDatabase } from '@rostra/store';
import { runCli } from './helpers/processes.js';

const run = promisify(execFile);
let dataDir: string;
let env: Record<string, string>;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'rostra-strategy-cli-'));
  env = { ROSTRA_DATA_DIR: dataDir };
  const setup = await runCli(
    ['setup', '--email', 'dircom@ville.test', '--password-stdin', '--workspace', 'Ville', '--json'],
    env,
    'mot-de-passe-long\n',
  );
  expect(setup.code).toBe(0);
  const workspaceId = (JSON.parse(setup.stdout) as { workspace: { id: string } }).workspace.id;
  const store = createStore(openDatabase({ databaseUrl: undefined, dataDir }));
  try {
    await store.strategy.saveDocument(
      workspaceId,
      { context: 'Une commune où l’œil des habitants compte', diagnostic: '', targets: '' },
      null,
    );
    await store.strategy.createObjective(workspaceId, {
      statement: 'Répondre à chaque habitant en moins de 24 h',
      kind: 'service',
      kpi: 'response_time',
      topicId: null,
      channelId: null,
      baseline: null,
      target: 24,
      startDate: '2026-01-01',
      deadline: '2026-12-31',
      ownerId: null,
      personaIds: [],
      networks: ['facebook'],
    });
  } finally {
    await store.close();
  }
}, 60_000);

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe('rostra strategy', { timeout: 120_000 }, () => {
  it('exports the strategy as a PDF file in French', async () => {
    const out = path.join(dataDir, 'strategie.pdf');
    const result = await runCli(['strategy', 'export', '--pdf', '--out', out, '--workspace', 'Ville'], env);
    expect(result.code).toBe(0);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', out, '-']);
    const text = stdout.replace(/\s+/g, ' ');
    expect(text).toContain('Une commune où l’œil des habitants compte');
    expect(text).toContain('Répondre à chaque habitant en moins de 24 h');
    expect(text).toContain('Pas encore mesuré');
  });

  it('asks for the format, and lists objectives with their progress', async () => {
    const noFormat = await runCli(['strategy', 'export', '--out', path.join(dataDir, 'x.pdf')], env);
    expect(noFormat.code).toBe(1);
    expect(noFormat.stderr).toContain('--pdf');
    const listed = await runCli(['strategy', 'objectives', '--json'], env);
    expect(listed.code).toBe(0);
    const items = JSON.parse(listed.stdout) as Array<{ objective: { kpi: string }; progress: { status: string } }>;
    expect(items).toMatchObject([{ objective: { kpi: 'response_time' }, progress: { status: 'not_measured' } }]);
  });
});
