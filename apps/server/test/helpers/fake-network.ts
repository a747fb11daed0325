// A stand-in network for tests about Rostra's own rules (access, workflow, validation), where the network
// is not what is being tested. Connector tests run against real servers or documented fakes instead.
import { ConnectorError, type Connector, type PublishRequest } from '@rostra/connectors';

export function createTestNetwork(network = 'testnet') {
  const published: PublishRequest[] = [];
  let authorisations = 0;
  const connector: Connector = {
    network,
    auth: 'app-password',
    async connect(input) {
      if (!input.handle || input.password !== 'xxxx-yyyy-zzzz-wwww') {
        throw new ConnectorError(network, 'auth_expired', 'Wrong handle or app password');
      }
      return { accountId: `acct:${input.handle}`, name: `@${input.handle}`, credentials: { data: { token: 't' } } };
    },
    oauth: {
      async start({ redirectUri, state, fields }) {
        const url = new URL(`https://${network}.example/oauth/authorize`);
        url.searchParams.set('state', state);
        url.searchParams.set('redirect_uri', redirectUri);
        return {
          url: url.toString(),
          pending: { verifier: `v-${state.slice(0, 6)}`, handle: fields.handle ?? 'oauth-user' },
        };
      },
      async finish({ code, pending }) {
        if (code !== 'good-code') throw new ConnectorError(network, 'auth_expired', 'The code was refused');
        authorisations += 1;
        // Like several real networks, the refresh token only comes with the first authorisation.
        const data: Record<string, string> = { token: `access-${authorisations}` };
        if (authorisations === 1) data.refreshToken = 'refresh-1';
        return { accountId: `acct:${pending.handle}`, name: `@${pending.handle}`, credentials: { data } };
      },
    },
    publisher: {
      idempotent: true,
      validate(request) {
        const length = [...new Intl.Segmenter().segment(request.text)].length;
        return length > 100
          ? [
              {
                network,
                rule: 'max_length',
                message: `${length - 100} characters too many (100 max)`,
                excess: length - 100,
              },
            ]
          : [];
      },
      async publish(_credentials, request) {
        if (!published.some((p) => p.idempotencyKey === request.idempotencyKey)) published.push(request);
        return {
          id: `${network}:${request.idempotencyKey}`,
          url: `https://${network}.example/${request.idempotencyKey}`,
        };
      },
    },
  };
  return { connector, published };
}
