// The home page ("Aujourd'hui") and the "Paramètres" area in Chromium against the real server, with the fake
// Mastodon (written from its docs) and a local feed: login lands on the home page, each card opens the right
// filtered screen, settings live under /settings/… and the old addresses redirect; at 1440×900 and 390×844 (burger
// menu, no page wider than the phone), in French and once in English. Screenshots go to ROSTRA_SCREENSHOTS_DIR.
import { mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startFakeMastodon, type FakeMastodon } from '@rostra/connectors/testing';
import { logIn, openBrowser, type BrowserSession } from './browser';
import { startServer, type RunningServer } from './server';

const TEST_TIMEOUT = 90_000;
const ADMIN = { name: 'Camille Martin', email: 'admin@mairie.test', password: 'correct-horse-battery' };
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const SCREENSHOTS = process.env.ROSTRA_SCREENSHOTS_DIR;

let server: RunningServer;
let mastodon: FakeMastodon;
let feedServer: Server;
let feedUrl = '';
let browser: BrowserSession;
let page: Page;
let workspaceId = '';
const posts: Record<string, string> = {};
let topicId = '';

/** A time zone where it is now between 9:00 and 15:00, so "in an hour" is still today there. */
function middayZone(now: number): string {
  const zone = Intl.supportedValuesOf('timeZone').find((candidate) => {
    const hour = Number(
      new Intl.DateTimeFormat('en-GB', { hour: 'numeric', hourCycle: 'h23', timeZone: candidate }).format(now),
    );
    return hour >= 9 && hour < 15;
  });
  if (!zone) throw new Error('no time zone at midday');
  return zone;
}

function url(path: string): string {
  return `${server.baseUrl}${path}`;
}

function workspaceUrl(path: string): string {
  return url(`/w/${workspaceId}/${path}`);
}

/** Calls the API with the browser's session, as the UI does; fails on an error answer. */
async function callApi<T>(method: string, path: string, body?: unknown): Promise<T> {
  const answer = await page.evaluate(
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
      return { status: response.status, body: (await response.text()) || 'null' };
    },
    { method, path, body },
  );
  if (answer.status >= 400) throw new Error(`${method} ${path}: ${answer.status} ${answer.body}`);
  return JSON.parse(answer.body) as T;
}

