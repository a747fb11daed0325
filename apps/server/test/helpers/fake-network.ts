// A stand-in network for tests about Rostra's own rules (access, workflow, validation), where the network
// is not what is being tested. Connector tests run against real servers or documented fakes instead.
import {
  ConnectorError,
  type Connector,
  type PublishRequest,
  type RuleViolation,
  type SourceSpec,
} from '@rostra/connectors';

export function createTestNetwork(network = 'testnet') {
  const published: PublishRequest[] = [];
  /** Every search the listening worker ran, with the credentials it lent (sources that search as a channel). */
  const searches: SourceSpec[] = [];
  /** What the next publish calls do, in order: throw the error, or succeed (undefined). */
  const failures: Array<ConnectorError | undefined> = [];
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
          pending: {
            verifier: `v-${state.slice(0, 6)}`,
            handle: fields.handle ?? 'oauth-user',
            ...(fields.pages ? { pages: fields.pages } : {}),
          },
        };
      },
      async finish({ code, pending }) {
        if (code !== 'good-code') throw new ConnectorError(network, 'auth_expired', 'The code was refused');
        authorisations += 1;
        // `pages: "a,b"`: one login, several accounts (the person and the pages they run), as LinkedIn or Facebook.
        if (pending.pages) {
          return [
            { accountId: `acct:${pending.handle}`, name: `@${pending.handle}`, credentials: { data: { token: 'p' } } },
            ...pending.pages.split(',').map((page) => ({
              accountId: `page:${page}`,
              name: `Page ${page}`,
              credentials: {
                data: {
                  token: `page-${page}-${authorisations}`,
                  ...(authorisations === 1 ? { refreshToken: `r-${page}` } : {}),
                },
              },
            })),
          ];
        }
        // Like several real networks, the refresh token only comes with the first authorisation.
        const data: Record<string, string> = { token: `access-${authorisations}` };
        if (authorisations === 1) data.refreshToken = 'refresh-1';
        return { accountId: `acct:${pending.handle}`, name: `@${pending.handle}`, credentials: { data } };
      },
    },
    publisher: {
      idempotent: true,
      // Threads and first comments as replies to self, split at 100 graphemes like the text rule below.
      thread: { maxLength: () => 100, count: (text) => [...new Intl.Segmenter().segment(text)].length },
      validate(request) {
        const length = [...new Intl.Segmenter().segment(request.text)].length;
        const violations: RuleViolation[] =
          length > 100
            ? [
                {
                  network,
                  rule: 'max_length',
                  message: `${length - 100} characters too many (100 max)`,
                  excess: length - 100,
                },
              ]
            : [];
        const media = request.media ?? [];
        if (media.length > 2) {
          violations.push({
            network,
            rule: 'too_many_media',
            message: `${network} takes 2 media; this post has ${media.length}`,
            excess: media.length - 2,
          });
        }
        media.forEach((item, i) => {
          if (!item.mimeType.startsWith('image/')) {
            violations.push({
              network,
              rule: 'media_type_unsupported',
              message: `Media ${i + 1}: no ${item.mimeType}`,
            });
          }
          if (item.data.byteLength > 1000) {
            violations.push({
              network,
              rule: 'media_too_large',
              message: `Media ${i + 1}: ${item.data.byteLength} bytes, 1000 max`,
              excess: item.data.byteLength - 1000,
            });
          }
          if (item.alt.trim() === '') {
            violations.push({
              network,
              rule: 'alt_text_missing',
              message: `Media ${i + 1} has no alternative text`,
              severity: 'warning',
            });
          }
        });
        return violations;
      },
      async publish(_credentials, request) {
        const failure = failures.shift();
        if (failure) throw failure;
        // Every request whole (media with alt text, replyTo), once per idempotency key, as a network would.
        if (!published.some((p) => p.idempotencyKey === request.idempotencyKey)) published.push(request);
        return {
          id: `${network}:${request.idempotencyKey}`,
          url: `https://${network}.example/${request.idempotencyKey}`,
        };
      },
    },
    // Listening: a search source whose polls find nothing; tests that need items bring their own source.
    mentions: {
      kinds: [{ kind: 'search', fields: ['q'] }],
      validate: (spec) =>
        spec.config.q?.trim() ? [] : [{ field: 'q', code: 'search_missing', message: 'Give the words to search for' }],
      poll: async (spec, cursor) => {
        searches.push(spec);
        return { items: [], cursor };
      },
    },
  };
  return { connector, published, failures, searches };
}
