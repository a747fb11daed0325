// End-to-end check of the publishing screens against the real server, without a real network account
// connected: the connect form and its errors, editorial line, a draft with a theme,
// the calendar's side panel, planning from the composer and by drag and drop, month view colours,
// the posts list, the approval setting, switching language, media alternative text, and (with the fake
// Mastodon as the one channel) a thread written part by part. The browser runs in New York
// while the workspace plans in Paris, so every time shown or saved must follow the workspace.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import type { Page } from 'playwright-core';
import { startFakeMastodon } from '@rostra/connectors/testing';
import { startBrowserApp, type BrowserApp } from './browser';
import { browserApi, chooseLanguage as chooseLanguageIn, setUpAndLogIn, type CallApi } from './seeded-api';
import { dateIn, instantOf } from './zoned-dates';

const TEST_TIMEOUT = 90_000;
const ADMIN = { name: 'Camille Martin', email: 'admin@example.org', password: 'correct-horse-battery' };
const VIEWER = { name: 'Lou Bernard', email: 'viewer@example.org', password: 'viewer-password-42' };
const THEME = { name: 'Culture', color: '#e8590c', rgb: 'rgb(232, 89, 12)' };
/** A draft's colour on the calendar (status-colors.ts). */
const DRAFT_RGB = 'rgb(73, 80, 87)';
const FIRST_TEXT = 'Le #marché de Noël ouvre samedi place de la mairie : https://villeneuve.example/noel';
const SECOND_TEXT = 'Deuxième brouillon : fermeture exceptionnelle de la médiathèque';

let app: BrowserApp;
let server: BrowserApp['server'];
let page: Page;
/** The API with the browser's session, as the UI calls it. */
let callApi: CallApi;
let workspaceId = '';
let workspaceZone = '';
let firstPostId = '';

function url(path: string): string {
  return `${server.baseUrl}${path}`;
}

const chooseLanguage = (locale: 'fr' | 'en') => chooseLanguageIn(page, locale);

