// Composing, validating, the approval workflow and scheduling through the API; a worker then publishes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addMember, createTestApp, setUp, type Caller, type TestApp } from './helpers/test-app.js';
import { createTestNetwork } from './helpers/fake-network.js';
import { startWorker } from '../src/jobs/worker.js';
import { createPublishingEngine } from '../src/publishing/engine.js';

let t: TestApp;
let network: ReturnType<typeof createTestNetwork>;
let admin: Caller;
let workspaceId: string;
let channelId: string;

beforeEach(async () => {
  network = createTestNetwork();
  t = await createTestApp('sqlite', {}, { connectors: [network.connector] });
  ({ admin, workspaceId } = await setUp(t));
  const channel = await t.call('POST', `/api/workspaces/${workspaceId}/channels`, {
    as: admin,
    body: { network: 'testnet', credentials: { handle: 'villedelyon', password: 'xxxx-yyyy-zzzz-wwww' } },
  });
  expect(channel.statusCode).toBe(201);
  channelId = channel.json().id;
});
afterEach(async () => {
  await t.close();
});

const url = (path = '') => `/api/workspaces/${workspaceId}/posts${path}`;

describe('channels', () => {
  it('connects with an app password, keeps credentials out of every answer, and says which networks exist', async () => {
    const list = await t.call('GET', `/api/workspaces/${workspaceId}/channels`, { as: admin });
    expect(list.json()).toMatchObject({
      items: [{ id: channelId, network: 'testnet', name: '@villedelyon', status: 'active' }],
    });
    // Every network is listed, those whose app an administrator has not configured too (with the steps).
    expect(list.json().networks).toContainEqual(
      expect.objectContaining({ network: 'testnet', auth: 'app-password', canPublish: true, configured: true }),
    );
    expect(list.body).not.toContain('xxxx-yyyy-zzzz-wwww');
    const sealed = await t.runtime.store.channels.getSealedCredentials(channelId);
    expect(sealed).toMatch(/^v1:/);
    expect(sealed).not.toContain('"token"');

    const wrong = await t.call('POST', `/api/workspaces/${workspaceId}/channels`, {
      as: admin,
      body: { network: 'testnet', credentials: { handle: 'x', password: 'nope' } },
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().code).toBe('channel_refused');
    const unknown = await t.call('POST', `/api/workspaces/${workspaceId}/channels`, {
      as: admin,
      body: { network: 'myspace', credentials: {} },
    });
    expect(unknown.json().details.issues[0].path).toBe('body.network');
  });
});

describe('OAuth connections', () => {
  async function start(as: Caller): Promise<string> {
    const started = await t.call('POST', `/api/workspaces/${workspaceId}/channels/oauth`, {
      as,
      body: { network: 'testnet', fields: { handle: 'mairie' } },
    });
    expect(started.statusCode).toBe(200);
    const url = new URL(started.json().url as string);
    expect(url.searchParams.get('redirect_uri')).toBe('http://rostra.test/api/oauth/callback');
    return url.searchParams.get('state') as string;
  }

  it('connects through the network and back, once per state, and keeps the refresh token on reconnect', async () => {
    const state = await start(admin);
    const back = await t.call('GET', `/api/oauth/callback?state=${state}&code=good-code`, { as: admin });
    expect(back.statusCode).toBe(302);
    const connectedId = new URL(back.headers.location as string, 'http://x').searchParams.get('connected');
    const channels = (await t.call('GET', `/api/workspaces/${workspaceId}/channels`, { as: admin })).json();
    expect(channels.items.find((c: { id: string }) => c.id === connectedId)).toMatchObject({
      name: '@mairie',
      status: 'active',
    });
    expect(channels.networks[0].methods).toEqual(['password', 'oauth']);

    const replay = await t.call('GET', `/api/oauth/callback?state=${state}&code=good-code`, { as: admin });
    expect(replay.headers.location).toBe('/?oauthError=not_found');

    // Reconnecting: the network sends no refresh token this time; the stored one is kept.
    const again = await start(admin);
    await t.call('GET', `/api/oauth/callback?state=${again}&code=good-code`, { as: admin });
    const credentials = await t.runtime.store.channels.getSealedCredentials(connectedId as string);
    const opened = JSON.parse(t.runtime.secrets.decrypt(credentials as string, `channel:${connectedId}`)) as {
      data: Record<string, string>;
    };
    expect(opened.data).toEqual({ token: 'access-2', refreshToken: 'refresh-1' });
  });

  it('refuses a callback from another person, a refused code, or a forged state', async () => {
    const { caller: other } = await addMember(t, admin, workspaceId, 'other@lyon.fr', 'manager');
    const state = await start(admin);
    expect(
      (await t.call('GET', `/api/oauth/callback?state=${state}&code=good-code`, { as: other })).headers.location,
    ).toBe('/?oauthError=forbidden');
    const second = await start(admin);
    expect((await t.call('GET', `/api/oauth/callback?state=${second}&code=bad`, { as: admin })).headers.location).toBe(
      '/?oauthError=channel_refused',
    );
    expect(
      (await t.call('GET', `/api/oauth/callback?state=forged&code=good-code`, { as: admin })).headers.location,
    ).toBe('/?oauthError=not_found');
    expect((await t.call('GET', `/api/oauth/callback?error=access_denied`, { as: admin })).headers.location).toBe(
      '/?oauthError=access_denied',
    );
  });
});

describe('posts', () => {
  it('lists each network rule a draft breaks, with the channel and the excess', async () => {
    const created = await t.call('POST', url(), {
      as: admin,
      body: { text: 'x'.repeat(130), channels: [{ channelId }] },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      status: 'draft',
      targets: [{ channelId, status: 'pending' }],
      violations: [{ channelId, network: 'testnet', rule: 'max_length', excess: 30 }],
    });
    const fixed = await t.call('PATCH', url(`/${created.json().id}`), {
      as: admin,
      body: { channels: [{ channelId, text: 'Version courte pour ce réseau 🎄' }] },
    });
    expect(fixed.json().violations).toEqual([]);
    expect(fixed.json().targets[0].text).toBe('Version courte pour ce réseau 🎄');
  });

  it('refuses channels, themes and owners from another workspace, naming the field', async () => {
    const other = await t.call('POST', '/api/workspaces', { as: admin, body: { name: 'Autre' } });
    const foreign = await t.call('POST', `/api/workspaces/${other.json().id}/channels`, {
      as: admin,
      body: { network: 'testnet', credentials: { handle: 'autre', password: 'xxxx-yyyy-zzzz-wwww' } },
    });
    const response = await t.call('POST', url(), {
      as: admin,
      body: { text: 'Hop', channels: [{ channelId: foreign.json().id }], themeId: 'nope', ownerId: 'nobody' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().details.issues.map((i: { path: string }) => i.path)).toEqual([
      'body.channels.0.channelId',
      'body.themeId',
      'body.ownerId',
    ]);
    expect((await t.call('GET', url(), { as: admin })).json().items).toEqual([]);
  });

  it('goes through review: a contributor proposes, a manager approves, a community manager schedules', async () => {
    const { caller: contributor } = await addMember(t, admin, workspaceId, 'agent@lyon.fr', 'contributor');
    const { caller: cm } = await addMember(t, admin, workspaceId, 'cm@lyon.fr', 'community_manager');
    const { caller: manager } = await addMember(t, admin, workspaceId, 'dircom@lyon.fr', 'manager');
    const draft = await t.call('POST', url(), {
      as: contributor,
      body: { text: 'Les inscriptions au marathon sont ouvertes !', channels: [{ channelId }] },
    });
    const id = draft.json().id as string;
    expect(
      (await t.call('POST', url(`/${id}/schedule`), { as: cm, body: { scheduledAt: '2030-01-01T10:00:00Z' } })).json()
        .code,
    ).toBe('invalid_transition');
    expect((await t.call('POST', url(`/${id}/submit`), { as: contributor, body: {} })).json().status).toBe('in_review');
    expect((await t.call('POST', url(`/${id}/approve`), { as: contributor, body: {} })).statusCode).toBe(403);
    expect((await t.call('POST', url(`/${id}/approve`), { as: cm, body: {} })).statusCode).toBe(403);
    await t.call('POST', url(`/${id}/comments`), { as: manager, body: { text: 'Ajoutez le lien d’inscription ?' } });
    expect((await t.call('POST', url(`/${id}/approve`), { as: manager, body: {} })).json().status).toBe('approved');
    // The contributor cannot change an approved post behind the reviewer's back.
    expect((await t.call('PATCH', url(`/${id}`), { as: contributor, body: { text: 'Modifié' } })).statusCode).toBe(403);
    const scheduled = await t.call('POST', url(`/${id}/schedule`), {
      as: cm,
      body: { scheduledAt: '2030-01-01T10:00:00+01:00' },
    });
    expect(scheduled.json()).toMatchObject({
      status: 'scheduled',
      scheduledAt: '2030-01-01T09:00:00.000Z',
      targets: [{ status: 'scheduled', dueAt: '2030-01-01T09:00:00.000Z' }],
    });
    expect((await t.call('PATCH', url(`/${id}`), { as: cm, body: { text: 'Trop tard' } })).json().code).toBe(
      'not_editable',
    );
    expect((await t.call('DELETE', url(`/${id}`), { as: admin })).json().code).toBe('not_editable');
    const comments = await t.call('GET', url(`/${id}/comments`), { as: contributor });
    expect(comments.json().items.map((c: { authorName: string }) => c.authorName)).toEqual(['dircom']);
    const unscheduled = await t.call('POST', url(`/${id}/unschedule`), { as: cm, body: {} });
    expect(unscheduled.json()).toMatchObject({ status: 'approved', targets: [{ status: 'pending' }] });
  });

  it('lets a workspace without approval schedule drafts directly, but never a post that breaks a rule', async () => {
    await t.call('PATCH', `/api/workspaces/${workspaceId}`, { as: admin, body: { approvalRequired: false } });
    const long = await t.call('POST', url(), { as: admin, body: { text: 'y'.repeat(120), channels: [{ channelId }] } });
    const refused = await t.call('POST', url(`/${long.json().id}/schedule`), {
      as: admin,
      body: { scheduledAt: '2030-01-01T10:00:00Z' },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({
      code: 'post_invalid',
      details: { violations: [{ rule: 'max_length', excess: 20 }] },
    });
    expect((await t.call('GET', url(`/${long.json().id}`), { as: admin })).json().status).toBe('draft');
    const ok = await t.call('POST', url(), { as: admin, body: { text: 'Court', channels: [{ channelId }] } });
    expect(
      (
        await t.call('POST', url(`/${ok.json().id}/schedule`), {
          as: admin,
          body: { scheduledAt: '2030-01-01T10:00:00Z' },
        })
      ).json().status,
    ).toBe('scheduled');
  });

  it('publishes a scheduled post through a worker, exactly once, and shows where', async () => {
    await t.call('PATCH', `/api/workspaces/${workspaceId}`, { as: admin, body: { approvalRequired: false } });
    const post = await t.call('POST', url(), {
      as: admin,
      body: { text: 'Bonne année à toutes et à tous !', channels: [{ channelId }] },
    });
    const id = post.json().id as string;
    const past = new Date(Date.now() - 60_000).toISOString();
    await t.call('POST', url(`/${id}/schedule`), { as: admin, body: { scheduledAt: past } });
    const engine = createPublishingEngine({
      store: t.runtime.store,
      secrets: t.runtime.secrets,
      queue: t.runtime.queue,
      connectors: t.runtime.connectors,
    });
    const worker = await startWorker({
      store: t.runtime.store,
      queue: t.runtime.queue,
      handlers: engine.handlers,
      role: 'worker',
      concurrency: 2,
      periodic: [],
      log: () => {},
    });
    try {
      const started = Date.now();
      let body = (await t.call('GET', url(`/${id}`), { as: admin })).json();
      while (body.status !== 'published' && Date.now() - started < 10_000) {
        await new Promise((r) => setTimeout(r, 50));
        body = (await t.call('GET', url(`/${id}`), { as: admin })).json();
      }
      expect(body).toMatchObject({ status: 'published', targets: [{ status: 'published', attempts: 1 }] });
      expect(body.targets[0].publishedUrl).toMatch(/^https:\/\/testnet\.example\//);
      expect(network.published.map((p) => p.text)).toEqual(['Bonne année à toutes et à tous !']);
    } finally {
      await worker.stop();
    }
    const list = await t.call('GET', `${url()}?status=published`, { as: admin });
    expect(list.json().items.map((p: { id: string }) => p.id)).toEqual([id]);
  });

  it('takes the actions whose body is optional with no body, or with an empty JSON body', async () => {
    const noBody = (path: string) => t.call('POST', path, { as: admin });
    const emptyJson = (path: string) =>
      t.call('POST', path, { as: admin, rawBody: '', headers: { 'content-type': 'application/json' } });
    const created = await t.call('POST', url(), {
      as: admin,
      body: { text: 'Vide-grenier dimanche', channels: [{ channelId }], scheduledAt: '2030-01-01T10:00:00Z' },
    });
    const id = created.json().id as string;
    const steps: Array<[typeof noBody, string, string]> = [
      [noBody, 'submit', 'in_review'],
      [emptyJson, 'reject', 'draft'],
      [emptyJson, 'submit', 'in_review'],
      [noBody, 'approve', 'approved'],
      [emptyJson, 'schedule', 'scheduled'],
      [noBody, 'unschedule', 'approved'],
      [noBody, 'schedule', 'scheduled'],
      [emptyJson, 'unschedule', 'approved'],
      [emptyJson, 'approve', 'approved'],
    ];
    for (const [send, action, status] of steps.slice(0, -1)) {
      const response = await send(url(`/${id}/${action}`));
      expect(response.statusCode, `${action}: ${response.body}`).toBe(200);
      expect(response.json().status).toBe(status);
    }
    // Still checked by the workflow, not refused by the body parser.
    expect((await emptyJson(url(`/${id}/approve`))).json().code).toBe('invalid_transition');
    // A failed post goes back on the schedule without a body either way.
    await noBody(url(`/${id}/schedule`));
    for (const send of [noBody, emptyJson]) {
      await t.runtime.store.posts.forceStatus(id, 'failed');
      const [target] = await t.runtime.store.posts.targets(id);
      await t.runtime.store.deliveries.claim(target?.id as string, 'w', Date.parse('2030-01-01T10:00:00Z'), 1000);
      await t.runtime.store.deliveries.markFailed(target?.id as string, 'w', 'failed', 'rejected', 'non');
      const retried = await send(url(`/${id}/retry`));
      expect(retried.statusCode, retried.body).toBe(200);
      expect(retried.json().status).toBe('scheduled');
    }
    // reschedule needs its time: an absent body is a validation error, never a parse error.
    for (const send of [noBody, emptyJson]) {
      expect((await send(url(`/${id}/reschedule`))).json().code).toBe('validation_failed');
    }
    for (const send of [noBody, emptyJson]) {
      const marked = await send('/api/notifications/read-all');
      expect(marked.statusCode, marked.body).toBe(200);
    }
  });

  it('stores nothing when the body is bad', async () => {
    const bad = await t.call('POST', url(), { as: admin, body: { text: 42, channels: 'all' } });
    expect(bad.json().details.issues.map((i: { path: string }) => i.path)).toEqual(['body.text', 'body.channels']);
    const badDate = await t.call('POST', url(), {
      as: admin,
      body: { text: 'x', channels: [], scheduledAt: 'demain' },
    });
    expect(badDate.json().details.issues[0].path).toBe('body.scheduledAt');
    expect((await t.call('GET', url(), { as: admin })).json().items).toEqual([]);
  });
});
