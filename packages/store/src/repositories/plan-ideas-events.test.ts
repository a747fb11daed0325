// The idea bank and the events calendar on SQLite and (when ROSTRA_TEST_DATABASE_URL is set) PostgreSQL: ideas
// kept per workspace, one idea per mention, the compare-and-set that uses an idea once, events created all or
// nothing and listed by date.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IdeaInput } from '@rostra/core';
import { openDatabase } from '../database.js';
import { createStore, type Store } from '../store.js';
import { createTestDatabase, testDialects, type TestDatabase } from '../testing/test-env.js';
import { mention } from './listening/fixtures.js';

describe.each(testDialects)('idea bank and events calendar on %s', (dialect) => {
  let testDb: TestDatabase;
  let store: Store;
  let workspaceId: string;
  let otherWorkspaceId: string;
  let themeId: string;
  let userId: string;
  let channelId: string;

  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
    store = createStore(openDatabase({ databaseUrl: testDb.databaseUrl, dataDir: testDb.dataDir }));
    await store.migrate();
    const org = await store.accounts.createOrganisation('Mairie');
    const timezone = 'Europe/Paris';
    workspaceId = (await store.accounts.createWorkspace({ organisationId: org.id, name: 'A', timezone })).id;
    otherWorkspaceId = (await store.accounts.createWorkspace({ organisationId: org.id, name: 'B', timezone })).id;
    themeId = (await store.editorial.createTheme(workspaceId, 'Environnement', '#2f9e44')).id;
    userId = (
      await store.accounts.createUser({
        organisationId: org.id,
        email: 'cm@mairie.test',
        name: 'CM',
        passwordHash: 'x',
        locale: 'fr',
        isOwner: false,
      })
    ).id;
    channelId = (
      await store.channels.upsert({
        workspaceId,
        network: 'bluesky',
        name: 'c',
        accountId: 'did:plc:ideas',
        sealedCredentials: 'v1:x',
        credentialsExpiresAt: null,
        createdBy: null,
      })
    ).id;
  });

  afterAll(async () => {
    await store?.close();
    await testDb?.drop();
  });

  const input: IdeaInput = { title: 'Visite du jardin partagé', notes: 'Photos', themeId: null, persona: 'Familles' };
  const manual = { source: 'manual' as const, mentionId: null, sourceUrl: null };

  it('keeps ideas in their workspace, newest first, and edits them', async () => {
    const first = await store.plan.createIdea(workspaceId, { ...input, ...manual, createdBy: userId });
    const second = await store.plan.createIdea(workspaceId, {
      ...input,
      title: 'Quiz tri sélectif',
      themeId,
      ...manual,
      createdBy: null,
    });
    expect(await store.plan.getIdea(workspaceId, first.id)).toEqual(first);
    expect((await store.plan.listIdeas(workspaceId)).map((i) => i.id)).toEqual([second.id, first.id]);
    expect(await store.plan.getIdea(otherWorkspaceId, first.id)).toBeUndefined();
    expect(await store.plan.listIdeas(otherWorkspaceId)).toEqual([]);
    expect(await store.plan.updateIdea(otherWorkspaceId, first.id, input)).toBeUndefined();
    expect(await store.plan.deleteIdea(otherWorkspaceId, first.id)).toBe(false);
    const edited = await store.plan.updateIdea(workspaceId, first.id, { ...input, notes: 'Photos et vidéo' });
    expect(edited).toMatchObject({ id: first.id, notes: 'Photos et vidéo', createdBy: userId, usedAt: null });
    expect(await store.plan.deleteIdea(workspaceId, second.id)).toBe(true);
    expect(await store.plan.getIdea(workspaceId, second.id)).toBeUndefined();
  });

  it('uses an idea once (compare-and-set), and filters used and unused ideas', async () => {
    const idea = await store.plan.createIdea(workspaceId, { ...input, title: 'Une fois', ...manual, createdBy: null });
    const post = await store.posts.create({
      workspaceId,
      text: idea.title,
      themeId: null,
      contentTypeId: null,
      ownerId: userId,
      backupOwnerId: null,
      scheduledAt: null,
      createdBy: userId,
      targets: [{ channelId, text: null }],
    });
    expect(await store.plan.markIdeaUsed(otherWorkspaceId, idea.id, post.id)).toBe(false);
    expect(await store.plan.markIdeaUsed(workspaceId, idea.id, post.id)).toBe(true);
    expect(await store.plan.markIdeaUsed(workspaceId, idea.id, post.id)).toBe(false);
    expect(await store.plan.getIdea(workspaceId, idea.id)).toMatchObject({ usedPostId: post.id });
    expect((await store.plan.listIdeas(workspaceId, { used: true })).map((i) => i.id)).toEqual([idea.id]);
    expect((await store.plan.listIdeas(workspaceId, { used: false })).map((i) => i.id)).not.toContain(idea.id);
    // The post deleted, the idea stays used (it was written) without its post.
    await store.posts.delete(workspaceId, post.id);
    const after = await store.plan.getIdea(workspaceId, idea.id);
    expect(after?.usedPostId).toBeNull();
    expect(after?.usedAt).toBeTypeOf('number');
  });

  it('takes one idea per mention, found by the mention', async () => {
    const stored = mention(workspaceId, 'idea-1', 'Le jardin partagé du quartier est magnifique');
    await store.listening.insertMentions([stored], null);
    const mentionId = stored.id;
    const idea = await store.plan.createIdea(workspaceId, {
      ...input,
      source: 'mention',
      mentionId,
      sourceUrl: 'https://bsky.app/profile/x/post/1',
      createdBy: null,
    });
    expect(await store.plan.findIdeaByMention(workspaceId, mentionId)).toEqual(idea);
    expect(await store.plan.findIdeaByMention(otherWorkspaceId, mentionId)).toBeUndefined();
    await expect(
      store.plan.createIdea(workspaceId, { ...input, source: 'mention', mentionId, sourceUrl: null, createdBy: null }),
    ).rejects.toThrow();
  });

  it('creates events all or nothing and lists one-off events by date, then yearly ones', async () => {
    const created = await store.plan.createEvents(workspaceId, [
      { name: 'Journée mondiale de l’environnement', themeId, date: '2000-06-05', yearly: true },
      { name: 'Fête du quartier', themeId: null, date: '2026-09-12', yearly: false },
      { name: 'Journée internationale des droits des femmes', themeId: null, date: '2000-03-08', yearly: true },
      { name: 'Forum des associations', themeId: null, date: '2026-09-05', yearly: false },
    ]);
    expect(created).toHaveLength(4);
    expect((await store.plan.listEvents(workspaceId)).map((e) => e.date)).toEqual([
      '2026-09-05',
      '2026-09-12',
      '2000-03-08',
      '2000-06-05',
    ]);
    expect(await store.plan.listEvents(otherWorkspaceId)).toEqual([]);
    // A row the database refuses (an unknown theme) leaves nothing of its batch.
    await expect(
      store.plan.createEvents(workspaceId, [
        { name: 'Bonne', themeId: null, date: '2026-10-01', yearly: false },
        { name: 'Mauvaise', themeId: 'no-such-theme', date: '2026-10-02', yearly: false },
      ]),
    ).rejects.toThrow();
    expect(await store.plan.listEvents(workspaceId)).toHaveLength(4);
    const [first] = created;
    expect(await store.plan.deleteEvent(otherWorkspaceId, first!.id)).toBeUndefined();
    expect(await store.plan.deleteEvent(workspaceId, first!.id)).toMatchObject({ id: first!.id, yearly: true });
    expect(await store.plan.listEvents(workspaceId)).toHaveLength(3);
  });
});
