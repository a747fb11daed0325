// The strategy document through the API: members read it, managers write it (audited), objectives keep their id and
// come back with progress measured from Rostra's own data — a share-of-voice objective moves when mentions arrive
// through the listening pipeline; a KPI Rostra does not measure says so — on SQLite and, when
// ROSTRA_TEST_DATABASE_URL is set, PostgreSQL.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SourceMention } from '@rostra/core';
import { testDialects } from '@rostra/store/testing';
import { addMember, createTestApp, setUp, type Caller, type TestApp } from './helpers/test-app.js';
import { createListeningPipeline } from '../src/listening/pipeline.js';

const HOUR = 3_600_000;

function mention(externalId: string, text: string): SourceMention {
  return {
    externalId,
    network: 'testnet',
    url: null,
    title: null,
    text,
    author: { id: null, handle: `habitant-${externalId}`, name: null, url: null },
    publishedAt: Date.now() - HOUR,
    language: 'fr',
    site: null,
    repostOf: null,
    replyTo: null,
    hashtags: [],
    metrics: {},
  };
}

describe.each(testDialects)('strategy API on %s', (dialect) => {
  let t: TestApp;
  let admin: Caller;
  let workspaceId: string;
  const url = (path = '') => `/api/workspaces/${workspaceId}/strategy${path}`;

  beforeEach(async () => {
    t = await createTestApp(dialect);
    ({ admin, workspaceId } = await setUp(t));
  });
  afterEach(async () => {
    await t.close();
  });

  it('writes the document, personas and objectives; every member reads, only managers write; audited', async () => {
    const empty = await t.call('GET', url(), { as: admin });
    expect(empty.json()).toMatchObject({ document: { context: '', updatedAt: null }, objectives: [], personas: [] });
    const saved = await t.call('PUT', url(), {
      as: admin,
      body: { context: 'Commune de 12 000 habitants', diagnostic: 'Peu de présence', targets: 'Familles' },
    });
    expect(saved.json()).toMatchObject({ context: 'Commune de 12 000 habitants', targets: 'Familles' });
    const persona = await t.call('POST', url('/personas'), {
      as: admin,
      body: { name: 'Parent d’élève', networks: ['facebook'], audience: 'btoc', questions: 'La cantine ?' },
    });
    expect(persona.statusCode).toBe(201);
    const duplicate = await t.call('POST', url('/personas'), {
      as: admin,
      body: { name: 'parent d’élève', audience: 'btoc' },
    });
    expect(duplicate.json().code).toBe('conflict');
    const objective = await t.call('POST', url('/objectives'), {
      as: admin,
      body: {
        statement: 'Mieux informer les familles',
        kind: 'citizen_information',
        kpi: 'followers',
        baseline: 1200,
        target: 1500,
        deadline: '2031-06-30',
        personaIds: [persona.json().id],
        networks: ['facebook', 'instagram'],
      },
    });
    expect(objective.statusCode).toBe(201);
    const id = objective.json().id as string;
    // Not measured by Rostra: no number shown as measured, the declared baseline stays declared.
    expect(objective.json().progress).toMatchObject({
      status: 'not_measured',
      current: null,
      baseline: 1200,
      baselineSource: 'declared',
      progress: null,
    });
    const edited = await t.call('PUT', url(`/objectives/${id}`), {
      as: admin,
      body: {
        ...(objective.json() as Record<string, unknown>),
        id: undefined,
        progress: undefined,
        updatedAt: undefined,
        target: 1600,
      },
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ id, target: 1600, startDate: objective.json().startDate });
    const list = await t.call('GET', url('/objectives'), { as: admin });
    expect(list.json().items.map((o: { id: string }) => o.id)).toEqual([id]);

    const { caller: viewer } = await addMember(t, admin, workspaceId, 'lecteur@mairie.fr', 'viewer');
    const { caller: manager } = await addMember(t, admin, workspaceId, 'dircom@mairie.fr', 'manager');
    expect((await t.call('GET', url(), { as: viewer })).json().objectives).toHaveLength(1);
    expect((await t.call('DELETE', url(`/objectives/${id}`), { as: viewer })).statusCode).toBe(403);
    expect((await t.call('DELETE', url(`/personas/${persona.json().id}`), { as: manager })).statusCode).toBe(204);
    expect((await t.call('GET', url('/objectives'), { as: admin })).json().items[0].personaIds).toEqual([]);
    const audit = await t.call('GET', `/api/workspaces/${workspaceId}/audit?limit=50`, { as: admin });
    const actions = (audit.json().items as Array<{ action: string }>).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'strategy.updated',
        'persona.created',
        'objective.created',
        'objective.updated',
        'persona.deleted',
      ]),
    );
  });

  it('refuses what an objective names that is not the workspace’s, and dates out of order', async () => {
    const bad = await t.call('POST', url('/objectives'), {
      as: admin,
      body: {
        statement: 'Parts de voix',
        kind: 'notoriety',
        kpi: 'share_of_voice',
        topicId: 'no-such-topic',
        target: 0.5,
        startDate: '2026-05-01',
        deadline: '2026-04-01',
        personaIds: ['nobody'],
      },
    });
    expect(bad.statusCode).toBe(400);
    const paths = (bad.json().details.issues as Array<{ path: string; code: string }>).map(
      (i) => `${i.path} ${i.code}`,
    );
    expect(paths).toEqual(['body.topicId invalid', 'body.deadline end_before_start', 'body.personaIds.0 invalid']);
  });

  it('moves a share-of-voice objective as brand and competitor mentions arrive', async () => {
    const topic = (name: string, group: string, query: string) =>
      t.call('POST', `/api/workspaces/${workspaceId}/listening/topics`, { as: admin, body: { name, group, query } });
    expect((await topic('Ma ville', 'brand', 'villeneuve')).statusCode).toBe(201);
    const created = await t.call('POST', url('/objectives'), {
      as: admin,
      body: {
        statement: 'Être la commune dont on parle',
        kind: 'notoriety',
        kpi: 'share_of_voice',
        baseline: 0.2,
        target: 0.6,
        deadline: '2031-12-31',
      },
    });
    // Nothing heard yet: measured, but nothing to divide.
    expect(created.json().progress).toMatchObject({ status: 'no_data', current: null, baseline: 0.2 });
    const pipeline = createListeningPipeline({ store: t.runtime.store });
    await pipeline.ingest(workspaceId, null, [mention('b1', 'Villeneuve ouvre sa nouvelle médiathèque samedi')]);
    // Heard, but no competitor is followed: no voice to share, never 100 %.
    const alone = (await t.call('GET', url('/objectives'), { as: admin })).json().items[0];
    expect(alone.progress).toMatchObject({ status: 'no_data', current: null });
    expect((await topic('Voisine', 'competitor', 'bourgneuf')).statusCode).toBe(201);
    await pipeline.ingest(workspaceId, null, [
      mention('c1', 'Bourgneuf rénove son gymnase municipal cet été'),
      mention('c2', 'Le marché de Bourgneuf déménage place de la gare'),
      mention('c3', 'Concert gratuit à Bourgneuf pour la fête de la musique'),
    ]);
    const first = (await t.call('GET', url('/objectives'), { as: admin })).json().items[0];
    expect(first.progress.current).toBeCloseTo(0.25);
    expect(first.progress.progress).toBeCloseTo((0.25 - 0.2) / (0.6 - 0.2));
    await pipeline.ingest(workspaceId, null, [
      mention('b2', 'Villeneuve plante cent arbres le long du canal'),
      mention('b3', 'La piscine de Villeneuve rouvre après travaux'),
      mention('b4', 'Villeneuve lance un budget participatif pour les jeunes'),
    ]);
    const second = (await t.call('GET', url('/objectives'), { as: admin })).json().items[0];
    expect(second.progress.current).toBeCloseTo(4 / 7);
    expect(second.progress.current).toBeGreaterThan(first.progress.current);
    expect(second.progress.progress).toBeGreaterThan(first.progress.progress);
  });

  it('recommends networks per objective × persona with reasons, keeps the team’s choice, refuses unknown networks', async () => {
    const persona = await t.call('POST', url('/personas'), {
      as: admin,
      body: { name: 'DRH d’entreprise locale', audience: 'btob', networks: ['linkedin'] },
    });
    const body = {
      statement: 'Recruter des agents techniques',
      kind: 'recruitment',
      kpi: 'clicks',
      target: 200,
      deadline: '2031-06-30',
      personaIds: [persona.json().id],
      networks: ['facebook'],
    };
    const objective = await t.call('POST', url('/objectives'), { as: admin, body });
    const recommendations = (await t.call('GET', url('/recommendations'), { as: admin })).json().items;
    expect(recommendations).toHaveLength(1);
    expect(recommendations[0]).toMatchObject({
      objectiveId: objective.json().id,
      personaId: persona.json().id,
      chosen: ['facebook'],
    });
    expect(recommendations[0].networks[0]).toMatchObject({
      network: 'linkedin',
      reasons: expect.arrayContaining(['serves_kind_strongly', 'persona_uses']),
    });
    const unknown = await t.call('POST', url('/objectives'), { as: admin, body: { ...body, networks: ['myspace'] } });
    expect(unknown.json().details.issues[0]).toMatchObject({ path: 'body.networks.0', code: 'invalid_choice' });
    const networks = (await t.call('GET', url('/networks'), { as: admin })).json().items as Array<{
      id: string;
      usage: { source: { url: string } } | null;
    }>;
    expect(networks.find((n) => n.id === 'linkedin')?.usage?.source.url).toMatch(/^https:/);
    expect(networks.find((n) => n.id === 'tiktok')?.usage).toBeNull();
  });

  it('turns checklist items green from the workspace’s data, not from a tick', async () => {
    const done = async () =>
      ((await t.call('GET', url('/checklist'), { as: admin })).json().items as Array<{ id: string; done: boolean }>)
        .filter((i) => i.done)
        .map((i) => i.id);
    expect(await done()).toEqual([]);
    const topic = await t.call('POST', `/api/workspaces/${workspaceId}/listening/topics`, {
      as: admin,
      body: { name: 'Concurrente', group: 'competitor', query: 'bourgneuf' },
    });
    await t.call('POST', `/api/workspaces/${workspaceId}/alerts`, {
      as: admin,
      body: { topicId: topic.json().id, name: 'Avis négatifs', kind: 'negative_share' },
    });
    await t.call('PUT', `/api/workspaces/${workspaceId}/charter`, {
      as: admin,
      body: { charter: { tone: 'Chaleureux', responsePolicy: { maxDelayHours: 24, tone: 'Courtois' } }, version: 0 },
    });
    expect((await done()).sort()).toEqual(['charter_tone', 'competitor_topic', 'negative_alert', 'response_policy']);
  });
});
