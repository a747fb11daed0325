// API behaviour in-process: setup, login, sessions, CSRF, API keys, invitations, members, bad input, health.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ADMIN,
  addMember,
  createTestApp,
  sessionCookie,
  setUp,
  type Caller,
  type TestApp,
} from './helpers/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

describe('first-run setup', () => {
  it('is needed once, logs the admin in, then refuses to run again', async () => {
    expect((await t.call('GET', '/api/setup')).json()).toEqual({ needed: true });
    const { admin, workspaceId } = await setUp(t);
    expect((await t.call('GET', '/api/setup')).json()).toEqual({ needed: false });

    const session = await t.call('GET', '/api/session', { as: admin });
    expect(session.statusCode).toBe(200);
    expect(session.json()).toMatchObject({
      user: { email: ADMIN.email, isOwner: true, locale: 'fr' },
      organisation: { name: 'Mairie de Test' },
      workspaces: [{ id: workspaceId, name: 'Communication', role: 'admin', timezone: 'Europe/Paris' }],
    });

    const again = await t.call('POST', '/api/setup', {
      body: { organisation: 'X', workspace: 'Y', name: 'Z', email: 'z@example.org', password: 'une phrase de passe' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('already_set_up');
  });

  it('sets an httpOnly, SameSite=Lax session cookie, Secure when PUBLIC_URL is https', async () => {
    const response = await t.call('POST', '/api/setup', {
      body: { organisation: 'O', workspace: 'W', ...ADMIN },
    });
    const cookie = response.cookies[0];
    expect(cookie).toMatchObject({ name: 'rostra_session', httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy();

    const https = await createTestApp('sqlite', { PUBLIC_URL: 'https://rostra.example.org' });
    try {
      const secured = await https.call('POST', '/api/setup', { body: { organisation: 'O', workspace: 'W', ...ADMIN } });
      expect(secured.cookies[0]).toMatchObject({ secure: true, httpOnly: true });
    } finally {
      await https.close();
    }
  });
});

describe('login and sessions', () => {
  it('logs in with the right password only, and logout ends the session', async () => {
    await setUp(t);
    const wrong = await t.call('POST', '/api/auth/login', { body: { email: ADMIN.email, password: 'nope nope nope' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().code).toBe('invalid_credentials');
    const unknown = await t.call('POST', '/api/auth/login', {
      body: { email: 'who@x.org', password: 'nope nope nope' },
    });
    expect(unknown.json().code).toBe('invalid_credentials');

    const ok = await t.call('POST', '/api/auth/login', {
      body: { email: 'ADMIN@mairie.test', password: ADMIN.password },
    });
    expect(ok.statusCode).toBe(200);
    const me: Caller = { cookie: sessionCookie(ok), csrf: ok.json().csrfToken };
    expect((await t.call('GET', '/api/session', { as: me })).statusCode).toBe(200);
    expect((await t.call('POST', '/api/auth/logout', { as: me })).statusCode).toBe(204);
    const after = await t.call('GET', '/api/session', { as: me });
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('unauthenticated');
  });

  it('rate-limits login attempts per address and email, saying when to retry', async () => {
    await setUp(t);
    for (let i = 0; i < 10; i++) {
      const r = await t.call('POST', '/api/auth/login', { body: { email: ADMIN.email, password: `wrong-${i}` } });
      expect(r.statusCode).toBe(401);
    }
    const blocked = await t.call('POST', '/api/auth/login', { body: { email: ADMIN.email, password: ADMIN.password } });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().code).toBe('rate_limited');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // Another email from the same address is not locked out by someone guessing the admin's password.
    const other = await t.call('POST', '/api/auth/login', { body: { email: 'other@x.org', password: 'whatever1' } });
    expect(other.statusCode).toBe(401);
  });

  it('refuses cookie-authenticated writes without the CSRF token, and stores nothing', async () => {
    const { admin, workspaceId } = await setUp(t);
    const body = { email: 'csrf@x.org', role: 'viewer' };
    const missing = await t.call('POST', `/api/workspaces/${workspaceId}/invitations`, {
      as: { cookie: admin.cookie as string },
      body,
    });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().code).toBe('csrf_failed');
    const wrong = await t.call('POST', `/api/workspaces/${workspaceId}/invitations`, {
      as: { cookie: admin.cookie as string, csrf: 'forged' },
      body,
    });
    expect(wrong.json().code).toBe('csrf_failed');
    const list = await t.call('GET', `/api/workspaces/${workspaceId}/invitations`, {
      as: { cookie: admin.cookie as string },
    });
    expect(list.json().items).toEqual([]);
  });
});

describe('API keys', () => {
  it('work as Bearer tokens with their role, are shown once, and stop working when revoked', async () => {
    const { admin, workspaceId } = await setUp(t);
    const created = await t.call('POST', `/api/workspaces/${workspaceId}/api-keys`, {
      as: admin,
      body: { name: 'Zapier', role: 'viewer' },
    });
    expect(created.statusCode).toBe(201);
    const { secret, apiKey } = created.json() as { secret: string; apiKey: { id: string; prefix: string } };
    expect(secret).toMatch(/^rst_/);
    expect(secret.startsWith(apiKey.prefix)).toBe(true);

    const key: Caller = { apiKey: secret };
    expect((await t.call('GET', `/api/workspaces/${workspaceId}/members`, { as: key })).statusCode).toBe(200);
    // A viewer key cannot write, and no CSRF token is needed for Bearer calls.
    const write = await t.call('PATCH', `/api/workspaces/${workspaceId}`, { as: key, body: { name: 'Hacked' } });
    expect(write.statusCode).toBe(403);
    // Keys are for workspace routes, not for the person-only ones.
    expect((await t.call('GET', '/api/session', { as: key })).statusCode).toBe(403);

    const listed = await t.call('GET', `/api/workspaces/${workspaceId}/api-keys`, { as: admin });
    expect(JSON.stringify(listed.json())).not.toContain(secret);
    expect(listed.json().items[0]).toMatchObject({ name: 'Zapier', role: 'viewer', revokedAt: null });
    expect(listed.json().items[0].lastUsedAt).not.toBeNull();

    const revoked = await t.call('DELETE', `/api/workspaces/${workspaceId}/api-keys/${apiKey.id}`, { as: admin });
    expect(revoked.statusCode).toBe(204);
    const after = await t.call('GET', `/api/workspaces/${workspaceId}/members`, { as: key });
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('unauthenticated');
    const garbage = await t.call('GET', `/api/workspaces/${workspaceId}/members`, { as: { apiKey: 'not-a-key' } });
    expect(garbage.statusCode).toBe(401);
  });
});

describe('invitations and members', () => {
  it('lets an invitee join with the invited role, once', async () => {
    const { admin, workspaceId } = await setUp(t);
    const invited = await t.call('POST', `/api/workspaces/${workspaceId}/invitations`, {
      as: admin,
      body: { email: 'Chloe@Example.org', role: 'community_manager' },
    });
    expect(invited.statusCode).toBe(201);
    const { url, invitation } = invited.json() as { url: string; invitation: { status: string } };
    expect(url).toMatch(/^http:\/\/rostra\.test\/invite\/.{20,}$/);
    expect(invitation.status).toBe('pending');
    const token = url.split('/invite/')[1] as string;

    const described = await t.call('GET', `/api/invitations/${token}`);
    expect(described.json()).toMatchObject({
      email: 'chloe@example.org',
      role: 'community_manager',
      status: 'pending',
      userExists: false,
      workspace: { name: 'Communication' },
      organisation: { name: 'Mairie de Test' },
    });

    const missingPassword = await t.call('POST', `/api/invitations/${token}/accept`, { body: { name: 'Chloé' } });
    expect(missingPassword.statusCode).toBe(400);
    expect(missingPassword.json().details.issues).toEqual([
      { path: 'body.password', code: 'required', message: 'Required' },
    ]);

    const accepted = await t.call('POST', `/api/invitations/${token}/accept`, {
      body: { name: 'Chloé', password: 'chloe-password-1' },
    });
    expect(accepted.statusCode).toBe(200);
    const chloe: Caller = { cookie: sessionCookie(accepted), csrf: accepted.json().csrfToken };
    const session = await t.call('GET', '/api/session', { as: chloe });
    expect(session.json().workspaces).toEqual([
      expect.objectContaining({ id: workspaceId, role: 'community_manager' }),
    ]);

    const reused = await t.call('POST', `/api/invitations/${token}/accept`, {
      body: { name: 'Mallory', password: 'mallory-password' },
    });
    expect(reused.statusCode).toBe(410);
    expect(reused.json().code).toBe('invitation_used');
    const list = await t.call('GET', `/api/workspaces/${workspaceId}/invitations`, { as: admin });
    expect(list.json().items[0]).toMatchObject({ status: 'accepted', invitedBy: { name: ADMIN.name } });
  });

  it('makes a revoked invitation unusable', async () => {
    const { admin, workspaceId } = await setUp(t);
    const invited = await t.call('POST', `/api/workspaces/${workspaceId}/invitations`, {
      as: admin,
      body: { email: 'late@example.org', role: 'viewer' },
    });
    const { url, invitation } = invited.json() as { url: string; invitation: { id: string } };
    const revoke = await t.call('DELETE', `/api/workspaces/${workspaceId}/invitations/${invitation.id}`, { as: admin });
    expect(revoke.statusCode).toBe(204);
    const accept = await t.call('POST', `/api/invitations/${url.split('/invite/')[1]}/accept`, {
      body: { name: 'Late', password: 'late-password-1' },
    });
    expect(accept.statusCode).toBe(410);
    expect(accept.json().code).toBe('invitation_revoked');
  });

  it('lets an existing user accept while logged in as the invited email', async () => {
    const { admin, workspaceId } = await setUp(t);
    const second = await t.call('POST', '/api/workspaces', {
      as: admin,
      body: { name: 'Agence', timezone: 'Europe/Brussels' },
    });
    expect(second.statusCode).toBe(201);
    const { caller: bea } = await addMember(t, admin, workspaceId, 'bea@example.org', 'contributor');
    const invited = await t.call('POST', `/api/workspaces/${second.json().id}/invitations`, {
      as: admin,
      body: { email: 'bea@example.org', role: 'manager' },
    });
    const token = (invited.json() as { url: string }).url.split('/invite/')[1] as string;
    expect((await t.call('GET', `/api/invitations/${token}`)).json().userExists).toBe(true);
    const anonymous = await t.call('POST', `/api/invitations/${token}/accept`, { body: {} });
    expect(anonymous.statusCode).toBe(401);
    const accepted = await t.call('POST', `/api/invitations/${token}/accept`, { as: bea, body: {} });
    expect(accepted.statusCode).toBe(200);
    const roles = (await t.call('GET', '/api/workspaces', { as: bea }))
      .json()
      .items.map((w: { name: string; role: string }) => [w.name, w.role]);
    expect(roles).toEqual([
      ['Agence', 'manager'],
      ['Communication', 'contributor'],
    ]);
  });

  it('changes roles and removes members, but always keeps one admin', async () => {
    const { admin, workspaceId, userId } = await setUp(t);
    const { userId: victorId } = await addMember(t, admin, workspaceId, 'victor@example.org', 'viewer');
    const promoted = await t.call('PATCH', `/api/workspaces/${workspaceId}/members/${victorId}`, {
      as: admin,
      body: { role: 'manager' },
    });
    expect(promoted.json()).toMatchObject({ userId: victorId, role: 'manager' });
    const demoteSelf = await t.call('PATCH', `/api/workspaces/${workspaceId}/members/${userId}`, {
      as: admin,
      body: { role: 'viewer' },
    });
    expect(demoteSelf.statusCode).toBe(409);
    expect(demoteSelf.json().code).toBe('last_admin');
    const removeSelf = await t.call('DELETE', `/api/workspaces/${workspaceId}/members/${userId}`, { as: admin });
    expect(removeSelf.json().code).toBe('last_admin');
    expect(
      (await t.call('DELETE', `/api/workspaces/${workspaceId}/members/${victorId}`, { as: admin })).statusCode,
    ).toBe(204);
    const members = await t.call('GET', `/api/workspaces/${workspaceId}/members`, { as: admin });
    expect(members.json().items.map((m: { email: string }) => m.email)).toEqual([ADMIN.email]);
  });

  it('lets only owners create workspaces', async () => {
    const { admin, workspaceId } = await setUp(t);
    const { caller: manager } = await addMember(t, admin, workspaceId, 'm@example.org', 'admin');
    const refused = await t.call('POST', '/api/workspaces', { as: manager, body: { name: 'Mine' } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('forbidden');
  });
});

describe('bad input', () => {
  const cases: Array<{
    name: string;
    body?: unknown;
    rawBody?: string;
    contentType?: string;
    status: number;
    code: string;
    paths?: string[];
  }> = [
    { name: 'malformed JSON', rawBody: '{"email": "a@b.org", ', status: 400, code: 'invalid_json' },
    { name: 'empty JSON body', rawBody: '', status: 400, code: 'invalid_json' },
    {
      name: 'wrong types',
      body: { email: 42, role: true },
      status: 400,
      code: 'validation_failed',
      paths: ['body.email', 'body.role'],
    },
    {
      name: 'unknown role',
      body: { email: 'a@b.org', role: 'boss' },
      status: 400,
      code: 'validation_failed',
      paths: ['body.role'],
    },
    {
      name: 'over-long email',
      body: { email: `${'a'.repeat(250)}@b.org`, role: 'viewer' },
      status: 400,
      code: 'validation_failed',
      paths: ['body.email'],
    },
    {
      name: 'unknown field',
      body: { email: 'a@b.org', role: 'viewer', admin: true },
      status: 400,
      code: 'validation_failed',
      paths: ['body'],
    },
    {
      name: 'not JSON at all',
      rawBody: 'email=a@b.org',
      contentType: 'application/x-www-form-urlencoded',
      status: 415,
      code: 'unsupported_media_type',
    },
  ];

  it.each(cases)('$name → $status $code, with the field path, and nothing stored', async (c) => {
    const { admin, workspaceId } = await setUp(t);
    const response = await t.call('POST', `/api/workspaces/${workspaceId}/invitations`, {
      as: admin,
      ...(c.body !== undefined ? { body: c.body } : {}),
      ...(c.rawBody !== undefined ? { rawBody: c.rawBody } : {}),
      headers: { 'content-type': c.contentType ?? 'application/json' },
    });
    expect(response.statusCode).toBe(c.status);
    const error = response.json() as { code: string; message: string; details?: { issues: Array<{ path: string }> } };
    expect(error.code).toBe(c.code);
    expect(error.message.length).toBeGreaterThan(5);
    if (c.paths) expect(error.details?.issues.map((i) => i.path)).toEqual(c.paths);
    const stored = await t.call('GET', `/api/workspaces/${workspaceId}/invitations`, { as: admin });
    expect(stored.json().items).toEqual([]);
  });

  it('rejects an over-long workspace name and an unknown time zone, keeping the old values', async () => {
    const { admin, workspaceId } = await setUp(t);
    const long = await t.call('PATCH', `/api/workspaces/${workspaceId}`, {
      as: admin,
      body: { name: 'x'.repeat(121) },
    });
    expect(long.json().details.issues[0].path).toBe('body.name');
    const zone = await t.call('PATCH', `/api/workspaces/${workspaceId}`, {
      as: admin,
      body: { timezone: 'Europe/Lutece' },
    });
    expect(zone.json().details.issues[0]).toMatchObject({ path: 'body.timezone' });
    const ws = await t.call('GET', `/api/workspaces/${workspaceId}`, { as: admin });
    expect(ws.json()).toMatchObject({ name: 'Communication', timezone: 'Europe/Paris' });
  });

  it('rejects a bad query parameter with its path', async () => {
    const { admin, workspaceId } = await setUp(t);
    const r = await t.call('GET', `/api/workspaces/${workspaceId}/audit?limit=0`, { as: admin });
    expect(r.statusCode).toBe(400);
    expect(r.json().details.issues[0].path).toBe('query.limit');
  });

  it('answers unknown API routes with a JSON 404', async () => {
    const r = await t.call('GET', '/api/nothing-here');
    expect(r.statusCode).toBe(404);
    expect(r.json().code).toBe('not_found');
  });

  it.each([
    ['10,000 nested arrays', `{"email":"a@b.org","role":"viewer","x":${'['.repeat(10_000)}${']'.repeat(10_000)}}`],
    ['33 nested objects', `${'{"a":'.repeat(33)}1${'}'.repeat(33)}`],
    [
      'a deep value where any JSON is taken',
      `{"text":"x","channels":[{"channelId":"c","options":${'['.repeat(5000)}${']'.repeat(5000)}}]}`,
    ],
  ])('refuses %s with 400 json_too_deep, not a 500', async (_name, rawBody) => {
    const { admin, workspaceId } = await setUp(t);
    const path = rawBody.startsWith('{"text"') ? 'posts' : 'invitations';
    const r = await t.call('POST', `/api/workspaces/${workspaceId}/${path}`, { as: admin, rawBody });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code: 'json_too_deep', details: { maxDepth: 32 } });
  });

  it('takes JSON nested as deep as the limit', async () => {
    const { admin, workspaceId } = await setUp(t);
    // 32 levels: the body object, then 31 arrays inside an unknown field, refused for that field only.
    const rawBody = `{"email":"a@b.org","role":"viewer","x":${'['.repeat(31)}${']'.repeat(31)}}`;
    const r = await t.call('POST', `/api/workspaces/${workspaceId}/invitations`, { as: admin, rawBody });
    expect(r.json()).toMatchObject({ code: 'validation_failed', details: { issues: [{ path: 'body' }] } });
  });

  describe('names', () => {
    const BAD: Array<[string, string]> = [
      ['a NUL byte', 'Ville\u0000de Lyon'],
      ['a lone high surrogate', 'Ville \ud83d de Lyon'],
      ['a lone low surrogate', '\ude00 Lyon'],
      ['a line break', 'Ville\nde Lyon'],
      ['an escape character', 'Ville \u001b[31m'],
    ];
    type Route = {
      route: string;
      method: string;
      url: (ws: string) => string;
      body: (bad: string) => object;
      path: string;
    };
    const ROUTES: Route[] = [
      {
        route: 'workspace create',
        method: 'POST',
        url: () => '/api/workspaces',
        body: (n) => ({ name: n }),
        path: 'body.name',
      },
      {
        route: 'workspace rename',
        method: 'PATCH',
        url: (w) => `/api/workspaces/${w}`,
        body: (n) => ({ name: n }),
        path: 'body.name',
      },
      {
        route: 'member display name',
        method: 'PATCH',
        url: () => '/api/me',
        body: (n) => ({ name: n }),
        path: 'body.name',
      },
      {
        route: 'API key',
        method: 'POST',
        url: (w) => `/api/workspaces/${w}/api-keys`,
        body: (n) => ({ name: n, role: 'viewer' }),
        path: 'body.name',
      },
      {
        route: 'theme',
        method: 'POST',
        url: (w) => `/api/workspaces/${w}/themes`,
        body: (n) => ({ name: n, color: '#ae3ec9' }),
        path: 'body.name',
      },
      {
        route: 'content type',
        method: 'POST',
        url: (w) => `/api/workspaces/${w}/content-types`,
        body: (n) => ({ name: n }),
        path: 'body.name',
      },
      {
        route: 'topic',
        method: 'POST',
        url: (w) => `/api/workspaces/${w}/listening/topics`,
        body: (n) => ({ name: n, group: 'brand', query: 'lyon' }),
        path: 'body.name',
      },
      {
        route: 'topic rename',
        method: 'PATCH',
        url: (w) => `/api/workspaces/${w}/listening/topics/t1`,
        body: (n) => ({ name: n }),
        path: 'body.name',
      },
      {
        route: 'source label',
        method: 'POST',
        url: (w) => `/api/workspaces/${w}/listening/sources`,
        body: (n) => ({ network: 'testnet', kind: 'search', config: { q: 'lyon' }, label: n }),
        path: 'body.label',
      },
      {
        route: 'source relabel',
        method: 'PATCH',
        url: (w) => `/api/workspaces/${w}/listening/sources/s1`,
        body: (n) => ({ label: n }),
        path: 'body.label',
      },
      {
        route: 'mention tag',
        method: 'PUT',
        url: (w) => `/api/workspaces/${w}/listening/mentions/m1/tags`,
        body: (n) => ({ tags: [n] }),
        path: 'body.tags.0',
      },
      {
        route: 'alert',
        method: 'POST',
        url: (w) => `/api/workspaces/${w}/alerts`,
        body: (n) => ({ topicId: 't1', name: n, kind: 'volume_spike' }),
        path: 'body.name',
      },
      {
        route: 'alert rename',
        method: 'PATCH',
        url: (w) => `/api/workspaces/${w}/alerts/a1`,
        body: (n) => ({ name: n }),
        path: 'body.name',
      },
      {
        route: 'webhook description',
        method: 'POST',
        url: (w) => `/api/workspaces/${w}/webhooks`,
        body: (n) => ({ url: 'https://hooks.example/x', events: ['*'], description: n }),
        path: 'body.description',
      },
    ];

    it('refuses control characters and lone surrogates in every name, with the field path', async () => {
      const { admin, workspaceId } = await setUp(t);
      for (const r of ROUTES) {
        for (const [what, bad] of BAD) {
          const response = await t.call(r.method, r.url(workspaceId), { as: admin, body: r.body(bad) });
          const label = `${r.route} with ${what}`;
          expect(response.statusCode, label).toBe(400);
          expect(response.json().code, label).toBe('validation_failed');
          expect(
            response.json().details.issues.map((i: { path: string }) => i.path),
            label,
          ).toContain(r.path);
        }
      }
      const names = (await t.call('GET', '/api/workspaces', { as: admin }))
        .json()
        .items.map((w: { name: string }) => w.name);
      expect(names).toEqual(['Communication']);
    });

    it('refuses them at setup and when accepting an invitation', async () => {
      for (const [what, bad] of BAD) {
        const setup = await t.call('POST', '/api/setup', {
          body: { organisation: bad, workspace: 'W', name: 'N', email: 'a@b.org', password: 'un mot de passe solide' },
        });
        expect(setup.statusCode, what).toBe(400);
        expect(setup.json().details.issues[0].path, what).toBe('body.organisation');
      }
      const { admin, workspaceId } = await setUp(t);
      const invited = await t.call('POST', `/api/workspaces/${workspaceId}/invitations`, {
        as: admin,
        body: { email: 'bea@b.org', role: 'viewer' },
      });
      const token = (invited.json() as { url: string }).url.split('/invite/')[1] as string;
      for (const [what, bad] of BAD) {
        const accepted = await t.call('POST', `/api/invitations/${token}/accept`, {
          body: { name: bad, password: 'mot de passe du membre' },
        });
        expect(accepted.statusCode, what).toBe(400);
        expect(accepted.json().details.issues[0].path, what).toBe('body.name');
      }
    });

    it('refuses a NUL character in any field, names or not (PostgreSQL cannot store it)', async () => {
      const { admin, workspaceId } = await setUp(t);
      const r = await t.call('POST', `/api/workspaces/${workspaceId}/posts`, {
        as: admin,
        body: { text: 'Bonjour\u0000', channels: [] },
      });
      expect(r.statusCode).toBe(400);
      expect(r.json()).toMatchObject({ code: 'validation_failed', details: { issues: [{ path: 'body.text' }] } });
    });

    it('takes real names: accents, emoji, scripts beyond Latin', async () => {
      const { admin, workspaceId } = await setUp(t);
      for (const good of ['Équipe Rhône-Alpes', 'Fête 🎉', 'مدينة ليون', '東京']) {
        const r = await t.call('PATCH', `/api/workspaces/${workspaceId}`, { as: admin, body: { name: good } });
        expect(r.statusCode, good).toBe(200);
        expect(r.json().name).toBe(good);
      }
    });
  });
});

describe('audit log', () => {
  it('records who did what, from where, newest first, paged', async () => {
    const { admin, workspaceId } = await setUp(t);
    await t.call('PATCH', `/api/workspaces/${workspaceId}`, {
      as: admin,
      body: { name: 'Communication municipale' },
      headers: { 'user-agent': 'test-agent', 'x-forwarded-for': '203.0.113.9' },
    });
    await t.call('POST', `/api/workspaces/${workspaceId}/api-keys`, { as: admin, body: { name: 'k', role: 'viewer' } });
    const page = await t.call('GET', `/api/workspaces/${workspaceId}/audit?limit=2`, { as: admin });
    const body = page.json() as { items: Array<Record<string, unknown>>; nextCursor: string | null };
    expect(body.items.map((e) => e.action)).toEqual(['apikey.created', 'workspace.updated']);
    expect(body.items[1]).toMatchObject({
      actor: { type: 'user', label: ADMIN.email },
      userAgent: 'test-agent',
      targetType: 'workspace',
      details: { before: { name: 'Communication' }, after: { name: 'Communication municipale' } },
    });
    expect(body.nextCursor).not.toBeNull();
    const next = await t.call('GET', `/api/workspaces/${workspaceId}/audit?limit=2&cursor=${body.nextCursor}`, {
      as: admin,
    });
    expect(next.json().items.map((e: { action: string }) => e.action)).toEqual(['setup.completed']);
  });
});

describe('health', () => {
  it('says degraded (503) when no job worker is alive, and names the failing part', async () => {
    const r = await t.call('GET', '/api/health');
    expect(r.statusCode).toBe(503);
    expect(r.json()).toMatchObject({
      status: 'degraded',
      checks: { database: { ok: true }, migrations: { ok: true, pending: [] }, jobs: { ok: false, workers: [] } },
    });
  });

  it('says degraded when a post should have gone out minutes ago and did not', async () => {
    const { admin, workspaceId } = await setUp(t);
    const channel = await t.call('POST', `/api/workspaces/${workspaceId}/channels`, {
      as: admin,
      body: { network: 'testnet', credentials: { handle: 'late', password: 'xxxx-yyyy-zzzz-wwww' } },
    });
    const post = await t.runtime.store.posts.create({
      workspaceId,
      text: 'En retard',
      themeId: null,
      contentTypeId: null,
      ownerId: null,
      backupOwnerId: null,
      scheduledAt: null,
      createdBy: null,
      targets: [{ channelId: channel.json().id, text: null }],
    });
    await t.runtime.store.deliveries.scheduleTargets(post.id, Date.now() - 10 * 60_000);
    const health = await t.call('GET', '/api/health');
    expect(health.json().checks.publishing).toMatchObject({ ok: false, overdue: 1 });
  });

  it('says ok when the database, the migrations and a live worker are all there', async () => {
    const { startWorker } = await import('../src/jobs/worker.js');
    const { createSystemHandlers } = await import('../src/jobs/handlers.js');
    const worker = await startWorker({
      store: t.runtime.store,
      queue: t.runtime.queue,
      handlers: createSystemHandlers(t.runtime.store),
      role: 'worker',
      concurrency: 1,
      log: () => {},
    });
    try {
      const r = await t.call('GET', '/api/health');
      expect(r.statusCode).toBe(200);
      expect(r.json().checks.jobs).toMatchObject({ ok: true, driver: 'embedded', workers: [{ role: 'worker' }] });
    } finally {
      await worker.stop();
    }
    expect((await t.call('GET', '/api/health')).statusCode).toBe(503);
  });
});

describe('OpenAPI', () => {
  it('documents every API route', async () => {
    const doc = (await t.call('GET', '/api/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    const expected = t.routes
      .filter((r) => !r.url.startsWith('/api/docs') && r.url !== '/api/openapi.json')
      .map((r) => `${r.method} ${r.url}`);
    expect(documented.sort()).toEqual(expected.sort());
    expect((await t.call('GET', '/api/docs/')).statusCode).toBe(200);
  });
});
