import { describeMentionSourceContract, type MentionSourceHarness } from '../testing/mention-source-contract.js';
import { addArticles, startFakeSite } from '../testing/web/fake-site.js';
import { createFeedMentions } from './source.js';

describeMentionSourceContract('Feed', async (): Promise<MentionSourceHarness> => {
  const started = await startFakeSite();
  let serial = 0;
  return {
    network: 'feed',
    sendsHtml: true,
    origin: started.url,
    source: () => createFeedMentions(),
    spec: (origin) => ({ kind: 'feed', config: { url: `${origin}/feed.xml` } }),
    invalid: [
      { spec: { kind: 'feed', config: {} }, fields: ['url'] },
      { spec: { kind: 'feed', config: { url: 'ftp://example.org/feed' } }, fields: ['url'] },
      { spec: { kind: 'feed', config: { url: 'https://example.org/feed', tag: 'x' } }, fields: ['tag'] },
      { spec: { kind: 'page', config: { url: 'https://example.org/feed' } }, fields: ['kind'] },
    ],
    addItems: (count) => addArticles(started, count, () => ++serial),
    failNext: (kind) =>
      started.failNext(
        '/feed.xml',
        kind === 'rate_limited' ? { status: 429, headers: { 'retry-after': '120' } } : { status: 503 },
      ),
    takeUnexpected: () => started.unexpected.splice(0),
    close: () => started.close(),
    reset() {
      started.articles.length = 0;
    },
  };
});
