// The inbox automation repository on SQLite and (when ROSTRA_TEST_DATABASE_URL is set) PostgreSQL: service levels
// saved whole, saved replies and rules per workspace (rules in their order, reordered only by a full list), rule
// matches counted since a time, decisions and their reply counts, analyses, first contacts, SLA rows with times
// and labels; one workspace never reads another's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SERVICE_LEVELS, type InboxChannelRef, type RuleInput, type SourceInboxItem } from '@rostra/core';
import { openDatabase } from '../../database.js';
import { createStore, type Store } from '../../store.js';
import { createTestDatabase, testDialects, type TestDatabase } from '../../testing/test-env.js';

const T0 = Date.parse('2026-11-02T09:00:00Z');

function item(n: number, author: { id: string | null; handle: string | null }): SourceInboxItem {
  return {
    kind: 'mention',
    remoteId: `remote-${n}`,
    url: null,
    rootRemoteId: `remote-${n}`,
    parentRemoteId: null,
    subject: null,
    author: { ...author, name: null, url: null, avatar: null, followers: 10 },
    text: `Message ${n}`,
    createdAt: T0 + n,
  };
}

const rule = (name: string): RuleInput => ({
  name,
  enabled: true,
  match: 'all',
  conditions: [{ type: 'query', query: 'travaux' }],
  actions: [{ type: 'label', label: 'voirie' }],
  stop: false,
});

