import { startFakeMastodon } from '../testing/mastodon/fake-mastodon.js';
import { describeMentionSourceContract, type MentionSourceHarness } from '../testing/mention-source-contract.js';
import { createMastodonMentions } from './mentions.js';

describeMentionSourceContract('Mastodon hashtag', async (): Promise<MentionSourceHarness> => {
  const started = await startFakeMastodon({ domain: 'piaille.test' });
  const author = started.createAccount('mairie').account;
  // Statuses cannot be taken back from the fake: each test reads a tag of its own.
  let tag = 'municipales1';
  let serial = 0;
  return {
    network: 'mastodon',
    sendsHtml: true,
    origin: started.url,
    source: () => createMastodonMentions(),
    spec: (origin) => ({ kind: 'hashtag', config: { instance: origin, tag } }),
    invalid: [
      { spec: { kind: 'hashtag', config: { instance: 'piaille.fr', tag: '' } }, fields: ['tag'] },
      {
        spec: { kind: 'public', config: { instance: 'http://piaille.fr', local: 'oui' } },
        fields: ['instance', 'local'],
      },
      { spec: { kind: 'search', config: { instance: 'piaille.fr' } }, fields: ['kind'] },
    ],
    addItems(count) {
      for (let i = 0; i < count; i += 1) {
        serial += 1;
        started.addStatus({
          username: author.username,
          html: `<p>Réunion publique &amp; débat n°${serial} <a href="https://piaille.test/tags/${tag}" class="mention hashtag" rel="tag">#<span>${tag}</span></a></p>`,
          tags: [tag],
        });
      }
    },
    failNext: (kind) =>
      started.failNext('GET /api/v1/timelines/tag/:hashtag', { status: kind === 'rate_limited' ? 429 : 503 }),
    takeUnexpected: () => started.unexpected.splice(0),
    close: () => started.close(),
    reset() {
      tag = `municipales${Number(tag.slice('municipales'.length)) + 1}`;
    },
  };
});
