// Information once shown only on hover, now reachable by keyboard and touch (WCAG 1.4.13, content on hover or
// focus), in Chromium against the real server: a mention's sentiment confidence and a failing source's own error
// words sit behind toggletip buttons that say whether they are open (aria-expanded), open with Enter or a click and
// stay until dismissed, close with Escape without moving the focus, open on hover and stay while the pointer moves
// onto them; no serious axe-core violation with one open; then the same names once in English.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { findA11yViolations, formatA11yViolations } from './a11y';
import { startBrowserApp, type BrowserApp } from './browser';
import { setUpAndLogIn, type SeededApi } from './seeded-api';

const TEST_TIMEOUT = 90_000;
/** Longer than any delay the toggletip waits before closing after the pointer leaves. */
const PAST_ANY_DELAY_MS = 1_000;

let app: BrowserApp;
let page: Page;
let api: SeededApi;
let feedServer: Server;

function startFeed(): Promise<string> {
  feedServer = createServer((request, response) => {
    if (request.method !== 'GET' || request.url !== '/feed.json') {
      response.writeHead(404).end();
      return;
    }
    const origin = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}`;
    response.writeHead(200, { 'content-type': 'application/feed+json; charset=utf-8' });
    response.end(
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'Journal de Villeneuve',
        items: [
          {
            id: `${origin}/articles/1`,
            url: `${origin}/articles/1`,
            content_text: 'Bravo pour la nouvelle piscine de Villeneuve : excellente initiative, on adore !',
            date_published: new Date(Date.now() - 3_600_000).toISOString(),
          },
        ],
      }),
    );
  });
  return new Promise((resolve) =>
    feedServer.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(feedServer.address() as AddressInfo).port}/feed.json`),
    ),
  );
}

const isFocused = (locator: Locator) => locator.evaluate((element) => element === document.activeElement);

