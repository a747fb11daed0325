// The composer against the real server, in French (one check in English), with the fake Mastodon written from its
// documentation as the channel: a text too long for one post, split into a thread, is counted part by part (no
// "N de trop" for the whole text once every part fits); the first comment and thread options sit under the shared
// text without opening the channel's tab, and the preview shows them as replies (remote mentions whole);
// "Publier maintenant" names the channel, and the worker publishes the
// thread and its first comment to the fake network; the date is typed "15/12/2026 14:30" or picked on a French
// calendar, and saved as that time in Paris while the browser sits in New York; a post the editorial charter blocks
// cannot be published now, the reason written beside the button.
import { startFakeMastodon, type FakeMastodon } from '@rostra/connectors/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserApp, type BrowserApp } from './browser';
import { browserApi, chooseLanguage as chooseLanguageIn, setUpAndLogIn, type CallApi } from './seeded-api';

const TEST_TIMEOUT = 90_000;
const PUBLISH_TIMEOUT = 120_000;
const ADMIN = { name: 'Camille Martin', email: 'admin@example.org', password: 'correct-horse-battery' };

// Two sentences of ~300 characters each: over Mastodon's 500 as a whole, each under it.
const FIRST_SENTENCE =
  'Le conseil municipal se réunit jeudi 12 décembre à 19 h dans la salle des fêtes pour voter le budget ' +
  "primitif, la rénovation de l'école Jules-Ferry, les nouveaux horaires de la médiathèque le samedi matin " +
  'et le plan de circulation du centre-bourg, présenté par les services techniques de la commune.';
const SECOND_SENTENCE =
  'La séance est publique et retransmise en direct sur le site de la mairie : venez nombreux, les questions ' +
  "des habitants sont bienvenues en fin de séance, et le compte rendu sera affiché à l'entrée de la mairie " +
  'ainsi que publié sur le site dès la semaine suivante, avec les votes détaillés de chaque délibération.';
const THREAD_TEXT = `${FIRST_SENTENCE} ${SECOND_SENTENCE}`;
const FIRST_COMMENT = 'Ordre du jour complet : https://villeneuve.example/conseil';

let app: BrowserApp;
let server: BrowserApp['server'];
let page: Page;
/** The API with the browser's session, as the UI calls it. */
let callApi: CallApi;
let mastodon: FakeMastodon;
let workspaceId = '';
let channelId = '';
let channelName = '';
let postId = '';
let blockedPostId = '';

function url(path: string): string {
  return `${server.baseUrl}${path}`;
}

const chooseLanguage = (locale: 'fr' | 'en') => chooseLanguageIn(page, locale);

