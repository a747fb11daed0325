// Accessibility (WCAG 2.1 AA, as RGAA asks of French public bodies) in Chromium against the real server: every page
// of the app, seeded so each has content (posts in several states, channels, a topic with mentions, a rubric and its plan, a charter, alerts, members,
// an invitation, an API key, a webhook, themes), in French and in English at 1440×900 and the home page and the
// composer at 390×844, must show no serious or critical axe-core violation (a11y.ts).
import { mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startFakeMastodon, type FakeMastodon } from '@rostra/connectors/testing';
import { findA11yViolations, formatA11yViolations } from './a11y';
import { seedInbox } from './inbox-seed';
import { logIn, openBrowser, type BrowserSession } from './browser';
import { startServer, type RunningServer } from './server';

const TEST_TIMEOUT = 60_000;
const ADMIN = { name: 'Camille Martin', email: 'admin@mairie.test', password: 'correct-horse-battery' };
const MEMBER = { name: 'Lou Bernard', email: 'lou@mairie.test', password: 'another-horse-battery' };
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
type Locale = 'fr' | 'en';
const LOCALES: Locale[] = ['fr', 'en'];

interface PageCase {
  name: string;
  /** Address under /w/<workspace>/ for app pages; the full path for public ones. `{post}` etc. are filled in. */
  path: string;
  /** Drawn once the page's data arrived; `main h2` when not given. */
  ready?: string;
  /** A second state worth checking on the same page (a dialog, a menu). */
  open?: (page: Page) => Promise<void>;
  /**
   * Temporary, while the page still has violations: the test is expected to fail (it.fails) so the table can be
   * committed before every page is fixed. Remove when the page passes.
   */
  todo?: true;
}

let server: RunningServer;
let mastodon: FakeMastodon;
let feedServer: Server;
let browser: BrowserSession;
let page: Page;
const seeded = { workspace: '', post: '', invite: '', reset: '' };

/** An address with the seeded ids in place of `{workspace}`, `{post}`, `{invite}` and `{reset}`. */
function address(path: string): string {
  return `${server.baseUrl}${path.replace(/\{(\w+)\}/g, (_, key: keyof typeof seeded) => seeded[key])}`;
}

/** An API client for seeding, with the cookie and CSRF token of the session that set the product up. */
function apiClient(cookie: string, csrfToken: string) {
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${server.baseUrl}${path}`, {
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
}

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
        items: [1, 2, 3].map((n) => ({
          id: `${origin}/articles/${n}`,
          url: `${origin}/articles/${n}`,
          content_text: ['La piscine ferme pour travaux.', 'La piscine rouvre en janvier.', 'Piscine : horaires'][
            n - 1
          ],
          date_published: new Date(Date.now() - n * 3_600_000).toISOString(),
        })),
      }),
    );
  });
  return new Promise((resolve) =>
    feedServer.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(feedServer.address() as AddressInfo).port}/feed.json`),
    ),
  );
}

