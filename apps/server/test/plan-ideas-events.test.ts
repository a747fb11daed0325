// The animation plan's idea bank and events calendar through the API, on SQLite and PostgreSQL: ideas typed in
// and taken from a mention, one used for a slot (the draft has its text; used twice is a conflict), another
// workspace never reads them; events typed in and imported from CSV and iCal with line-level problems (nothing
// stored on a problem), shown on the coverage board when they fall in its weeks. Dates follow the clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '@rostra/store/testing';
import { addDays, localDateAt } from '@rostra/core';
import { addMember, createTestApp, setUp, type Caller, type TestApp } from './helpers/test-app.js';
import { createListeningPipeline } from '../src/listening/pipeline.js';

interface Idea {
  id: string;
  title: string;
  notes: string;
  source: string;
  mentionId: string | null;
  sourceUrl: string | null;
  usedAt: string | null;
  usedPostId: string | null;
}

const issueCodes = (body: { details: { issues: Array<{ code: string; params: { line: number } }> } }) =>
  body.details.issues.map((i) => [i.params.line, i.code]);

describe.each(testDialects)('idea bank and events calendar API on %s', (dialect) => {
  let t: TestApp;
  let admin: Caller;
  let viewer: Caller;
  let contributor: Caller;
  let workspaceId: string;
  let otherAdmin: Caller;
  let otherWorkspaceId: string;
  let channelId: string;
  let themeId: string;
  const url = (path: string, ws = workspaceId) => `/api/workspaces/${ws}/plan${path}`;
  const today = localDateAt(Date.now(), 'Europe/Paris');

  beforeAll(async () => {
    t = await createTestApp(dialect);
    ({ admin, workspaceId } = await setUp(t));
    ({ caller: viewer } = await addMember(t, admin, workspaceId, 'lecteur@mairie.test', 'viewer'));
    ({ caller: contributor } = await addMember(t, admin, workspaceId, 'agent@mairie.test', 'contributor'));
    otherWorkspaceId = (await t.call('POST', '/api/workspaces', { as: admin, body: { name: 'Client B' } })).json().id;
    ({ caller: otherAdmin } = await addMember(t, admin, otherWorkspaceId, 'admin-b@mairie.test', 'admin'));
    channelId = (
      await t.call('POST', `/api/workspaces/${workspaceId}/channels`, {
        as: admin,
        body: { network: 'testnet', credentials: { handle: 'ville', password: 'xxxx-yyyy-zzzz-wwww' } },
      })
    ).json().id;
    themeId = (
      await t.call('POST', `/api/workspaces/${workspaceId}/themes`, {
        as: admin,
        body: { name: 'Environnement', color: '#2f9e44' },
      })
    ).json().id;
    await t.call('POST', url('/rubrics'), {
      as: admin,
      body: {
        name: 'Chaque jour',
        channelIds: [channelId],
        period: { kind: 'weekly', weekdays: [1, 2, 3, 4, 5, 6, 7] },
        time: '12:00',
        keepOnHolidays: true,
      },
    });
    await t.call('POST', url('/generate'), { as: admin, body: { weeks: 2 } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('keeps typed-in ideas, checks their theme, and lets a viewer read but not write', async () => {
    const created = await t.call('POST', url('/ideas'), {
      as: contributor,
      body: { title: 'Visite du jardin partagé', notes: 'Photos des bénévoles', themeId, persona: 'Familles' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ source: 'manual', mentionId: null, usedAt: null, themeId });
    const unknown = await t.call('POST', url('/ideas'), { as: admin, body: { title: 'X', themeId: 'nope' } });
    expect(unknown.json().details.issues[0].code).toBe('unknown_theme');
    expect((await t.call('POST', url('/ideas'), { as: viewer, body: { title: 'Lecteur' } })).statusCode).toBe(403);
    const edited = await t.call('PUT', url(`/ideas/${created.json().id}`), {
      as: admin,
      body: { title: 'Visite du jardin partagé', notes: 'Photos et interview', themeId: null },
    });
    expect(edited.json()).toMatchObject({ notes: 'Photos et interview', themeId: null, persona: '' });
    const listed = (await t.call('GET', url('/ideas'), { as: viewer })).json().items as Idea[];
    expect(listed.map((i) => i.title)).toEqual(['Visite du jardin partagé']);
  });

  it('turns a mention into an idea once, with its link', async () => {
    const pipeline = createListeningPipeline({ store: t.runtime.store });
    await pipeline.ingest(workspaceId, null, [
      {
        externalId: 'idea-mention',
        network: 'testnet',
        url: 'https://testnet.example/posts/42',
        title: null,
        text: 'Les bénévoles du jardin partagé cherchent du monde pour la récolte de samedi',
        author: { id: null, handle: 'habitante', name: 'Léa', url: null },
        publishedAt: null,
        language: 'fr',
        site: null,
        repostOf: null,
        replyTo: null,
        hashtags: [],
        metrics: {},
      },
    ]);
    const mentionId = (await t.runtime.store.listening.queryMentions(workspaceId, {}, null, 1)).items[0]?.id;
    const idea = await t.call('POST', url('/ideas/from-mention'), { as: contributor, body: { mentionId } });
    expect(idea.statusCode).toBe(201);
    expect(idea.json()).toMatchObject({
      source: 'mention',
      mentionId,
      sourceUrl: 'https://testnet.example/posts/42',
      title: 'Les bénévoles du jardin partagé cherchent du monde pour la récolte de samedi',
    });
    expect(idea.json().notes).toContain('— Léa');
    const again = await t.call('POST', url('/ideas/from-mention'), { as: contributor, body: { mentionId } });
    expect(again.statusCode).toBe(409);
    // Another workspace's mention is not found from here.
    const elsewhere = await t.call('POST', url('/ideas/from-mention', otherWorkspaceId), {
      as: otherAdmin,
      body: { mentionId },
    });
    expect(elsewhere.statusCode).toBe(404);
  });

  it("uses an idea for a slot: the draft has the idea's text, the idea is used, twice is a conflict", async () => {
    const [idea] = (await t.call('GET', url('/ideas?status=waiting'), { as: admin })).json().items as Idea[];
    const slots = (await t.call('GET', url('/slots'), { as: admin })).json().items as Array<{
      id: string;
      status: string;
    }>;
    const [first, second] = slots.filter((s) => s.status === 'open');
    const used = await t.call('POST', url(`/ideas/${idea!.id}/use`), { as: contributor, body: { slotId: first!.id } });
    expect(used.statusCode).toBe(201);
    const { postId } = used.json();
    const post = (await t.call('GET', `/api/workspaces/${workspaceId}/posts/${postId}`, { as: admin })).json();
    expect(post).toMatchObject({ status: 'draft', text: `${idea!.title}\n\n${idea!.notes}` });
    const after = (await t.call('GET', url('/ideas?status=used'), { as: admin })).json().items as Idea[];
    expect(after.map((i) => [i.id, i.usedPostId])).toEqual([[idea!.id, postId]]);
    const twice = await t.call('POST', url(`/ideas/${idea!.id}/use`), { as: admin, body: { slotId: second!.id } });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().details.issues[0].code).toBe('idea_used');
    // A filled slot refuses another idea, and leaves that idea waiting, with no stray draft.
    const [other] = (await t.call('GET', url('/ideas?status=waiting'), { as: admin })).json().items as Idea[];
    const posts = (await t.call('GET', `/api/workspaces/${workspaceId}/posts`, { as: admin })).json().items.length;
    const taken = await t.call('POST', url(`/ideas/${other!.id}/use`), { as: admin, body: { slotId: first!.id } });
    expect(taken.statusCode).toBe(409);
    expect((await t.call('GET', url(`/ideas?status=waiting`), { as: admin })).json().items).toHaveLength(1);
    expect((await t.call('GET', `/api/workspaces/${workspaceId}/posts`, { as: admin })).json().items).toHaveLength(
      posts,
    );
  });

  it("never shows one workspace's ideas or events to another", async () => {
    await t.call('POST', url('/events'), { as: admin, body: { name: 'Fête', date: today } });
    expect((await t.call('GET', url('/ideas', otherWorkspaceId), { as: otherAdmin })).json().items).toEqual([]);
    expect((await t.call('GET', url('/events', otherWorkspaceId), { as: otherAdmin })).json().items).toEqual([]);
    expect((await t.call('GET', url('/ideas'), { as: otherAdmin })).statusCode).toBe(404);
    expect((await t.call('GET', url('/events'), { as: otherAdmin })).statusCode).toBe(404);
    const [idea] = (await t.call('GET', url('/ideas'), { as: admin })).json().items as Idea[];
    const crossed = await t.call('DELETE', url(`/ideas/${idea!.id}`, otherWorkspaceId), { as: otherAdmin });
    expect(crossed.statusCode).toBe(404);
  });

  it('imports events from CSV all or nothing, each problem with its line', async () => {
    const before = (await t.call('GET', url('/events'), { as: admin })).json().items.length;
    const bad = [
      'date;nom;thème;récurrence',
      '08/03;Journée internationale des droits des femmes;;annuelle',
      '31/04/2026;Date impossible;;',
      '05/06;Journée mondiale de l’environnement;Inconnu;annuelle',
      '2026-09-05;;;',
      '2026-09-06;Brocante;;tous les mardis',
    ].join('\n');
    const refused = await t.call('POST', url('/events/import'), { as: admin, body: { format: 'csv', content: bad } });
    expect(refused.statusCode).toBe(400);
    expect(issueCodes(refused.json())).toEqual([
      [3, 'event_date_invalid'],
      [4, 'csv_theme_unknown'],
      [5, 'event_name_empty'],
      [6, 'event_recurrence_invalid'],
    ]);
    expect((await t.call('GET', url('/events'), { as: admin })).json().items).toHaveLength(before);
    const soon = addDays(today, 10);
    const good = [
      'date,name,theme,recurrence',
      `${soon},Forum des associations,,`,
      '05/06,Journée mondiale de l’environnement,environnement,annuelle',
    ].join('\n');
    const imported = await t.call('POST', url('/events/import'), { as: admin, body: { format: 'csv', content: good } });
    expect(imported.json()).toMatchObject({
      created: 2,
      items: [
        { name: 'Forum des associations', date: soon, yearly: false, themeId: null },
        { name: 'Journée mondiale de l’environnement', date: '2000-06-05', yearly: true, themeId },
      ],
    });
    const byViewer = await t.call('POST', url('/events/import'), {
      as: viewer,
      body: { format: 'csv', content: good },
    });
    expect(byViewer.statusCode).toBe(403);
    expect(
      (await t.call('POST', url('/events/import'), { as: contributor, body: { format: 'csv', content: good } }))
        .statusCode,
    ).toBe(403);
  });

  it('imports events from iCal (yearly RRULEs only), each problem with its line', async () => {
    const ical = (events: string[]) =>
      ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//FR', ...events, 'END:VCALENDAR'].join('\r\n');
    const event = (lines: string[]) => ['BEGIN:VEVENT', 'UID:x', ...lines, 'END:VEVENT'].join('\r\n');
    const bad = ical([
      event(['SUMMARY:Journée sans date']),
      event(['SUMMARY:Marché', 'DTSTART;VALUE=DATE:20260101', 'RRULE:FREQ=WEEKLY;BYDAY=SA']),
    ]);
    const refused = await t.call('POST', url('/events/import'), { as: admin, body: { format: 'ical', content: bad } });
    expect(issueCodes(refused.json())).toEqual([
      [4, 'event_ical_no_date'],
      [8, 'event_ical_recurrence'],
    ]);
    const broken = await t.call('POST', url('/events/import'), {
      as: admin,
      body: { format: 'ical', content: 'BEGIN:VCALENDAR\nVERSION:2.0\nceci n’est pas une ligne\nEND:VCALENDAR' },
    });
    expect(issueCodes(broken.json())).toEqual([[3, 'event_ical_unreadable']]);
    const soon = addDays(today, 20).replaceAll('-', '');
    const good = ical([
      event(['SUMMARY:Journée mondiale de l’eau', 'DTSTART;VALUE=DATE:20000322', 'RRULE:FREQ=YEARLY']),
      event([`SUMMARY:Conseil municipal`, `DTSTART;TZID=Europe/Paris:${soon}T183000`, 'CATEGORIES:Environnement']),
    ]);
    const imported = await t.call('POST', url('/events/import'), {
      as: admin,
      body: { format: 'ical', content: good },
    });
    expect(imported.json()).toMatchObject({
      created: 2,
      items: [
        { name: 'Journée mondiale de l’eau', date: '2000-03-22', yearly: true, themeId: null },
        { name: 'Conseil municipal', date: addDays(today, 20), yearly: false, themeId },
      ],
    });
  });

  it('shows on the coverage board the events of its weeks, by date', async () => {
    const coverage = (await t.call('GET', url('/coverage?weeks=8'), { as: viewer })).json();
    const names = (coverage.events as Array<{ name: string; date: string }>).map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['Fête', 'Forum des associations', 'Conseil municipal']));
    const dates = (coverage.events as Array<{ date: string }>).map((e) => e.date);
    expect(dates).toEqual([...dates].sort());
    expect(dates.every((d) => d >= today && d < addDays(today, 56))).toBe(true);
    const short = (await t.call('GET', url('/coverage?weeks=1'), { as: viewer })).json();
    expect(short.events.map((e: { name: string }) => e.name)).not.toContain('Conseil municipal');
    const [event] = (await t.call('GET', url('/events'), { as: admin })).json().items;
    expect((await t.call('DELETE', url(`/events/${event.id}`), { as: contributor })).statusCode).toBe(403);
    expect((await t.call('DELETE', url(`/events/${event.id}`), { as: admin })).statusCode).toBe(204);
    expect((await t.call('DELETE', url(`/events/${event.id}`), { as: admin })).statusCode).toBe(404);
  });
});
