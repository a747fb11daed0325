// The « Boîte de réception » in Chromium against the real server: the three panes, j and k moving through the list,
// the conversation under the post it answers, a status change and an assignment reflected in the filters' counts
// and in « Moi »; in French, then the same page in English.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startFakeMastodon, type FakeMastodon } from '@rostra/connectors/testing';
import { startBrowserApp, type BrowserApp } from './browser';
import { chooseLanguage, setUpAndLogIn, type SeededApi } from './seeded-api';
import { INBOX_POST, seedInbox } from './inbox-seed';

const TEST_TIMEOUT = 90_000;

let app: BrowserApp;
let page: Page;
let mastodon: FakeMastodon;
let seeded: SeededApi;

const selected = () => page.locator('[data-testid="inbox-item"][aria-current="true"]');

beforeAll(async () => {
  mastodon = await startFakeMastodon();
  app = await startBrowserApp({ actionTimeoutMs: 15_000 });
  page = app.page;
  seeded = await setUpAndLogIn(page, app.server.baseUrl);
  const { accessToken } = mastodon.createAccount('mairie');
  const channel = await seeded.call<{ id: string }>('POST', `${seeded.base}/channels`, {
    network: 'mastodon',
    credentials: { instance: mastodon.url, accessToken },
  });
  await seedInbox(app.server.dataDir, seeded.workspaceId, channel.id);
}, 120_000);

afterAll(async () => {
  await app?.close();
  await mastodon?.close();
}, 60_000);

describe('inbox', () => {
  it(
    'moves with j and k, shows the conversation under our post, changes a status and an assignment',
    async () => {
      await page.getByTestId('nav-inbox').click();
      await page.getByTestId('inbox-item').first().waitFor();
      expect(await page.getByTestId('inbox-item').count()).toBe(3);
      await page.keyboard.press('j');
      await expect.poll(() => selected().textContent()).toContain('lampadaire');
      await page.keyboard.press('j');
      await expect.poll(() => selected().textContent()).toContain('toilettes accessibles');
      await page.keyboard.press('k');
      await page.keyboard.press('j');
      await expect.poll(() => selected().textContent()).toContain('toilettes accessibles');
      await expect.poll(() => page.getByTestId('inbox-subject').textContent()).toContain(INBOX_POST);
      expect(await page.getByTestId('inbox-thread-item').count()).toBe(2);

      await page.getByTestId('inbox-set-status').click();
      await page.getByRole('option', { name: 'En cours' }).click();
      await expect.poll(() => page.getByTestId('inbox-status-open').textContent()).toContain('1');
      await page.getByTestId('inbox-assign').click();
      await page.getByRole('option', { name: 'Camille Martin' }).click();
      await page.getByTestId('inbox-assignee').getByText('Moi', { exact: true }).click();
      await expect.poll(() => page.getByTestId('inbox-item').count()).toBe(1);
      expect(await page.getByTestId('inbox-item').textContent()).toContain('toilettes accessibles');
    },
    TEST_TIMEOUT,
  );

  it(
    'speaks English when asked',
    async () => {
      await chooseLanguage(page, 'en');
      await expect.poll(() => page.getByRole('heading', { level: 2 }).first().textContent()).toBe('Inbox');
      expect(await page.getByTestId('inbox-status-open').textContent()).toContain('Open');
    },
    TEST_TIMEOUT,
  );
});
