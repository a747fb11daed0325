// The editorial charter through the API: members read it, managers write it as versions (stale saves refused,
// audited), a post's detail lists what the charter says of it, and a blocking finding refuses approval — on
// SQLite and, when ROSTRA_TEST_DATABASE_URL is set, PostgreSQL.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDialects } from '@rostra/store/testing';
import { addMember, createTestApp, setUp, type Caller, type TestApp } from './helpers/test-app.js';

const CHARTER = {
  tone: 'Chaleureux, précis',
  wordsToAvoid: [
    { word: 'administré', replacement: 'habitant', level: 'blocking', explanation: 'On parle à des habitants' },
    { word: 'impactant', replacement: 'marquant', level: 'warning' },
  ],
  accessibility: { camelCaseHashtags: { level: 'advice', minLength: 8, known: ['#MaVille'] } },
};

describe.each(testDialects)('editorial charter API on %s', (dialect) => {
  let t: TestApp;
  let admin: Caller;
  let workspaceId: string;
  let channelId: string;
  const charterUrl = () => `/api/workspaces/${workspaceId}/charter`;
  const postsUrl = (path = '') => `/api/workspaces/${workspaceId}/posts${path}`;

  beforeEach(async () => {
    t = await createTestApp(dialect);
    ({ admin, workspaceId } = await setUp(t));
    const channel = await t.call('POST', `/api/workspaces/${workspaceId}/channels`, {
      as: admin,
      body: { network: 'testnet', credentials: { handle: 'villedelyon', password: 'xxxx-yyyy-zzzz-wwww' } },
    });
    channelId = channel.json().id;
  });
  afterEach(async () => {
    await t.close();
  });

  it('reads the empty charter, then saves versions; a save from a stale version is refused', async () => {
    const empty = await t.call('GET', charterUrl(), { as: admin });
    expect(empty.json()).toMatchObject({ version: 0, updatedAt: null, charter: { wordsToAvoid: [] } });
    const saved = await t.call('PUT', charterUrl(), { as: admin, body: { charter: CHARTER, version: 0 } });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ version: 1, charter: { tone: 'Chaleureux, précis' } });
    // Defaults filled in: the response policy never deletes.
    expect(saved.json().charter.responsePolicy.neverDelete).toBe(true);
    const stale = await t.call('PUT', charterUrl(), { as: admin, body: { charter: { tone: 'Perdu' }, version: 0 } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('conflict');
    expect((await t.call('GET', charterUrl(), { as: admin })).json().charter.tone).toBe('Chaleureux, précis');
    const versions = await t.call('GET', `${charterUrl()}/versions`, { as: admin });
    expect(versions.json().items.map((v: { version: number }) => v.version)).toEqual([1]);
    const audit = await t.call('GET', `/api/workspaces/${workspaceId}/audit?action=charter.updated`, { as: admin });
    expect(audit.statusCode).toBe(200);
    const entries = audit.json().items as Array<{ action: string; details: { version: number; changed: string[] } }>;
    expect(entries.find((e) => e.action === 'charter.updated')?.details).toMatchObject({
      version: 1,
      changed: expect.arrayContaining(['tone', 'wordsToAvoid', 'accessibility']),
    });
  });

  it('refuses an invalid charter, saying where', async () => {
    const bad = await t.call('PUT', charterUrl(), {
      as: admin,
      body: { charter: { wordsToAvoid: [{ word: 'x', level: 'fatal' }] }, version: 0 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues[0].path).toBe('body.charter.wordsToAvoid.0.level');
  });

  it('lets every member read it and only managers and admins write it', async () => {
    const { caller: viewer } = await addMember(t, admin, workspaceId, 'lecteur@lyon.fr', 'viewer');
    const { caller: cm } = await addMember(t, admin, workspaceId, 'cm@lyon.fr', 'community_manager');
    const { caller: manager } = await addMember(t, admin, workspaceId, 'dircom@lyon.fr', 'manager');
    expect((await t.call('GET', charterUrl(), { as: viewer })).statusCode).toBe(200);
    const body = { charter: CHARTER, version: 0 };
    expect((await t.call('PUT', charterUrl(), { as: viewer, body })).statusCode).toBe(403);
    expect((await t.call('PUT', charterUrl(), { as: cm, body })).statusCode).toBe(403);
    expect((await t.call('PUT', charterUrl(), { as: manager, body })).statusCode).toBe(200);
  });

  it('keeps one workspace’s charter from another workspace’s members', async () => {
    await t.call('PUT', charterUrl(), { as: admin, body: { charter: CHARTER, version: 0 } });
    const other = await t.call('POST', '/api/workspaces', { as: admin, body: { name: 'Client B' } });
    const otherId = other.json().id as string;
    const { caller: outsider } = await addMember(t, admin, otherId, 'client-b@agence.fr', 'admin');
    const read = await t.call('GET', charterUrl(), { as: outsider });
    expect(read.statusCode).toBe(404);
    expect(read.body).not.toContain('administré');
    const write = await t.call('PUT', charterUrl(), { as: outsider, body: { charter: {}, version: 1 } });
    expect(write.statusCode).toBe(404);
    // Their own workspace has its own (empty) charter.
    expect((await t.call('GET', `/api/workspaces/${otherId}/charter`, { as: outsider })).json().version).toBe(0);
  });

  it('lists the findings with a post; a blocking one refuses approval until the text is fixed', async () => {
    await t.call('PUT', charterUrl(), { as: admin, body: { charter: CHARTER, version: 0 } });
    const { caller: manager } = await addMember(t, admin, workspaceId, 'dircom@lyon.fr', 'manager');
    const created = await t.call('POST', postsUrl(), {
      as: admin,
      body: { text: 'Chers administrés, un projet impactant #maville', channels: [{ channelId }] },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    const findings = created.json().charterFindings as Array<{ rule: string; level: string; fix?: string }>;
    expect(findings.map((f) => [f.rule, f.level, f.fix])).toEqual([
      ['word_to_avoid', 'blocking', 'habitants'],
      ['word_to_avoid', 'warning', 'marquant'],
      ['hashtag_camel_case', 'advice', '#MaVille'],
    ]);
    // Submitting is allowed: the approver sees the findings and why.
    expect((await t.call('POST', postsUrl(`/${id}/submit`), { as: admin, body: {} })).json().status).toBe('in_review');
    const refused = await t.call('POST', postsUrl(`/${id}/approve`), { as: manager, body: {} });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('charter_blocked');
    expect(refused.json().details.findings).toEqual([
      expect.objectContaining({ rule: 'word_to_avoid', level: 'blocking', channelId, params: expect.any(Object) }),
    ]);
    expect((await t.call('GET', postsUrl(`/${id}`), { as: manager })).json().status).toBe('in_review');

    await t.call('POST', postsUrl(`/${id}/reject`), { as: manager, body: {} });
    await t.call('PATCH', postsUrl(`/${id}`), {
      as: admin,
      body: { text: 'Chers habitants, un projet impactant #MaVille' },
    });
    await t.call('POST', postsUrl(`/${id}/submit`), { as: admin, body: {} });
    const approved = await t.call('POST', postsUrl(`/${id}/approve`), { as: manager, body: {} });
    expect(approved.statusCode).toBe(200);
    expect(approved.json().status).toBe('approved');
  });

  it('checks the first comment too, saying so; a blocking word in it refuses approval', async () => {
    await t.call('PUT', charterUrl(), { as: admin, body: { charter: CHARTER, version: 0 } });
    const { caller: manager } = await addMember(t, admin, workspaceId, 'dircom@lyon.fr', 'manager');
    const created = await t.call('POST', postsUrl(), {
      as: admin,
      body: {
        text: 'La piscine rouvre samedi.',
        channels: [{ channelId, firstComment: 'Merci aux administrés pour leur patience.' }],
      },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    expect(created.json().charterFindings).toEqual([
      expect.objectContaining({
        rule: 'word_to_avoid',
        level: 'blocking',
        part: 'first_comment',
        range: { start: 10, end: 21 },
        fix: 'habitants',
      }),
    ]);
    await t.call('POST', postsUrl(`/${id}/submit`), { as: admin, body: {} });
    const refused = await t.call('POST', postsUrl(`/${id}/approve`), { as: manager, body: {} });
    expect(refused.json().code).toBe('charter_blocked');
    expect(refused.json().details.findings).toEqual([expect.objectContaining({ part: 'first_comment' })]);
  });

  it('holds blocking rules when a workspace schedules without approval', async () => {
    await t.call('PUT', charterUrl(), { as: admin, body: { charter: CHARTER, version: 0 } });
    await t.call('PATCH', `/api/workspaces/${workspaceId}`, { as: admin, body: { approvalRequired: false } });
    const created = await t.call('POST', postsUrl(), {
      as: admin,
      body: { text: 'Aux administrés', channels: [{ channelId }] },
    });
    const refused = await t.call('POST', postsUrl(`/${created.json().id}/schedule`), {
      as: admin,
      body: { scheduledAt: '2030-01-01T10:00:00Z' },
    });
    expect(refused.json().code).toBe('charter_blocked');
  });
});
