// `rostra charter show` and `rostra charter check`, run as real child processes on a SQLite data directory; the
// charter is stored beforehand through the store, as the API would: its rules printed for a person and as JSON, a
// text and its first comment checked (findings naming their part), the exit code saying whether approval is blocked.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { charterSchema } from '@rostra/core';
import { createStore, openDatabase } from '@rostra/store';
import { runCli } from './helpers/processes.js';

let dataDir: string;
let env: Record<string, string>;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'rostra-charter-cli-'));
  env = { ROSTRA_DATA_DIR: dataDir };
  const setup = await runCli(
    ['setup', '--email', 'charte@ville.test', '--password-stdin', '--workspace', 'Ville', '--json'],
    env,
    'mot-de-passe-long\n',
  );
  expect(setup.code).toBe(0);
  const workspaceId = (JSON.parse(setup.stdout) as { workspace: { id: string } }).workspace.id;
  const store = createStore(openDatabase({ databaseUrl: undefined, dataDir }));
  try {
    const empty = await runCli(['charter', 'show'], env);
    expect(empty.stdout).toContain('No charter written yet');
    const charter = charterSchema.parse({
      tone: 'Chaleureux, précis.',
      wordsToAvoid: [
        { word: 'administré', replacement: 'habitant', level: 'blocking', explanation: 'On parle à des habitants.' },
        { word: 'impactant', replacement: 'marquant', level: 'warning' },
      ],
      networks: [{ network: 'facebook', imageRequired: { level: 'warning' } }],
      accessibility: { noAllCaps: { level: 'advice', minWords: 3 } },
    });
    expect(await store.charter.save(workspaceId, charter, 0, null)).toMatchObject({ version: 1 });
  } finally {
    await store.close();
  }
}, 60_000);

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe('rostra charter', { timeout: 120_000 }, () => {
  it('shows the charter in force, for a person and as JSON', async () => {
    const text = await runCli(['charter', 'show', '--workspace', 'Ville'], env);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Version 1, saved ');
    expect(text.stdout).toContain('Tone: Chaleureux, précis.');
    expect(text.stdout).toContain('  "administré" → "habitant" [blocking] — On parle à des habitants.');
    expect(text.stdout).toContain('    an image [warning]');
    expect(text.stdout).toContain('  no sentence in capitals (from 3 words) [advice]');
    const json = await runCli(['charter', 'show', '--json'], env);
    expect(JSON.parse(json.stdout)).toMatchObject({
      version: 1,
      charter: { wordsToAvoid: [{ word: 'administré' }, { word: 'impactant' }] },
    });
  });

  it('checks a text and its first comment; a blocking finding exits 1', async () => {
    const blocked = await runCli(
      ['charter', 'check', '--text', 'Un projet impactant.', '--first-comment', 'Merci aux administrés !'],
      env,
    );
    expect(blocked.code).toBe(1);
    expect(blocked.stdout.trim().split('\n')).toEqual([
      'warning\tword_to_avoid "impactant" → "marquant"',
      'blocking\tword_to_avoid (first comment) "administrés" → "habitants" — On parle à des habitants.',
    ]);
    const json = await runCli(['charter', 'check', '--text', 'Les administrés', '--json'], env);
    expect(JSON.parse(json.stdout)).toMatchObject({
      version: 1,
      findings: [{ rule: 'word_to_avoid', level: 'blocking', part: 'text', range: { start: 4, end: 15 } }],
    });
  });

  it("applies the network's musts, and passes a clean text with exit code 0", async () => {
    const facebook = await runCli(
      ['charter', 'check', '--text', 'Le marché ouvre samedi.', '--network', 'facebook'],
      env,
    );
    expect(facebook.code).toBe(0);
    expect(facebook.stdout.trim()).toBe('warning\timage_required');
    const clean = await runCli(['charter', 'check', '--text', 'Le marché ouvre samedi.'], env);
    expect(clean.code).toBe(0);
    expect(clean.stdout.trim()).toBe('No finding: the text follows the charter.');
  });
});
