import { describeMentionSourceContract, type MentionSourceHarness } from '../testing/mention-source-contract.js';
import { addArticles, startFakeSite } from '../testing/web/fake-site.js';
import { createWebMentions } from './index.js';

describeMentionSourceContract('Web sitemap', async (): Promise<MentionSourceHarness> => {
  const started = await startFakeSite();
  let serial = 0;
  return {
    network: 'web',
    sendsHtml: true,
    origin: started.url,
    source: () => createWebMentions({ requestDelayMs: 0 }),
    spec: (origin) => ({ kind: 'sitemap', config: { url: `${origin}/sitemap.xml` } }),
    invalid: [
      { spec: { kind: 'page', config: {} }, fields: ['url'] },
      { spec: { kind: 'page', config: { url: 'javascript:alert(1)' } }, fields: ['url'] },
      { spec: { kind: 'page', config: { url: 'https://www.example.fr/', selector: 'ul[' } }, fields: ['selector'] },
      { spec: { kind: 'rss', config: { url: 'https://www.example.fr/' } }, fields: ['kind'] },
    ],
    addItems: (count) => addArticles(started, count, () => ++serial),
    failNext: (kind) =>
      started.failNext(
        '/sitemap.xml',
        kind === 'rate_limited' ? { status: 429, headers: { 'retry-after': '120' } } : { status: 503 },
      ),
    takeUnexpected: () => started.unexpected.splice(0),
    close: () => started.close(),
    reset() {
      started.articles.length = 0;
    },
  };
});