async function waitForHome(check: (home: HomeRead) => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 45_000;
  for (;;) {
    const home = await callApi<HomeRead>('GET', `/api/workspaces/${workspaceId}/home`);
    if (check(home)) return;
    if (Date.now() > deadline) throw new Error(`home never showed ${what}: ${JSON.stringify(home)}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

interface HomeRead {
  today: { total: number };
  problems: { failed: number };
  channels: { needsReconnect: unknown[] };
  mentions: { total: number };
}

async function chooseLanguage(locale: 'fr' | 'en') {
  await page.getByTestId('language-menu').click();
  await page.getByTestId(`language-option-${locale}`).click();
  await page.waitForFunction((expected) => document.documentElement.lang === expected, locale);
}

/** The page's own heading is drawn (the route's data arrived). */
async function pageReady(): Promise<void> {
  await page.locator('main h2').first().waitFor();
}

async function screenshot(name: string): Promise<void> {
  if (!SCREENSHOTS) return;
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
}

async function pageWidth(): Promise<number> {
  return page.evaluate(() => document.scrollingElement?.scrollWidth ?? Number.POSITIVE_INFINITY);
}

describe('home page and settings area', () => {
  beforeAll(async () => {
    feedServer = createServer((request, response) => {
      if (request.method === 'GET' && request.url === '/feed.json') {
        const origin = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}`;
        response.writeHead(200, { 'content-type': 'application/feed+json; charset=utf-8' });
        response.end(
          JSON.stringify({
            version: 'https://jsonfeed.org/version/1.1',
            title: 'Journal de Villeneuve',
            items: [1, 2].map((n) => ({
              id: `${origin}/articles/${n}`,
              url: `${origin}/articles/${n}`,
              content_text: n === 1 ? 'La piscine ferme pour travaux.' : 'La piscine rouvre en janvier.',
              date_published: new Date(Date.now() - n * 3_600_000).toISOString(),
            })),
          }),
        );
        return;
      }
      // Only the feed is expected: anything else is a bug in what the server fetches.
      response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => feedServer.listen(0, '127.0.0.1', resolve));
    feedUrl = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}/feed.json`;
    mastodon = await startFakeMastodon();
    server = await startServer();
    browser = await openBrowser();
    page = browser.page;
    page.setDefaultTimeout(20_000);
    await page.setViewportSize(DESKTOP);
    const setup = await fetch(url('/api/setup'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ organisation: 'Mairie de Villeneuve', workspace: 'Communication', ...ADMIN }),
    });
    expect(setup.status).toBe(201);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await mastodon?.close();
    await new Promise<void>((resolve) => (feedServer ? feedServer.close(() => resolve()) : resolve()));
  }, 60_000);

  it(
    'lands on the home page at login, with first steps in a new workspace',
    async () => {
      await logIn(page, server.baseUrl, ADMIN.email, ADMIN.password);
      workspaceId = /\/w\/([^/]+)\/today$/.exec(page.url())?.[1] ?? '';
      await page.getByRole('heading', { name: "Aujourd'hui", level: 2 }).waitFor();
      await page.getByTestId('home-first-steps').getByText('Connectez un premier canal', { exact: false }).waitFor();
      await page.getByTestId('home-connect-channel').click();
      await page.waitForURL(/\/channels$/);
      // The daily menu holds no settings page any more.
      for (const gone of ['nav-members', 'nav-invitations', 'nav-api-keys', 'nav-webhooks', 'nav-audit']) {
        await expect(page.getByTestId(gone).count(), gone).resolves.toBe(0);
      }
      await expect(page.getByTestId('nav-settings-area').innerText()).resolves.toBe('Paramètres');
    },
    TEST_TIMEOUT,
  );

  it(
    'shows what goes out today and what needs a person, once the workspace works',
    async () => {
      await callApi('PATCH', `/api/workspaces/${workspaceId}`, { timezone: middayZone(Date.now()) });
      const connect = async (username: string) => {
        const { accessToken } = mastodon.createAccount(username);
        const channel = await callApi<{ id: string }>('POST', `/api/workspaces/${workspaceId}/channels`, {
          network: 'mastodon',
          credentials: { instance: mastodon.url, accessToken },
        });
        return { id: channel.id, accessToken };
      };
      const mairie = await connect('mairie');
      const piscine = await connect('piscine');
      const write = async (text: string, channelId: string, scheduledAt?: number) =>
        (
          await callApi<{ id: string }>('POST', `/api/workspaces/${workspaceId}/posts`, {
            text,
            channels: [{ channelId }],
            ...(scheduledAt !== undefined && { scheduledAt: new Date(scheduledAt).toISOString() }),
          })
        ).id;
      const act = (id: string, ...actions: string[]) =>
        actions.reduce(
          (previous, action) =>
            previous.then(() => callApi('POST', `/api/workspaces/${workspaceId}/posts/${id}/${action}`, {})),
          Promise.resolve<unknown>(undefined),
        );

      posts.today = await write('Travaux rue du Port : la circulation est déviée', mairie.id, Date.now() + 3_600_000);
      await act(posts.today, 'submit', 'approve', 'schedule');
      posts.review = await write('Fête de la musique : le programme', mairie.id);
      await act(posts.review, 'submit');
      // The network revokes the pool's token: its post fails at once and the channel needs reconnecting.
      mastodon.revokeToken(piscine.accessToken);
      posts.failed = await write('Horaires de la piscine', piscine.id, Date.now() + 1_000);
      await act(posts.failed, 'submit', 'approve', 'schedule');

      topicId = (
        await callApi<{ id: string }>('POST', `/api/workspaces/${workspaceId}/listening/topics`, {
          name: 'Piscine',
          group: 'brand',
          query: 'piscine',
        })
      ).id;
      const source = await callApi<{ id: string }>('POST', `/api/workspaces/${workspaceId}/listening/sources`, {
        network: 'feed',
        kind: 'feed',
        config: { url: feedUrl },
      });
      await callApi('POST', `/api/workspaces/${workspaceId}/listening/sources/${source.id}/poll`);

      await waitForHome(
        (home) => home.problems.failed === 1 && home.channels.needsReconnect.length === 1 && home.mentions.total === 2,
        'the failed post, the channel to reconnect and two mentions',
      );

      await page.goto(workspaceUrl('today'));
      await page.getByTestId('home-page').waitFor();
      const count = (testId: string) => page.getByTestId(testId).getAttribute('data-count');
      await expect(count('home-card-today')).resolves.toBe('2');
      await expect(count('home-card-review')).resolves.toBe('1');
      await expect(count('home-card-failed')).resolves.toBe('1');
      await expect(count('home-card-unconfirmed')).resolves.toBe('0');
      await expect(count('home-card-reconnect')).resolves.toBe('1');
      await expect(count('home-card-alerts')).resolves.toBe('0');
      await expect(count('home-card-mentions')).resolves.toBe('2');
      await expect(page.getByTestId('home-card-review').innerText()).resolves.toContain('publication à valider');
      const rows = page.getByTestId('home-today-row');
      await expect(rows.count()).resolves.toBe(2);
      await rows.filter({ hasText: 'Travaux rue du Port' }).getByText('Programmée').waitFor();
      await rows.filter({ hasText: 'Horaires de la piscine' }).getByText('Échec').waitFor();
      await page.getByTestId('home-review').getByText('Fête de la musique').waitFor();
      await page.getByTestId('home-reconnect').getByText('piscine', { exact: false }).first().waitFor();
      await expect(page.getByTestId('home-first-steps').count()).resolves.toBe(0);
      await screenshot('home-1440');
    },
    TEST_TIMEOUT,
  );

  it(
    'opens the right filtered screen from each card',
    async () => {
      const cards: Array<[string, RegExp, () => Promise<unknown>]> = [
        ['home-card-today', /\/calendar$/, () => page.getByTestId('calendar').waitFor()],
        [
          'home-card-review',
          /\/posts\?status=in_review$/,
          async () => {
            await expect.poll(() => page.getByTestId('posts-status-filter').inputValue()).toBe('En validation');
            await page.locator(`[data-post-id="${posts.review}"]`).waitFor();
            await expect(page.getByTestId('post-row').count()).resolves.toBe(1);
          },
        ],
        [
          'home-card-failed',
          /\/posts\?status=failed$/,
          async () => {
            await page.locator(`[data-post-id="${posts.failed}"]`).waitFor();
            await expect(page.getByTestId('post-row').count()).resolves.toBe(1);
          },
        ],
        [
          'home-card-unconfirmed',
          /\/posts\?status=unconfirmed$/,
          () => expect.poll(() => page.getByTestId('posts-status-filter').inputValue()).toBe('Non confirmée'),
        ],
        [
          'home-card-reconnect',
          /\/channels$/,
          () => page.getByTestId('channels-table').getByText('À reconnecter').waitFor(),
        ],
        ['home-card-alerts', /\/alerts$/, () => page.getByRole('heading', { name: 'Alertes', level: 2 }).waitFor()],
        [
          'home-card-mentions',
          /\/listening\/mentions\?handled=false$/,
          async () => {
            await expect.poll(() => page.getByTestId('filter-handled').inputValue()).toBe('À traiter');
            await page.getByTestId('mention-text').filter({ hasText: 'La piscine rouvre en janvier.' }).waitFor();
          },
        ],
        [
          'home-mentions-topic',
          new RegExp(`/listening/mentions\\?topic=${topicId}&handled=false$`),
          async () => {
            await expect.poll(() => page.getByTestId('filter-topic').inputValue()).toBe('Piscine');
            await expect.poll(() => page.getByTestId('filter-handled').inputValue()).toBe('À traiter');
          },
        ],
      ];
      for (const [testId, address, landed] of cards) {
        await page.goto(workspaceUrl('today'));
        await page.getByTestId(testId).click();
        await page.waitForURL(address);
        await landed();
      }
      await page.goto(workspaceUrl('today'));
      await page
        .getByTestId('home-review')
        .getByRole('link', { name: /Fête de la musique/ })
        .click();
      await page.waitForURL(new RegExp(`/posts/${posts.review}$`));
    },
    TEST_TIMEOUT,
  );

  it(
    'keeps members, invitations, API keys, webhooks, audit, ambassadors and workspace settings under Paramètres',
    async () => {
      await page.goto(workspaceUrl('today'));
      await page.getByTestId('nav-settings-area').click();
      await page.waitForURL(/\/settings\/workspace$/);
      await page.getByTestId('workspace-settings-form').waitFor();
      const tabs: Array<[string, string]> = [
        ['nav-members', 'members'],
        ['nav-invitations', 'invitations'],
        ['nav-api-keys', 'api-keys'],
        ['nav-webhooks', 'webhooks'],
        ['nav-audit', 'audit'],
        ['nav-ambassadors', 'ambassadors'],
        ['nav-settings', 'workspace'],
      ];
      await expect(page.getByTestId('settings-nav').getByRole('tab').allInnerTexts()).resolves.toEqual([
        'Membres',
        'Invitations',
        "Clés d'API",
        'Webhooks',
        "Journal d'audit",
        'Ambassadeurs',
        "Paramètres de l'espace",
      ]);
      for (const [testId, path] of tabs) {
        await page.getByTestId(testId).click();
        await page.waitForURL(new RegExp(`/w/${workspaceId}/settings/${path}$`));
        await pageReady();
        await expect(page.getByTestId('nav-settings-area').getAttribute('data-active')).resolves.toBe('true');
      }
      // Old addresses (bookmarks, links in emails) open the same pages under Paramètres.
      for (const [, path] of tabs.slice(0, 5)) {
        await page.goto(workspaceUrl(path));
        await page.waitForURL(new RegExp(`/w/${workspaceId}/settings/${path}$`));
      }
      await page.goto(workspaceUrl('settings'));
      await page.waitForURL(/\/settings\/workspace$/);
      await page.goto(workspaceUrl('members?x=1'));
      await page.waitForURL(/\/settings\/members\?x=1$/);
      await page.goto(workspaceUrl('nowhere'));
      await page.waitForURL(/\/today$/);
    },
    TEST_TIMEOUT,
  );

  it(
    'fits a 390 px phone: burger menu, wrapping calendar toolbar, no page wider than the screen',
    async () => {
      await page.setViewportSize(PHONE);
      await page.goto(workspaceUrl('today'));
      await page.getByTestId('home-page').waitFor();
      // The menu hides behind the burger and closes after choosing a page.
      const menuRightEdge = async () => {
        const box = await page.getByTestId('nav-calendar').boundingBox();
        return box ? box.x + box.width : 0;
      };
      expect(await menuRightEdge()).toBeLessThanOrEqual(0);
      await page.getByRole('button', { name: 'Afficher ou masquer la navigation' }).click();
      await expect.poll(menuRightEdge).toBeGreaterThan(0);
      // Every header control is on screen.
      for (const testId of ['workspace-switcher', 'channel-health-badge', 'language-menu', 'user-menu']) {
        const box = await page.getByTestId(testId).boundingBox();
        expect(box && box.x >= 0 && box.x + box.width <= PHONE.width, testId).toBe(true);
      }
      await page.getByTestId('nav-calendar').click();
      await page.waitForURL(/\/calendar$/);
      await page.getByTestId('calendar').waitFor();
      await page.locator('.fc-toolbar-title').waitFor();
      const toolbar = await page.locator('.fc-header-toolbar').boundingBox();
      expect(toolbar && toolbar.x + toolbar.width).toBeLessThanOrEqual(PHONE.width);
      await screenshot('calendar-390');

      const pages = [
        'today',
        'calendar',
        'posts',
        'posts/new',
        `posts/${posts.today}`,
        'channels',
        'editorial',
        'listening/topics',
        'listening/mentions',
        'listening/dashboard',
        'listening/sources',
        'alerts',
        'settings/members',
        'settings/invitations',
        'settings/api-keys',
        'settings/webhooks',
        'settings/audit',
        'settings/workspace',
      ];
      const tooWide: string[] = [];
      for (const path of pages) {
        await page.goto(workspaceUrl(path));
        await pageReady();
        await page.waitForLoadState('networkidle');
        const width = await pageWidth();
        if (width > PHONE.width) tooWide.push(`${path}: ${width}px`);
        if (path === 'posts' || path === 'settings/members') await screenshot(`${path.replace('/', '-')}-390`);
      }
      expect(tooWide).toEqual([]);

      await page.goto(workspaceUrl('today'));
      await page.getByTestId('home-page').waitFor();
      await expect(pageWidth()).resolves.toBeLessThanOrEqual(PHONE.width);
      await screenshot('home-390');

      await page.setViewportSize(DESKTOP);
      await page.goto(workspaceUrl('calendar'));
      await page.locator('.fc-toolbar-title').waitFor();
      await screenshot('calendar-1440');
    },
    TEST_TIMEOUT * 2,
  );

  it(
    'reads in English too, and login still lands on the home page',
    async () => {
      await page.goto(workspaceUrl('today'));
      await chooseLanguage('en');
      await page.getByRole('heading', { name: 'Today', level: 2 }).waitFor();
      await expect(page.getByTestId('nav-settings-area').innerText()).resolves.toBe('Settings');
      await expect(page.getByTestId('home-card-review').innerText()).resolves.toContain('post to approve');
      await expect(page.getByTestId('home-card-mentions').innerText()).resolves.toContain('mentions to handle');
      await page.getByTestId('user-menu').click();
      await page.getByTestId('logout').click();
      await page.waitForURL(/\/login/);
      await logIn(page, server.baseUrl, ADMIN.email, ADMIN.password);
      await page.getByRole('heading', { name: 'Today', level: 2 }).waitFor();
      await page.getByTestId('home-card-review').click();
      await page.waitForURL(/\/posts\?status=in_review$/);
      await expect.poll(() => page.getByTestId('posts-status-filter').inputValue()).toBe('In review');
      await chooseLanguage('fr');
      expect(browser.readProblems().filter((problem) => problem.startsWith('pageerror'))).toEqual([]);
    },
    TEST_TIMEOUT,
  );
});
