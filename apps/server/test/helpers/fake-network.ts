// A stand-in network for tests about Rostra's own rules (access, workflow, validation), where the network
// is not what is being tested. Connector tests run against real servers or documented fakes instead.
import { ConnectorError, type Connector, type PublishRequest } from '@rostra/connectors';

export function createTestNetwork(network = 'testnet') {
  const published: PublishRequest[] = [];
  const connector: Connector = {
    network,
    auth: 'app-password',
    async connect(input) {
      if (!input.handle || input.password !== 'xxxx-yyyy-zzzz-wwww') {
        throw new ConnectorError(network, 'auth_expired', 'Wrong handle or app password');
      }
      return { accountId: `acct:${input.handle}`, name: `@${input.handle}`, credentials: { data: { token: 't' } } };
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
