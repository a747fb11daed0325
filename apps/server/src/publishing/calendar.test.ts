import { describe, expect, it } from 'vitest';
import { exportCsv, MAX_IMPORT_ROWS, parseDateTime, parseImport, type CalendarContext } from './calendar.js';
import { MAX_POST_TEXT } from './post-content.js';

describe('parseDateTime', () => {
  it.each([
    ['2026-12-01T09:30:00+01:00', 'Europe/Paris', '2026-12-01T08:30:00.000Z'],
    ['2026-12-01T09:30:00Z', 'Europe/Paris', '2026-12-01T09:30:00.000Z'],
    ['2026-12-01 09:30', 'Europe/Paris', '2026-12-01T08:30:00.000Z'],
    ['2026-07-01 09:30', 'Europe/Paris', '2026-07-01T07:30:00.000Z'],
    ['01/12/2026 09:30', 'Europe/Paris', '2026-12-01T08:30:00.000Z'],
    ['01/12/2026 9h30', 'Europe/Paris', '2026-12-01T08:30:00.000Z'],
    ['2026-12-01 09:30', 'America/Montreal', '2026-12-01T14:30:00.000Z'],
    // Spring forward: 02:30 does not exist in Paris on 29 March 2026; it becomes 03:30 (+02:00).
    ['2026-03-29 02:30', 'Europe/Paris', '2026-03-29T01:30:00.000Z'],
    // Fall back: 02:30 happens twice on 25 October 2026; the later (standard time) is taken.
    ['2026-10-25 02:30', 'Europe/Paris', '2026-10-25T01:30:00.000Z'],
  ])('%s in %s → %s', (text, zone, expected) => {
    expect(new Date(parseDateTime(text, zone) as number).toISOString()).toBe(expected);
  });

  it.each(['demain', '2026-13-01 09:00', '31/02/2026 10:00', '2026-12-01', '2026-12-01 25:00'])(
    'refuses %s',
    (text) => {
      expect(parseDateTime(text, 'Europe/Paris')).toBeUndefined();
    },
  );
});

const context: CalendarContext = {
  timeZone: 'Europe/Paris',
  channels: [
    {
      id: 'c1',
      workspaceId: 'w',
      network: 'bluesky',
      name: '@ville.fr',
      accountId: 'did:plc:1',
      status: 'active',
      credentialsExpiresAt: null,
      lastError: null,
      createdAt: 0,
      updatedAt: 0,
    },
  ],
  themes: [{ id: 't1', workspaceId: 'w', name: 'Culture', color: '#ae3ec9' }],
  contentTypes: [{ id: 'k1', workspaceId: 'w', name: 'Vidéo' }],
  members: [{ userId: 'u1', email: 'cm@ville.fr' }],
};

describe('CSV import', () => {
  it('reads semicolon or comma files, resolving names case-insensitively', () => {
    const semicolon =
      'text;scheduled_at;channels;theme;content_type;owner\n"Expo ; vernissage";01/12/2026 18h00;@Ville.fr;culture;VIDÉO;CM@ville.fr\n';
    const { posts, problems } = parseImport(semicolon, context);
    expect(problems).toEqual([]);
    expect(posts).toEqual([
      {
        line: 2,
        text: 'Expo ; vernissage',
        scheduledAt: Date.parse('2026-12-01T17:00:00Z'),
        channelIds: ['c1'],
        themeId: 't1',
        contentTypeId: 'k1',
        ownerId: 'u1',
      },
    ]);
    const comma = '\ufefftext,channels\nBonjour,@ville.fr\n';
    expect(parseImport(comma, context).posts[0]).toMatchObject({
      text: 'Bonjour',
      channelIds: ['c1'],
      scheduledAt: null,
    });
  });

  it('reports every problem with its line and column', () => {
    const csv = 'text;scheduled_at;channels;theme\nOk;2026-12-01 09:00;@ville.fr;Culture\n;demain;@inconnu;Sport\n';
    expect(parseImport(csv, context).problems).toEqual([
      { line: 3, column: 'text', code: 'csv_text_empty', message: 'The text is empty' },
      {
        line: 3,
        column: 'scheduled_at',
        code: 'csv_date_invalid',
        params: { value: 'demain' },
        message: '"demain" is not a date and time (e.g. 2026-12-01 09:30)',
      },
      {
        line: 3,
        column: 'channels',
        code: 'csv_channel_unknown',
        params: { value: '@inconnu' },
        message: 'Unknown channel "@inconnu"',
      },
      {
        line: 3,
        column: 'theme',
        code: 'csv_theme_unknown',
        params: { value: 'Sport' },
        message: 'Unknown theme "Sport"',
      },
    ]);
    expect(parseImport('title;when\nx;y\n', context).problems[0]).toMatchObject({
      line: 1,
      column: 'text',
      code: 'csv_no_text_column',
    });
    expect(parseImport('text;channels\n"unclosed;x\n', context).problems).toMatchObject([{ code: 'csv_unreadable' }]);
  });

  it('keeps to the API limits: post text length, and lines per import', () => {
    const long = parseImport(`text\n${'a'.repeat(MAX_POST_TEXT + 1)}\n`, context);
    expect(long.problems).toEqual([
      {
        line: 2,
        column: 'text',
        code: 'csv_text_too_long',
        params: { limit: MAX_POST_TEXT, count: MAX_POST_TEXT + 1 },
        message: expect.stringContaining(`${MAX_POST_TEXT}`),
      },
    ]);
    const lines = (n: number) => `text\n${Array.from({ length: n }, (_, i) => `Post ${i}`).join('\n')}\n`;
    expect(parseImport(lines(MAX_IMPORT_ROWS), context)).toMatchObject({ problems: [] });
    expect(parseImport(lines(MAX_IMPORT_ROWS + 1), context)).toMatchObject({
      posts: [],
      problems: [{ line: MAX_IMPORT_ROWS + 2, column: '', code: 'csv_too_many_lines' }],
    });
  });

  it('exports what it imports', () => {
    const post = {
      id: 'p1',
      workspaceId: 'w',
      text: 'Concert "gratuit"; venez !',
      status: 'scheduled' as const,
      themeId: 't1',
      contentTypeId: 'k1',
      ownerId: 'u1',
      backupOwnerId: null,
      scheduledAt: Date.parse('2026-12-01T17:00:00Z'),
      languages: [],
      createdBy: null,
      createdAt: 0,
      updatedAt: 0,
    };
    const target = {
      id: 'x',
      postId: 'p1',
      workspaceId: 'w',
      channelId: 'c1',
      text: null,
      status: 'scheduled' as const,
      dueAt: null,
      attempts: 0,
      leaseOwner: null,
      leaseUntil: null,
      published: null,
      lastErrorCode: null,
      lastError: null,
      options: {},
      firstComment: null,
      thread: null,
      publishedParts: [],
    };
    const csv = exportCsv([post], [target], context);
    expect(csv.startsWith('\ufeffid;scheduled_at;status;channels;theme;content_type;owner;text\n')).toBe(true);
    expect(csv).toContain('2026-12-01T18:00:00+01:00');
    const back = parseImport(csv, context);
    expect(back.problems).toEqual([]);
    expect(back.posts[0]).toMatchObject({
      text: post.text,
      scheduledAt: post.scheduledAt,
      channelIds: ['c1'],
      themeId: 't1',
      contentTypeId: 'k1',
      ownerId: 'u1',
    });
  });
});