/** Everything a page can show: posts in each state, two channels (one to reconnect), listening, settings. */
async function seed(): Promise<void> {
  const setup = await fetch(`${server.baseUrl}/api/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ organisation: 'Mairie de Villeneuve', workspace: 'Communication', ...ADMIN }),
  });
  expect(setup.status).toBe(201);
  const cookie = (setup.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken, workspace } = (await setup.json()) as { csrfToken: string; workspace: { id: string } };
  const call = apiClient(cookie, csrfToken);
  const base = `/api/workspaces/${workspace.id}`;
  seeded.workspace = workspace.id;

  const connect = async (username: string) => {
    const { accessToken } = mastodon.createAccount(username);
    const channel = await call<{ id: string }>('POST', `${base}/channels`, {
      network: 'mastodon',
      credentials: { instance: mastodon.url, accessToken },
    });
    return { id: channel.id, accessToken };
  };
  const mairie = await connect('mairie');
  const piscine = await connect('piscine');
  await seedInbox(server.dataDir, workspace.id, mairie.id);
  // A moderation rule and a saved reply for the inbox's team settings.
  await call('POST', `${base}/inbox/rules`, {
    name: 'Accessibilité',
    conditions: [{ type: 'query', query: 'toilettes' }],
    actions: [
      { type: 'label', label: 'accessibilité' },
      { type: 'hide', reason: 'Hors sujet' },
    ],
  });
  await call('POST', `${base}/inbox/saved-replies`, { name: 'Merci', text: 'Merci {prénom} !', link: null });
  const theme = await call<{ id: string }>('POST', `${base}/themes`, { name: 'Travaux', color: '#e8590c' });
  await call('POST', `${base}/content-types`, { name: 'Annonce' });
  const write = async (text: string, channelId: string, inHours?: number, ...actions: string[]) => {
    const { id } = await call<{ id: string }>('POST', `${base}/posts`, {
      text,
      channels: [{ channelId }],
      themeId: theme.id,
      ...(inHours !== undefined && { scheduledAt: new Date(Date.now() + inHours * 3_600_000).toISOString() }),
    });
    for (const action of actions) await call('POST', `${base}/posts/${id}/${action}`, {});
    return id;
  };
  seeded.post = await write('Travaux rue du Port : la circulation est déviée', mairie.id, 2, 'submit', 'approve');
  await write('Fête de la musique : le programme', mairie.id, 26, 'submit');
  await write('Brouillon : marché de Noël', mairie.id, 50);
  await write('Conseil municipal jeudi à 18 h', mairie.id, 3, 'submit', 'approve', 'schedule');
  await write('Publié : la médiathèque ouvre le dimanche', mairie.id, 1 / 3600, 'submit', 'approve', 'schedule');
  // The network revokes the pool's token: its post fails and the channel needs reconnecting.
  mastodon.revokeToken(piscine.accessToken);
  await write('Horaires de la piscine', piscine.id, 1 / 3600, 'submit', 'approve', 'schedule');
  await call('POST', `${base}/posts/${seeded.post}/comments`, { text: 'Vérifier le plan de déviation' });
  // An animation plan (one rubric without a backup, so the coverage board flags it) and a charter with findings.
  await call('POST', `${base}/plan/rubrics`, {
    name: 'Le chantier de la semaine',
    channelIds: [mairie.id],
    period: { kind: 'weekly', weekdays: [2] },
    time: '09:30',
  });
  await call('POST', `${base}/plan/generate`, { weeks: 8 });
  // An idea waiting in the idea bank and an event of the plan's calendar in the weeks ahead.
  await call('POST', `${base}/plan/ideas`, { title: 'Visite du chantier', notes: 'Photos avant / après' });
  await call('POST', `${base}/plan/events`, {
    name: 'Journée du patrimoine',
    date: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10),
  });
  await call('PUT', `${base}/charter`, {
    charter: { tone: 'Proche, clair, sans jargon administratif' },
    version: 0,
  });
  // A strategy: one persona and one objective measured by Rostra.
  const persona = await call<{ id: string }>('POST', `${base}/strategy/personas`, {
    name: 'Parent d’élève',
    audience: 'btoc',
    networks: ['facebook'],
  });
  await call('POST', `${base}/strategy/objectives`, {
    statement: 'Être la commune dont on parle',
    kind: 'notoriety',
    kpi: 'share_of_voice',
    target: 0.4,
    deadline: '2031-06-30',
    personaIds: [persona.id],
  });
  // The employees' social media policy, acknowledged by the admin, and a post suggested to ambassadors.
  await call('PUT', `${base}/ambassador/policy`, {
    text: 'Restez courtois.\n\nNe parlez pas au nom de la mairie sans accord.',
    version: 0,
  });
  await call('POST', `${base}/ambassador/policy/acknowledge`, { version: 1 });
  await call('PUT', `${base}/posts/${seeded.post}/relay`, {
    link: 'https://www.mairie.fr/travaux-rue-du-port',
    texts: { x: 'Travaux rue du Port : la circulation est déviée', linkedin: 'Les travaux avancent' },
  });

  const topic = await call<{ id: string }>('POST', `${base}/listening/topics`, {
    name: 'Piscine',
    group: 'brand',
    query: 'piscine',
  });
  const source = await call<{ id: string }>('POST', `${base}/listening/sources`, {
    network: 'feed',
    kind: 'feed',
    config: { url: await startFeed() },
  });
  await call('POST', `${base}/listening/sources/${source.id}/poll`);
  await call('POST', `${base}/alerts`, {
    name: 'Avis négatifs',
    topicId: topic.id,
    kind: 'negative_share',
  });
  await call('POST', `${base}/alerts`, { name: 'Nouvelle source', topicId: topic.id, kind: 'new_source' });

  await call('POST', `${base}/api-keys`, { name: 'Site de la mairie', role: 'viewer' });
  await call('POST', `${base}/webhooks`, { url: 'https://hooks.example.org/rostra', events: ['*'] });
  const invited = await call<{ url: string }>('POST', `${base}/invitations`, {
    email: MEMBER.email,
    role: 'contributor',
  });
  const memberToken = invited.url.split('/invite/')[1] ?? '';
  const accepted = await fetch(`${server.baseUrl}/api/invitations/${memberToken}/accept`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: MEMBER.name, password: MEMBER.password }),
  });
  expect(accepted.status).toBe(200);
  const pending = await call<{ url: string }>('POST', `${base}/invitations`, {
    email: 'sacha@mairie.test',
    role: 'viewer',
  });
  seeded.invite = pending.url.split('/invite/')[1] ?? '';
  const members = await call<{ items: Array<{ userId: string; email: string }> }>('GET', `${base}/members`);
  const member = members.items.find((candidate) => candidate.email === MEMBER.email);
  if (!member) throw new Error(`no member ${MEMBER.email}: ${JSON.stringify(members)}`);
  const reset = await call<{ url: string }>('POST', `${base}/members/${member.userId}/password-reset`, {});
  seeded.reset = reset.url.split('/reset-password/')[1] ?? '';
}

/** With ROSTRA_SCREENSHOTS_DIR set, each page checked is also saved as a picture (for reviews, not compared). */
async function screenshot(pageCase: PageCase, locale: Locale): Promise<void> {
  const folder = process.env.ROSTRA_SCREENSHOTS_DIR;
  if (!folder) return;
  await mkdir(folder, { recursive: true });
  const width = page.viewportSize()?.width ?? 0;
  const name = `${locale}-${width}-${pageCase.name.replace(/[^a-z0-9]+/gi, '-')}`;
  await page.screenshot({ path: `${folder}/${name}.png` });
}

/** Opens the page, waits for its content and for the network to settle, then asks axe. */
async function expectNoViolations(pageCase: PageCase, url: string, locale: Locale): Promise<void> {
  await page.goto(url);
  await page.waitForFunction((expected) => document.documentElement.lang === expected, locale);
  await page
    .locator(pageCase.ready ?? 'main h2')
    .first()
    .waitFor();
  await page.waitForLoadState('networkidle');
  await screenshot(pageCase, locale);
  const problems = formatA11yViolations(await findA11yViolations(page));
  if (pageCase.open) {
    await pageCase.open(page);
    await page.waitForLoadState('networkidle');
    problems.push(...formatA11yViolations(await findA11yViolations(page)).map((line) => `(opened) ${line}`));
  }
  expect(problems, `${pageCase.name} at ${page.url()}`).toEqual([]);
}

/** Pages shown before the product is set up. */
const FRESH: PageCase[] = [{ name: 'setup', path: '/setup', ready: '[data-testid="setup-form"]' }];

/** Pages for someone who is not logged in. */
const PUBLIC: PageCase[] = [
  { name: 'login', path: '/login', ready: '[data-testid="login-form"]' },
  { name: 'forgot password', path: '/forgot-password', ready: '[data-testid="forgot-ask-admin"]' },
  { name: 'reset password', path: '/reset-password/{reset}', ready: '[data-testid="reset-form"]' },
  { name: 'invitation', path: '/invite/{invite}', ready: '[data-testid="invite-new-account-form"]' },
];

const clickTestId = (testId: string) => async (page: Page) => {
  await page.getByTestId(testId).click();
};

/** Pages inside a workspace, for its admin. */
const APP: PageCase[] = [
  {
    name: 'home',
    path: 'today',
    ready: '[data-testid="home-page"]',
    open: clickTestId('notification-bell'),
  },
  { name: 'user menu', path: 'today', ready: '[data-testid="home-page"]', open: clickTestId('user-menu') },
  {
    name: 'inbox',
    path: 'inbox',
    ready: '[data-testid="inbox-item"]',
    open: async (page) => {
      await page.getByTestId('inbox-item').first().click();
      await page.getByTestId('inbox-set-status').waitFor();
    },
  },
  {
    name: 'inbox rules: a rule tried on history',
    path: 'inbox/rules',
    ready: '[data-testid="rule-row"]',
    open: async (page) => {
      await page.getByTestId('rule-new').click();
      await page.getByTestId('rule-name').fill('Essai');
      await page.getByTestId('rule-query').fill('toilettes');
      await page.getByTestId('rule-label').fill('accessibilité');
      await page.getByTestId('rule-try').click();
      await page.getByTestId('rule-trial').waitFor();
    },
  },
  { name: 'inbox saved replies', path: 'inbox/saved-replies', ready: 'tbody tr' },
  { name: 'inbox service levels', path: 'inbox/service-levels', ready: '[data-testid="levels-save"]' },
  { name: 'inbox figures', path: 'inbox/stats', ready: '[data-testid="stats-groups"]' },
  { name: 'calendar', path: 'calendar', ready: '[data-testid="calendar-event"]' },
  {
    name: 'calendar: a plan slot to write',
    path: 'calendar',
    // A day with many entries keeps some behind « +N en plus »: the first slot shown is the one to open.
    ready: '[data-testid="calendar-plan-slot"]:visible',
    open: async (page) => {
      await page.locator('[data-testid="calendar-plan-slot"]:visible').first().click();
      await page.getByTestId('calendar-plan-slot-dialog').waitFor();
    },
  },
  { name: 'animation plan', path: 'plan', ready: '[data-testid="plan-slot"]', open: clickTestId('plan-tab-rubrics') },
  {
    name: 'animation plan: idea bank',
    path: 'plan',
    ready: '[data-testid="plan-slot"]',
    open: clickTestId('plan-tab-ideas'),
  },
  {
    name: 'animation plan: new idea',
    path: 'plan',
    ready: '[data-testid="plan-slot"]',
    open: async (page) => {
      await page.getByTestId('plan-tab-ideas').click();
      await page.getByTestId('idea-new').click();
      await page.getByTestId('idea-form').waitFor();
    },
  },
  {
    name: 'animation plan: use an idea for a slot',
    path: 'plan',
    ready: '[data-testid="shelf-idea"]',
    open: async (page) => {
      await page.getByTestId('shelf-idea-use').first().click();
      await page.getByTestId('use-idea-form').waitFor();
    },
  },
  {
    name: 'animation plan: events',
    path: 'plan',
    ready: '[data-testid="plan-slot"]',
    open: clickTestId('plan-tab-events'),
  },
  { name: 'posts list', path: 'posts', ready: '[data-testid="post-row"]' },
  { name: 'composer (new)', path: 'posts/new', ready: '[data-testid="post-form"]' },
  { name: 'composer (post)', path: 'posts/{post}', ready: '[data-testid="post-workflow"]' },
  {
    name: 'channels',
    path: 'channels',
    ready: '[data-testid="channel-row"]',
    open: clickTestId('write-channel-connect'),
  },
  { name: 'editorial', path: 'editorial', ready: '[data-testid="theme-form"]' },
  { name: 'editorial charter', path: 'charter', ready: '[data-testid="charter-form"]' },
  { name: 'strategy', path: 'strategy', ready: '[data-testid="recommended-network"]' },
  { name: 'ambassador relays', path: 'ambassador', ready: '[data-testid="relay-card"]' },
  {
    name: 'listening dashboard',
    path: 'listening/dashboard',
    ready: '[data-testid="dashboard-volume-total"]',
  },
  { name: 'mentions', path: 'listening/mentions', ready: '[data-testid="mention-text"]' },
  { name: 'topics', path: 'listening/topics', ready: '[data-testid="topic-row"]' },
  { name: 'sources', path: 'listening/sources', ready: '[data-testid="source-row"]' },
  { name: 'alerts', path: 'alerts', ready: '[data-testid="alert-row"]' },
  { name: 'members', path: 'settings/members', ready: '[data-testid="member-row"]' },
  { name: 'invitations', path: 'settings/invitations' },
  { name: 'API keys', path: 'settings/api-keys' },
  { name: 'webhooks', path: 'settings/webhooks' },
  { name: 'audit', path: 'settings/audit', ready: '[data-testid="audit-row"]' },
  { name: 'ambassadors', path: 'settings/ambassadors', ready: '[data-testid="acknowledgements"]' },
  {
    name: 'workspace settings',
    path: 'settings/workspace',
    ready: '[data-testid="workspace-settings-form"]',
  },
];

/** Pages also checked at phone size (burger menu, stacked layout). */
const ON_PHONE: PageCase[] = [
  { name: 'home', path: 'today', ready: '[data-testid="home-page"]' },
  { name: 'composer (new)', path: 'posts/new', ready: '[data-testid="post-form"]' },
  { name: 'ambassador relays', path: 'ambassador', ready: '[data-testid="relay-card"]' },
];

/** Pages also checked in the dark scheme, which the app takes when the system asks for it. */
const IN_DARK = ['home', 'calendar', 'posts list', 'composer (post)', 'mentions', 'sources', 'members'];

/** it, or it.fails for a row still marked todo. */
function check(pageCase: PageCase) {
  return pageCase.todo ? it.fails : it;
}

/** Makes `locale` the language of the next page load, logged in or not. */
async function useLocale(locale: Locale, loggedIn: boolean): Promise<void> {
  if (loggedIn) {
    await page.evaluate(async (wanted) => {
      const session = (await (await fetch('/api/session')).json()) as { csrfToken: string };
      await fetch('/api/me', {
        method: 'PATCH',
        headers: { 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' },
        body: JSON.stringify({ locale: wanted }),
      });
    }, locale);
  }
  await page.evaluate((wanted) => window.localStorage.setItem('rostra.locale', wanted), locale);
}

/**
 * Presses Tab (Shift+Tab when `back`) until the focused element matches `selector`, as a keyboard user moves through
 * the page; fails if it is not reached in `limit` presses. Returns whether the focus was visible each time it
 * landed on the target (an outline or a ring drawn by :focus-visible).
 */
async function tabTo(selector: string, { back = false, limit = 80 } = {}): Promise<void> {
  for (let presses = 0; presses < limit; presses += 1) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    if (await page.evaluate((wanted) => document.activeElement?.matches(wanted) ?? false, selector)) return;
  }
  throw new Error(`${selector} not reached with the keyboard in ${limit} presses (focus on ${await describeFocus()})`);
}

async function describeFocus(): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement;
    return element
      ? `${element.tagName.toLowerCase()} ${element.getAttribute('data-testid') ?? element.textContent?.slice(0, 40) ?? ''}`
      : 'nothing';
  });
}

/**
 * The focused element shows where the focus is: an outline or a ring (buttons, links), or for a text field a border
 * that changes colour from its unfocused state (Mantine's inputs).
 */
async function expectVisibleFocus(): Promise<void> {
  const style = await page.evaluate(async () => {
    const element = document.activeElement;
    if (!(element instanceof HTMLElement) || element === document.body) return 'nothing focused';
    // A field's border is drawn by Mantine's input box, which holds the field (a multi-select's pills) or is it.
    const box = element.closest('.mantine-Input-input') ?? element;
    const look = async () => {
      // Mantine eases border and outline colours in: read them once the transition is over.
      await Promise.all(box.getAnimations().map((animation) => animation.finished));
      const computed = getComputedStyle(box);
      const ring = computed.outlineStyle !== 'none' && parseFloat(computed.outlineWidth) > 0;
      return { ring: ring || computed.boxShadow !== 'none', border: computed.borderColor };
    };
    const focused = await look();
    if (focused.ring) return 'visible';
    if (!element.matches('input, textarea')) return `no focus indicator on ${element.outerHTML.slice(0, 120)}`;
    element.blur();
    const unfocused = await look();
    element.focus();
    return unfocused.border !== focused.border ? 'visible' : `no focus indicator on ${element.outerHTML.slice(0, 120)}`;
  });
  expect(style).toBe('visible');
}

/** dd/mm/yyyy 10:30, 20 days ahead: the French way of typing a date and time. */
function frenchDateAhead(): { typed: string; iso: string } {
  const day = new Date(Date.now() + 20 * 86_400_000);
  const [dd, mm, yyyy] = [day.getUTCDate(), day.getUTCMonth() + 1, day.getUTCFullYear()].map((part) =>
    String(part).padStart(2, '0'),
  );
  return { typed: `${dd}/${mm}/${yyyy} 10:30`, iso: `${yyyy}-${mm}-${dd}T10:30` };
}

describe('accessibility (axe-core, no serious or critical violation)', () => {
  beforeAll(async () => {
    mastodon = await startFakeMastodon();
    server = await startServer();
    browser = await openBrowser();
    page = browser.page;
    page.setDefaultTimeout(20_000);
    await page.setViewportSize(DESKTOP);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await mastodon?.close();
    await new Promise<void>((resolve) => (feedServer ? feedServer.close(() => resolve()) : resolve()));
  }, 60_000);

  describe.each(LOCALES)('before setup, in %s', (locale) => {
    beforeAll(async () => {
      await page.goto(address('/setup'));
      await useLocale(locale, false);
    });
    for (const pageCase of FRESH) {
      check(pageCase)(pageCase.name, () => expectNoViolations(pageCase, address(pageCase.path), locale), TEST_TIMEOUT);
    }
  });

  describe.each(LOCALES)('logged out, in %s', (locale) => {
    beforeAll(async () => {
      if (!seeded.workspace) await seed();
      await page.goto(address('/login'));
      await useLocale(locale, false);
    }, 120_000);
    for (const pageCase of PUBLIC) {
      check(pageCase)(pageCase.name, () => expectNoViolations(pageCase, address(pageCase.path), locale), TEST_TIMEOUT);
    }
  });

  describe.each(LOCALES)('in the app, in %s', (locale) => {
    beforeAll(async () => {
      if (!page.url().includes('/w/')) await logIn(page, server.baseUrl, ADMIN.email, ADMIN.password);
      await useLocale(locale, true);
      await page.setViewportSize(DESKTOP);
    }, 60_000);
    for (const pageCase of APP) {
      check(pageCase)(
        pageCase.name,
        () => expectNoViolations(pageCase, address(`/w/{workspace}/${pageCase.path}`), locale),
        TEST_TIMEOUT,
      );
    }
    describe('at 390×844', () => {
      beforeAll(() => page.setViewportSize(PHONE));
      afterAll(() => page.setViewportSize(DESKTOP));
      for (const pageCase of ON_PHONE) {
        check(pageCase)(
          pageCase.name,
          () => expectNoViolations(pageCase, address(`/w/{workspace}/${pageCase.path}`), locale),
          TEST_TIMEOUT,
        );
      }
    });
  });

  describe('in the dark scheme, in fr', () => {
    beforeAll(async () => {
      if (!seeded.workspace) await seed();
      if (!page.url().includes('/w/')) await logIn(page, server.baseUrl, ADMIN.email, ADMIN.password);
      await useLocale('fr', true);
      await page.emulateMedia({ colorScheme: 'dark' });
    }, 120_000);
    afterAll(() => page.emulateMedia({ colorScheme: 'light' }));
    for (const pageCase of APP.filter((candidate) => IN_DARK.includes(candidate.name))) {
      it(
        pageCase.name,
        async () => {
          const dark = { ...pageCase, name: `${pageCase.name} dark` };
          await expectNoViolations(dark, address(`/w/{workspace}/${pageCase.path}`), 'fr');
          await expect(page.evaluate(() => document.documentElement.dataset.mantineColorScheme)).resolves.toBe('dark');
        },
        TEST_TIMEOUT,
      );
    }
  });

  describe('with the keyboard alone', () => {
    it(
      'logs in, writes a post for a channel, dates it the French way, saves and schedules it',
      async () => {
        await useLocale('fr', true);
        await page.context().clearCookies();
        await page.goto(address('/login'));
        await page.waitForFunction(() => document.documentElement.lang === 'fr');
        await tabTo('[data-testid="login-email"]');
        await expectVisibleFocus();
        await page.keyboard.type(ADMIN.email);
        await tabTo('[data-testid="login-password"]');
        await page.keyboard.type(ADMIN.password);
        await page.keyboard.press('Enter');
        await page.waitForURL(/\/today$/);
        await page.getByTestId('home-page').waitFor();

        // The skip link comes first, then the menu leads to the composer.
        await page.keyboard.press('Tab');
        await expect(describeFocus()).resolves.toContain('skip-to-content');
        await expectVisibleFocus();
        await tabTo('[data-testid="nav-new-post"]');
        await expectVisibleFocus();
        await page.keyboard.press('Enter');
        await page.waitForURL(/\/posts\/new$/);
        await page.getByTestId('post-form').waitFor();

        await tabTo('[data-testid="write-post-channels"]');
        await expectVisibleFocus();
        await page.keyboard.press('ArrowDown');
        await page.getByRole('option', { name: /mairie/ }).waitFor();
        await page.keyboard.press('Enter');
        await page.keyboard.press('Escape');
        await tabTo('[data-testid="write-post-text"]');
        await page.keyboard.type('Collecte des encombrants mardi : sortez-les la veille au soir.');

        const date = frenchDateAhead();
        await tabTo('[data-testid="write-post-scheduled-at"]');
        await expectVisibleFocus();
        await page.keyboard.type(date.typed);
        await expect(page.getByTestId('write-post-scheduled-at').getAttribute('data-value')).resolves.toBe(date.iso);
        await page.keyboard.press('Escape');
        await tabTo('[data-testid="write-post-create"]');
        await expectVisibleFocus();
        await page.keyboard.press('Enter');
        await page.waitForURL(/\/posts\/[0-9a-f-]{36}$/);

        // Through the workflow: submit, approve, schedule, each reached with Tab and pressed with Space or Enter.
        for (const action of ['submit', 'approve', 'schedule']) {
          const button = `[data-testid="write-post-action-${action}"]`;
          await page.locator(button).waitFor();
          await page.locator('main').focus();
          await tabTo(button);
          await expectVisibleFocus();
          await page.keyboard.press(action === 'approve' ? 'Space' : 'Enter');
          await page.locator(button).waitFor({ state: 'detached' });
        }
        const postId = /\/posts\/([^/]+)$/.exec(page.url())?.[1] ?? '';
        const saved = await page.evaluate(
          async ([workspace, id]) =>
            (await (await fetch(`/api/workspaces/${workspace}/posts/${id}`)).json()) as {
              status: string;
              targets: unknown[];
            },
          [seeded.workspace, postId] as const,
        );
        expect(saved.status).toBe('scheduled');
        expect(saved.targets).toHaveLength(1);
      },
      TEST_TIMEOUT * 2,
    );
  });

  it('left no uncaught error in the pages', () => {
    expect(browser.readProblems().filter((problem) => problem.startsWith('pageerror'))).toEqual([]);
  });
});
