// The inbox's team settings through the API, on SQLite and PostgreSQL: service levels (managers write, viewers
// read, mistakes with their paths), saved replies (variables checked with line and column, the preview counted the
// network's way), moderation rules (validated, ordered, tried on history without changing anything), rules
// applied as items come in (labels, assignment, priority, done; hide and reply left as decisions; each audited),
// the SLA figures — and one workspace never sees another's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboxRead, InboxReadRequest } from '@rostra/connectors';
import type { SourceInboxItem } from '@rostra/core';
import { testDialects } from '@rostra/store/testing';
import { addMember, createTestApp, setUp, type Caller, type TestApp } from './helpers/test-app.js';
import { createTestNetwork } from './helpers/fake-network.js';
import { createInboxPoller } from '../src/inbox/poller.js';

let serial = 0;
function incoming(text: string, author: Partial<SourceInboxItem['author']> = {}): SourceInboxItem {
  serial += 1;
  return {
    kind: 'reply',
    remoteId: `item-${serial}`,
    url: null,
    rootRemoteId: 'post-1',
    parentRemoteId: 'post-1',
    subject: { remoteId: 'post-1', url: null, text: 'Le marché ouvre samedi' },
    author: {
      id: `a${serial}`,
      handle: `habitant${serial}`,
      name: null,
      url: null,
      avatar: null,
      followers: 10,
      ...author,
    },
    text,
    createdAt: Date.now() - 60_000,
  };
}

/** The items "on the network", all handed over at the next reading. */
function createQueue() {
  const items: SourceInboxItem[] = [];
  return {
    items,
    source: {
      kinds: ['reply', 'mention'] as const,
      async readInbox(_credentials: unknown, request: InboxReadRequest): Promise<InboxRead> {
        const from = request.cursor === null ? 0 : Number(request.cursor);
        return { items: items.slice(from), cursor: String(items.length), more: false };
      },
    },
  };
}

const rule = (overrides: Record<string, unknown> = {}) => ({
  name: 'Travaux',
  conditions: [{ type: 'query', query: 'travaux' }],
  actions: [{ type: 'label', label: 'voirie' }],
  ...overrides,
});

