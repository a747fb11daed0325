// `rostra plan generate`, `rostra plan coverage` and `rostra plan export --pdf`, run as real child processes on a
// SQLite data directory; the rubric is stored beforehand through the store, as the API would. The PDF is read back
// with pdftotext (poppler-utils).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore, openDatabase } from '@rostra/store';
import { runCli } from './helpers/processes.js';

let dataDir: string;
let env: Record<string, string>;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'rostra-plan-cli-'));
  env = { ROSTRA_DATA_DIR: dataDir };
  const setup = await runCli(
    ['setup', '--email', 'plan@ville.test', '--password-stdin', '--workspace', 'Ville', '--json'],
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
      accountId: 'did:plc:plancli',
      sealedCredentials: 'v1:x',
      credentialsExpiresAt: null,
      createdBy: null,
    });
    await store.plan.createRubric(workspaceId, {
      name: 'Agenda du week-end',
      objective: '',
      objectiveId: null,
      persona: '',
      channelIds: [channel.id],
      period: { kind: 'weekly', weekdays: [4] },
      time: '18:00',
      themeId: null,
      contentTypeId: null,
      ownerId: null,
      backupOwnerId: null,
      brief: '',
      keepOnHolidays: true,
    });
  } finally {
    await store.close();
  }
}, 60_000);

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe('rostra plan', { timeout: 120_000 }, () => {
  it('generates the weeks asked for, and nothing more when run again', async () => {
    const first = await runCli(['plan', 'generate', '--workspace', 'Ville', '--weeks', '4', '--json'], env);
    expect(first.stderr).toBe('');
    const result = JSON.parse(first.stdout);
    // Thursdays at 18:00, holidays kept: 4, or 3 when today is a Thursday after 18:00.
    expect(result.weeks).toBe(4);
    expect([3, 4]).toContain(result.created);
    const again = await runCli(['plan', 'generate', '--weeks', '4', '--json'], env);
    expect(JSON.parse(again.stdout)).toMatchObject({ created: 0, updated: 0, removed: 0, slots: result.slots });
    const text = await runCli(['plan', 'generate', '--weeks', '4'], env);
    expect(text.stdout).toContain(`Ville: 4 weeks, ${result.slots} slots (0 created`);
  });

  it('refuses a number of weeks out of range', async () => {
    const refused = await runCli(['plan', 'generate', '--weeks', '27'], env);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('--weeks');
  });

  it('prints the coverage board, naming the rubric without a backup', async () => {
    const coverage = await runCli(['plan', 'coverage', '--weeks', '4'], env);
    expect(coverage.stdout).toContain('ville.bsky.social: ');
    expect(coverage.stdout).toContain('rubrics without a backup: Agenda du week-end');
  });

  it('exports the plan as a PDF with --pdf --out, in French by default and in English on request', async () => {
    const out = path.join(dataDir, 'plan.pdf');
    const refused = await runCli(['plan', 'export', '--out', out], env);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('--pdf');
    const written = await runCli(['plan', 'export', '--pdf', '--out', out, '--weeks', '4'], env);
    expect(written.code).toBe(0);
    expect(written.stderr).toContain(`plan written to ${out}`);
    const text = async () =>
      (await promisify(execFile)('pdftotext', ['-enc', 'UTF-8', out, '-'])).stdout.replace(/\s+/g, ' ');
    const french = await text();
    expect(french).toContain("Plan d'animation — Ville");
    expect(french).toContain('Agenda du week-end');
    expect(french).toContain('Chaque semaine : Jeudi à 18:00');
    expect(french).toContain('ville.bsky.social');
    await runCli(['plan', 'export', '--pdf', '--out', out, '--lang', 'en'], env);
    expect(await text()).toContain('Every week: Thursday at 18:00');
  });
});
