import { startFakeHackerNews } from '../testing/hackernews/fake-hackernews.js';
import { describeMentionSourceContract, type MentionSourceHarness } from '../testing/mention-source-contract.js';
import { createHackerNewsMentions } from './index.js';

describeMentionSourceContract('Hacker News', async (): Promise<MentionSourceHarness> => {
  const started = await startFakeHackerNews();
  let serial = 0;
  return {
    network: 'hackernews',
    sendsHtml: true,
    origin: started.url,
    source: (origin) => createHackerNewsMentions({ baseUrl: origin }),
    spec: () => ({ kind: 'search', config: { query: 'rostra' } }),
    invalid: [
      { spec: { kind: 'search', config: {} }, fields: ['query'] },
      { spec: { kind: 'search', config: { query: 'x'.repeat(513) } }, fields: ['query'] },
      { spec: { kind: 'feed', config: { query: 'rostra' } }, fields: ['kind'] },
    ],
    addItems(count) {
      for (let i = 0; i < count; i += 1) {
        serial += 1;
        started.items.push({
          objectID: String(1000 + serial),
          type: 'story',
          created_at_i: 1_767_225_600 + serial * 60,
          author: 'pg',
          title: `Ask HN: Rostra &amp; n°${serial}?`,
          story_text: `<p>Is <i>Rostra</i> any good?<p>Asking &quot;for a friend&quot; (${serial})`,
        });
      }
    },
    failNext: (kind) => started.failNext({ status: kind === 'rate_limited' ? 429 : 503 }),
    takeUnexpected: () => started.unexpected.splice(0),
    close: () => started.close(),
    reset() {
      started.items.length = 0;
    },
  };
});
