// Upgrading a SQLite database whose mentions were indexed by the old insert trigger (before migration 0013):
// they stay searchable, and mentions stored afterwards are numbered after them, never over them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Migrator, sql, type Kysely, type MigrationProvider } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../database.js';
import { createStore } from '../store.js';
import { newId } from '../ids.js';
import { migrations } from './index.js';

let handle: DatabaseHandle | undefined;
let dataDir: string | undefined;

afterEach(async () => {
  await handle?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

it('keeps mentions indexed by the old trigger searchable and numbers new ones after them', async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'rostra-upgrade-'));
  handle = openDatabase({ dataDir });
  const db = handle.db as unknown as Kysely<unknown>;
  const before: MigrationProvider = {
    getMigrations: async () => Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0013')),
  };
  const { error } = await new Migrator({ db, provider: before }).migrateToLatest();
  expect(error).toBeUndefined();

  const store = createStore(handle);
  const org = await store.accounts.createOrganisation('Mairie');
  const ws = await store.accounts.createWorkspace({ organisationId: org.id, name: 'Veille', timezone: 'Europe/Paris' });
  // As the repository wrote mentions before 0013: a plain INSERT, the trigger filling FTS5 and search_rowid.
  for (const [externalId, text] of [
    ['old-1', 'La fête de la musique place Bellecour'],
    ['old-2', 'Le marché de Noël ouvre samedi'],
  ]) {
    await sql`INSERT INTO mentions (id, workspace_id, network, external_id, text, seen_at, sort_at, language,
      language_how, sentiment, sentiment_confidence)
      VALUES (${newId()}, ${ws.id}, 'feed', ${externalId}, ${text}, 1, 1, 'fr', 'declared', 'neutral', 0.5)`.execute(
      db,
    );
  }

  await store.migrate();
  const inserted = await store.listening.insertMentions(
    [
      {
        id: newId(),
        workspaceId: ws.id,
        sourceId: null,
        network: 'feed',
        externalId: 'new-1',
        url: null,
        title: 'Musique',
        text: 'Concert gratuit pour la fête de la musique',
        author: { id: null, handle: null, name: null, url: null },
        site: null,
        publishedAt: 2,
        seenAt: 2,
        sortAt: 2,
        language: 'fr',
        languageHow: 'declared',
        sentiment: 'positive',
        sentimentConfidence: 0.8,
        metrics: { reach: null, likes: null, reposts: null, replies: null },
        hashtags: [],
        repostOf: null,
        replyTo: null,
        duplicateOf: null,
        simhash: null,
        bands: null,
        topicIds: [],
      },
    ],
    null,
  );
  expect(inserted.size).toBe(1);

  const search = async (q: string) =>
    (await store.listening.queryMentions(ws.id, { q }, null, 10)).items.map((m) => m.externalId).sort();
  expect(await search('fete musique')).toEqual(['new-1', 'old-1']);
  expect(await search('noel')).toEqual(['old-2']);
  expect(await search('concert')).toEqual(['new-1']);
  const numbers = await sql<{ n: number }>`SELECT search_rowid AS n FROM mentions ORDER BY n`.execute(db);
  expect(numbers.rows.map((r) => r.n)).toEqual([1, 2, 3]);
});
