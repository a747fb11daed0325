// What the server says, in the person's language, in the browser against the real server: the audit log reads as
// sentences (« Camille Martin a créé la publication « Travaux rue du Port » »), filtered by person and kind of
// action, and a refused source address is explained in French — then the same in English.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { logIn, openBrowser, type BrowserSession } from './browser';
import { startServer, type RunningServer } from './server';

const TEST_TIMEOUT = 90_000;
const ADMIN = { name: 'Camille Martin', email: 'camille@mairie.test', password: 'correct-horse-battery' };
const MEMBER = { name: 'Lou Bernard', email: 'lou@mairie.test', password: 'lou aime les tramways' };

let server: RunningServer;
let browser: BrowserSession;
let page: Page;
let workspaceId = '';

async function call(method: string, path: string, body: unknown, session?: { cookie: string; csrf: string }) {
  const response = await fetch(`${server.baseUrl}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : {}),
    },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response;
}

async function chooseLanguage(locale: 'fr' | 'en') {
  await page.getByTestId('language-menu').click();
  await page.getByTestId(`language-option-${locale}`).click();
  await page.waitForFunction((expected) => document.documentElement.lang === expected, locale);
}

async function pickOption(testId: string, option: string) {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function sentences(): Promise<string[]> {
  await page.getByTestId('audit-table').waitFor();
  return page.getByTestId('audit-sentence').allInnerTexts();
}

describe('server words in the web UI', () => {
  beforeAll(async () => {
    server = await startServer();
    const setup = await call('POST', '/api/setup', { organisation: 'Mairie', workspace: 'Communication', ...ADMIN });
    const admin = {
      cookie: (setup.headers.get('set-cookie') ?? '').split(';')[0] as string,
      csrf: ((await setup.clone().json()) as { csrfToken: string }).csrfToken,
    };
    workspaceId = ((await setup.json()) as { workspace: { id: string } }).workspace.id;
    const invited = await call(
      'POST',
      `/api/workspaces/${workspaceId}/invitations`,
      { email: MEMBER.email, role: 'contributor' },
      admin,
    );
    const token = ((await invited.json()) as { url: string }).url.split('/invite/')[1] as string;
    const accepted = await call('POST', `/api/invitations/${token}/accept`, {
      name: MEMBER.name,
      password: MEMBER.password,
    });
    const memberId = ((await accepted.json()) as { user: { id: string } }).user.id;
    await call('PATCH', `/api/workspaces/${workspaceId}/members/${memberId}`, { role: 'manager' }, admin);
    await call(
      'POST',
      `/api/workspaces/${workspaceId}/posts`,
      { text: 'Travaux rue du Port\nCirculation alternée du 15 au 19 décembre.', channels: [] },
      admin,
    );
    await call('POST', `/api/workspaces/${workspaceId}/themes`, { name: 'Voirie', color: '#1c7ed6' }, admin);
    browser = await openBrowser();
    page = browser.page;
    page.setDefaultTimeout(20_000);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  }, 60_000);

  it(
    'reads the audit log as French sentences, filtered by person and kind of action',
    async () => {
      await logIn(page, server.baseUrl, ADMIN.email, ADMIN.password);
      await page.goto(`${server.baseUrl}/w/${workspaceId}/settings/audit`);
      const all = await sentences();
      expect(all).toEqual(
        expect.arrayContaining([
          'Camille Martin a créé le thème « Voirie »',
          'Camille Martin a créé la publication « Travaux rue du Port »',
          'Camille Martin a changé le rôle de « Lou Bernard » : contributeur devient responsable (valide)',
          'Camille Martin a invité « lou@mairie.test » (contributeur)',
          "Lou Bernard a accepté l'invitation et rejoint l'espace",
        ]),
      );
      // No code, UUID or English reaches the page.
      const table = await page.getByTestId('audit-table').innerText();
      expect(table).not.toMatch(/post\.created|member\.role_changed|[0-9a-f]{8}-[0-9a-f]{4}-|created the/);

      await pickOption('audit-filter-kind', 'Publications');
      await expect.poll(sentences).toEqual(['Camille Martin a créé la publication « Travaux rue du Port »']);
      await page.getByTestId('audit-filter-kind').click();
      await page.keyboard.press('Escape');
      await page.goto(`${server.baseUrl}/w/${workspaceId}/settings/audit`);
      await pickOption('audit-filter-person', MEMBER.name);
      await expect.poll(sentences).toEqual(["Lou Bernard a accepté l'invitation et rejoint l'espace"]);
      // The refused request and the session check before login are answers, not failures: no script error.
      expect(browser.readProblems().filter((problem) => problem.startsWith('pageerror'))).toEqual([]);
    },
    TEST_TIMEOUT,
  );

  it(
    'explains a refused source address in French, then everything in English',
    async () => {
      await page.goto(`${server.baseUrl}/w/${workspaceId}/listening/sources`);
      await page.getByTestId('source-form').waitFor();
      await pickOption('write-source-network', 'Flux RSS / Atom');
      await page.getByTestId('write-source-field-url').fill('mairie.fr/flux');
      await page.getByTestId('write-source-submit').click();
      const form = page.getByTestId('source-form');
      await form.getByText("« mairie.fr/flux » n'est pas une adresse", { exact: false }).first().waitFor();
      expect(await form.innerText()).not.toMatch(/is not an address/);

      await chooseLanguage('en');
      await page.getByTestId('write-source-submit').click();
      await form
        .getByText('"mairie.fr/flux" is not an address: it should look like https://example.org/page.')
        .first()
        .waitFor();

      await page.goto(`${server.baseUrl}/w/${workspaceId}/settings/audit`);
      await expect
        .poll(sentences)
        .toEqual(
          expect.arrayContaining([
            'Camille Martin created the post “Travaux rue du Port”',
            'Camille Martin changed the role of “Lou Bernard” from contributor to manager (approves)',
          ]),
        );
      // The refused request and the session check before login are answers, not failures: no script error.
      expect(browser.readProblems().filter((problem) => problem.startsWith('pageerror'))).toEqual([]);
    },
    TEST_TIMEOUT,
  );
});