describe('information behind toggletips, for keyboards and touch screens', () => {
  beforeAll(async () => {
    const feedUrl = await startFeed();
    app = await startBrowserApp({ actionTimeoutMs: 20_000 });
    page = app.page;
    // Timers the test moves on itself: "the pointer left a while ago" without waiting for it.
    await page.clock.install();
    api = await setUpAndLogIn(page, app.server.baseUrl);
    await api.call('POST', `${api.base}/listening/topics`, { name: 'Piscine', group: 'brand', query: 'piscine' });
    for (const url of [feedUrl, feedUrl.replace('feed.json', 'missing.json')]) {
      const source = await api.call<{ id: string }>('POST', `${api.base}/listening/sources`, {
        network: 'feed',
        kind: 'feed',
        config: { url },
      });
      await api.call('POST', `${api.base}/listening/sources/${source.id}/poll`);
    }
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await new Promise<void>((resolve) => (feedServer ? feedServer.close(() => resolve()) : resolve()));
  }, 60_000);

  it(
    "shows a mention's sentiment confidence from the keyboard, until Escape, and on hover while pointed at",
    async () => {
      await page.goto(`${app.server.baseUrl}/w/${api.workspaceId}/listening/mentions`);
      const badge = page.getByTestId('mention-sentiment').first();
      await badge.waitFor({ timeout: 60_000 });
      const details = page.getByTestId('mention-sentiment-details');
      await expect(badge.getAttribute('aria-label')).resolves.toMatch(
        /^Détails du sentiment : (Positif|Neutre|Négatif)$/,
      );
      await expect(badge.getAttribute('aria-expanded')).resolves.toBe('false');

      // Keyboard: Enter opens it, it stays, Escape closes it and the focus stays on the badge.
      await badge.focus();
      await page.keyboard.press('Enter');
      await details.waitFor();
      await expect(details.innerText()).resolves.toMatch(/^Analyse automatique, confiance \d+ %$/);
      await expect(badge.getAttribute('aria-expanded')).resolves.toBe('true');
      await expect(badge.getAttribute('aria-controls')).resolves.toBe(await details.getAttribute('id'));
      const violations = await findA11yViolations(page);
      expect(formatA11yViolations(violations)).toEqual([]);
      await page.clock.runFor(PAST_ANY_DELAY_MS);
      await expect(details.isVisible()).resolves.toBe(true);
      await page.keyboard.press('Escape');
      await details.waitFor({ state: 'hidden' });
      await expect(badge.getAttribute('aria-expanded')).resolves.toBe('false');
      await expect(isFocused(badge)).resolves.toBe(true);

      // Hover: it opens, stays while the pointer moves onto it, and goes once the pointer has left both.
      await badge.hover();
      await details.waitFor();
      await details.hover();
      await page.clock.runFor(PAST_ANY_DELAY_MS);
      await expect(details.isVisible()).resolves.toBe(true);
      // Escape dismisses it without moving the pointer.
      await page.keyboard.press('Escape');
      await details.waitFor({ state: 'hidden' });
      await badge.hover();
      await details.waitFor();
      await page.mouse.move(0, 0);
      await page.clock.runFor(PAST_ANY_DELAY_MS);
      await details.waitFor({ state: 'hidden' });

      // A click (or a tap) pins it: the pointer leaving does not close it, a click elsewhere does.
      await badge.click();
      await details.waitFor();
      await page.mouse.move(0, 0);
      await page.clock.runFor(PAST_ANY_DELAY_MS);
      await expect(details.isVisible()).resolves.toBe(true);
      await page.getByRole('heading', { level: 2 }).first().click();
      await details.waitFor({ state: 'hidden' });
    },
    TEST_TIMEOUT,
  );

  it(
    "shows a failing source's own error words behind a button, from the keyboard",
    async () => {
      // The page reads the sources once: it opens after the worker has polled the missing feed.
      await expect
        .poll(
          async () => {
            const { items } = await api.call<{ items: Array<{ health: { status: string } }> }>(
              'GET',
              `${api.base}/listening/sources`,
            );
            return items.map((source) => source.health.status).sort();
          },
          { timeout: 60_000 },
        )
        .toEqual(['failing', 'ok']);
      await page.goto(`${app.server.baseUrl}/w/${api.workspaceId}/listening/sources`);
      const failing = page.getByTestId('source-row').filter({
        has: page.locator('[data-testid="source-health"][data-status="failing"]'),
      });
      await failing.waitFor({ timeout: 60_000 });
      const button = failing.getByTestId('source-error-details-button');
      await expect(button.innerText()).resolves.toBe("Détails de l'erreur");
      await expect(button.getAttribute('aria-expanded')).resolves.toBe('false');
      await button.focus();
      await page.keyboard.press('Enter');
      const details = failing.getByTestId('source-error-details');
      await details.waitFor();
      await expect(details.innerText()).resolves.toContain('Réponse de la source');
      await expect(details.innerText()).resolves.toMatch(/404/);
      await expect(button.getAttribute('aria-expanded')).resolves.toBe('true');
      expect(formatA11yViolations(await findA11yViolations(page))).toEqual([]);
      await page.keyboard.press('Escape');
      await details.waitFor({ state: 'hidden' });
      await expect(isFocused(button)).resolves.toBe(true);
    },
    TEST_TIMEOUT,
  );

  it(
    'names them in English',
    async () => {
      await page.getByTestId('language-menu').click();
      await page.getByTestId('language-option-en').click();
      await page.waitForFunction(() => document.documentElement.lang === 'en');
      const button = page.getByTestId('source-error-details-button').first();
      await expect(button.innerText()).resolves.toBe('Error details');
      await button.click();
      await expect(page.getByTestId('source-error-details').innerText()).resolves.toContain("The source's answer");
      await page.keyboard.press('Escape');

      await page.goto(`${app.server.baseUrl}/w/${api.workspaceId}/listening/mentions`);
      const badge = page.getByTestId('mention-sentiment').first();
      await expect(badge.getAttribute('aria-label')).resolves.toMatch(
        /^Sentiment details: (Positive|Neutral|Negative)$/,
      );
      await badge.focus();
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('mention-sentiment-details').innerText()).resolves.toMatch(
        /^Automatic analysis, \d+ % confidence$/,
      );
      expect(app.browser.readProblems().filter((problem) => problem.startsWith('pageerror'))).toEqual([]);
    },
    TEST_TIMEOUT,
  );
});
