// A write and its audit entry are stored together or not at all: with the audit failing inside the
// transaction, the theme is not created either. On SQLite and, when CI gives its URL, PostgreSQL.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore, openDatabase, type Store } from '@rostra/store';
import { createTestDatabase, testDialects, type TestDatabase } from '@rostra/store/testing';
import type { Caller } from '../audit/caller.js';
import { createEditorialService } from './editorial.js';

const caller: Caller = {
  userId: null,
  role: 'admin',
  ctx: { actor: { type: 'system', id: null, label: 'test' }, ip: '203.0.113.7', userAgent: 'vitest' },
};

/** The same store, but the audit entry of every transaction fails to be written. */
function withFailingAudit(store: Store): Store {
  return {
    ...store,
    transaction: (work) =>
      store.transaction((repos) =>
        work({
          ...repos,
          audit: {
            ...repos.audit,
            record: () => Promise.reject(new Error('audit unavailable')),
          },
        }),
      ),
  };
}

describe.each(testDialects)('editorial writes and their audit entries (%s)', (dialect) => {
  let db: TestDatabase;
  let store: Store;
  let workspaceId: string;

  beforeEach(async () => {
    db = await createTestDatabase(dialect);
    store = createStore(openDatabase({ databaseUrl: db.databaseUrl, dataDir: db.dataDir }));
    await store.migrate();
    const org = await store.accounts.createOrganisation('Ville');
    workspaceId = (
      await store.accounts.createWorkspace({ organisationId: org.id, name: 'Com', timezone: 'Europe/Paris' })
    ).id;
  });
  afterEach(async () => {
    await store.close();
    await db.drop();
  });

  it('stores a theme with its audit entry', async () => {
    const theme = await createEditorialService({ store }).createTheme(workspaceId, 'Culture', '#ae3ec9', caller);
    const { items } = await store.audit.list({ workspaceId, limit: 10 });
    expect(items).toMatchObject([
      { action: 'theme.created', targetType: 'theme', targetId: theme.id, ip: '203.0.113.7', userAgent: 'vitest' },
    ]);
  });

  it('stores neither when the audit entry cannot be written', async () => {
    const editorial = createEditorialService({ store: withFailingAudit(store) });
    await expect(editorial.createTheme(workspaceId, 'Culture', '#ae3ec9', caller)).rejects.toThrow();
    await expect(editorial.createContentType(workspaceId, 'Vidéo', caller)).rejects.toThrow();
    expect(await store.editorial.listThemes(workspaceId)).toEqual([]);
    expect(await store.editorial.listContentTypes(workspaceId)).toEqual([]);

    const kept = await createEditorialService({ store }).createTheme(workspaceId, 'Sport', '#1c7ed6', caller);
    await expect(editorial.deleteTheme(workspaceId, kept.id, caller)).rejects.toThrow();
    expect((await store.editorial.listThemes(workspaceId)).map((t) => t.id)).toEqual([kept.id]);
    expect((await store.audit.list({ workspaceId, limit: 10 })).items.map((e) => e.action)).toEqual(['theme.created']);
  });
});
