import { startFakeAppView } from '../testing/bluesky/fake-appview.js';
import { describeMentionSourceContract, type MentionSourceHarness } from '../testing/mention-source-contract.js';
import { createBlueskyMentions } from './mentions.js';

describeMentionSourceContract('Bluesky search', async (): Promise<MentionSourceHarness> => {
  const started = await startFakeAppView();
  // Posts cannot be taken back from the fake: each test searches a word of its own.
  let round = 1;
  let serial = 0;
  return {
    network: 'bluesky',
    sendsHtml: false,
    origin: started.url,
    source: (origin) => createBlueskyMentions({ search: { appViewUrl: origin } }),
    spec: () => ({ kind: 'search', config: { query: `tramway${round}` } }),
    invalid: [
      { spec: { kind: 'search', config: { query: '  ' } }, fields: ['query'] },
      { spec: { kind: 'search', config: { query: 'x', lang: 'français' } }, fields: ['lang'] },
      { spec: { kind: 'hashtag', config: {} }, fields: ['kind'] },
    ],
    addItems(count) {
      for (let i = 0; i < count; i += 1) {
        serial += 1;
        started.addPost({
          did: `did:plc:${String(serial)
            .padStart(24, 'a')
            .replace(/[0189]/g, 'b')}`,
          handle: `habitant${serial}.bsky.social`,
          text: `Le tramway${round} arrive à Lyon & Villeurbanne (${serial})`,
          langs: ['fr'],
          createdAt: new Date(Date.now() - 60_000 + serial).toISOString(),
        });
      }
    },
    failNext: (kind) => started.failNext({ status: kind === 'rate_limited' ? 429 : 503 }),
    takeUnexpected: () => started.unexpected.splice(0),
    close: () => started.close(),
    reset() {
      round += 1;
    },
  };
});
