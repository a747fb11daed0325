// The strategy repository on SQLite and (when ROSTRA_TEST_DATABASE_URL is set) PostgreSQL: the document upserted,
// objectives and personas read back whole with stable ids, a deleted persona leaving the objectives that named it,
// one workspace never seeing another's rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ObjectiveInput, PersonaInput } from '@rostra/core';
import { openDatabase } from '../../database.js';
import { createStore, type Store } from '../../store.js';
import { createTestDatabase, testDialects, type TestDatabase } from '../../testing/test-env.js';

const PERSONA: PersonaInput = {
  name: 'Parent d’élève',
  description: 'Habite la commune, deux enfants à l’école',
  needs: 'Savoir vite ce qui change',
  questions: 'La cantine est-elle ouverte ?',
  networks: ['facebook', 'instagram'],
  tone: 'Chaleureux',
  audience: 'btoc',
};

const objective = (personaIds: string[]): ObjectiveInput => ({
  statement: 'Être la voix de référence sur la collecte des déchets',
  kind: 'notoriety',
  kpi: 'share_of_voice',
  topicId: null,
  channelId: null,
  baseline: 0.25,
  target: 0.4,
  startDate: '2026-01-01',
  deadline: '2026-06-30',
  ownerId: null,
  personaIds,
  networks: ['facebook'],
});

describe.each(testDialects)('strategy on %s', (dialect) => {
  let testDb: TestDatabase;
  let store: Store;
  let workspaceId: string;
  let otherWorkspaceId: string;

  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
    store = createStore(openDatabase({ databaseUrl: testDb.databaseUrl, dataDir: testDb.dataDir }));
    await store.migrate();
    const org = await store.accounts.createOrganisation('Mairie');
    workspaceId = (await store.accounts.createWorkspace({ organisationId: org.id, name: 'A', timezone: 'UTC' })).id;
    otherWorkspaceId = (await store.accounts.createWorkspace({ organisationId: org.id, name: 'B', timezone: 'UTC' }))
      .id;
  });

  afterAll(async () => {
    await store?.close();
    await testDb?.drop();
  });

  it('reads the empty document until one is written, then the saved one', async () => {
    expect((await store.strategy.getDocument(workspaceId)).updatedAt).toBe(0);
    await store.strategy.saveDocument(
      workspaceId,
      { context: 'Ville de 12 000 habitants', diagnostic: 'x', targets: 'y' },
      null,
    );
    await store.strategy.saveDocument(
      workspaceId,
      { context: 'Ville de 13 000 habitants', diagnostic: 'd', targets: 't' },
      null,
    );
    const read = await store.strategy.getDocument(workspaceId);
    expect(read).toMatchObject({ context: 'Ville de 13 000 habitants', diagnostic: 'd', targets: 't' });
    expect(read.updatedAt).toBeGreaterThan(0);
    expect((await store.strategy.getDocument(otherWorkspaceId)).context).toBe('');
  });

  it('stores objectives and personas whole, keeps ids on update, and forgets a deleted persona', async () => {
    const persona = await store.strategy.createPersona(workspaceId, PERSONA);
    const created = await store.strategy.createObjective(workspaceId, objective([persona.id]));
    expect(await store.strategy.getObjective(workspaceId, created.id)).toEqual(created);
    expect(await store.strategy.getPersona(workspaceId, persona.id)).toEqual(persona);
    const updated = await store.strategy.updateObjective(workspaceId, created.id, {
      ...objective([persona.id]),
      baseline: null,
      target: 0.45,
    });
    expect(updated).toMatchObject({ id: created.id, baseline: null, target: 0.45, personaIds: [persona.id] });
    expect(await store.strategy.deletePersona(workspaceId, persona.id)).toBe(true);
    expect((await store.strategy.getObjective(workspaceId, created.id))?.personaIds).toEqual([]);
    expect(await store.strategy.listPersonas(workspaceId)).toEqual([]);
  });

  it('keeps one workspace out of another’s objectives and personas', async () => {
    const mine = await store.strategy.createObjective(workspaceId, objective([]));
    const persona = await store.strategy.createPersona(workspaceId, { ...PERSONA, name: 'Élu' });
    expect(await store.strategy.getObjective(otherWorkspaceId, mine.id)).toBeUndefined();
    expect(await store.strategy.updateObjective(otherWorkspaceId, mine.id, objective([]))).toBeUndefined();
    expect(await store.strategy.deleteObjective(otherWorkspaceId, mine.id)).toBe(false);
    expect(await store.strategy.deletePersona(otherWorkspaceId, persona.id)).toBe(false);
    expect(await store.strategy.listObjectives(otherWorkspaceId)).toEqual([]);
    expect(await store.strategy.deleteObjective(workspaceId, mine.id)).toBe(true);
  });
});
