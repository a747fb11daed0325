// The posts list as a community manager works it, through the API on SQLite and PostgreSQL: search without
// accents, filters by channel, theme, author and status, and bulk actions that go through post by post — a post
// its state or the caller's role refuses is reported with its reason, the others are done and audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '@rostra/store/testing';
import { addMember, createTestApp, setUp, type Caller, type TestApp } from './helpers/test-app.js';

describe.each(testDialects)('posts list and bulk actions on %s', (dialect) => {
  let t: TestApp;
  let admin: Caller;
  let workspaceId: string;
  let channelA: string;
  let channelB: string;
  let themeId: string;
  let contributor: { caller: Caller; userId: string };
  let manager: Caller;
  let viewer: Caller;

  const url = (path = '') => `/api/workspaces/${workspaceId}/posts${path}`;

  async function create(as: Caller, body: Record<string, unknown>): Promise<string> {
    const response = await t.call('POST', url(), { as, body: { channels: [{ channelId: channelA }], ...body } });
    expect(response.statusCode).toBe(201);
    return response.json().id as string;
  }

  async function act(id: string, action: string, body: unknown = {}) {
    const response = await t.call('POST', url(`/${id}/${action}`), { as: admin, body });
    expect(response.statusCode, response.body).toBe(200);
  }

  async function list(query: string, as: Caller = admin): Promise<string[]> {
    const response = await t.call('GET', url(`?${query}`), { as });
    expect(response.statusCode, response.body).toBe(200);
    return (response.json().items as Array<{ text: string }>).map((p) => p.text).sort();
  }

  async function bulk(as: Caller, body: Record<string, unknown>) {
    return t.call('POST', url('/bulk'), { as, body });
  }

  async function auditActions(): Promise<Array<[string, string]>> {
    const response = await t.call('GET', `/api/workspaces/${workspaceId}/audit?limit=200`, { as: admin });
    return (response.json().items as Array<{ action: string; targetId: string }>).map((e) => [e.action, e.targetId]);
  }

  beforeAll(async () => {
    t = await createTestApp(dialect);
    ({ admin, workspaceId } = await setUp(t));
    const channel = async (handle: string) =>
      (
        await t.call('POST', `/api/workspaces/${workspaceId}/channels`, {
          as: admin,
          body: { network: 'testnet', credentials: { handle, password: 'xxxx-yyyy-zzzz-wwww' } },
        })
      ).json().id as string;
    channelA = await channel('ville');
    channelB = await channel('culture');
    themeId = (
      await t.call('POST', `/api/workspaces/${workspaceId}/themes`, {
        as: admin,
        body: { name: 'Culture', color: '#1c7ed6' },
      })
    ).json().id;
    contributor = await addMember(t, admin, workspaceId, 'redac@mairie.test', 'contributor');
    manager = (await addMember(t, admin, workspaceId, 'chef@mairie.test', 'manager')).caller;
    viewer = (await addMember(t, admin, workspaceId, 'lecteur@mairie.test', 'viewer')).caller;
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('search and filters', () => {
    beforeAll(async () => {
      await create(admin, { text: 'Rentrée à l’École Jules-Ferry', themeId });
      await create(contributor.caller, { text: 'Marché de Noël place Bellecour' });
      await create(admin, {
        text: 'Concert',
        channels: [{ channelId: channelB, text: 'Concert à l’Opéra ce soir' }],
        ownerId: contributor.userId,
      });
    });

    it('finds words without their accents or case, in the text or a channel’s text', async () => {
      expect(await list('q=ecole')).toEqual(['Rentrée à l’École Jules-Ferry']);
      expect(await list('q=MARCHE%20noel')).toEqual(['Marché de Noël place Bellecour']);
      expect(await list('q=opera')).toEqual(['Concert']);
      expect(await list('q=ecole%20noel')).toEqual([]);
      // Read rights are enough to search.
      expect(await list('q=ecole', viewer)).toHaveLength(1);
    });

    it('filters by channel, theme, author or owner, and status, with the search', async () => {
      expect(await list(`channelId=${channelB}`)).toEqual(['Concert']);
      expect(await list(`themeId=${themeId}`)).toEqual(['Rentrée à l’École Jules-Ferry']);
      expect(await list(`authorId=${contributor.userId}`)).toEqual(['Concert', 'Marché de Noël place Bellecour']);
      expect(await list(`authorId=${contributor.userId}&q=concert&status=draft`)).toEqual(['Concert']);
      expect(await list(`authorId=${contributor.userId}&status=in_review`)).toEqual([]);
    });

    it('refuses malformed filters with the field named', async () => {
      const response = await t.call('GET', url('?status=brouillon'), { as: admin });
      expect(response.statusCode).toBe(400);
      expect(response.json().details.issues[0]).toMatchObject({ path: 'query.status', code: 'invalid_choice' });
      // An id of nothing in this workspace finds nothing.
      expect(await list('themeId=nope')).toEqual([]);
      const long = await t.call('GET', url(`?q=${'a'.repeat(201)}`), { as: admin });
      expect(long.json().details.issues[0]).toMatchObject({ path: 'query.q', code: 'too_long' });
    });
  });

  describe('bulk actions', () => {
    it('submits the drafts it can and says why the others are refused; each submit audited', async () => {
      const ready = await create(contributor.caller, { text: 'Prête' });
      const noChannel = await create(contributor.caller, { text: 'Sans canal', channels: [] });
      const inReview = await create(admin, { text: 'Déjà en relecture' });
      await act(inReview, 'submit');
      const response = await bulk(contributor.caller, {
        action: 'submit',
        postIds: [ready, noChannel, inReview, ready],
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({
        done: 1,
        refused: 2,
        results: [
          { postId: ready, ok: true, status: 'in_review' },
          { postId: noChannel, ok: false, error: expect.objectContaining({ code: 'post_invalid' }) },
          { postId: inReview, ok: false, error: expect.objectContaining({ code: 'invalid_transition' }) },
        ],
      });
      const audit = await auditActions();
      expect(audit).toContainEqual(['post.submit', ready]);
      expect(audit).not.toContainEqual(['post.submit', noChannel]);
      expect(audit.filter((entry) => entry[0] === 'post.submit' && entry[1] === inReview)).toHaveLength(1);
    });

    it('lets the workflow’s role rule refuse post by post, and a manager approve', async () => {
      const a = await create(admin, { text: 'Relue A' });
      const b = await create(admin, { text: 'Relue B' });
      await act(a, 'submit');
      await act(b, 'submit');
      const byContributor = await bulk(contributor.caller, { action: 'approve', postIds: [a, b] });
      expect(byContributor.json().results.map((r: { error: { code: string } }) => r.error.code)).toEqual([
        'forbidden',
        'forbidden',
      ]);
      const byManager = await bulk(manager, { action: 'approve', postIds: [a, b] });
      expect(byManager.json()).toMatchObject({ done: 2, refused: 0 });
      expect(await auditActions()).toEqual(
        expect.arrayContaining([
          ['post.approve', a],
          ['post.approve', b],
        ]),
      );
    });

    it('schedules approved posts at their date and unschedules them; a post without a date is told so', async () => {
      const dated = await create(admin, { text: 'Datée', scheduledAt: '2031-03-02T09:00:00+01:00' });
      const undated = await create(admin, { text: 'Sans date' });
      for (const id of [dated, undated]) {
        await act(id, 'submit');
        await act(id, 'approve');
      }
      const scheduled = await bulk(admin, { action: 'schedule', postIds: [dated, undated] });
      expect(scheduled.json().results).toEqual([
        { postId: dated, ok: true, status: 'scheduled' },
        {
          postId: undated,
          ok: false,
          error: expect.objectContaining({
            code: 'validation_failed',
            details: { issues: [expect.objectContaining({ code: 'required_to_schedule' })] },
          }),
        },
      ]);
      const unscheduled = await bulk(admin, { action: 'unschedule', postIds: [dated, undated] });
      expect(unscheduled.json().results.map((r: { ok: boolean }) => r.ok)).toEqual([true, false]);
      expect(await auditActions()).toEqual(
        expect.arrayContaining([
          ['post.schedule', dated],
          ['post.unschedule', dated],
        ]),
      );
    });

    it('shifts dates: a scheduled post stays scheduled, a planned one moves, none goes into the past', async () => {
      const scheduled = await create(admin, { text: 'Programmée' });
      await act(scheduled, 'submit');
      await act(scheduled, 'approve');
      await act(scheduled, 'schedule', { scheduledAt: '2031-06-01T08:00:00Z' });
      const planned = await create(admin, { text: 'Planifiée', scheduledAt: '2031-06-02T08:00:00Z' });
      const undated = await create(admin, { text: 'Pas de date' });
      const response = await bulk(admin, {
        action: 'shift',
        shiftMinutes: 24 * 60,
        postIds: [scheduled, planned, undated],
      });
      expect(response.json().results).toEqual([
        { postId: scheduled, ok: true, status: 'scheduled' },
        { postId: planned, ok: true, status: 'draft' },
        {
          postId: undated,
          ok: false,
          error: expect.objectContaining({ code: 'invalid_transition', details: { reason: 'no_date' } }),
        },
      ]);
      const when = async (id: string) => (await t.call('GET', url(`/${id}`), { as: admin })).json();
      expect((await when(scheduled)).scheduledAt).toBe('2031-06-02T08:00:00.000Z');
      expect((await when(scheduled)).targets[0].dueAt).toBe('2031-06-02T08:00:00.000Z');
      expect((await when(planned)).scheduledAt).toBe('2031-06-03T08:00:00.000Z');
      const audit = await auditActions();
      expect(audit).toEqual(
        expect.arrayContaining([
          ['post.reschedule', scheduled],
          ['post.updated', planned],
        ]),
      );

      // More than a year either way is refused as a whole; a scheduled post due tomorrow is not moved to yesterday.
      const tooFar = await bulk(admin, { action: 'shift', shiftMinutes: -20 * 365 * 24 * 60, postIds: [scheduled] });
      expect(tooFar.json().details.issues[0]).toMatchObject({ path: 'body.shiftMinutes', code: 'too_small' });
      const soon = await create(admin, { text: 'Demain' });
      await act(soon, 'submit');
      await act(soon, 'approve');
      await act(soon, 'schedule', { scheduledAt: new Date(Date.now() + 86_400_000).toISOString() });
      const refused = await bulk(admin, { action: 'shift', shiftMinutes: -2 * 24 * 60, postIds: [soon] });
      expect(refused.json().results[0].error).toMatchObject({
        code: 'invalid_transition',
        details: { reason: 'in_the_past' },
      });
      expect((await when(soon)).status).toBe('scheduled');
      expect(await bulk(admin, { action: 'shift', postIds: [soon] })).toMatchObject({ statusCode: 400 });
    });

    it('moves posts to a theme where they may still be edited, and checks the theme once', async () => {
      const draft = await create(admin, { text: 'À classer' });
      const scheduled = await create(admin, { text: 'Partie' });
      await act(scheduled, 'submit');
      await act(scheduled, 'approve');
      await act(scheduled, 'schedule', { scheduledAt: '2031-01-01T08:00:00Z' });
      const response = await bulk(admin, { action: 'set_theme', themeId, postIds: [draft, scheduled] });
      expect(response.json().results).toEqual([
        { postId: draft, ok: true, status: 'draft' },
        { postId: scheduled, ok: false, error: expect.objectContaining({ code: 'not_editable' }) },
      ]);
      expect((await t.call('GET', url(`/${draft}`), { as: admin })).json().themeId).toBe(themeId);
      const unknown = await bulk(admin, {
        action: 'set_theme',
        themeId: '0190a000-0000-7000-8000-000000000000',
        postIds: [draft],
      });
      expect(unknown.json().details.issues[0]).toMatchObject({ path: 'body.themeId', code: 'unknown_theme' });
      expect((await bulk(admin, { action: 'set_theme', postIds: [draft] })).statusCode).toBe(400);
      const cleared = await bulk(admin, { action: 'set_theme', themeId: null, postIds: [draft] });
      expect(cleared.json().done).toBe(1);
    });

    it('deletes drafts only, and only those the caller may delete', async () => {
      const mine = await create(contributor.caller, { text: 'Mon brouillon' });
      const theirs = await create(admin, { text: 'Brouillon de l’admin' });
      const approved = await create(admin, { text: 'Validée' });
      await act(approved, 'submit');
      await act(approved, 'approve');
      const byContributor = await bulk(contributor.caller, { action: 'delete', postIds: [mine, theirs, approved] });
      expect(byContributor.json().results).toEqual([
        { postId: mine, ok: true, status: null },
        { postId: theirs, ok: false, error: expect.objectContaining({ code: 'forbidden' }) },
        {
          postId: approved,
          ok: false,
          error: expect.objectContaining({ code: 'not_editable', details: { reason: 'not_a_draft' } }),
        },
      ]);
      expect((await t.call('GET', url(`/${mine}`), { as: admin })).statusCode).toBe(404);
      expect((await t.call('GET', url(`/${theirs}`), { as: admin })).statusCode).toBe(200);
      expect(await auditActions()).toContainEqual(['post.deleted', mine]);
    });

    it('reports posts of another workspace as not found and leaves them alone', async () => {
      const other = await t.call('POST', '/api/workspaces', { as: admin, body: { name: 'Office de tourisme' } });
      const otherId = other.json().id as string;
      const otherChannel = await t.call('POST', `/api/workspaces/${otherId}/channels`, {
        as: admin,
        body: { network: 'testnet', credentials: { handle: 'tourisme', password: 'xxxx-yyyy-zzzz-wwww' } },
      });
      const foreign = await t.call('POST', `/api/workspaces/${otherId}/posts`, {
        as: admin,
        body: { text: 'Ailleurs', channels: [{ channelId: otherChannel.json().id }] },
      });
      const foreignId = foreign.json().id as string;
      const response = await bulk(admin, { action: 'delete', postIds: [foreignId] });
      expect(response.json().results).toEqual([
        { postId: foreignId, ok: false, error: expect.objectContaining({ code: 'not_found' }) },
      ]);
      const still = await t.call('GET', `/api/workspaces/${otherId}/posts/${foreignId}`, { as: admin });
      expect(still.json().status).toBe('draft');
    });

    it('refuses viewers, empty selections and unknown actions as a whole', async () => {
      const post = await create(admin, { text: 'Lue seulement' });
      const byViewer = await bulk(viewer, { action: 'submit', postIds: [post] });
      expect(byViewer.statusCode).toBe(403);
      expect((await bulk(admin, { action: 'submit', postIds: [] })).statusCode).toBe(400);
      expect((await bulk(admin, { action: 'publish', postIds: [post] })).statusCode).toBe(400);
    });
  });
});
