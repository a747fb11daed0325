// The animation plan's repository on SQLite and (when ROSTRA_TEST_DATABASE_URL is set) PostgreSQL: rubrics,
// regeneration that is idempotent and keeps attached posts, the compare-and-set attach, settings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planChanges, planWindow, wantedSlots, type RubricInput } from '@rostra/core';
import { openDatabase } from '../database.js';
import { createStore, type Store } from '../store.js';
import { createTestDatabase, testDialects, type TestDatabase } from '../testing/test-env.js';

const PARIS = 'Europe/Paris';
const NOW = Date.parse('2026-03-10T12:00:00Z');

describe.each(testDialects)('animation plan on %s', (dialect) => {
  let testDb: TestDatabase;
  let store: Store;
  let workspaceId: string;
  let otherWorkspaceId: string;
  let channelId: string;
  let input: RubricInput;

  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
    store = createStore(openDatabase({ databaseUrl: testDb.databaseUrl, dataDir: testDb.dataDir }));
    await store.migrate();
    const org = await store.accounts.createOrganisation('Mairie');
    workspaceId = (await store.accounts.createWorkspace({ organisationId: org.id, name: 'A', timezone: PARIS })).id;
    otherWorkspaceId = (await store.accounts.createWorkspace({ organisationId: org.id, name: 'B', timezone: PARIS }))
      .id;
    channelId = (
      await store.channels.upsert({
        workspaceId,
        network: 'bluesky',
        name: 'c',
        accountId: 'did:plc:plan',
        sealedCredentials: 'v1:x',
        credentialsExpiresAt: null,
        createdBy: null,
      })
    ).id;
    const theme = await store.editorial.createTheme(workspaceId, 'Actualités', '#1c7ed6');
    input = {
      name: 'La semaine en images',
      objective: 'Notoriété',
      objectiveId: null,
      persona: 'Habitants',
      channelIds: [channelId],
      period: { kind: 'weekly', weekdays: [1, 4] },
      time: '09:30',
      themeId: theme.id,
      contentTypeId: null,
      ownerId: null,
      backupOwnerId: null,
      brief: 'Trois photos de la semaine',
      keepOnHolidays: false,
    };
  });

  afterAll(async () => {
    await store?.close();
    await testDb?.drop();
  });

  async function regenerate(weeks = 8): Promise<void> {
    const window = planWindow(NOW, weeks, PARIS);
    const rubrics = await store.plan.listRubrics(workspaceId);
    const wanted = wantedSlots(rubrics, { window, timeZone: PARIS, region: 'france' });
    const existing = await store.plan.listSlots(workspaceId, { from: window.from, to: Number.MAX_SAFE_INTEGER });
    await store.plan.applyChanges(workspaceId, planChanges(existing, wanted));
  }

  const allSlots = () => store.plan.listSlots(workspaceId, { from: 0, to: Number.MAX_SAFE_INTEGER });

  it('stores a rubric and reads it back whole, in its workspace only', async () => {
    const rubric = await store.plan.createRubric(workspaceId, input);
    expect(await store.plan.getRubric(workspaceId, rubric.id)).toEqual(rubric);
    expect(rubric).toMatchObject(input);
    expect(await store.plan.getRubric(otherWorkspaceId, rubric.id)).toBeUndefined();
    expect(await store.plan.updateRubric(otherWorkspaceId, rubric.id, input)).toBeUndefined();
  });

  it('generates 8 weeks once, however often it runs', async () => {
    await regenerate();
    const first = await allSlots();
    // Mondays and Thursdays from Thursday 12 March to Monday 4 May: 16, lundi de Pâques (6 April) skipped.
    expect(first).toHaveLength(16);
    expect(first.filter((s) => s.skipped).map((s) => [s.localDate, s.holiday])).toEqual([
      ['2026-04-06', 'easter_monday'],
    ]);
    await regenerate();
    await regenerate();
    expect(await allSlots()).toEqual(first);
    // Two overlapping runs: the second's creations meet the unique key and are skipped.
    const window = planWindow(NOW, 8, PARIS);
    const wanted = wantedSlots(await store.plan.listRubrics(workspaceId), {
      window,
      timeZone: PARIS,
      region: 'france',
    });
    await store.plan.applyChanges(workspaceId, { create: wanted, update: [], remove: [] });
    expect(await allSlots()).toHaveLength(16);
  });

  it('keeps a post attached through an edit of its rubric and its deletion', async () => {
    const [rubric] = await store.plan.listRubrics(workspaceId);
    const user = await store.accounts.createUser({
      organisationId: (await store.accounts.getWorkspace(workspaceId))!.organisationId,
      email: 'cm@mairie.test',
      name: 'CM',
      passwordHash: 'x',
      locale: 'fr',
      isOwner: false,
    });
    const post = await store.posts.create({
      workspaceId,
      text: '',
      themeId: null,
      contentTypeId: null,
      ownerId: user.id,
      backupOwnerId: null,
      scheduledAt: null,
      createdBy: user.id,
      targets: [{ channelId, text: null }],
    });
    const thursday = (await allSlots()).find((s) => s.localDate === '2026-03-19')!;
    expect(await store.plan.attachPost(workspaceId, thursday.id, post.id)).toBe(true);
    expect(await store.plan.attachPost(workspaceId, thursday.id, post.id)).toBe(false);
    // Mondays only, at 11:00: the Thursday with a post stays, "hors rubrique"; the others go.
    await store.plan.updateRubric(workspaceId, rubric!.id, {
      ...input,
      time: '11:00',
      period: { kind: 'weekly', weekdays: [1] },
    });
    await regenerate();
    const after = await allSlots();
    expect(after.filter((s) => s.postId === null).map((s) => s.localTime)).toEqual(Array(8).fill('11:00'));
    expect(after.find((s) => s.postId === post.id)).toMatchObject({
      id: thursday.id,
      offRubric: true,
      localTime: '09:30',
    });
    await regenerate();
    expect(await allSlots()).toEqual(after);
    // The rubric deleted: its empty slots go when the plan is regenerated, the filled one stays.
    expect(await store.plan.deleteRubric(workspaceId, rubric!.id)).toBe(true);
    await regenerate();
    expect(await allSlots()).toMatchObject([{ id: thursday.id, rubricId: null, postId: post.id, offRubric: true }]);
  });

  it('keeps settings per workspace, with defaults', async () => {
    expect(await store.plan.getSettings(workspaceId)).toEqual({ holidayRegion: 'france', targets: {} });
    await store.plan.setSettings(workspaceId, { holidayRegion: 'alsace_moselle', targets: { [channelId]: 3 } });
    await store.plan.setSettings(workspaceId, { holidayRegion: 'alsace_moselle', targets: { [channelId]: 4 } });
    expect(await store.plan.getSettings(workspaceId)).toEqual({
      holidayRegion: 'alsace_moselle',
      targets: { [channelId]: 4 },
    });
    expect(await store.plan.getSettings(otherWorkspaceId)).toEqual({ holidayRegion: 'france', targets: {} });
  });
});
