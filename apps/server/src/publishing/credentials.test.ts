// Token refresh never silently disconnects a channel: only a refusal by the network does.
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConnectorError, type ChannelCredentials, type Connector } from '@rostra/connectors';
import { createStore, openDatabase, type Store } from '@rostra/store';
import { createTestDatabase, type TestDatabase } from '@rostra/store/testing';
import { createSecretBox } from '../secrets.js';
import { createCredentialKeeper, REFRESH_JOB, sealCredentials } from './credentials.js';

let db: TestDatabase;
let store: Store;
let clock: number;
const secrets = createSecretBox(randomBytes(32));
let refreshOutcomes: Array<ConnectorError | 'ok'>;

const connector: Connector = {
  network: 'fake',
  auth: 'app-password',
  async refresh(credentials: ChannelCredentials) {
    const outcome = refreshOutcomes.shift() ?? 'ok';
    if (outcome !== 'ok') throw outcome;
    return { data: { ...credentials.data, access: `${credentials.data.access}+` }, expiresAt: clock + 2 * 3600_000 };
  },
};

beforeEach(async () => {
  db = await createTestDatabase('sqlite');
  store = createStore(openDatabase({ databaseUrl: undefined, dataDir: db.dataDir }));
  await store.migrate();
  clock = Date.UTC(2026, 10, 23, 9, 0);
  refreshOutcomes = [];
});
afterEach(async () => {
  await store.close();
  await db.drop();
});

async function channelExpiringIn(ms: number) {
  const org = await store.accounts.createOrganisation('O');
  const ws = await store.accounts.createWorkspace({ organisationId: org.id, name: 'W', timezone: 'UTC' });
  const channel = await store.channels.upsert({
    workspaceId: ws.id,
    network: 'fake',
    name: '@c',
    accountId: 'a',
    sealedCredentials: 'pending',
    credentialsExpiresAt: clock + ms,
    createdBy: null,
  });
  const credentials = { data: { access: 'v1', refresh: 'r1' }, expiresAt: clock + ms };
  await store.channels.updateCredentials(channel.id, sealCredentials(secrets, channel.id, credentials), clock + ms);
  return channel;
}

function keeper() {
  return createCredentialKeeper({ store, secrets, connectors: [connector], now: () => clock });
}

describe('credential keeper', () => {
  it('refreshes channels about to expire, and leaves the others alone', async () => {
    const soon = await channelExpiringIn(10 * 60_000);
    const later = await channelExpiringIn(5 * 3600_000);
    await keeper().handlers[REFRESH_JOB]?.({}, { jobId: 'j', attempt: 1, workerId: 'w' });
    expect((await keeper().open(soon.id))?.data.access).toBe('v1+');
    expect((await keeper().open(later.id))?.data.access).toBe('v1');
    expect((await store.channels.get(soon.workspaceId, soon.id))?.credentialsExpiresAt).toBe(clock + 2 * 3600_000);
  });

  it('keeps the channel connected when the network is down, and says so', async () => {
    const channel = await channelExpiringIn(60_000);
    refreshOutcomes.push(new ConnectorError('fake', 'unavailable', 'HTTP 503'));
    const used = await keeper().fresh(channel);
    expect(used?.data.access).toBe('v1');
    expect(await store.channels.get(channel.workspaceId, channel.id)).toMatchObject({
      status: 'active',
      lastError: 'Token refresh failed (will retry): HTTP 503',
    });
    // The next success clears the warning.
    await keeper().fresh(
      (await store.channels.get(channel.workspaceId, channel.id)) as NonNullable<
        Awaited<ReturnType<Store['channels']['get']>>
      >,
    );
    expect(await store.channels.get(channel.workspaceId, channel.id)).toMatchObject({
      status: 'active',
      lastError: null,
    });
  });

  it('asks for reconnection only when the network refuses the refresh', async () => {
    const channel = await channelExpiringIn(60_000);
    refreshOutcomes.push(new ConnectorError('fake', 'auth_expired', 'refresh token revoked'));
    await expect(keeper().fresh(channel)).rejects.toThrow('refresh token revoked');
    expect(await store.channels.get(channel.workspaceId, channel.id)).toMatchObject({
      status: 'needs_reconnect',
      lastError: 'refresh token revoked',
    });
  });
});