describe.each(testDialects)('inbox automation on %s', (dialect) => {
  let t: TestApp;
  let admin: Caller;
  let viewer: Caller;
  let cm: Caller;
  let manager: Caller;
  let cmId: string;
  let workspaceId: string;
  let otherWorkspace: string;
  let channelId: string;
  const queue = createQueue();
  const network = createTestNetwork();
  const url = (path: string, ws = workspaceId) => `/api/workspaces/${ws}/inbox${path}`;
  const poll = () =>
    createInboxPoller({
      store: t.runtime.store,
      connectors: t.runtime.connectors,
      credentialsFor: async () => ({ data: { token: 't' } }),
    }).pollChannel({ workspaceId, channelId, network: 'testnet' });
  const items = async () => (await t.call('GET', url('/items?limit=200'), { as: admin })).json().items;

  beforeAll(async () => {
    t = await createTestApp(dialect, {}, { connectors: [{ ...network.connector, inbox: queue.source }] });
    ({ admin, workspaceId } = await setUp(t));
    ({ caller: viewer } = await addMember(t, admin, workspaceId, 'lea@mairie.test', 'viewer'));
    ({ caller: cm, userId: cmId } = await addMember(t, admin, workspaceId, 'claire@mairie.test', 'community_manager'));
    ({ caller: manager } = await addMember(t, admin, workspaceId, 'paul@mairie.test', 'manager'));
    otherWorkspace = (await t.call('POST', '/api/workspaces', { as: admin, body: { name: 'Client B' } })).json().id;
    const channel = await t.call('POST', `/api/workspaces/${workspaceId}/channels`, {
      as: admin,
      body: { network: 'testnet', credentials: { handle: 'mairie', password: 'xxxx-yyyy-zzzz-wwww' } },
    });
    channelId = channel.json().id;
  });
  afterAll(() => t?.close());

  it('reads the default service levels, lets managers change them, and names each mistake with its path', async () => {
    const read = await t.call('GET', url('/service-levels'), { as: viewer });
    expect(read.json()).toMatchObject({ levels: { timeZone: 'Europe/Paris', holidays: 'france' }, updatedAt: null });
    const levels = {
      timeZone: 'Europe/Paris',
      hours: { 1: [{ start: '08:30', end: '12:00' }], 2: [{ start: '22:00', end: '02:00' }] },
      holidays: 'alsace_moselle',
      closedDates: ['2026-12-24'],
      firstResponseMinutes: 120,
      resolutionMinutes: 600,
    };
    const refused = await t.call('PUT', url('/service-levels'), { as: manager, body: levels });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().details.issues).toEqual([
      expect.objectContaining({ path: 'body.hours.2.0', code: 'business_hours_cross_midnight' }),
    ]);
    const fixed = { ...levels, hours: { ...levels.hours, 2: [{ start: '22:00', end: '24:00' }] } };
    expect((await t.call('PUT', url('/service-levels'), { as: cm, body: fixed })).statusCode).toBe(403);
    const saved = await t.call('PUT', url('/service-levels'), { as: manager, body: fixed });
    expect(saved.statusCode).toBe(200);
    expect((await t.call('GET', url('/service-levels'), { as: viewer })).json().levels).toEqual(fixed);
    expect((await t.call('GET', url('/service-levels', otherWorkspace), { as: admin })).json().updatedAt).toBeNull();
  });

  it('keeps saved replies, refuses an unknown variable with its line and column, and previews an answer', async () => {
    const bad = await t.call('POST', url('/saved-replies'), {
      as: cm,
      body: { name: 'Merci', text: 'Bonjour,\nMerci {prenon} !', link: null },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues).toEqual([
      expect.objectContaining({
        path: 'body.text',
        code: 'saved_reply_unknown_variable',
        params: expect.objectContaining({ line: 2, column: 7, variable: 'prenon' }),
      }),
    ]);
    const created = await t.call('POST', url('/saved-replies'), {
      as: cm,
      body: { name: 'Merci', text: 'Merci {prénom} ! Tout est sur {lien}', link: 'https://mairie.test/marche' },
    });
    expect(created.statusCode).toBe(201);
    expect((await t.call('POST', url('/saved-replies'), { as: viewer, body: created.json() })).statusCode).toBe(403);
    const preview = await t.call('POST', url('/saved-replies/preview'), {
      as: cm,
      body: {
        text: created.json().text,
        link: created.json().link,
        network: 'testnet',
        author: { name: 'Camille Martin', handle: 'camille' },
      },
    });
    expect(preview.json()).toMatchObject({ ok: true, text: 'Merci Camille ! Tout est sur https://mairie.test/marche' });
    const missing = await t.call('POST', url('/saved-replies/preview'), {
      as: cm,
      body: { text: 'Bonjour {prénom}', network: 'testnet', author: { name: null, handle: 'camille' } },
    });
    expect(missing.json()).toMatchObject({ ok: false, issues: [{ code: 'saved_reply_missing_value' }] });
    const renamed = await t.call('PUT', url(`/saved-replies/${created.json().id}`), {
      as: cm,
      body: { name: 'Merci (marché)', text: 'Merci {prénom}' },
    });
    expect(renamed.json()).toMatchObject({ name: 'Merci (marché)', link: null });
    expect((await t.call('GET', url('/saved-replies', otherWorkspace), { as: admin })).json()).toEqual([]);
    const elsewhere = await t.call('DELETE', url(`/saved-replies/${created.json().id}`, otherWorkspace), { as: admin });
    expect(elsewhere.statusCode).toBe(404);
  });

  it('validates rules with core (query mistakes with their column, conflicting actions, members) and orders them', async () => {
    const bad = await t.call('POST', url('/rules?locale=en'), {
      as: manager,
      body: rule({
        conditions: [{ type: 'query', query: 'travaux AND' }],
        actions: [
          { type: 'hide', reason: 'Insulte' },
          { type: 'reply', savedReplyId: 'nope', dailyCap: 5 },
          { type: 'assign', memberId: 'nobody' },
        ],
      }),
    });
    expect(bad.statusCode).toBe(400);
    const codes = bad.json().details.issues.map((i: { path: string; code: string }) => `${i.path} ${i.code}`);
    expect(codes).toEqual([
      'body.conditions.0.query query_syntax',
      'body.actions.1.savedReplyId unknown_saved_reply',
      'body.actions.2.memberId not_a_member',
      'body.actions.1 rule_conflicting_actions',
    ]);
    expect((await t.call('POST', url('/rules'), { as: cm, body: rule() })).statusCode).toBe(403);
    const first = (await t.call('POST', url('/rules'), { as: manager, body: rule() })).json();
    const second = (
      await t.call('POST', url('/rules'), {
        as: manager,
        body: rule({ name: 'Spam', conditions: [{ type: 'has_link' }], actions: [{ type: 'mark_done', spam: true }] }),
      })
    ).json();
    const moved = await t.call('POST', url(`/rules/${second.id}/move`), { as: manager, body: { position: 0 } });
    expect(moved.json().map((r: { name: string }) => r.name)).toEqual(['Spam', 'Travaux']);
    const list = (await t.call('GET', url('/rules'), { as: viewer })).json();
    expect(list.map((r: { id: string; position: number }) => [r.id, r.position])).toEqual([
      [second.id, 0],
      [first.id, 1],
    ]);
    expect((await t.call('GET', url('/rules', otherWorkspace), { as: admin })).json()).toEqual([]);
    const crossed = await t.call('PUT', url(`/rules/${first.id}`, otherWorkspace), { as: admin, body: rule() });
    expect(crossed.statusCode).toBe(404);
    await t.call('DELETE', url(`/rules/${second.id}`), { as: manager });
  });

  it('tries a rule on the last 30 days of items and changes nothing', async () => {
    // Stored as a poll before rules existed: no analysis, no labels.
    await t.runtime.store.inbox.insertItems(
      { workspaceId, channelId, network: 'testnet' },
      [incoming('Les travaux rue Victor Hugo sont une honte'), incoming('Merci pour le marché')],
      Date.now(),
    );
    const before = {
      items: await items(),
      audit: (await t.call('GET', `/api/workspaces/${workspaceId}/audit?limit=200`, { as: admin })).json(),
      rules: (await t.call('GET', url('/rules'), { as: admin })).json(),
    };
    const ids = before.items.map((i: { id: string }) => i.id);
    const trial = await t.call('POST', url('/rules/try'), {
      as: cm,
      body: rule({
        actions: [
          { type: 'label', label: 'voirie' },
          { type: 'set_priority', priority: 90 },
          { type: 'hide', reason: 'Test' },
        ],
      }),
    });
    expect(trial.statusCode).toBe(200);
    expect(trial.json()).toMatchObject({ scanned: 2, matchCount: 1 });
    expect(trial.json().items).toEqual([
      expect.objectContaining({
        item: expect.objectContaining({ text: 'Les travaux rue Victor Hugo sont une honte' }),
        actions: [
          { type: 'label', label: 'voirie' },
          { type: 'set_priority', priority: 90 },
        ],
        // The test network is not one whose API lets Rostra hide.
        skipped: [{ action: { type: 'hide', reason: 'Test' }, reason: 'hide_unsupported' }],
      }),
    ]);
    expect(await items()).toEqual(before.items);
    expect((await t.call('GET', `/api/workspaces/${workspaceId}/audit?limit=200`, { as: admin })).json()).toEqual(
      before.audit,
    );
    expect((await t.call('GET', url('/rules'), { as: admin })).json()).toEqual(before.rules);
    expect((await t.runtime.store.inboxAutomation.getAnalyses(workspaceId, ids)).size).toBe(0);
    expect(await t.runtime.store.inboxAutomation.listDecisions(workspaceId, ids)).toEqual([]);
    // Another workspace's trial reads only its own items.
    const elsewhere = await t.call('POST', url('/rules/try', otherWorkspace), { as: admin, body: rule() });
    expect(elsewhere.json()).toMatchObject({ scanned: 0, matchCount: 0 });
  });

  it('applies the rules as items come in, leaves hide and reply as decisions, and audits each action', async () => {
    const reply = (
      await t.call('POST', url('/saved-replies'), {
        as: cm,
        body: { name: 'Accusé', text: 'Merci {prénom}', link: null },
      })
    ).json();
    const created = await t.call('POST', url('/rules'), {
      as: manager,
      body: rule({
        name: 'Voirie',
        actions: [
          { type: 'label', label: 'voirie' },
          { type: 'assign', memberId: cmId },
          { type: 'set_priority', priority: 95 },
          { type: 'reply', savedReplyId: reply.id, dailyCap: 1 },
        ],
      }),
    });
    expect(created.statusCode).toBe(201);
    const spam = await t.call('POST', url('/rules'), {
      as: manager,
      body: rule({ name: 'Liens', conditions: [{ type: 'has_link' }], actions: [{ type: 'mark_done', spam: true }] }),
    });
    queue.items.push(
      incoming('Encore des travaux devant l’école', { followers: 2000 }),
      incoming('Des travaux aussi place Bellecour'),
      incoming('Gagnez un iPhone https://arnaque.example'),
      incoming('Bravo pour le marché de Noël'),
    );
    expect(await poll()).toMatchObject({ status: 'ok', stored: 4 });
    const byText = new Map((await items()).map((i: { text: string }) => [i.text, i]));
    expect(byText.get('Encore des travaux devant l’école')).toMatchObject({
      labels: ['voirie'],
      assigneeId: cmId,
      priority: 95,
      status: 'new',
    });
    expect(byText.get('Gagnez un iPhone https://arnaque.example')).toMatchObject({ status: 'done', labels: [] });
    const plain = byText.get('Bravo pour le marché de Noël') as { priority: number; labels: string[] };
    expect(plain.labels).toEqual([]);
    expect(plain.priority).toBeGreaterThan(0);

    // One reply a day for the rule: the second matching item gets no reply decision.
    const ids = [...byText.values()].map((i) => (i as { id: string }).id);
    const decisions = await t.runtime.store.inboxAutomation.listDecisions(workspaceId, ids);
    expect(decisions.map((d) => d.action.type)).toEqual(['reply']);
    const rules = (await t.call('GET', url('/rules'), { as: viewer })).json();
    expect(rules.map((r: { name: string; matchedLast30Days: number }) => [r.name, r.matchedLast30Days])).toEqual([
      // The first rule, still enabled, labels them first; Voirie's own label then adds nothing.
      ['Travaux', 2],
      ['Voirie', 2],
      ['Liens', 1],
    ]);
    expect(spam.statusCode).toBe(201);
    const audit = (
      await t.call('GET', `/api/workspaces/${workspaceId}/audit?limit=50&action=inbox.rule`, { as: admin })
    )
      .json()
      .items.map((e: { action: string }) => e.action);
    // Travaux's label and Voirie's assign and priority on two items, a reply decision on the first; Liens on one.
    expect(audit.filter((a: string) => a === 'inbox.rule_applied')).toHaveLength(7);
    expect(audit.filter((a: string) => a === 'inbox.rule_decision_recorded')).toHaveLength(1);
  });

  it('measures first response and resolution in business time per member, network and label', async () => {
    const list = await items();
    const target = list.find((i: { text: string }) => i.text === 'Encore des travaux devant l’école');
    for (const status of ['waiting', 'done']) {
      const moved = await t.call('PATCH', url(`/items/${target.id}`), { as: cm, body: { status } });
      expect(moved.statusCode).toBe(200);
    }
    const times = await t.runtime.store.inboxAutomation.getItemTimes(workspaceId, target.id);
    expect(times?.firstResponseAt).not.toBeNull();
    expect(times?.resolvedAt).toBeGreaterThanOrEqual(times?.firstResponseAt as number);
    const stats = (await t.call('GET', url('/stats'), { as: viewer })).json();
    // The spam item a rule closed is left out.
    expect(stats.overall.count).toBe(list.length - 1);
    expect(stats.overall.firstResponse.measured).toBe(1);
    expect(stats.overall.resolution.measured).toBe(1);
    const keys = stats.groups.map((g: { dimension: string; key: string }) => `${g.dimension}:${g.key}`);
    expect(keys).toEqual(expect.arrayContaining([`member:${cmId}`, 'member:none', 'network:testnet', 'label:voirie']));
    expect(stats.days.reduce((n: number, d: { count: number }) => n + d.count, 0)).toBe(list.length - 1);
    const reopened = await t.call('PATCH', url(`/items/${target.id}`), { as: cm, body: { status: 'open' } });
    expect(reopened.statusCode).toBe(200);
    expect((await t.runtime.store.inboxAutomation.getItemTimes(workspaceId, target.id))?.resolvedAt).toBeNull();

    const other = (await t.call('GET', url('/stats', otherWorkspace), { as: admin })).json();
    expect(other).toMatchObject({ overall: { count: 0 }, groups: [], days: [], overdue: 0 });
    const bad = await t.call('GET', url('/stats?from=2026-01-01T00:00:00Z&to=2025-01-01T00:00:00Z'), { as: viewer });
    expect(bad.statusCode).toBe(400);
  });
});