describe('composer', () => {
  beforeAll(async () => {
    mastodon = await startFakeMastodon();
    app = await startBrowserApp({ browser: { timezoneId: 'America/New_York' }, actionTimeoutMs: 20_000 });
    ({ server, page } = app);
    const seeded = await setUpAndLogIn(page, server.baseUrl, { admin: ADMIN });
    workspaceId = seeded.workspaceId;
    callApi = browserApi(page);
    // The fake Mastodon as the workspace's channel.
    const { accessToken } = mastodon.createAccount('mairie');
    const channel = await seeded.call<{ id: string; name: string }>('POST', `${seeded.base}/channels`, {
      network: 'mastodon',
      credentials: { instance: mastodon.url, accessToken },
    });
    ({ id: channelId, name: channelName } = channel);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await mastodon?.close();
  }, 60_000);

  it(
    'counts a thread part by part, with the first comment and thread options under the shared text',
    async () => {
      await page.goto(url(`/w/${workspaceId}/posts/new`));
      await page.getByTestId('write-post-channels').click();
      await page.getByRole('option', { name: channelName }).click();
      await page.keyboard.press('Escape');
      await page.getByTestId('write-post-text').fill(THREAD_TEXT);

      // One post: the whole text against Mastodon's 500.
      const counter = page.getByTestId(`post-count-${channelId}`);
      await expect(counter.innerText()).resolves.toMatch(/^\d+ \/ 500 · \d+ de trop$/);

      // Under the shared text, without opening the channel's tab.
      const extras = page.getByTestId(`post-extras-${channelId}`);
      await extras.waitFor();
      await page.getByTestId(`write-post-first-comment-${channelId}`).fill(FIRST_COMMENT);
      await page.getByTestId(`write-post-thread-${channelId}`).check({ force: true });

      // As a thread: each part its own count against 500, and nothing "de trop" for the whole text.
      await expect(counter.innerText()).resolves.toBe('2 messages dans le fil');
      for (const [index, sentence] of [FIRST_SENTENCE, SECOND_SENTENCE].entries()) {
        await expect(page.getByTestId(`post-thread-part-count-${index}-${channelId}`).innerText()).resolves.toBe(
          `${[...sentence].length} / 500`,
        );
      }
      await expect(page.getByText('de trop').count()).resolves.toBe(0);
      // No "!" on the channel's tab either: the thread fits.
      await expect(page.getByTestId(`post-channel-tab-${channelId}`).innerText()).resolves.toBe(channelName);

      // The preview, as on Mastodon: the second part and the first comment as replies under the post.
      const preview = page.getByTestId('post-preview');
      await expect(preview.getByTestId('post-preview-reply').count()).resolves.toBe(1);
      await expect(
        preview.getByTestId('post-preview-reply').getByTestId('post-preview-text').innerText(),
      ).resolves.toBe(SECOND_SENTENCE);
      await expect(
        preview.getByTestId('post-preview-first-comment').getByTestId('post-preview-text').innerText(),
      ).resolves.toBe(FIRST_COMMENT);

      // The channel's tab shows the same settings.
      await page.getByTestId(`post-channel-tab-${channelId}`).click();
      await expect(page.getByTestId(`write-post-first-comment-${channelId}`).inputValue()).resolves.toBe(FIRST_COMMENT);
      await expect(page.getByTestId(`write-post-thread-${channelId}`).isChecked()).resolves.toBe(true);

      await page.getByTestId('write-post-create').click();
      await page.waitForURL(/\/posts\/[0-9a-f-]{36}$/);
      postId = /\/posts\/([^/]+)$/.exec(page.url())?.[1] ?? '';
      expect(postId).toBeTruthy();
    },
    TEST_TIMEOUT,
  );

  it(
    'publishes now, after a confirmation naming the channel, to the fake Mastodon',
    async () => {
      // A draft waiting for approval cannot go out yet: no button.
      await page.getByTestId('write-post-action-submit').waitFor();
      await expect(page.getByTestId('write-post-publish-now').count()).resolves.toBe(0);
      await page.getByTestId('write-post-action-submit').click();
      await page.getByTestId('write-post-action-approve').click();

      await page.getByTestId('write-post-publish-now').click();
      const dialog = page.getByTestId('publish-now-dialog');
      await dialog.waitFor();
      await expect(page.getByTestId('publish-now-channels').innerText()).resolves.toBe(channelName);
      await dialog.getByText('La publication part tout de suite sur ce canal :').waitFor();
      await page.getByTestId('confirm-submit').click();
      await page.getByText("Publication en cours d'envoi").waitFor();

      const deadline = Date.now() + PUBLISH_TIMEOUT - 10_000;
      let status = '';
      while (Date.now() < deadline) {
        ({ status } = await callApi<{ status: string }>('GET', `/api/workspaces/${workspaceId}/posts/${postId}`));
        if (status === 'published' || status === 'failed') break;
        await new Promise((done) => setTimeout(done, 500));
      }
      expect(status, server.readLogs().slice(-3000)).toBe('published');
      expect(mastodon.unexpected).toEqual([]);
      const texts = mastodon.statuses.map((item) => item.text);
      expect(texts.slice(0, 2)).toEqual([FIRST_SENTENCE, SECOND_SENTENCE]);
      expect(texts).toContain(FIRST_COMMENT);
      expect(mastodon.statuses.slice(1).every((item) => item.inReplyToId !== null)).toBe(true);
    },
    PUBLISH_TIMEOUT,
  );

  it(
    'takes a French date and time, 15/12/2026 14:30, typed or picked on a French calendar, in Paris time',
    async () => {
      await page.goto(url(`/w/${workspaceId}/posts/new`));
      await page.getByTestId('write-post-channels').click();
      await page.getByRole('option', { name: channelName }).click();
      await page.keyboard.press('Escape');
      await page
        .getByTestId('write-post-text')
        .fill('Marché de Noël : ouverture samedi avec @office@mastodon.social et @mairie.bsky.social !');
      // Remote mentions stay whole in the preview.
      await expect(page.getByTestId('post-preview').locator('[data-token="mention"]').allInnerTexts()).resolves.toEqual(
        ['@office@mastodon.social', '@mairie.bsky.social'],
      );
      const field = page.getByTestId('write-post-scheduled-at');
      await field.fill('15/12/2026 14:30');
      await expect(field.getAttribute('data-value')).resolves.toBe('2026-12-15T14:30');

      // The calendar in French, weeks from Monday; another day keeps the time.
      await page.getByText('décembre 2026').waitFor();
      await expect(page.locator('.mantine-DateInput-weekday').first().innerText()).resolves.toMatch(/^lu/i);
      await page.getByTestId('write-post-scheduled-at-day-2026-12-16').click();
      await expect(field.getAttribute('data-value')).resolves.toBe('2026-12-16T14:30');
      await expect(field.inputValue()).resolves.toBe('16/12/2026 14:30');

      // Typed again: the field reads day first and 24 h; an impossible date changes nothing.
      await field.fill('31/02/2026 10:00');
      await expect(field.getAttribute('data-value')).resolves.toBe('2026-12-16T14:30');
      await field.fill('15/12/2026 14:30');
      await field.press('Escape');
      await page.getByTestId('write-post-text').click();
      await expect(field.inputValue()).resolves.toBe('15/12/2026 14:30');

      await page.getByTestId('write-post-create').click();
      await page.waitForURL(/\/posts\/[0-9a-f-]{36}$/);
      const created = /\/posts\/([^/]+)$/.exec(page.url())?.[1] ?? '';
      const saved = await callApi<{ scheduledAt: string }>('GET', `/api/workspaces/${workspaceId}/posts/${created}`);
      // Paris in December is UTC+1, whatever the browser's zone (New York here).
      expect(saved.scheduledAt).toBe('2026-12-15T13:30:00.000Z');
      await expect(page.getByTestId('write-post-scheduled-at').inputValue()).resolves.toBe('15/12/2026 14:30');
    },
    TEST_TIMEOUT,
  );

  it(
    'offers no way to publish now a post the charter blocks, and says why beside the button',
    async () => {
      // Without approval, scheduling is where the server checks the charter (it refuses, charter_blocked).
      await callApi('PATCH', `/api/workspaces/${workspaceId}`, { approvalRequired: false });
      const { version } = await callApi<{ version: number }>('GET', `/api/workspaces/${workspaceId}/charter`);
      await callApi('PUT', `/api/workspaces/${workspaceId}/charter`, {
        charter: { wordsToAvoid: [{ word: 'gratuit', replacement: 'libre', level: 'blocking' }] },
        version,
      });
      blockedPostId = (
        await callApi<{ id: string }>('POST', `/api/workspaces/${workspaceId}/posts`, {
          text: 'Marché de Noël : entrée gratuit pour tous.',
          channels: [{ channelId }],
        })
      ).id;
      await page.goto(url(`/w/${workspaceId}/posts/${blockedPostId}`));
      const button = page.getByTestId('write-post-publish-now');
      await button.waitFor();
      await expect(button.isDisabled()).resolves.toBe(true);
      const reason = page.getByTestId('publish-now-blocked');
      await expect(reason.innerText()).resolves.toBe(
        'La charte éditoriale bloque cette publication : corrigez les points bloquants avant de la publier.',
      );
      await expect(button.getAttribute('aria-describedby')).resolves.toBe(await reason.getAttribute('id'));
      // The server agrees: scheduling it now is refused.
      await expect(
        callApi('POST', `/api/workspaces/${workspaceId}/posts/${blockedPostId}/schedule`, {
          scheduledAt: new Date().toISOString(),
        }),
      ).rejects.toThrow(/→ 422 .*charter_blocked/);

      // The blocking word fixed: the button is offered, with no reason.
      await callApi('PATCH', `/api/workspaces/${workspaceId}/posts/${blockedPostId}`, {
        text: 'Marché de Noël : entrée libre pour tous.',
      });
      await page.reload();
      await button.waitFor();
      await expect(button.isDisabled()).resolves.toBe(false);
      await expect(reason.count()).resolves.toBe(0);
      await callApi('PATCH', `/api/workspaces/${workspaceId}/posts/${blockedPostId}`, {
        text: 'Marché de Noël : entrée gratuit pour tous.',
      });
    },
    TEST_TIMEOUT,
  );

  it(
    'says the same in English',
    async () => {
      await chooseLanguage('en');
      // The charter's reason beside "Publish now", in English.
      await page.goto(url(`/w/${workspaceId}/posts/${blockedPostId}`));
      await expect(page.getByTestId('write-post-publish-now').isDisabled()).resolves.toBe(true);
      await expect(page.getByTestId('publish-now-blocked').innerText()).resolves.toBe(
        'The editorial charter blocks this post: fix its blocking points before publishing it.',
      );
      await page.goto(url(`/w/${workspaceId}/posts/new`));
      await page.getByTestId('write-post-channels').click();
      await page.getByRole('option', { name: channelName }).click();
      await page.keyboard.press('Escape');
      await page.getByTestId('write-post-text').fill(THREAD_TEXT);
      await page.getByTestId(`write-post-thread-${channelId}`).check({ force: true });
      await expect(page.getByTestId(`post-count-${channelId}`).innerText()).resolves.toBe('2 posts in the thread');
      await page.getByText('First comment').first().waitFor();

      // The date month first, with AM/PM.
      const field = page.getByTestId('write-post-scheduled-at');
      await field.fill('12/15/2026 2:30 PM');
      await expect(field.getAttribute('data-value')).resolves.toBe('2026-12-15T14:30');
      await page.getByText('December 2026').waitFor();
      await field.press('Escape');
      await page.getByTestId('write-post-text').click();
      await expect(field.inputValue()).resolves.toBe('12/15/2026 2:30 PM');

      await chooseLanguage('fr');
    },
    TEST_TIMEOUT,
  );
});
