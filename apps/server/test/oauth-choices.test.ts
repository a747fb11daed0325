// One OAuth login, several accounts (a member and the pages they run): the callback keeps them sealed and
// sends the person to pick; the pick connects the chosen ones, once, for that person only. On SQLite and,
// when ROSTRA_TEST_DATABASE_URL is set, on PostgreSQL.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDialects } from '@rostra/store/testing';
import { addMember, createTestApp, setUp, type Caller, type TestApp } from './helpers/test-app.js';
import { createTestNetwork } from './helpers/fake-network.js';

describe.each(testDialects)('choosing accounts after OAuth on %s', (dialect) => {
  let t: TestApp;
  let admin: Caller;
  let workspaceId: string;

  beforeEach(async () => {
    t = await createTestApp(dialect, {}, { connectors: [createTestNetwork().connector] });
    ({ admin, workspaceId } = await setUp(t));
  });
  afterEach(async () => {
    await t.close();
  });

  const choices = (token: string) => `/api/workspaces/${workspaceId}/channels/oauth/choices/${token}`;

  /** Logs in to the network with two pages; returns the choice token the callback redirected with. */
  async function login(as: Caller = admin): Promise<string> {
    const started = await t.call('POST', `/api/workspaces/${workspaceId}/channels/oauth`, {
      as,
      body: { network: 'testnet', fields: { handle: 'camille', pages: 'mairie,tourisme' } },
    });
    expect(started.statusCode).toBe(200);
    const state = new URL(started.json().url as string).searchParams.get('state');
    const back = await t.call('GET', `/api/oauth/callback?state=${state}&code=good-code`, { as });
    expect(back.statusCode).toBe(302);
    const location = new URL(back.headers.location as string, 'http://rostra.test');
    expect(location.pathname).toBe(`/w/${workspaceId}/channels`);
    return location.searchParams.get('choose') as string;
  }

  async function sealedData(channelId: string): Promise<Record<string, string>> {
    const sealed = await t.runtime.store.channels.getSealedCredentials(channelId);
    return (
      JSON.parse(t.runtime.secrets.decrypt(sealed as string, `channel:${channelId}`)) as {
        data: Record<string, string>;
      }
    ).data;
  }

  it('lists the offered accounts without credentials, connects the chosen ones once, and audits it', async () => {
    const token = await login();
    expect(token).toMatch(/.{20,}/);
    expect((await t.call('GET', `/api/workspaces/${workspaceId}/channels`, { as: admin })).json().items).toEqual([]);

    const offered = await t.call('GET', choices(token), { as: admin });
    expect(offered.statusCode).toBe(200);
    expect(offered.json()).toEqual({
      network: 'testnet',
      accounts: [
        { accountId: 'acct:camille', name: '@camille', connected: false },
        { accountId: 'page:mairie', name: 'Page mairie', connected: false },
        { accountId: 'page:tourisme', name: 'Page tourisme', connected: false },
      ],
    });
    expect(offered.body).not.toContain('token');
    expect(offered.body).not.toContain('page-mairie');

    const chosen = await t.call('POST', choices(token), {
      as: admin,
      body: { accountIds: ['page:mairie', 'page:tourisme'] },
    });
    expect(chosen.statusCode).toBe(201);
    expect(chosen.json().items.map((c: { name: string; status: string }) => [c.name, c.status])).toEqual([
      ['Page mairie', 'active'],
      ['Page tourisme', 'active'],
    ]);
    const mairie = chosen.json().items[0].id as string;
    expect(await sealedData(mairie)).toEqual({ token: 'page-mairie-1', refreshToken: 'r-mairie' });

    // Single use.
    expect((await t.call('GET', choices(token), { as: admin })).statusCode).toBe(404);
    const replay = await t.call('POST', choices(token), { as: admin, body: { accountIds: ['acct:camille'] } });
    expect(replay.statusCode).toBe(404);

    const audit = (await t.call('GET', `/api/workspaces/${workspaceId}/audit?limit=10`, { as: admin })).json().items;
    const actions = audit.map((entry: { action: string }) => entry.action);
    expect(actions.filter((a: string) => a === 'channel.connected')).toHaveLength(2);
    expect(actions).toContain('channel.oauth_choice_offered');
  });

  it('reconnecting a chosen page updates its credentials and keeps its refresh token', async () => {
    const first = await login();
    const created = await t.call('POST', choices(first), { as: admin, body: { accountIds: ['page:mairie'] } });
    const channelId = created.json().items[0].id as string;

    const second = await login();
    const offered = (await t.call('GET', choices(second), { as: admin })).json();
    expect(offered.accounts.find((a: { accountId: string }) => a.accountId === 'page:mairie').connected).toBe(true);
    const again = await t.call('POST', choices(second), { as: admin, body: { accountIds: ['page:mairie'] } });
    expect(again.json().items[0].id).toBe(channelId);
    // The network sent no refresh token the second time: the stored one is kept.
    expect(await sealedData(channelId)).toEqual({ token: 'page-mairie-2', refreshToken: 'r-mairie' });
    const list = (await t.call('GET', `/api/workspaces/${workspaceId}/channels`, { as: admin })).json().items;
    expect(list).toHaveLength(1);
  });

  it('says which account id is wrong, and keeps the choice usable after a mistake', async () => {
    const token = await login();
    const wrong = await t.call('POST', choices(token), {
      as: admin,
      body: { accountIds: ['page:mairie', 'page:ailleurs', 'page:mairie'] },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().code).toBe('validation_failed');
    expect(wrong.json().details.issues.map((i: { path: string }) => i.path)).toEqual([
      'body.accountIds.1',
      'body.accountIds.2',
    ]);
    const empty = await t.call('POST', choices(token), { as: admin, body: { accountIds: [] } });
    expect(empty.statusCode).toBe(400);
    const ok = await t.call('POST', choices(token), { as: admin, body: { accountIds: ['acct:camille'] } });
    expect(ok.statusCode).toBe(201);
  });

  it('is bound to the person who logged in and to the workspace, and refuses viewers', async () => {
    const token = await login();
    const { caller: other } = await addMember(t, admin, workspaceId, 'autre@lyon.fr', 'manager');
    expect((await t.call('GET', choices(token), { as: other })).statusCode).toBe(403);
    const stolen = await t.call('POST', choices(token), { as: other, body: { accountIds: ['page:mairie'] } });
    expect(stolen.statusCode).toBe(403);
    const { caller: viewer } = await addMember(t, admin, workspaceId, 'lecteur@lyon.fr', 'viewer');
    expect((await t.call('GET', choices(token), { as: viewer })).statusCode).toBe(403);

    const elsewhere = (await t.call('POST', '/api/workspaces', { as: admin, body: { name: 'Autre' } })).json().id;
    const crossed = await t.call('GET', `/api/workspaces/${elsewhere}/channels/oauth/choices/${token}`, { as: admin });
    expect(crossed.statusCode).toBe(404);
    expect((await t.call('GET', choices('forged'), { as: admin })).statusCode).toBe(404);
    // Still usable by its owner.
    expect(
      (await t.call('POST', choices(token), { as: admin, body: { accountIds: ['page:mairie'] } })).statusCode,
    ).toBe(201);
  });

  it('connects a single account at once, as before', async () => {
    const started = await t.call('POST', `/api/workspaces/${workspaceId}/channels/oauth`, {
      as: admin,
      body: { network: 'testnet', fields: { handle: 'seule' } },
    });
    const state = new URL(started.json().url as string).searchParams.get('state');
    const back = await t.call('GET', `/api/oauth/callback?state=${state}&code=good-code`, { as: admin });
    expect(back.headers.location).toMatch(new RegExp(`^/w/${workspaceId}/channels\\?connected=`));
  });
});
