import { describeMentionSourceContract, type MentionSourceHarness } from '../testing/mention-source-contract.js';
import { startFakeReddit } from '../testing/reddit/fake-reddit.js';
import { createRedditMentions } from './index.js';

describeMentionSourceContract('Reddit', async (): Promise<MentionSourceHarness> => {
  // Without an app: the public .json listings, as a new instance reads Reddit.
  const started = await startFakeReddit();
  let serial = 0;
  return {
    network: 'reddit',
    sendsHtml: false,
    origin: started.url,
    source: (origin) =>
      createRedditMentions({ userAgent: 'linux:rostra-test:0.1 (by /u/rostra)', baseUrl: origin, siteUrl: origin }),
    spec: () => ({ kind: 'search', config: { query: 'rostra', subreddit: 'france' } }),
    invalid: [
      { spec: { kind: 'search', config: {} }, fields: ['query'] },
      { spec: { kind: 'search', config: { query: 'rostra', subreddit: 'la france' } }, fields: ['subreddit'] },
      { spec: { kind: 'search', config: { query: 'rostra', url: 'https://reddit.com' } }, fields: ['url'] },
    ],
    addItems(count) {
      for (let i = 0; i < count; i += 1) {
        serial += 1;
        started.posts.push({
          id: `c${serial.toString(36)}`,
          subreddit: 'france',
          title: `Rostra n°${serial} : avis ?`,
          selftext: `Qui utilise Rostra pour la mairie ? (${serial})`,
          author: 'alice',
          created_utc: 1_767_225_600 + serial * 60,
        });
      }
    },
    failNext: (kind) => started.failNext({ status: kind === 'rate_limited' ? 429 : 503 }),
    takeUnexpected: () => started.unexpected.splice(0),
    close: () => started.close(),
    reset() {
      started.posts.length = 0;
    },
  };
});
