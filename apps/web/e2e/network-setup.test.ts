// Every network visible: on a server started without any network app keys, the connect dialog still lists
// Facebook, Instagram, LinkedIn and X, "to be configured by an administrator", and shows the steps — the console
// to create the app in, the callback URL computed from the server's public URL, the permissions and the
// environment variables — in French (desktop and phone) and in English.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { logIn, openBrowser, type BrowserSession } from './browser';
import { startServer, type RunningServer } from './server';

const TEST_TIMEOUT = 60_000;
const ADMIN = { name: 'Camille Martin', email: 'admin@example.org', password: 'correct-horse-battery' };
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

let server: RunningServer;
let browser: BrowserSession;
let page: Page;
let workspaceId = '';
/** Problems seen before the tests (the login page asks for a session it does not have yet: a 401). */
let problemsBefore = 0;

async function openConnectDialog() {
  await page.goto(`${server.baseUrl}/w/${workspaceId}/channels`);
  await page.getByTestId('write-channel-connect').click();
  await page.getByTestId('connect-channel-form').waitFor();
}

async function listedNetworks(): Promise<string[]> {
  await page.getByTestId('write-channel-network').click();
  const options = await page.getByRole('option').allInnerTexts();
  await page.keyboard.press('Escape');
  return options;
}

async function pickNetwork(label: string) {
  await page.getByTestId('write-channel-network').click();
  await page.getByRole('option', { name: label, exact: true }).click();
}

describe('networks to be configured by an administrator', () => {
  beforeAll(async () => {
    server = await startServer();
    const setup = await fetch(`${server.baseUrl}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ organisation: 'Mairie', workspace: 'Communication', ...ADMIN }),
    });
    workspaceId = ((await setup.json()) as { workspace: { id: string } }).workspace.id;
    browser = await openBrowser();
    page = browser.page;
    page.setDefaultTimeout(15_000);
    await logIn(page, server.baseUrl, ADMIN.email, ADMIN.password);
    problemsBefore = browser.readProblems().length;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  }, 60_000);

  it(
    'lists Facebook, Instagram, LinkedIn and X with the steps, in French, at desktop and phone sizes',
    async () => {
      for (const size of [DESKTOP, PHONE]) {
        await page.setViewportSize(size);
        await openConnectDialog();
        const options = await listedNetworks();
        for (const network of ['Facebook', 'Instagram', 'LinkedIn', 'X']) {
          expect(options).toContain(`${network} (à configurer par un administrateur)`);
        }
        // Networks that need no app come first and can be connected at once.
        expect(options[0]).not.toContain('à configurer');

        await pickNetwork('Instagram (à configurer par un administrateur)');
        const steps = page.getByTestId('channel-network-setup');
        await steps.getByText('Instagram est à configurer par un administrateur').waitFor();
        expect(await page.getByTestId('channel-setup-callback').innerText()).toBe(
          `${server.baseUrl}/api/oauth/callback`,
        );
        expect(await page.getByTestId('channel-setup-variables').innerText()).toMatch(
          /ROSTRA_INSTAGRAM_APP_ID[\s\S]*ROSTRA_INSTAGRAM_APP_SECRET/,
        );
        await steps.getByRole('link', { name: 'https://developers.facebook.com/apps/' }).waitFor();
        await steps.getByText('instagram_business_content_publish').waitFor();
        await steps.getByText(/PUBLIC_URL/).waitFor();
        // Nothing to sign in with until the app exists.
        expect(await page.getByTestId('write-channel-oauth').count()).toBe(0);
        expect(await page.getByTestId('write-channel-submit').count()).toBe(0);
        // The dialog fits the screen: no horizontal scrolling at phone width, and no step cut off inside it.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        const box = await steps.boundingBox();
        const dialog = await page.getByTestId('connect-channel-form').boundingBox();
        expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual((dialog?.x ?? 0) + (dialog?.width ?? 0) + 1);
        const clipped = await steps.evaluate((element) =>
          Array.from(element.querySelectorAll('*')).some(
            (child) => child.getBoundingClientRect().right > element.getBoundingClientRect().right + 1,
          ),
        );
        expect(clipped).toBe(false);

        await pickNetwork('X (à configurer par un administrateur)');
        expect(await page.getByTestId('channel-setup-variables').innerText()).toMatch(
          /ROSTRA_X_CLIENT_ID[\s\S]*ROSTRA_X_CLIENT_SECRET \(facultative\)/,
        );
        await page.keyboard.press('Escape');
      }
      expect(browser.readProblems().slice(problemsBefore)).toEqual([]);
    },
    TEST_TIMEOUT,
  );

  it(
    'says the same in English',
    async () => {
      await page.setViewportSize(DESKTOP);
      await page.goto(`${server.baseUrl}/w/${workspaceId}/channels`);
      await page.getByTestId('language-menu').click();
      await page.getByTestId('language-option-en').click();
      await page.waitForFunction(() => document.documentElement.lang === 'en');
      await openConnectDialog();
      expect(await listedNetworks()).toContain('LinkedIn (to be configured by an administrator)');
      await pickNetwork('LinkedIn (to be configured by an administrator)');
      const steps = page.getByTestId('channel-network-setup');
      await steps.getByText('LinkedIn must be configured by an administrator').waitFor();
      expect(await page.getByTestId('channel-setup-variables').innerText()).toMatch(
        /ROSTRA_LINKEDIN_CLIENT_ID[\s\S]*ROSTRA_LINKEDIN_CLIENT_SECRET/,
      );
      await steps.getByText(/set these server environment variables/).waitFor();
      expect(browser.readProblems().slice(problemsBefore)).toEqual([]);
    },
    TEST_TIMEOUT,
  );
});
