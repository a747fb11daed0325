// The start most browser tests share after startBrowserApp(): an instance set up through /api/setup (an organisation,
// a workspace, its administrator), an API client with that administrator's session to seed data behind the page's
// back, and the browser logged in as the same person on the home page; then the API called with the browser's own
// session (as the UI calls it), and the language switched from the header's menu.
import type { Page } from 'playwright-core';
import { logIn } from './browser';

export interface Admin {
  name: string;
  email: string;
  password: string;
}

export const DEFAULT_ADMIN: Admin = {
  name: 'Camille Martin',
  email: 'admin@mairie.test',
  password: 'correct-horse-battery',
};

/** Calls the API as the administrator; an answer of 400 or more throws with its status and body. */
export type CallApi = <T = unknown>(method: string, path: string, body?: unknown) => Promise<T>;

export interface SeededApi {
  workspaceId: string;
  /** The workspace's time zone (Europe/Paris unless the setup said otherwise). */
  timeZone: string;
  /** `/api/workspaces/<id>`, to prefix the workspace's routes. */
  base: string;
  call: CallApi;
}

export interface SeedOptions {
  admin?: Admin;
  organisation?: string;
  workspace?: string;
}

/** Sets the instance up and returns an API client with the administrator's cookie and CSRF token. */
export async function setUpInstance(baseUrl: string, options: SeedOptions = {}): Promise<SeededApi> {
  const admin = options.admin ?? DEFAULT_ADMIN;
  const setup = await fetch(`${baseUrl}/api/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      organisation: options.organisation ?? 'Mairie de Villeneuve',
      workspace: options.workspace ?? 'Communication',
      ...admin,
    }),
  });
  if (setup.status !== 201) throw new Error(`setup: ${setup.status} ${await setup.text()}`);
  const cookie = (setup.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken, workspace } = (await setup.json()) as {
    csrfToken: string;
    workspace: { id: string };
  };
  const call: CallApi = async <T>(method: string, path: string, body?: unknown) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (response.status >= 400) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return JSON.parse(text || 'null') as T;
  };
  const base = `/api/workspaces/${workspace.id}`;
  const { timezone } = await call<{ timezone: string }>('GET', base);
  return { workspaceId: workspace.id, timeZone: timezone, base, call };
}

/** Sets the instance up, then logs the browser in as its administrator (it lands on the home page). */
export async function setUpAndLogIn(page: Page, baseUrl: string, options: SeedOptions = {}): Promise<SeededApi> {
  const seeded = await setUpInstance(baseUrl, options);
  const admin = options.admin ?? DEFAULT_ADMIN;
  await logIn(page, baseUrl, admin.email, admin.password);
  return seeded;
}

/** Calls the API from the page, with the browser's session and CSRF token, as the UI does; throws like `call`. */
export function browserApi(page: Page): CallApi {
  return <T>(method: string, path: string, body?: unknown) =>
    page.evaluate(
      async ({ method, path, body }) => {
        const session = (await (await fetch('/api/session')).json()) as { csrfToken: string };
        const response = await fetch(path, {
          method,
          headers: {
            'x-csrf-token': session.csrfToken,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await response.text();
        if (response.status >= 400) throw new Error(`${method} ${path} → ${response.status} ${text}`);
        return (text ? JSON.parse(text) : null) as T;
      },
      { method, path, body },
    );
}

/** Switches the interface language from the header's menu and waits for the page to speak it. */
export async function chooseLanguage(page: Page, locale: 'fr' | 'en'): Promise<void> {
  await page.getByTestId('language-menu').click();
  await page.getByTestId(`language-option-${locale}`).click();
  await page.waitForFunction((expected) => document.documentElement.lang === expected, locale);
}
