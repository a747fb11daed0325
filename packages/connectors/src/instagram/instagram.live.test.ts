// A smoke test against the real Instagram, only when asked: it never runs in CI or `npm test` (no outside network).
//   ROSTRA_LIVE_INSTAGRAM_TOKEN      a long-lived Instagram User access token of a professional test account
//   ROSTRA_LIVE_INSTAGRAM_PUBLISH=1  also publish one image (ROSTRA_LIVE_INSTAGRAM_IMAGE_URL: a public JPEG URL)
// Reading /me and the publishing limit changes nothing on the account; publishing does, once.
import { describe, expect, it } from 'vitest';
import { createInstagramApi } from './api.js';
import { createInstagramConnector } from './index.js';

const token = process.env.ROSTRA_LIVE_INSTAGRAM_TOKEN ?? '';
const publish = process.env.ROSTRA_LIVE_INSTAGRAM_PUBLISH === '1';
const imageUrl = process.env.ROSTRA_LIVE_INSTAGRAM_IMAGE_URL ?? '';

describe.skipIf(token === '')('instagram live (ROSTRA_LIVE_INSTAGRAM_TOKEN)', () => {
  const api = createInstagramApi({
    graphBaseUrl: 'https://graph.instagram.com',
    apiBaseUrl: 'https://api.instagram.com',
    timeoutMs: 30_000,
    // Not used by the calls below (no code exchange, no long-lived exchange).
    appId: '',
    appSecret: '',
  });

  it('reads the account and its publishing limit', async () => {
    const me = await api.readMe(token);
    expect(me.userId).toMatch(/^\d+$/);
    const limit = await api.readPublishingLimit(token, me.userId);
    expect(limit.total).toBeGreaterThan(0);
    expect(limit.usage).toBeGreaterThanOrEqual(0);
  });

  it.skipIf(!publish || imageUrl === '')(
    'publishes one image with alt text (ROSTRA_LIVE_INSTAGRAM_PUBLISH=1)',
    async () => {
      const me = await api.readMe(token);
      const connector = createInstagramConnector({ appId: '', appSecret: '', mediaUrl: () => imageUrl });
      const ref = await connector.publisher.publish(
        { data: { userId: me.userId, username: me.username, accessToken: token } },
        {
          idempotencyKey: `live-${Date.now()}`,
          text: `Test Rostra ${new Date().toISOString()}`,
          media: [{ data: new Uint8Array([0xff, 0xd8, 0xff, 0xd9]), mimeType: 'image/jpeg', alt: 'Image de test' }],
        },
      );
      expect(ref.url).toMatch(/^https:\/\/www\.instagram\.com\//);
    },
    360_000,
  );
});
