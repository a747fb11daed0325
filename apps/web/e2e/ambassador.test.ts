// Employees as ambassadors in Chromium against the real server: an admin writes the social media policy
// (Paramètres → Ambassadeurs) and, in the composer, marks a post « à relayer » with a suggested text per network
// (the live counter refuses a Bluesky text too long once the link is added); invites an employee as ambassador. The
// ambassador accepts, lands on « Relais ambassadeurs », must acknowledge the policy before any post shows, then gets
// share links (each network's share intent, URL-encoded, in a new tab, counted once when opened), copies a text,
// sets their Mastodon instance; the page fits 390 px and reads in English; every other page (the composer, the
// settings, the home page) sends them back to theirs and the API refuses them. axe finds no serious or critical
// fault on the pages. Screenshots go to ROSTRA_SCREENSHOTS_DIR when it is set.
import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findA11yViolations, formatA11yViolations } from './a11y';
import { logIn, startBrowserApp, type BrowserApp } from './browser';

const TEST_TIMEOUT = 90_000;
const ADMIN = { name: 'Camille Martin', email: 'admin@mairie.test', password: 'correct-horse-battery' };
const AMBASSADOR = { name: 'Sacha Petit', email: 'sacha@mairie.test', password: 'sacha-horse-battery' };
const LINK = 'https://www.lyon.fr/agenda/fete-des-lumieres?utm_source=ambassadeurs';
const X_TEXT = 'La Fête des Lumières, c’est ce soir & demain ! #FeteDesLumieres';
const POLICY = 'Vous parlez en votre nom.\n\nNe publiez jamais une information non publiée par la mairie.';
const SCREENSHOTS = process.env.ROSTRA_SCREENSHOTS_DIR;

let app: BrowserApp;
let page: Page;
let workspaceId = '';
let postId = '';

const url = (path: string) => `${app.server.baseUrl}${path}`;

/** Calls the API with the browser's session, as the UI does; the status and the JSON answer. */
async function callApi(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const session = (await (await fetch('/api/session')).json()) as { csrfToken: string };
      const response = await fetch(path, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, json: text ? (JSON.parse(text) as unknown) : null };
    },
    { method, path, body },
  );
}

async function screenshot(name: string): Promise<void> {
  if (!SCREENSHOTS) return;
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
}

async function expectNoA11yViolations(): Promise<void> {
  expect(formatA11yViolations(await findA11yViolations(page))).toEqual([]);
}

