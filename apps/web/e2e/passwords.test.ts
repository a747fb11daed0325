// Passwords in the browser against the real server: an admin hands a reset link to a member, who sets a new
// password through it (a common one is refused), then changes it from the user menu; without SMTP, the
// "forgot your password" page says to ask an admin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowser, type BrowserSession } from './browser';
import { startServer, type RunningServer } from './server';

const TEST_TIMEOUT = 60_000;
const ADMIN = { name: 'Camille Martin', email: 'admin@example.org', password: 'correct-horse-battery' };
const MEMBER = { name: 'Lou Bernard', email: 'lou@example.org', password: 'lou aime les tramways' };
const RESET_PASSWORD = 'un vélo rouge sous la pluie';
const CHANGED_PASSWORD = 'trois cerfs-volants bleus';

let server: RunningServer;
let browser: BrowserSession;
let page: Page;
let resetUrl = '';

async function post(path: string, body: unknown, cookie?: string, csrf?: string) {
  const response = await fetch(`${server.baseUrl}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(cookie ? { cookie } : {}),
      ...(csrf ? { 'x-csrf-token': csrf } : {}),
    },
    body: JSON.stringify(body),
  });
  return response;
}

async function logIn(email: string, password: string) {
  await page.goto(`${server.baseUrl}/login`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(/\/w\/[^/]+\/today$/);
  await page.getByTestId('nav-settings-area').click();
  await page.getByTestId('nav-members').click();
  await page.waitForURL(/\/settings\/members$/);
}

async function logOut() {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('logout').click();
  await page.waitForURL(/\/login/);
}

describe('passwords in the web UI', () => {
  beforeAll(async () => {
    server = await startServer();
    // The organisation and a member, through the API: the browser part is about passwords.
    const setup = await post('/api/setup', { organisation: 'Mairie', workspace: 'Communication', ...ADMIN });
    const cookie = (setup.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const { csrfToken, workspace } = (await setup.json()) as { csrfToken: string; workspace: { id: string } };
    const invited = await post(
      `/api/workspaces/${workspace.id}/invitations`,
      { email: MEMBER.email, role: 'viewer' },
      cookie,
      csrfToken,
    );
    const token = ((await invited.json()) as { url: string }).url.split('/invite/')[1] as string;
    await post(`/api/invitations/${token}/accept`, { name: MEMBER.name, password: MEMBER.password });
    browser = await openBrowser();
    page = browser.page;
    page.setDefaultTimeout(15_000);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  }, 60_000);

  it(
    'lets an admin create a reset link for a member, shown once',
    async () => {
      await logIn(ADMIN.email, ADMIN.password);
      const table = page.getByTestId('members-table');
      await table.getByTestId('member-owner').waitFor();
      const row = table.getByTestId('member-row').filter({ hasText: MEMBER.email });
      await row.getByRole('button', { name: 'Actions' }).click();
      await page.getByRole('menuitem', { name: 'Créer un lien de réinitialisation' }).click();
      await page.getByTestId('reset-link-modal').waitFor();
      resetUrl = await page.getByTestId('reset-link').inputValue();
      expect(resetUrl).toMatch(/\/reset-password\/[\w-]+$/);
      await page.getByTestId('reset-link-done').click();
      await logOut();
    },
    TEST_TIMEOUT,
  );

  it(
    'sets a new password through the link, refusing a common one',
    async () => {
      await page.goto(resetUrl);
      await page.getByTestId('reset-email').getByText(MEMBER.email).waitFor();
      await page.getByTestId('reset-password').fill('Password1234!');
      await page.getByTestId('reset-confirm').fill('Password1234!');
      await page.getByTestId('reset-submit').click();
      await page.getByText('Ce mot de passe figure dans les listes de mots de passe courants').waitFor();

      await page.getByTestId('reset-password').fill(RESET_PASSWORD);
      await page.getByTestId('reset-confirm').fill(RESET_PASSWORD);
      await page.getByTestId('reset-submit').click();
      await page.getByTestId('reset-done').waitFor();

      // The link is used up.
      await page.goto(resetUrl);
      await page.getByTestId('reset-invalid').waitFor();
      await logIn(MEMBER.email, RESET_PASSWORD);
    },
    TEST_TIMEOUT,
  );

  it(
    'changes the password from the user menu with the current one',
    async () => {
      await page.getByTestId('user-menu').click();
      await page.getByTestId('change-password').click();
      await page.getByTestId('change-password-current').fill('pas le bon mot de passe');
      await page.getByTestId('change-password-password').fill(CHANGED_PASSWORD);
      await page.getByTestId('change-password-confirm').fill(CHANGED_PASSWORD);
      await page.getByTestId('change-password-submit').click();
      await page.getByText("Le mot de passe actuel n'est pas le bon.").waitFor();

      await page.getByTestId('change-password-current').fill(RESET_PASSWORD);
      await page.getByTestId('change-password-submit').click();
      await page.getByText('Mot de passe modifié. Vos autres sessions ont été fermées.').waitFor();
      await logOut();
      await logIn(MEMBER.email, CHANGED_PASSWORD);
      await logOut();
    },
    TEST_TIMEOUT,
  );

  it(
    'says to ask an admin when the server cannot send email',
    async () => {
      await page.getByTestId('login-forgot').click();
      await page.waitForURL(/\/forgot-password$/);
      await page.getByTestId('forgot-ask-admin').waitFor();
      expect(browser.readProblems().filter((problem) => problem.startsWith('pageerror'))).toEqual([]);
    },
    TEST_TIMEOUT,
  );
});