describe.each(testDialects)('inbox automation repository on %s', (dialect) => {
  let testDb: TestDatabase;
  let store: Store;
  let channel: InboxChannelRef;
  let otherWs: string;

  beforeAll(async () => {
    testDb = await createTestDatabase(dialect, { migrated: true });
    store = createStore(openDatabase({ databaseUrl: testDb.databaseUrl, dataDir: testDb.dataDir }));
    const org = await store.accounts.createOrganisation('Mairie');
    const ws = await store.accounts.createWorkspace({ organisationId: org.id, name: 'A', timezone: 'Europe/Paris' });
    otherWs = (await store.accounts.createWorkspace({ organisationId: org.id, name: 'B', timezone: 'UTC' })).id;
    const c = await store.channels.upsert({
      workspaceId: ws.id,
      network: 'bluesky',
      name: 'mairie',
      accountId: 'did:plc:mairie',
      sealedCredentials: 'v1:x',
      credentialsExpiresAt: null,
      createdBy: null,
    });
    channel = { workspaceId: ws.id, channelId: c.id, network: 'bluesky' };
  });

  afterAll(async () => {
    await store?.close();
    await testDb?.drop();
  });

  it('saves service levels whole and reads them back; another workspace has none', async () => {
    const levels = { ...DEFAULT_SERVICE_LEVELS, firstResponseMinutes: 90, closedDates: ['2026-12-24'] };
    await store.inboxAutomation.saveServiceLevels(channel.workspaceId, DEFAULT_SERVICE_LEVELS, null, T0);
    await store.inboxAutomation.saveServiceLevels(channel.workspaceId, levels, null, T0 + 1);
    expect(await store.inboxAutomation.getServiceLevels(channel.workspaceId)).toEqual({
      levels,
      updatedBy: null,
      updatedAt: T0 + 1,
    });
    expect(await store.inboxAutomation.getServiceLevels(otherWs)).toBeUndefined();
  });

  it('keeps saved replies per workspace, by name', async () => {
    const repo = store.inboxAutomation;
    const b = await repo.createSavedReply(
      channel.workspaceId,
      { name: 'Merci', text: 'Merci {prénom}', link: null },
      null,
      T0,
    );
    await repo.createSavedReply(
      channel.workspaceId,
      { name: 'Horaires', text: 'Voir {lien}', link: 'https://a.fr' },
      null,
      T0,
    );
    expect((await repo.listSavedReplies(channel.workspaceId)).map((r) => r.name)).toEqual(['Horaires', 'Merci']);
    expect(await repo.updateSavedReply(otherWs, b.id, { name: 'x', text: 'y', link: null }, T0)).toBeUndefined();
    expect(await repo.deleteSavedReply(otherWs, b.id)).toBe(false);
    const updated = await repo.updateSavedReply(
      channel.workspaceId,
      b.id,
      { name: 'Merci !', text: 'Merci', link: null },
      T0 + 5,
    );
    expect(updated).toMatchObject({ name: 'Merci !', updatedAt: T0 + 5 });
    expect(await repo.deleteSavedReply(channel.workspaceId, b.id)).toBe(true);
    expect(await repo.listSavedReplies(otherWs)).toEqual([]);
  });

  it('keeps rules in order, reorders only with every rule once, counts matches and reply decisions since a time', async () => {
    const repo = store.inboxAutomation;
    const ws = channel.workspaceId;
    const a = await repo.createRule(ws, rule('A'), null, T0);
    const b = await repo.createRule(ws, { ...rule('B'), match: 'any', stop: true, enabled: false }, null, T0);
    expect((await repo.listRules(ws)).map((r) => [r.name, r.position])).toEqual([
      ['A', 0],
      ['B', 1],
    ]);
    expect(await repo.getRule(ws, b.id)).toMatchObject({ match: 'any', stop: true, enabled: false });
    expect(await repo.reorderRules(ws, [b.id], T0)).toBe(false);
    expect(await repo.reorderRules(ws, [b.id, b.id], T0)).toBe(false);
    expect(await repo.reorderRules(ws, [b.id, a.id], T0)).toBe(true);
    expect((await repo.listRules(ws)).map((r) => r.name)).toEqual(['B', 'A']);
    expect(await repo.getRule(otherWs, a.id)).toBeUndefined();
    expect(await repo.deleteRule(otherWs, a.id)).toBe(false);

    const [one, two] = await store.inbox.insertItems(
      channel,
      [item(1, { id: 'did:1', handle: 'un' }), item(2, { id: null, handle: 'Deux' })],
      T0,
    );
    await repo.recordRuleMatches([
      { workspaceId: ws, ruleId: a.id, itemId: one!.id, at: T0 },
      { workspaceId: ws, ruleId: a.id, itemId: two!.id, at: T0 + 10 },
      { workspaceId: ws, ruleId: a.id, itemId: two!.id, at: T0 + 10 },
    ]);
    expect(await repo.countRuleMatches(ws, T0)).toEqual({ [a.id]: 2 });
    expect(await repo.countRuleMatches(ws, T0 + 5)).toEqual({ [a.id]: 1 });
    expect(await repo.countRuleMatches(otherWs, 0)).toEqual({});

    await repo.addDecisions([
      {
        workspaceId: ws,
        itemId: one!.id,
        ruleId: a.id,
        action: { type: 'reply', savedReplyId: 'r', dailyCap: 3 },
        status: 'pending',
        createdAt: T0,
      },
      {
        workspaceId: ws,
        itemId: one!.id,
        ruleId: a.id,
        action: { type: 'hide', reason: 'spam' },
        status: 'pending',
        createdAt: T0,
      },
    ]);
    expect(await repo.countReplyDecisions(ws, T0)).toEqual({ [a.id]: 1 });
    expect((await repo.listDecisions(ws, [one!.id])).map((d) => d.action.type)).toEqual(['reply', 'hide']);
    expect(await repo.listDecisions(otherWs, [one!.id])).toEqual([]);
    await repo.deleteRule(ws, a.id);
    expect((await repo.listDecisions(ws, [one!.id]))[0]?.ruleId).toBeNull();
  });

  it('stores analyses, finds first contacts by network id or handle, and reads SLA rows with their times and labels', async () => {
    const repo = store.inboxAutomation;
    const ws = channel.workspaceId;
    const [later] = await store.inbox.insertItems(channel, [item(3, { id: 'did:1', handle: 'un' })], T0 + 100);
    await repo.saveAnalyses([
      { itemId: later!.id, workspaceId: ws, sentiment: { label: 'negative', confidence: 0.8 }, language: 'fr' },
    ]);
    expect((await repo.getAnalyses(ws, [later!.id])).get(later!.id)).toMatchObject({
      sentiment: { label: 'negative', confidence: 0.8 },
    });
    expect((await repo.getAnalyses(otherWs, [later!.id])).size).toBe(0);

    const firsts = await repo.firstItemIdsByAuthor(ws, ['id:did:1', 'handle:deux', 'handle:nobody']);
    const since = await repo.listItemsSince(ws, T0, 10);
    expect(firsts.get('id:did:1')).toBe(since.find((i) => i.remoteId === 'remote-1')?.id);
    expect(firsts.get('handle:deux')).toBe(since.find((i) => i.remoteId === 'remote-2')?.id);
    expect(firsts.has('handle:nobody')).toBe(false);
    expect(await repo.listItemsSince(otherWs, 0, 10)).toEqual([]);

    await store.inbox.updateItem(ws, later!.id, { labels: ['voirie', 'urgent'] }, T0 + 200);
    await repo.setItemTimes(ws, later!.id, { firstResponseAt: T0 + 300 });
    await repo.setItemTimes(ws, later!.id, { resolvedAt: T0 + 400 });
    expect(await repo.getItemTimes(ws, later!.id)).toEqual({
      firstResponseAt: T0 + 300,
      resolvedAt: T0 + 400,
      autoResolved: false,
    });
    const rows = await repo.listSlaRows(ws, T0 + 50, T0 + 150);
    expect(rows).toEqual([
      {
        itemId: later!.id,
        network: 'bluesky',
        assigneeId: null,
        labels: ['voirie', 'urgent'],
        receivedAt: T0 + 100,
        firstResponseAt: T0 + 300,
        resolvedAt: T0 + 400,
        autoResolved: false,
      },
    ]);
    expect(await repo.listSlaRows(otherWs, 0, T0 * 2)).toEqual([]);
  });
});