describe('employees as ambassadors', () => {
  beforeAll(async () => {
    app = await startBrowserApp({ actionTimeoutMs: 20_000 });
    page = app.page;
    const setup = await fetch(url('/api/setup'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ organisation: 'Ville de Lyon', workspace: 'Communication', ...ADMIN }),
    });
    expect(setup.status).toBe(201);
    await logIn(page, app.server.baseUrl, ADMIN.email, ADMIN.password);
    workspaceId = /\/w\/([^/]+)\/today$/.exec(page.url())?.[1] ?? '';
    const post = await callApi('POST', `/api/workspaces/${workspaceId}/posts`, {
      text: `Ce soir, la Fête des Lumières illumine la ville. Tout le programme : ${LINK}`,
      channels: [],
    });
    postId = (post.json as { id: string }).id;
    // Share intents open on the networks: answered here, so the test never leaves the machine.
    await app.browser.context.route(
      /^https:\/\/(x\.com|www\.linkedin\.com|www\.facebook\.com|bsky\.app|piaille\.fr)\//,
      (route) => route.fulfill({ status: 200, contentType: 'text/plain', body: 'share intent' }),
    );
    await app.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: url('') });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  }, 60_000);

  it(
    'lets an admin write the policy and mark a post « à relayer » with texts checked against each network',
    async () => {
      await page.goto(url(`/w/${workspaceId}/settings/ambassadors`));
      await page.getByTestId('policy-current').getByText('Aucune politique publiée').waitFor();
      await page.getByTestId('policy-editor').fill(POLICY);
      await page.getByTestId('policy-publish').click();
      await page.getByTestId('policy-current').getByText('Version 1 en vigueur').waitFor();
      await expectNoA11yViolations();

      await page.goto(url(`/w/${workspaceId}/posts/${postId}`));
      await page.getByTestId('relay-toggle').click();
      await page.getByTestId('relay-form').waitFor();
      // The link comes from the post's text.
      expect(await page.getByTestId('relay-link-input').inputValue()).toBe(LINK);
      await page.getByTestId('relay-text-x').fill(X_TEXT);
      // X counts the link as 23: the text, a space, the link.
      expect(await page.getByTestId('relay-count-x').innerText()).toBe(`${X_TEXT.length + 1 + 23} / 280`);
      await page.getByTestId('relay-text-bluesky').fill('🎆'.repeat(250));
      await expect.poll(() => page.getByTestId('relay-save').isDisabled()).toBe(true);
      await page.getByTestId('relay-text-bluesky').fill('Ce soir, on illumine Lyon ✨');
      await page.getByTestId('relay-text-linkedin').fill('Fière de ma ville : la Fête des Lumières commence ce soir.');
      await page.getByTestId('relay-save').click();
      await page.getByText('Publication proposée aux ambassadeurs').waitFor();
      const relay = await callApi('GET', `/api/workspaces/${workspaceId}/posts/${postId}/relay`);
      expect((relay.json as { relay: unknown }).relay).toMatchObject({
        link: LINK,
        texts: { x: X_TEXT, bluesky: 'Ce soir, on illumine Lyon ✨' },
      });
      await expectNoA11yViolations();
      await screenshot('ambassador-composer');
    },
    TEST_TIMEOUT,
  );

  it(
    'invites an employee as ambassador, who must acknowledge the policy before seeing the post to relay',
    async () => {
      await page.goto(url(`/w/${workspaceId}/settings/invitations`));
      await page.getByTestId('write-invite-email').fill(AMBASSADOR.email);
      await page.getByTestId('write-invite-role').click();
      await page.getByRole('option', { name: 'Ambassadeur (relaie les publications)' }).click();
      await page.getByTestId('write-invite-submit').click();
      const invitation = await page.getByTestId('invite-link').inputValue();
      await page.getByTestId('user-menu').click();
      await page.getByTestId('logout').click();
      await page.waitForURL(/\/login$/);

      await page.goto(invitation);
      await page.getByTestId('invite-name').fill(AMBASSADOR.name);
      await page.getByTestId('invite-password').fill(AMBASSADOR.password);
      await page.getByTestId('invite-submit').click();
      await page.waitForURL(new RegExp(`/w/${workspaceId}/ambassador$`));
      await page.getByTestId('policy-gate').waitFor();
      expect(await page.getByTestId('policy-text').innerText()).toContain('Vous parlez en votre nom.');
      expect(await page.getByTestId('relay-card').count()).toBe(0);
      // Their only menu entry is their page.
      expect(
        await page
          .locator('nav [data-testid^="nav-"]')
          .evaluateAll((links) => links.map((l) => l.getAttribute('data-testid'))),
      ).toEqual(['nav-ambassador']);
      await expectNoA11yViolations();
      await screenshot('ambassador-policy');

      await page.getByTestId('policy-acknowledge').click();
      await page.getByTestId('relay-card').waitFor();
      await page.getByTestId('policy-acknowledged').getByText('version 1').waitFor();
      await expectNoA11yViolations();
    },
    TEST_TIMEOUT,
  );

  it(
    'gives one-click share links in a new tab, counts an opened one once, copies a text, opens Mastodon on the ambassador’s instance',
    async () => {
      const x = page.getByTestId('share-x');
      const href = (await x.getAttribute('href')) ?? '';
      expect(href).toBe(
        `https://x.com/intent/tweet?text=${encodeURIComponent(X_TEXT)}&url=${encodeURIComponent(LINK)}`,
      );
      expect(await x.getAttribute('target')).toBe('_blank');
      expect(await x.getAttribute('rel')).toContain('noopener');
      expect(await page.getByTestId('share-linkedin').getAttribute('href')).toBe(
        `https://www.linkedin.com/sharing/share-offsite/?url=${encodeURIComponent(LINK)}`,
      );
      expect(await page.getByTestId('share-facebook').getAttribute('href')).toBe(
        `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(LINK)}`,
      );
      const bluesky = new URL((await page.getByTestId('share-bluesky').getAttribute('href')) ?? '');
      expect(bluesky.origin + bluesky.pathname).toBe('https://bsky.app/intent/compose');
      expect(bluesky.searchParams.get('text')).toBe(`Ce soir, on illumine Lyon ✨ ${LINK}`);
      await page.getByTestId('share-mastodon-missing').waitFor();

      const [tab] = await Promise.all([page.context().waitForEvent('page'), x.click()]);
      expect(tab.url()).toBe(href);
      await tab.close();
      await page.getByTestId('share-x-relayed').waitFor();
      const relays = await callApi('GET', `/api/workspaces/${workspaceId}/ambassador`);
      expect((relays.json as { items: Array<{ shared: string[] }> }).items[0]?.shared).toEqual(['x']);

      await page.getByTestId('share-linkedin-copy').click();
      await page.getByTestId('share-linkedin-copy').getByText('Texte copié').waitFor();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
        'Fière de ma ville : la Fête des Lumières commence ce soir.',
      );

      await page.getByTestId('mastodon-instance').fill('https://Piaille.fr/');
      await page.getByTestId('mastodon-instance-save').click();
      await expect
        .poll(() => page.getByTestId('share-mastodon').getAttribute('href'))
        .toBe(`https://piaille.fr/share?text=${encodeURIComponent(LINK)}`);
      await screenshot('ambassador-relays');
    },
    TEST_TIMEOUT,
  );

  it(
    'keeps the ambassador on their page: the composer, the settings and the home page send them back, the API refuses',
    async () => {
      // Their page asks the server only for what it allows them: no refused request on the way.
      const problemsBefore = app.browser.readProblems().length;
      for (const path of ['posts/new', `posts/${postId}`, 'settings/members', 'today', 'calendar']) {
        await page.goto(url(`/w/${workspaceId}/${path}`));
        await page.waitForURL(new RegExp(`/w/${workspaceId}/ambassador$`));
        await page.getByTestId('relay-card').waitFor();
        expect(await page.getByTestId('post-form').count()).toBe(0);
      }
      expect(app.browser.readProblems().slice(problemsBefore)).toEqual([]);
      for (const [method, path] of [
        ['GET', 'posts'],
        ['POST', 'posts'],
        ['GET', 'members'],
        ['GET', `posts/${postId}/relay`],
        ['PUT', 'ambassador/policy'],
      ] as const) {
        const answer = await callApi(
          method,
          `/api/workspaces/${workspaceId}/${path}`,
          method === 'GET' ? undefined : {},
        );
        expect([path, answer.status]).toEqual([path, 403]);
      }
    },
    TEST_TIMEOUT,
  );

  it(
    'fits a 390 px phone and reads in English',
    async () => {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(url(`/w/${workspaceId}/ambassador`));
      await page.getByTestId('relay-card').waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await expectNoA11yViolations();
      await screenshot('ambassador-phone');

      await page.getByTestId('language-menu').click();
      await page.getByTestId('language-option-en').click();
      await page.waitForFunction(() => document.documentElement.lang === 'en');
      await page.getByRole('heading', { name: 'Ambassador relays' }).waitFor();
      await page.getByTestId('share-x').getByText('Share on X').waitFor();
      await expectNoA11yViolations();
      await page.setViewportSize({ width: 1280, height: 900 });
    },
    TEST_TIMEOUT,
  );
});
