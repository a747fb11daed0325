// Sources that search as a connected channel: the channel must be of the workspace and the network, the worker
// lends its credentials to the search, and a channel that needs reconnecting fails the source (`auth_expired`)
// instead of searching anonymously and quietly finding less.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '@rostra/store/testing';
import { createTestApp, setUp, type Caller, type TestApp } from './helpers/test-app.js';
import { createTestNetwork } from './helpers/fake-network.js';
import { createListeningWorker } from '../src/listening/worker.js';
import { LISTEN_POLL_JOB } from '../src/listening/sources.js';

const context = { jobId: 'test', attempt: 1, workerId: 'test' };

describe.each(testDialects)('sources searching as a channel on %s', (dialect) => {
  const net = createTestNetwork();
  const other = createTestNetwork('othernet');
  let t: TestApp;
  let admin: Caller;
  let ws: string;
  let channelId: string;
  let otherChannelId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect, {}, { connectors: [net.connector, other.connector] });
    ({ admin, workspaceId: ws } = await setUp(t));
    const connect = async (network: string) =>
      (
        await t.call('POST', `/api/workspaces/${ws}/channels`, {
          as: admin,
          body: { network, credentials: { handle: 'ville', password: 'xxxx-yyyy-zzzz-wwww' } },
        })
      ).json().id as string;
    channelId = await connect('testnet');
    otherChannelId = await connect('othernet');
  });

  afterAll(async () => {
    await t?.close();
  });

  const addSource = (body: Record<string, unknown>) =>
    t.call('POST', `/api/workspaces/${ws}/listening/sources`, {
      as: admin,
      body: { network: 'testnet', kind: 'search', config: { q: 'lyon' }, ...body },
    });

  it('takes only a channel of the same workspace and network, naming body.channelId otherwise', async () => {
    const wrongNetwork = await addSource({ channelId: otherChannelId });
    expect(wrongNetwork.statusCode).toBe(400);
    expect(wrongNetwork.json().details.issues).toEqual([
      {
        path: 'body.channelId',
        code: 'source_channel_network',
        params: { channelNetwork: 'othernet', network: 'testnet' },
        message: 'The channel is on othernet, the source on testnet',
      },
    ]);
    const unknown = await addSource({ channelId: '0190a0a0-0000-7000-8000-000000000000' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().details.issues[0]).toMatchObject({ path: 'body.channelId', code: 'unknown_channel' });
  });

  it('lends the channel credentials to the search, and fails the source when the channel needs reconnecting', async () => {
    const signedIn = await addSource({ channelId, label: 'Lyon (compte de la ville)' });
    expect(signedIn.statusCode).toBe(201);
    expect(signedIn.json().channelId).toBe(channelId);
    const anonymous = await addSource({ config: { q: 'villeurbanne' } });
    expect(anonymous.json().channelId).toBeNull();

    const worker = createListeningWorker({ runtime: t.runtime });
    await worker.handlers[LISTEN_POLL_JOB]!(undefined, context);
    const byQuery = new Map(net.searches.map((spec) => [spec.config.q, spec]));
    expect(byQuery.get('lyon')?.credentials).toEqual({ data: { token: 't' } });
    expect(byQuery.get('villeurbanne')?.credentials).toBeUndefined();

    // Health compares the last error's and the last success's times (to the millisecond): the failure comes later.
    await new Promise((resolve) => setTimeout(resolve, 3));
    await t.runtime.store.channels.setStatus(channelId, 'needs_reconnect', 'Token revoked');
    const before = net.searches.length;
    const source = await t.runtime.store.listening.getSource(ws, signedIn.json().id);
    expect(await worker.pollNow(source!)).toMatchObject({ status: 'failed', code: 'auth_expired' });
    expect(net.searches.length).toBe(before);
    const health = (await t.call('GET', `/api/workspaces/${ws}/listening/sources`, { as: admin }))
      .json()
      .items.find((item: { id: string }) => item.id === signedIn.json().id);
    expect(health.health).toMatchObject({ status: 'failing', lastErrorCode: 'auth_expired' });

    // Detached from the channel, the source searches anonymously again.
    const detached = await t.call('PATCH', `/api/workspaces/${ws}/listening/sources/${signedIn.json().id}`, {
      as: admin,
      body: { channelId: null },
    });
    expect(detached.json().channelId).toBeNull();
  });
});
