// The posts list's search and filters, in SQL on SQLite and (when ROSTRA_TEST_DATABASE_URL is set) PostgreSQL:
// French text found without its accents, every filter combined with the others, and posts written before
// migration 0019 found as well as new ones.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Migrator, type Kysely } from 'kysely';
import type { NewPost } from '@rostra/core';
import { openDatabase, type DatabaseHandle } from '../database.js';
import { migrateToLatest } from '../migrate.js';
import { migrations } from '../migrations/index.js';
import { createStore, type Store } from '../store.js';
import { createTestDatabase, testDialects, type TestDatabase } from '../testing/test-env.js';
import { postSearchText, searchWords } from './post-search.js';

describe('search words', () => {
  it.each([
    ['École', ['ecole']],
    ["l'ÉCOLE  du cœur", ['l', 'ecole', 'du', 'coeur']],
    ['covid-19 covid', ['covid', '19']],
    ['%_\\', []],
    ['   ', []],
  ])('%j → %j', (query, words) => {
    expect(searchWords(query)).toEqual(words);
  });

  it('folds the text, the channels’ own texts and the parts of a thread written part by part', () => {
    const text = postSearchText('Fête à l’École', [
      { text: 'Œuvre du Maire', thread: null },
      { text: null, thread: JSON.stringify({ mode: 'parts', parts: ['Première partie', 'Deuxième'] }) },
      { text: null, thread: JSON.stringify({ mode: 'split', parts: ['découpé'] }) },
    ]);
    expect(text).toBe('fete a l’ecole\noeuvre du maire\npremiere partie\ndeuxieme');
  });
});

describe.each(testDialects)('posts list filters on %s', (dialect) => {
  let testDb: TestDatabase;
  let handle: DatabaseHandle;
  let store: Store;
  let workspaceId: string;
  let otherWorkspaceId: string;
  let ids: Record<string, string>;
  let channels: { a: string; b: string };
  let theme: string;
  let author: string;

  function draft(text: string, extra: Partial<NewPost> = {}): NewPost {
    return {
      workspaceId,
      text,
      themeId: null,
      contentTypeId: null,
      ownerId: null,
      backupOwnerId: null,
      scheduledAt: null,
      createdBy: null,
      targets: [],
      ...extra,
    };
  }

  async function found(query: Record<string, unknown>, ws = workspaceId): Promise<string[]> {
    const posts = await store.posts.list({ workspaceId: ws, limit: 100, ...query });
    const names = Object.fromEntries(Object.entries(ids).map(([name, id]) => [id, name]));
    return posts.map((p) => names[p.id] ?? p.id).sort();
  }

  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
    handle = openDatabase({ databaseUrl: testDb.databaseUrl, dataDir: testDb.dataDir });
    // Up to the migration before 0019, with one post written the old way; then the rest.
    const migrator = new Migrator({
      db: handle.db as Kysely<unknown>,
      provider: { getMigrations: async () => migrations },
    });
    const before = Object.keys(migrations).filter((name) => name < '0019');
    const { error } = await migrator.migrateTo(before.at(-1) as string);
    expect(error).toBeUndefined();
    store = createStore(handle);
    const org = await store.accounts.createOrganisation('Mairie');
    workspaceId = (await store.accounts.createWorkspace({ organisationId: org.id, name: 'Ville', timezone: 'UTC' })).id;
    otherWorkspaceId = (
      await store.accounts.createWorkspace({ organisationId: org.id, name: 'Autre', timezone: 'UTC' })
    ).id;
    const now = Date.now();
    await handle.db
      .insertInto('posts')
      .values({
        id: '0190a000-0000-7000-8000-00000000old1',
        workspace_id: workspaceId,
        text: 'Rentrée à l’École Jules-Ferry',
        status: 'draft',
        theme_id: null,
        content_type_id: null,
        owner_id: null,
        backup_owner_id: null,
        scheduled_at: null,
        created_by: null,
        created_at: now,
        updated_at: now,
      } as never)
      .execute();
    await migrateToLatest(handle.db);

    const channel = (accountId: string) =>
      store.channels.upsert({
        workspaceId,
        network: 'bluesky',
        name: accountId,
        accountId,
        sealedCredentials: 'v1:x',
        credentialsExpiresAt: null,
        createdBy: null,
      });
    channels = { a: (await channel('a')).id, b: (await channel('b')).id };
    theme = (await store.editorial.createTheme(workspaceId, 'Culture', '#1c7ed6')).id;
    author = 'author-1';
    ids = { old: '0190a000-0000-7000-8000-00000000old1' };
    const create = async (name: string, post: NewPost) => {
      ids[name] = (await store.posts.create(post)).id;
    };
    await create('festival', draft('Le FESTIVAL des Lumières', { themeId: theme, ownerId: author, scheduledAt: 2000 }));
    await create('marche', draft('Marché de Noël', { createdBy: author, scheduledAt: 1000 }));
    await create(
      'override',
      draft('Travaux', {
        targets: [
          { channelId: channels.a, text: 'Travaux rue de l’Hôpital' },
          { channelId: channels.b, text: null },
        ],
      }),
    );
    await create('percent', draft('100% des écoles à 50_50'));
    await store.posts.create({ ...draft('École de musique'), workspaceId: otherWorkspaceId });
  });

  afterAll(async () => {
    await store?.close();
    await testDb?.drop();
  });

  it('finds French words without their accents or case, posts from before 0019 included', async () => {
    expect(await found({ search: 'ecole' })).toEqual(['old', 'percent']);
    expect(await found({ search: 'ÉCOLE jules' })).toEqual(['old']);
    expect(await found({ search: 'lumieres festival' })).toEqual(['festival']);
    expect(await found({ search: 'marche noel' })).toEqual(['marche']);
    expect(await found({ search: 'hopital' })).toEqual(['override']);
    expect(await found({ search: 'festival noel' })).toEqual([]);
  });

  it('takes LIKE wildcards in a search as nothing', async () => {
    expect(await found({ search: '%' })).toHaveLength(5);
    expect(await found({ search: '50_50' })).toEqual(['percent']);
    expect(await found({ search: 'des_' })).toEqual(['festival', 'percent']);
  });

  it('filters by theme, by author or owner, by channel, and combines them with the search', async () => {
    expect(await found({ themeId: theme })).toEqual(['festival']);
    expect(await found({ authorId: author })).toEqual(['festival', 'marche']);
    expect(await found({ authorId: author, search: 'noel' })).toEqual(['marche']);
    expect(await found({ channelId: channels.b, search: 'travaux' })).toEqual(['override']);
    expect(await found({ channelId: channels.b, search: 'festival' })).toEqual([]);
    expect(await found({ authorId: author, from: 1500, to: 2500 })).toEqual(['festival']);
  });

  it('never crosses workspaces', async () => {
    expect(await found({ search: 'ecole' }, otherWorkspaceId)).toHaveLength(1);
    expect(await found({ themeId: theme }, otherWorkspaceId)).toEqual([]);
  });

  it('follows edits of the text and of the channels’ texts', async () => {
    await store.posts.update(ids.marche as string, { text: 'Marché de printemps' });
    expect(await found({ search: 'noel' })).toEqual([]);
    expect(await found({ search: 'printemps' })).toEqual(['marche']);
    await store.posts.setTargets(ids.marche as string, workspaceId, [{ channelId: channels.a, text: 'Fête forraine' }]);
    expect(await found({ search: 'fete printemps' })).toEqual(['marche']);
    await store.posts.update(ids.marche as string, { themeId: theme });
    expect(await found({ search: 'forraine' })).toEqual(['marche']);
  });
});