async function pickOption(testId: string, option: string) {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** A local port nothing listens on: bound, then released. */
async function findClosedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function calendarEvent(postId: string) {
  return page.locator('.fc-event', { has: page.locator(`[data-testid="calendar-event"][data-post-id="${postId}"]`) });
}

describe('publishing', () => {
  beforeAll(async () => {
    app = await startBrowserApp({ browser: { timezoneId: 'America/New_York' }, actionTimeoutMs: 20_000 });
    ({ server, page } = app);
    ({ workspaceId, timeZone: workspaceZone } = await setUpAndLogIn(page, server.baseUrl, { admin: ADMIN }));
    callApi = browserApi(page);
  }, 120_000);

  afterAll(() => app?.close(), 60_000);

  it(
    'plans in Paris and shows the publishing navigation',
    async () => {
      expect(workspaceZone).toBe('Europe/Paris');
      const expected = { 'nav-calendar': 'Calendrier', 'nav-posts': 'Publications', 'nav-channels': 'Canaux' };
      for (const [testId, label] of Object.entries(expected)) {
        await expect(page.getByTestId(testId).innerText(), testId).resolves.toBe(label);
      }
      await expect(page.getByTestId('nav-editorial').innerText()).resolves.toBe('Ligne éditoriale');
      await expect(page.getByTestId('channel-health-badge').count()).resolves.toBe(0);
    },
    TEST_TIMEOUT,
  );

  it(
    'offers the networks the server can connect, and says when one does not answer',
    async () => {
      await page.getByTestId('nav-channels').click();
      await page.waitForURL(/\/channels$/);
      await page.getByRole('heading', { name: 'Canaux' }).waitFor();
      await page.getByTestId('channels-table').getByText('Aucun canal connecté').waitFor();

      const offered = await callApi<{ networks: Array<{ network: string }> }>(
        'GET',
        `/api/workspaces/${workspaceId}/channels`,
      );
      if (offered.networks.length === 0) {
        await page.getByTestId('channels-no-networks').waitFor();
        return;
      }
      await page.getByTestId('write-channel-connect').click();
      const form = page.getByTestId('connect-channel-form');
      await form.waitFor();
      if (!offered.networks.some((offer) => offer.network === 'bluesky')) return;

      // Bluesky's own fields; a required one left empty is caught before any request.
      await pickOption('write-channel-network', 'Bluesky');
      await page.getByTestId('write-channel-identifier').fill('mairie.example');
      await page.getByTestId('write-channel-submit').click();
      await form.getByText('Ce champ est obligatoire.').waitFor();

      // A PDS address where nothing listens: the server answers 502 channel_unavailable.
      await page.getByTestId('write-channel-appPassword').fill('abcd-efgh-ijkl-mnop');
      await page.getByTestId('write-channel-service').fill(`http://127.0.0.1:${await findClosedPort()}`);
      await page.getByTestId('write-channel-submit').click();
      await form.getByText('Le réseau ne répond pas.', { exact: false }).waitFor();
      await page.keyboard.press('Escape');
      await form.waitFor({ state: 'detached' });
      await expect(page.getByTestId('channel-row').count()).resolves.toBe(0);
    },
    TEST_TIMEOUT,
  );

  it(
    'creates themes and content types',
    async () => {
      await page.getByTestId('nav-editorial').click();
      await page.waitForURL(/\/editorial$/);
      await page.getByRole('heading', { name: 'Ligne éditoriale' }).waitFor();

      await page.getByTestId('write-theme-name').fill(THEME.name);
      await page.getByTestId('write-theme-color').fill(THEME.color);
      await page.getByTestId('write-theme-color').press('Escape');
      await page.getByTestId('write-theme-submit').click();
      await page.getByTestId('themes-table').getByText(THEME.name).waitFor();

      await page.getByTestId('write-theme-name').fill('Solidarité');
      await page.getByTestId('write-theme-submit').click();
      await page.getByTestId('themes-table').getByText('Solidarité').waitFor();
      await expect(page.getByTestId('themes-table-row').count()).resolves.toBe(2);

      // Same name twice: the server's conflict shows beside the field.
      await page.getByTestId('write-theme-name').fill('culture');
      await page.getByTestId('write-theme-submit').click();
      await page.getByText('Ce nom existe déjà.').waitFor();

      for (const type of ['Vidéo', 'Lien']) {
        await page.getByTestId('write-content-type-name').fill(type);
        await page.getByTestId('write-content-type-submit').click();
        await page.getByTestId('content-types-table').getByText(type).waitFor();
      }

      const themes = await callApi<{ items: Array<{ name: string; color: string }> }>(
        'GET',
        `/api/workspaces/${workspaceId}/themes`,
      );
      expect(themes.items).toContainEqual(expect.objectContaining({ name: THEME.name, color: THEME.color }));
    },
    TEST_TIMEOUT,
  );

  it(
    'creates a draft with a theme from the composer',
    async () => {
      await page.getByTestId('nav-posts').click();
      await page.waitForURL(/\/posts$/);
      await page.getByTestId('write-post-new').click();
      await page.waitForURL(/\/posts\/new$/);
      await page.getByTestId('post-no-channels').waitFor();

      await page.getByTestId('write-post-text').fill(FIRST_TEXT);
      // Counted in graphemes as typed, before anything is saved.
      await expect(page.getByTestId('post-text-count').getAttribute('data-count')).resolves.toBe(
        String([...new Intl.Segmenter('fr', { granularity: 'grapheme' }).segment(FIRST_TEXT)].length),
      );
      // The preview highlights the hashtag and the link, as text.
      const preview = page.getByTestId('post-preview');
      await preview.locator('[data-token="hashtag"]', { hasText: '#marché' }).waitFor();
      await preview.getByRole('link', { name: 'https://villeneuve.example/noel' }).waitFor();

      await pickOption('write-post-theme', THEME.name);
      await pickOption('write-post-content-type', 'Vidéo');
      await page.getByTestId('write-post-create').click();

      await page.waitForURL(/\/posts\/[0-9a-f-]{36}$/);
      firstPostId = /\/posts\/([^/]+)$/.exec(page.url())?.[1] ?? '';
      await page.getByText('Brouillon', { exact: true }).first().waitFor();
      await page.getByTestId('write-post-action-submit').waitFor();
      await expect(page.getByTestId('write-post-theme').inputValue()).resolves.toBe(THEME.name);

      await page.getByTestId('write-comment-text').fill('Photo du marché à prévoir.');
      await page.getByTestId('write-comment-submit').click();
      await page.getByTestId('post-comment').getByText('Photo du marché à prévoir.').waitFor();
    },
    TEST_TIMEOUT,
  );

  it(
    "lists the draft in the calendar's side panel",
    async () => {
      await page.getByTestId('nav-calendar').click();
      await page.waitForURL(/\/calendar$/);
      await page.getByRole('heading', { name: 'Calendrier' }).waitFor();
      await page.getByTestId('calendar-timezone').getByText('Heure de Paris').waitFor();
      const draft = page.getByTestId('drafts-panel').getByTestId('draft-item').filter({ hasText: 'marché de Noël' });
      await draft.waitFor();
      await expect(draft.getAttribute('data-post-id')).resolves.toBe(firstPostId);
    },
    TEST_TIMEOUT,
  );

  it(
    "plans it from the composer in the workspace's time zone",
    async () => {
      await page.getByTestId('drafts-panel').getByTestId('draft-item').filter({ hasText: 'marché de Noël' }).click();
      await page.waitForURL(new RegExp(`/posts/${firstPostId}$`));

      // The 15th of the current month in Paris, 10:30 Paris time, whatever the browser's own zone.
      const day = `${dateIn(workspaceZone).slice(0, 8)}15`;
      await page.getByTestId('write-post-scheduled-at').fill(`${day}T10:30`);
      await page.getByTestId('write-post-scheduled-at').press('Escape');
      await page.getByTestId('post-unsaved').waitFor();
      await page.getByTestId('write-post-save').click();
      await page.getByTestId('post-unsaved').waitFor({ state: 'detached' });

      const saved = await callApi<{ scheduledAt: string; themeId: string | null }>(
        'GET',
        `/api/workspaces/${workspaceId}/posts/${firstPostId}`,
      );
      expect(saved.scheduledAt).toBe(instantOf(day, '10:30', workspaceZone));
      await expect(page.getByTestId('write-post-scheduled-at').getAttribute('data-value')).resolves.toBe(
        `${day}T10:30`,
      );
    },
    TEST_TIMEOUT,
  );

  it(
    'shows it on the month view in its status colour, with a dot of its theme colour',
    async () => {
      await page.getByTestId('nav-calendar').click();
      await page.waitForURL(/\/calendar$/);
      const event = calendarEvent(firstPostId);
      await event.waitFor();
      await expect(event.evaluate((element) => getComputedStyle(element).backgroundColor)).resolves.toBe(DRAFT_RGB);
      await expect(
        event.getByTestId('calendar-event-theme').evaluate((element) => getComputedStyle(element).backgroundColor),
      ).resolves.toBe(THEME.rgb);
      const day = `${dateIn(workspaceZone).slice(0, 8)}15`;
      await page.locator(`td.fc-daygrid-day[data-date="${day}"]`).locator('[data-testid="calendar-event"]').waitFor();
      await expect(event.innerText()).resolves.toContain('10:30');
      await expect(page.getByTestId('draft-item').filter({ hasText: 'marché de Noël' }).count()).resolves.toBe(0);
    },
    TEST_TIMEOUT,
  );

  it(
    'plans a draft by dragging it from the side panel onto a day',
    async () => {
      const created = await callApi<{ id: string }>('POST', `/api/workspaces/${workspaceId}/posts`, {
        text: SECOND_TEXT,
        channels: [],
      });
      // The panel refreshes when the window regains focus; a reload is the simplest equivalent here.
      await page.reload();
      const draft = page.getByTestId('draft-item').filter({ hasText: 'Deuxième brouillon' });
      await draft.waitFor();

      const tomorrow = dateIn(workspaceZone, 1);
      let cell = page.locator(`td.fc-daygrid-day[data-date="${tomorrow}"]`);
      if ((await cell.count()) === 0) {
        await page.locator('.fc-next-button').click();
        cell = page.locator(`td.fc-daygrid-day[data-date="${tomorrow}"]`);
      }
      const from = await draft.boundingBox();
      const to = await cell.boundingBox();
      if (!from || !to) throw new Error('draft or day cell not laid out');
      await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
      await page.mouse.down();
      await page.mouse.move(from.x + from.width / 2 - 20, from.y + from.height / 2 + 5, { steps: 5 });
      await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 25 });
      await page.mouse.up();

      await cell.locator(`[data-testid="calendar-event"][data-post-id="${created.id}"]`).waitFor();
      await expect(draft.count()).resolves.toBe(0);
      const saved = await callApi<{ scheduledAt: string }>('GET', `/api/workspaces/${workspaceId}/posts/${created.id}`);
      // A whole day in month view means the start of the working day, Paris time.
      expect(saved.scheduledAt).toBe(instantOf(tomorrow, '09:00', workspaceZone));
    },
    TEST_TIMEOUT,
  );

  it(
    'lists posts with French status labels and filters them',
    async () => {
      await page.getByTestId('nav-posts').click();
      await page.waitForURL(/\/posts$/);
      const table = page.getByTestId('posts-table');
      await table.getByText('marché de Noël', { exact: false }).waitFor();
      await table.getByTestId('post-row').nth(1).waitFor();
      await expect(table.getByTestId('post-row').count()).resolves.toBe(2);
      await expect(table.locator('[data-status="draft"]').first().innerText()).resolves.toBe('Brouillon');

      await pickOption('posts-status-filter', 'Publiée');
      await table.getByText('Aucune publication.').waitFor();
      await pickOption('posts-status-filter', 'Brouillon');
      await table.getByTestId('post-row').nth(1).waitFor();
      await expect(table.getByTestId('post-row').count()).resolves.toBe(2);
    },
    TEST_TIMEOUT,
  );

  it(
    'lets an admin turn approval off',
    async () => {
      await page.getByTestId('nav-settings-area').click();
      await page.waitForURL(/\/settings\/workspace$/);
      const toggle = page.getByTestId('write-workspace-approval');
      await expect(toggle.isChecked()).resolves.toBe(true);
      await toggle.uncheck();
      await page.getByTestId('write-workspace-save').click();
      await page.getByText('Modifications enregistrées').waitFor();
      const details = await callApi<{ approvalRequired: boolean }>('GET', `/api/workspaces/${workspaceId}`);
      expect(details.approvalRequired).toBe(false);
    },
    TEST_TIMEOUT,
  );

  it(
    'switches the calendar to English and back',
    async () => {
      await page.getByTestId('nav-calendar').click();
      await page.waitForURL(/\/calendar$/);
      await calendarEvent(firstPostId).waitFor();
      await expect(page.locator('.fc-today-button').innerText()).resolves.toMatch(/aujourd'hui/i);

      await chooseLanguage('en');
      await page.getByRole('heading', { name: 'Calendar' }).waitFor();
      await expect(page.locator('.fc-today-button').innerText()).resolves.toMatch(/^today$/i);
      await expect(page.getByTestId('nav-posts').innerText()).resolves.toBe('Posts');
      await page.getByTestId('drafts-panel').getByRole('heading', { name: 'To plan' }).waitFor();
      await expect(
        calendarEvent(firstPostId).evaluate((element) => getComputedStyle(element).backgroundColor),
      ).resolves.toBe(DRAFT_RGB);

      await chooseLanguage('fr');
      await page.getByRole('heading', { name: 'Calendrier' }).waitFor();
      await expect(page.locator('.fc-today-button').innerText()).resolves.toMatch(/aujourd'hui/i);

      expect(app.browser.readProblems().filter((problem) => problem.startsWith('pageerror'))).toEqual([]);
    },
    TEST_TIMEOUT,
  );

  it(
    'shows a viewer the plan without any write control',
    async () => {
      const invitation = await callApi<{ url: string }>('POST', `/api/workspaces/${workspaceId}/invitations`, {
        email: VIEWER.email,
        role: 'viewer',
      });
      await page.getByTestId('user-menu').click();
      await page.getByTestId('logout').click();
      await page.waitForURL(/\/login/);
      await page.goto(invitation.url);
      await page.getByTestId('invite-name').fill(VIEWER.name);
      await page.getByTestId('invite-password').fill(VIEWER.password);
      await page.getByTestId('invite-submit').click();
      await page.waitForURL(/\/w\/[^/]+\/today$/);
      await expect(page.getByTestId('nav-editorial').count()).resolves.toBe(0);

      const writeControls = page.locator('[data-testid^="write-"]');
      await page.getByTestId('nav-calendar').click();
      await calendarEvent(firstPostId).waitFor();
      await page.getByTestId('drafts-panel').waitFor();
      await expect(calendarEvent(firstPostId).getAttribute('class')).resolves.not.toContain('fc-event-draggable');
      await expect(writeControls.count()).resolves.toBe(0);

      await calendarEvent(firstPostId).click();
      await page.waitForURL(new RegExp(`/posts/${firstPostId}$`));
      await expect(page.getByTestId('post-text').inputValue()).resolves.toBe(FIRST_TEXT);
      await page.getByTestId('post-comment').getByText('Photo du marché à prévoir.').waitFor();
      await expect(writeControls.count()).resolves.toBe(0);

      for (const section of ['posts', 'channels']) {
        await page.getByTestId(`nav-${section}`).click();
        await page.waitForURL(new RegExp(`/${section}$`));
        await page.getByTestId(`${section}-table`).waitFor();
        await expect(writeControls.count(), section).resolves.toBe(0);
      }
    },
    TEST_TIMEOUT,
  );

  it(
    'tells the author of a post about a comment in the bell, and opens the post from it',
    async () => {
      const login = (who: { email: string; password: string }) =>
        page.evaluate(
          async (body) => {
            // Already logged in: the switch is a write of the current session, so it carries its CSRF token.
            const session = (await (await fetch('/api/session')).json()) as { csrfToken: string };
            const response = await fetch('/api/auth/login', {
              method: 'POST',
              headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
              body: JSON.stringify(body),
            });
            if (!response.ok) throw new Error(`login failed: ${response.status}`);
          },
          { email: who.email, password: who.password },
        );
      // The viewer becomes a contributor and writes a post; the admin comments on it.
      const viewer = await callApi<{ user: { id: string } }>('GET', '/api/session');
      await login(ADMIN);
      await callApi('PATCH', `/api/workspaces/${workspaceId}/members/${viewer.user.id}`, { role: 'contributor' });
      await login(VIEWER);
      const post = await callApi<{ id: string }>('POST', `/api/workspaces/${workspaceId}/posts`, {
        text: 'Inscriptions au <b>forum</b> des associations',
        channels: [],
      });
      await login(ADMIN);
      await callApi('POST', `/api/workspaces/${workspaceId}/posts/${post.id}/comments`, { text: 'Ajoutez la date' });
      await login(VIEWER);

      await page.goto(url(`/w/${workspaceId}/calendar`));
      await page.locator('[data-testid="notification-count"][data-count="1"]').waitFor();
      await page.getByTestId('notification-bell').click();
      const item = page.getByTestId('notification-item').first();
      // The post's text is shown as typed: its markup is text, not HTML.
      await expect(item.innerText()).resolves.toContain(
        `${ADMIN.name} a commenté « Inscriptions au <b>forum</b> des associations »`,
      );
      await item.click();
      await page.waitForURL(new RegExp(`/posts/${post.id}$`));
      await page.locator('[data-testid="notification-count"][data-count="0"]').waitFor();
    },
    TEST_TIMEOUT,
  );

  it(
    'adds an image to a post, asks for its alternative text, and shows it in the preview',
    async () => {
      await page.evaluate(
        async (body) => {
          const session = (await (await fetch('/api/session')).json()) as { csrfToken: string };
          const response = await fetch('/api/auth/login', {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
            body: JSON.stringify(body),
          });
          if (!response.ok) throw new Error(`login failed: ${response.status}`);
        },
        { email: ADMIN.email, password: ADMIN.password },
      );
      await page.goto(url(`/w/${workspaceId}/posts/new`));
      await page.getByTestId('write-post-text').fill('Le parvis rénové est ouvert.');
      // A 1×1 GIF, uploaded through the file input as a person would pick it.
      const gif = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');
      await page
        .getByTestId('post-media')
        .locator('input[type="file"]')
        .setInputFiles({ name: 'parvis.gif', mimeType: 'image/gif', buffer: gif });
      await page.getByTestId('post-media-alt-missing-0').waitFor();
      const alt = 'Le parvis de la mairie, pavé neuf et bancs en bois';
      await page.getByTestId('write-post-media-alt-0').fill(alt);
      await page.getByTestId('post-media-alt-missing-0').waitFor({ state: 'detached' });
      await page.getByTestId('post-preview').locator(`img[alt="${alt}"]`).waitFor();
      // Leaving the field saves the text with the file itself, before the post exists.
      await page.getByTestId('write-post-media-alt-0').press('Tab');
      await page.getByTestId('post-media-alt-saved-0').waitFor();
      const library = await callApi<{ items: Array<{ alt: string }> }>('GET', `/api/workspaces/${workspaceId}/media`);
      expect(library.items[0]?.alt).toBe(alt);

      await page.getByTestId('write-post-create').click();
      await page.waitForURL(/\/posts\/[0-9a-f-]{36}$/);
      const postId = /\/posts\/([^/]+)$/.exec(page.url())?.[1] ?? '';
      const saved = await callApi<{ media: Array<{ alt: string; file: { mimeType: string; width: number } }> }>(
        'GET',
        `/api/workspaces/${workspaceId}/posts/${postId}`,
      );
      expect(saved.media).toEqual([
        expect.objectContaining({ alt, file: expect.objectContaining({ mimeType: 'image/gif', width: 1 }) }),
      ]);
    },
    TEST_TIMEOUT,
  );

  it(
    'writes a thread part by part, reorders it, and finds it in order after a reload',
    async () => {
      // A channel to write for: the fake Mastodon written from its documentation, connected through the API.
      const mastodon = await startFakeMastodon();
      try {
        const { accessToken } = mastodon.createAccount('mairie');
        const channel = await callApi<{ id: string; name: string }>('POST', `/api/workspaces/${workspaceId}/channels`, {
          network: 'mastodon',
          credentials: { instance: mastodon.url, accessToken },
        });
        expect(channel.id).toBeTruthy();
        await page.goto(url(`/w/${workspaceId}/posts/new`));
        await page.getByTestId('write-post-channels').click();
        await page.getByRole('option', { name: channel.name }).click();
        await page.keyboard.press('Escape');
        await page.getByTestId('write-post-text').fill('Conseil municipal de jeudi.');
        await page.getByTestId(`post-channel-tab-${channel.id}`).click();
        await page.getByTestId(`write-post-thread-by-hand-${channel.id}`).check({ force: true });

        const part = (index: number) => page.getByTestId(`write-post-thread-part-text-${index}-${channel.id}`);
        // Writing by hand starts from the text; each part then gets its own box and counter.
        await expect(part(0).inputValue()).resolves.toBe('Conseil municipal de jeudi.');
        await part(0).fill('1. Conseil municipal jeudi à 19 h.');
        await page.getByTestId(`write-post-thread-part-add-0-${channel.id}`).click();
        await part(1).fill('3. Séance publique, retransmise en direct.');
        await page.getByTestId(`write-post-thread-part-add-1-${channel.id}`).click();
        await part(2).fill('2. Au programme : budget et écoles.');
        await page.getByTestId(`write-post-thread-part-down-1-${channel.id}`).click();
        const expected = [
          '1. Conseil municipal jeudi à 19 h.',
          '2. Au programme : budget et écoles.',
          '3. Séance publique, retransmise en direct.',
        ];
        for (const [index, text] of expected.entries()) {
          await expect(part(index).inputValue()).resolves.toBe(text);
          await expect(page.getByTestId(`post-thread-part-count-${index}-${channel.id}`).innerText()).resolves.toBe(
            `${[...text].length} / 500`,
          );
        }
        // A fourth part, added then removed, leaves the three.
        await page.getByTestId(`write-post-thread-part-add-2-${channel.id}`).click();
        await part(3).waitFor();
        await page.getByTestId(`write-post-thread-part-remove-3-${channel.id}`).click();
        await part(3).waitFor({ state: 'detached' });

        await page.getByTestId('write-post-create').click();
        await page.waitForURL(/\/posts\/[0-9a-f-]{36}$/);
        const postId = /\/posts\/([^/]+)$/.exec(page.url())?.[1] ?? '';
        const saved = await callApi<{ targets: Array<{ thread: unknown }> }>(
          'GET',
          `/api/workspaces/${workspaceId}/posts/${postId}`,
        );
        expect(saved.targets[0]?.thread).toEqual({ mode: 'parts', parts: expected });

        // The saved post's workflow shows once the composer holds it: no unsaved change left to ask about on reload.
        await page.getByTestId('write-post-action-submit').waitFor();
        await page.reload();
        await page.getByTestId(`post-channel-tab-${channel.id}`).click();
        await expect(page.getByTestId(`write-post-thread-by-hand-${channel.id}`).isChecked()).resolves.toBe(true);
        for (const [index, text] of expected.entries()) {
          await expect(part(index).inputValue()).resolves.toBe(text);
        }
        await expect(part(3).count()).resolves.toBe(0);

        // Back to automatic splitting: the parts give way to the split switch, ticked.
        await page.getByTestId(`write-post-thread-by-hand-${channel.id}`).uncheck({ force: true });
        await part(0).waitFor({ state: 'detached' });
        await expect(page.getByTestId(`write-post-thread-${channel.id}`).isChecked()).resolves.toBe(true);
      } finally {
        await mastodon.close();
      }
    },
    TEST_TIMEOUT,
  );
});
