// The animation plan through the API, on SQLite and PostgreSQL: rubrics, generation run twice, a slot's post,
// a rubric edited under a filled slot, the coverage board, the exports, and the checks on what a rubric names.
// Dates follow the clock (core's tests pin holidays and DST on fixed dates); figures here are relative to it.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '@rostra/store/testing';
import { addMember, createTestApp, setUp, type Caller, type TestApp } from './helpers/test-app.js';

interface Slot {
  id: string;
  rubricId: string | null;
  channelId: string;
  date: string;
  time: string;
  at: string;
  status: string;
  holiday: string | null;
  offRubric: boolean;
  postId: string | null;
}

describe.each(testDialects)('animation plan API on %s', (dialect) => {
  let t: TestApp;
  let admin: Caller;
  let viewer: Caller;
  let workspaceId: string;
  let adminId: string;
  let cmId: string;
  let channelId: string;
  let themeId: string;
  let news: { id: string };
  let game: { id: string };
  const url = (path: string) => `/api/workspaces/${workspaceId}/plan${path}`;
  const slots = async (): Promise<Slot[]> => (await t.call('GET', url('/slots'), { as: admin })).json().items;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    ({ admin, workspaceId, userId: adminId } = await setUp(t));
    ({ caller: viewer } = await addMember(t, admin, workspaceId, 'lecteur@mairie.test', 'viewer'));
    ({ userId: cmId } = await addMember(t, admin, workspaceId, 'cm@mairie.test', 'community_manager'));
    channelId = (
      await t.call('POST', `/api/workspaces/${workspaceId}/channels`, {
        as: admin,
        body: { network: 'testnet', credentials: { handle: 'ville', password: 'xxxx-yyyy-zzzz-wwww' } },
      })
    ).json().id;
    themeId = (
      await t.call('POST', `/api/workspaces/${workspaceId}/themes`, {
        as: admin,
        body: { name: 'Vie locale', color: '#1c7ed6' },
      })
    ).json().id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const rubric = (overrides: Record<string, unknown> = {}) => ({
    name: 'Actualités de la ville',
    objective: 'Informer les habitants',
    persona: 'Habitants 25-45 ans',
    channelIds: [channelId],
    period: { kind: 'weekly', weekdays: [1, 3] },
    time: '09:30',
    themeId,
    ownerId: adminId,
    backupOwnerId: cmId,
    brief: 'Une actualité pratique, une photo',
    ...overrides,
  });

  it('creates rubrics, refusing what does not belong to the workspace', async () => {
    const created = await t.call('POST', url('/rubrics'), { as: admin, body: rubric() });
    expect(created.statusCode).toBe(201);
    news = created.json();
    expect(news).toMatchObject({ objectiveId: null, keepOnHolidays: false, period: { kind: 'weekly' } });
    const second = await t.call('POST', url('/rubrics'), {
      as: admin,
      body: rubric({
        name: 'Jeu du vendredi',
        period: { kind: 'monthly', weekday: 5, nth: -1 },
        backupOwnerId: null,
        time: '17:00',
      }),
    });
    expect(second.statusCode).toBe(201);
    game = second.json();
    const refused = await t.call('POST', url('/rubrics'), {
      as: admin,
      body: rubric({ name: 'Autre', channelIds: ['nope'], backupOwnerId: adminId }),
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().details.issues.map((i: { code: string }) => i.code)).toEqual([
      'unknown_channel',
      'backup_is_owner',
    ]);
    const duplicate = await t.call('POST', url('/rubrics'), {
      as: admin,
      body: rubric({ name: 'ACTUALITÉS de la ville' }),
    });
    expect(duplicate.statusCode).toBe(409);
    const byViewer = await t.call('POST', url('/rubrics'), { as: viewer, body: rubric({ name: 'Lecteur' }) });
    expect(byViewer.statusCode).toBe(403);
  });

  it('generates 8 weeks once, however often it runs', async () => {
    expect((await t.call('POST', url('/generate'), { as: admin, body: { weeks: 27 } })).statusCode).toBe(400);
    const first = await t.call('POST', url('/generate'), { as: admin, body: {} });
    expect(first.statusCode).toBe(200);
    const result = first.json();
    expect(result.weeks).toBe(8);
    // Mondays and Wednesdays: 16 or 17 in 8 weeks from today (a few may be gone today already); 1 or 2 last Fridays.
    expect(result.created).toBeGreaterThanOrEqual(16);
    expect(result.created).toBeLessThanOrEqual(19);
    const listed = await slots();
    expect(listed).toHaveLength(result.created);
    expect(result.slots).toBe(listed.length);
    expect(listed.filter((s) => s.holiday !== null).every((s) => s.status === 'skipped')).toBe(true);
    expect(new Set(listed.map((s) => `${s.rubricId}|${s.date}`)).size).toBe(listed.length);
    const again = await t.call('POST', url('/generate'), { as: admin, body: { weeks: 8 } });
    expect(again.json()).toMatchObject({ created: 0, updated: 0, removed: 0 });
    expect(await slots()).toEqual(listed);
  });

  it("creates a slot's post prefilled and attached, once", async () => {
    const slot = (await slots()).find((s) => s.rubricId === news.id && s.status === 'open') as Slot;
    const created = await t.call('POST', url(`/slots/${slot.id}/post`), { as: admin });
    expect(created.statusCode).toBe(201);
    const { postId } = created.json();
    expect(created.json().slot).toMatchObject({ id: slot.id, status: 'filled', postId });
    const post = (await t.call('GET', `/api/workspaces/${workspaceId}/posts/${postId}`, { as: admin })).json();
    expect(post).toMatchObject({
      status: 'draft',
      scheduledAt: slot.at,
      themeId,
      ownerId: adminId,
      backupOwnerId: cmId,
    });
    expect(post.targets.map((target: { channelId: string }) => target.channelId)).toEqual([channelId]);
    expect((await t.call('POST', url(`/slots/${slot.id}/post`), { as: admin })).statusCode).toBe(409);
    expect((await t.call('POST', url(`/slots/${slot.id}/post`), { as: viewer })).statusCode).toBe(403);
  });

  it("lets a contributor start a slot's post and go on writing it, though the rubric's owner owns it", async () => {
    const { caller: contributor } = await addMember(t, admin, workspaceId, 'agent@mairie.test', 'contributor');
    const slot = (await slots()).find((s) => s.status === 'open') as Slot;
    const created = await t.call('POST', url(`/slots/${slot.id}/post`), { as: contributor });
    expect(created.statusCode).toBe(201);
    const edited = await t.call('PATCH', `/api/workspaces/${workspaceId}/posts/${created.json().postId}`, {
      as: contributor,
      body: { text: 'Le marché de Noël ouvre samedi' },
    });
    expect(edited.statusCode).toBe(200);
    // Back to one filled slot for what follows: the contributor's draft goes, and its slot opens again.
    expect(
      (await t.call('DELETE', `/api/workspaces/${workspaceId}/posts/${created.json().postId}`, { as: contributor }))
        .statusCode,
    ).toBe(204);
    expect((await slots()).find((s) => s.id === slot.id)).toMatchObject({ status: 'open', postId: null });
  });

  it('keeps the filled slot and its post when the rubric moves to other days, "hors rubrique"', async () => {
    const filled = (await slots()).find((s) => s.postId !== null) as Slot;
    const moved = await t.call('PUT', url(`/rubrics/${news.id}`), {
      as: admin,
      body: rubric({ period: { kind: 'weekly', weekdays: [2] } }),
    });
    expect(moved.statusCode).toBe(200);
    await t.call('POST', url('/generate'), { as: admin, body: { weeks: 8 } });
    const after = await slots();
    expect(after.find((s) => s.id === filled.id)).toMatchObject({ postId: filled.postId, offRubric: true });
    const days = new Set(
      after
        .filter((s) => s.rubricId === news.id && s.postId === null)
        .map((s) => new Date(`${s.date}T12:00:00Z`).getUTCDay()),
    );
    expect([...days]).toEqual([2]);
    const again = await t.call('POST', url('/generate'), { as: admin, body: { weeks: 8 } });
    expect(again.json()).toMatchObject({ created: 0, updated: 0, removed: 0 });
  });

  it('shows the coverage board: the rubric without a backup, weeks covered, the targets', async () => {
    await t.call('PUT', url('/settings'), {
      as: admin,
      body: { holidayRegion: 'alsace_moselle', targets: { [channelId]: 3 } },
    });
    const coverage = (await t.call('GET', url('/coverage?weeks=8'), { as: viewer })).json();
    expect(coverage.rubricsWithoutBackup).toEqual([{ id: game.id, name: 'Jeu du vendredi' }]);
    expect(coverage.channels).toHaveLength(1);
    expect(coverage.channels[0]).toMatchObject({ channelId, target: 3 });
    expect(coverage.channels[0].perWeek).toHaveLength(8);
    expect(coverage.variety.topTheme).toEqual({ id: themeId, share: 1 });
    expect(coverage.variety.themeEntropy).toBe(0);
    expect(coverage.openSoon.every((s: Slot) => s.status === 'open')).toBe(true);
    const bad = await t.call('PUT', url('/settings'), {
      as: admin,
      body: { holidayRegion: 'france', targets: { other: 2 } },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('names a strategy objective in a rubric, and flags the objectives no rubric serves', async () => {
    const objective = (statement: string) =>
      t.call('POST', `/api/workspaces/${workspaceId}/strategy/objectives`, {
        as: admin,
        body: { statement, kind: 'notoriety', kpi: 'mentions_count', target: 50, deadline: '2031-12-31' },
      });
    const known = (await objective('Faire connaître la nouvelle médiathèque')).json();
    const other = (await objective('Recruter des bénévoles')).json();
    const flagged = async () =>
      (await t.call('GET', url('/coverage'), { as: viewer })).json().objectivesWithoutRubric as Array<{ id: string }>;
    expect((await flagged()).map((o) => o.id).sort()).toEqual([known.id, other.id].sort());
    const served = await t.call('PUT', url(`/rubrics/${game.id}`), {
      as: admin,
      body: rubric({
        name: 'Jeu du vendredi',
        period: { kind: 'monthly', weekday: 5, nth: -1 },
        backupOwnerId: null,
        time: '17:00',
        objectiveId: known.id,
      }),
    });
    expect(served.json()).toMatchObject({ objectiveId: known.id });
    expect(await flagged()).toEqual([{ id: other.id, statement: 'Recruter des bénévoles' }]);
    const unknown = await t.call('POST', url('/rubrics'), {
      as: admin,
      body: rubric({ name: 'Sans objectif connu', objectiveId: 'no-such-objective' }),
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().details.issues.map((i: { code: string }) => i.code)).toEqual(['unknown_objective']);
  });

  it('exports the plan as CSV and iCal', async () => {
    const listed = await slots();
    const csv = await t.call('GET', url('/export.csv'), { as: viewer });
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe(
      'slot_id;date;time;starts_at;status;holiday;off_rubric;rubric;channel;theme;content_type;owner;backup_owner;post_id',
    );
    expect(lines).toHaveLength(listed.length + 1);
    const ics = await t.call('GET', url('/export.ics'), { as: viewer });
    expect(ics.body.match(/BEGIN:VEVENT/g)).toHaveLength(listed.length);
    expect(ics.body).toContain('Jeu du vendredi');
    // The calendar's own iCal feed shows the open slots as posts still to write.
    const feed = (await t.call('GET', `/api/workspaces/${workspaceId}/calendar/feed`, { as: admin })).json().url;
    const calendar = await t.call('GET', new URL(feed).pathname);
    const open = listed.filter((s) => s.status === 'open').length;
    expect(calendar.body.match(/SUMMARY:À écrire · /g)).toHaveLength(open);
  });

  it('exports the plan as a PDF: rubrics, coverage warnings and slots, in French or English', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rostra-plan-pdf-'));
    const text = async (body: Buffer) => {
      const file = join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
      await writeFile(file, body);
      return (await promisify(execFile)('pdftotext', ['-enc', 'UTF-8', file, '-'])).stdout.replace(/\s+/g, ' ');
    };
    try {
      const pdf = await t.call('GET', url('/export.pdf'), { as: viewer });
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      const french = await text(pdf.rawPayload);
      expect(french).toContain("Plan d'animation — Communication");
      expect(french).toContain('Actualités de la ville');
      expect(french).toContain('1 rubrique sans remplaçant ou remplaçante Jeu du vendredi');
      expect(french).toContain('Rempli');
      const english = await text((await t.call('GET', url('/export.pdf?lang=en&weeks=2'), { as: viewer })).rawPayload);
      expect(english).toContain('Animation plan — Communication');
      expect(english).toContain('Open');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('deletes a rubric with its empty slots, keeping the filled one', async () => {
    expect((await t.call('DELETE', url(`/rubrics/${news.id}`), { as: admin })).statusCode).toBe(204);
    const left = await slots();
    expect(left.filter((s) => s.rubricId === news.id)).toEqual([]);
    expect(left.filter((s) => s.postId !== null)).toMatchObject([{ rubricId: null, offRubric: true }]);
    const audit = (await t.call('GET', `/api/workspaces/${workspaceId}/audit?limit=50`, { as: admin })).json();
    const actions = audit.items.map((e: { action: string }) => e.action);
    for (const action of ['rubric.created', 'rubric.updated', 'rubric.deleted', 'plan.generated', 'plan.slot_filled'])
      expect(actions).toContain(action);
  });
});
