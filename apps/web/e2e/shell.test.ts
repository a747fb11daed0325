// End-to-end check of the web shell against the real server: first-run setup,
// language switching, inviting a viewer, and what that viewer may (not) see.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowser, type BrowserSession } from './browser';
import { startServer, type RunningServer } from './server';

const TEST_TIMEOUT = 60_000;
const ADMIN = { name: 'Camille Martin', email: 'admin@example.org', password: 'correct-horse-battery' };
const VIEWER = { name: 'Lou Bernard', email: 'viewer@example.org', password: 'viewer-password-42' };

let server: RunningServer;
let browser: BrowserSession;
let page: Page;
let invitationUrl = '';

function url(path: string): string {
  return `${server.baseUrl}${path}`;
}

async function chooseLanguage(locale: 'fr' | 'en') {
  await page.getByTestId('language-menu').click();
  await page.getByTestId(`language-option-${locale}`).click();
  await page.waitForFunction((expected) => document.documentElement.lang === expected, locale);
}

describe('web shell', () => {
  beforeAll(async () => {
    server = await startServer();
    browser = await openBrowser();
    page = browser.page;
    page.setDefaultTimeout(15_000);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  }, 60_000);

  it(
    'redirects a fresh instance to setup, in French',
    async () => {
      await page.goto(url('/'));
      await page.waitForURL(/\/setup$/);
      await page.getByLabel("Nom de l'organisation").waitFor();
      await expect(page.getByTestId('setup-submit').innerText()).resolves.toBe('Créer mon organisation');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    },
    TEST_TIMEOUT,
  );

  it(
    'completes setup and lands in the workspace',
    async () => {
      await page.getByTestId('setup-organisation').fill('Mairie de Villeneuve');
      await page.getByTestId('setup-workspace').fill('Communication');
      await page.getByTestId('setup-name').fill(ADMIN.name);
      await page.getByTestId('setup-email').fill(ADMIN.email);
      await page.getByTestId('setup-password').fill(ADMIN.password);
      await page.getByTestId('setup-submit').click();

      await page.waitForURL(/\/w\/[^/]+\/today$/);
      await page.getByRole('heading', { name: "Aujourd'hui", level: 2 }).waitFor();
      // Members and the other settings live under "Paramètres"; an admin opens on the workspace's own settings.
      await page.getByTestId('nav-settings-area').click();
      await page.waitForURL(/\/settings\/workspace$/);
      await page.getByTestId('nav-members').click();
      await page.waitForURL(/\/settings\/members$/);
      await page.getByRole('heading', { name: 'Membres' }).waitFor();
      await page.getByTestId('members-table').getByText(ADMIN.email).waitFor();
      await expect(page.getByTestId('nav-invitations').count()).resolves.toBe(1);
    },
    TEST_TIMEOUT,
  );

  it(
    'switches to English and back to French',
    async () => {
      await chooseLanguage('en');
      await page.getByRole('heading', { name: 'Members' }).waitFor();
      await expect(page.getByTestId('nav-api-keys').innerText()).resolves.toBe('API keys');

      await chooseLanguage('fr');
      await page.getByRole('heading', { name: 'Membres' }).waitFor();
      await expect(page.getByTestId('nav-api-keys').innerText()).resolves.toBe("Clés d'API");
      expect(await page.evaluate(() => localStorage.getItem('rostra.locale'))).toBe('fr');
    },
    TEST_TIMEOUT,
  );

  it(
    'invites a viewer and shows the invitation link',
    async () => {
      await page.getByTestId('nav-invitations').click();
      await page.waitForURL(/\/invitations$/);
      await page.getByTestId('write-invite-email').fill(VIEWER.email);
      await page.getByTestId('write-invite-role').click();
      await page.getByRole('option', { name: 'Lecteur' }).click();
      await page.getByTestId('write-invite-submit').click();

      const link = page.getByTestId('invite-link');
      await link.waitFor();
      invitationUrl = await link.inputValue();
      expect(invitationUrl).toMatch(/\/invite\/[^/]+$/);
      await page.getByTestId('invitations-table').getByText(VIEWER.email).waitFor();
      await page.getByTestId('invitations-table').getByText('En attente').waitFor();
    },
    TEST_TIMEOUT,
  );

  it(
    'creates an API key, shows its secret once, and the secret opens the API',
    async () => {
      await page.getByTestId('nav-api-keys').click();
      await page.waitForURL(/\/api-keys$/);
      await page.getByTestId('write-api-key-name').fill('Tableau de bord');
      await page.getByTestId('write-api-key-submit').click();
      const modal = page.getByTestId('api-key-secret-modal');
      await modal.waitFor();
      const secret = await page.getByTestId('api-key-secret').inputValue();
      // Only the button closes it: Escape would lose the secret for good.
      await page.keyboard.press('Escape');
      await expect(modal.isVisible()).resolves.toBe(true);

      const workspaceId = new URL(page.url()).pathname.split('/')[2];
      const response = await fetch(`${server.baseUrl}/api/workspaces/${workspaceId}/members`, {
        headers: { authorization: `Bearer ${secret}` },
      });
      expect(response.status).toBe(200);

      await page.getByTestId('api-key-secret-done').click();
      await modal.waitFor({ state: 'detached' });
      await page.getByTestId('api-key-row').filter({ hasText: 'Tableau de bord' }).waitFor();
    },
    TEST_TIMEOUT,
  );

  it(
    'logs out',
    async () => {
      await page.getByTestId('user-menu').click();
      await page.getByTestId('logout').click();
      await page.waitForURL(/\/login/);
      await page.getByTestId('login-submit').waitFor();
    },
    TEST_TIMEOUT,
  );

  it(
    'accepts the invitation by creating an account',
    async () => {
      // The link carries the server's PUBLIC_URL, which is this test server.
      await page.goto(invitationUrl);
      await page.getByTestId('invite-role').getByText('Lecteur').waitFor();
      await page.getByTestId('invite-name').fill(VIEWER.name);
      await page.getByTestId('invite-password').fill(VIEWER.password);
      await page.getByTestId('invite-submit').click();

      await page.waitForURL(/\/w\/[^/]+\/today$/);
      await page.getByTestId('nav-settings-area').click();
      await page.waitForURL(/\/settings\/members$/);
      await page.getByRole('heading', { name: 'Membres' }).waitFor();
      await page.getByTestId('members-table').getByText(VIEWER.email).waitFor();
    },
    TEST_TIMEOUT,
  );

  it(
    'shows a viewer no write controls and no admin navigation',
    async () => {
      const table = page.getByTestId('members-table');
      await table.getByText(ADMIN.email).waitFor();
      await expect(table.getByTestId('member-row').count()).resolves.toBe(2);
      await expect(table.getByRole('combobox').count()).resolves.toBe(0);
      await expect(table.getByRole('button').count()).resolves.toBe(0);

      await expect(page.getByTestId('nav-members').count()).resolves.toBe(1);
      for (const hidden of ['nav-invitations', 'nav-api-keys', 'nav-audit', 'nav-settings']) {
        await expect(page.getByTestId(hidden).count(), hidden).resolves.toBe(0);
      }
      await expect(page.locator('[data-testid^="write-"]').count()).resolves.toBe(0);

      // Typing an admin URL by hand lands back on the home page rather than on a broken page.
      const invitationsPath = new URL(page.url()).pathname.replace(/members$/, 'invitations');
      await page.goto(url(invitationsPath));
      await page.waitForURL(/\/today$/);
      await page.getByTestId('home-page').waitFor();
      await expect(page.locator('[data-testid^="write-"]').count()).resolves.toBe(0);

      expect(browser.readProblems().filter((problem) => problem.startsWith('pageerror'))).toEqual([]);
    },
    TEST_TIMEOUT,
  );
  it(
    'logs the member in again on the login page, still without write controls',
    async () => {
      await page.getByTestId('user-menu').click();
      await page.getByTestId('logout').click();
      await page.waitForURL(/\/login/);
      await page.getByTestId('login-email').fill(VIEWER.email);
      await page.getByTestId('login-password').fill('not the password');
      await page.getByTestId('login-submit').click();
      await page.getByText('Adresse e-mail ou mot de passe incorrect.').waitFor();
      await page.getByTestId('login-password').fill(VIEWER.password);
      await page.getByTestId('login-submit').click();
      await page.waitForURL(/\/w\/[^/]+\/today$/);
      await page.getByTestId('home-page').waitFor();
      await expect(page.locator('[data-testid^="write-"]').count()).resolves.toBe(0);
    },
    TEST_TIMEOUT,
  );
});
