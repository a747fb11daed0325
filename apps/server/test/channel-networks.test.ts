// GET …/channels says which networks can be connected and the fields each connector declares, so the web app's
// connection form asks for exactly what the server reads.
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Connector } from '@rostra/connectors';
import { createTestApp, setUp, type Caller, type TestApp } from './helpers/test-app.js';
import { createTestNetwork } from './helpers/fake-network.js';

let t: TestApp;
let admin: Caller;
let workspaceId: string;

const declared: Connector = {
  ...createTestNetwork('declared').connector,
  connectFields: [
    { name: 'instance', required: true, description: 'the server', input: 'text', placeholder: 'ex.org', oauth: true },
    { name: 'token', required: true, description: 'a token', input: 'secret', aliases: ['accessToken'] },
  ],
};
const oauthOnly: Connector = {
  ...createTestNetwork('oauthonly').connector,
  connect: undefined,
  connectFields: undefined,
};

beforeEach(async () => {
  t = await createTestApp('sqlite', {}, { connectors: [createTestNetwork().connector, declared, oauthOnly] });
  ({ admin, workspaceId } = await setUp(t));
});
afterEach(async () => {
  await t.close();
});

it('lists each network with the fields its connector declares, null when it takes free pairs', async () => {
  const list = await t.call('GET', `/api/workspaces/${workspaceId}/channels`, { as: admin });
  expect(list.statusCode).toBe(200);
  const networks = (list.json() as { networks: Array<{ network: string; fields: unknown; configured: boolean }> })
    .networks;
  // Networks whose app is not configured are listed too (instagram.test.ts): here, the ones offered.
  const offered = networks.filter((offer) => offer.configured);
  expect(Object.fromEntries(offered.map((offer) => [offer.network, offer.fields]))).toEqual({
    testnet: null,
    declared: [
      { name: 'instance', required: true, input: 'text', placeholder: 'ex.org', oauth: true },
      { name: 'token', required: true, input: 'secret', placeholder: null, oauth: false },
    ],
    oauthonly: [],
  });
});
