// Headless Chromium from the system package, with a fresh profile per run so
// no cookie or localStorage leaks between test runs; and the start every browser test shares (a server, a browser).
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startServer, type RunningServer, type ServerOptions } from './server';

function findChromium(): string {
  try {
    const found = execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim();
    if (found) return found;
  } catch {
    // Fall through to the Debian default location.
  }
  return '/usr/bin/chromium';
}

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions seen so far, for failure messages. */
  readProblems: () => string[];
  close: () => Promise<void>;
}

export interface BrowserOptions {
  /** The browser's own time zone, e.g. to prove the UI follows the workspace's zone instead. */
  timezoneId?: string;
}

export async function openBrowser(options: BrowserOptions = {}): Promise<BrowserSession> {
  const profileDir = await mkdtemp(join(tmpdir(), 'rostra-e2e-profile-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: findChromium(),
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1280, height: 900 },
    locale: 'fr-FR',
    ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });

  return {
    context,
    page,
    readProblems: () => [...problems],
    close: async () => {
      await context.close();
      await rm(profileDir, { recursive: true, force: true });
    },
  };
}

/** Logs in on the login page and waits for the home page ("Aujourd'hui"), where login lands. */
export async function logIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(/\/w\/[^/]+\/today$/);
}

export interface BrowserApp {
  server: RunningServer;
  browser: BrowserSession;
  page: Page;
  /** The message of every dialog (alert, confirm) a page opened; each was dismissed. */
  dialogs: string[];
  /** Closes the browser, then stops the server. */
  close: () => Promise<void>;
}

export interface BrowserAppOptions {
  server?: ServerOptions;
  browser?: BrowserOptions;
  /** How long each page action waits (Playwright's default timeout). */
  actionTimeoutMs: number;
}

/**
 * Starts the real server and Chromium side by side (each takes seconds, mostly waiting), with dialogs recorded
 * and dismissed so a test can assert none opened. Either failing stops the other.
 */
export async function startBrowserApp(options: BrowserAppOptions): Promise<BrowserApp> {
  const [server, browser] = await Promise.allSettled([startServer(options.server), openBrowser(options.browser)]);
  if (server.status === 'rejected' || browser.status === 'rejected') {
    if (server.status === 'fulfilled') await server.value.stop();
    if (browser.status === 'fulfilled') await browser.value.close();
    throw server.status === 'rejected' ? server.reason : (browser as PromiseRejectedResult).reason;
  }
  const { page } = browser.value;
  page.setDefaultTimeout(options.actionTimeoutMs);
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return {
    server: server.value,
    browser: browser.value,
    page,
    dialogs,
    close: async () => {
      await browser.value.close();
      await server.value.stop();
    },
  };
}
