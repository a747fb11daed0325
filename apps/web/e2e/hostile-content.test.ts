// Stored XSS, end to end: script-like payloads are planted in every string a member types or a network sends
// (names of the organisation, workspaces, members, themes, content types, channels, topics, sources, alerts,
// API keys; post text, first comments, comments; webhook addresses; feed and Mastodon mentions with their
// titles, authors, handles and links; and so the audit log and the notifications), then every page of the
// router is visited, menus and modals opened, calendar events hovered and every chart swept with the mouse so
// ECharts draws its tooltips. Nothing may run, and nothing may even become markup: an observer flags any element
// with an event-handler attribute, an inline script or a javascript: link, since the Content-Security-Policy
// would stop the script itself. Last, the policy is proven: the pages raise no violation, and a script injected
// inline or from another origin is refused and reported.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { startFakeMastodon, type FakeMastodon } from '@rostra/connectors/testing';
import { startBrowserApp, type BrowserApp } from './browser';

const TEST_TIMEOUT = 120_000;
const PASSWORD = 'Vx7-quartz-heron-lantern-2091';
const MEMBER_PASSWORD = 'Pq4-ember-walrus-compass-3307';

// Each form an attacker tries; every one calls __xss(n) (or alert) so a hit says which planted string ran.
const PAYLOADS: ((n: number) => string)[] = [
  (n) => `<img src=x onerror=__xss(${n})>`,
  (n) => `<svg onload=__xss(${n})>`,
  (n) => `"><script>__xss(${n})</script>`,
  (n) => `'><a href="javascript:__xss(${n})">lien</a>`,
  (n) => `{{constructor.constructor('__xss(${n})')()}}`,
  (n) => `<img src=x onerror=alert(${n})>`,
  (n) => `<iframe srcdoc="<script>parent.__xss(${n})</script>">`,
];
let planted = 0;
/** `label` followed by the next payload in turn: short enough for any 120-character name. */
function hostile(label: string, form?: number): string {
  planted += 1;
  const make = PAYLOADS[form ?? planted % PAYLOADS.length] as (n: number) => string;
  return `${label} ${make(planted)}`;
}

const ORGANISATION = hostile('Mairie', 0);
const WORKSPACE = hostile('Communication', 1);
const ADMIN_NAME = hostile('Camille', 2);
const ADMIN_EMAIL = 'admin@example.org';
const MEMBER_NAME = hostile('Lou', 3);
const SECOND_WORKSPACE = hostile('Culture', 4);
const BRAND_TOPIC = hostile('Villeneuve', 0);
const RIVAL_TOPIC = hostile('Montval', 1);
const SECTOR_TOPIC = hostile('Secteur', 2);
const THEME = hostile('Thème', 5);
const CONTENT_TYPE = hostile('Format', 6);
// Mastodon names a channel by its handle, which cannot hold markup; the display name is planted all the same.
const CHANNEL_DISPLAY_NAME = hostile('Compte', 0);
const SOURCE_LABEL = hostile('Journal', 1);
const MASTODON_SOURCE_LABEL = hostile('Voisins', 2);
const ALERT_NAME = hostile('Alerte', 3);
const NEW_SOURCE_ALERT = hostile('Nouvelle', 4);
const API_KEY_NAME = hostile('Clé', 5);
const WEBHOOK_DESCRIPTION = hostile('Crochet', 6);
const HOSTILE_USER_AGENT = hostile('Navigateur', 1);
const WEBHOOK_URL = 'https://hooks.example.org/in?x="><img src=x onerror=__xss(900)>';
const POST_TEXT = `${hostile('Programme', 0)} https://villeneuve.example/"><svg/onload=__xss(901)> javascript:__xss(902)`;
const DRAFT_TEXT = hostile('Brouillon', 2);
const FIRST_COMMENT = hostile('Premier commentaire', 3);
const COMMENT = hostile('Avis', 4);
const FEED_TITLE = hostile('Le Journal', 5);
// Feed bylines and HTML content are reduced to text when read (tags dropped), so less of them reaches the UI;
// they are planted all the same, raw and escaped.
const FEED_AUTHOR = hostile('Alice', 0);
const FEED_AUTHOR_AS_HTML = FEED_AUTHOR.replaceAll('<', '&lt;').replaceAll('>', '&gt;');
const MASTODON_AUTHOR = hostile('Voisin', 1);

let app: BrowserApp;
let server: BrowserApp['server'];
let browser: BrowserApp['browser'];
let page: Page;
let dialogs: string[] = [];
let feedServer: Server;
let feedOrigin = '';
let mastodon: FakeMastodon;
let workspaceId = '';
let postId = '';
let channelName = '';
let inviteToken = '';
const evilScriptRequests: string[] = [];

/** A JSON Feed (https://www.jsonfeed.org/version/1.1/) whose every string a stranger controls carries a payload. */
function buildFeed() {
  const now = Date.now();
  const item = (id: number, minutesAgo: number, text: string, extra: Record<string, unknown> = {}) => ({
    id: `${feedOrigin}/articles/${id}`,
    url: `javascript:__xss(${700 + id})`,
    title: hostile(`Article ${id}`),
    content_text: text,
    date_published: new Date(now - minutesAgo * 60_000).toISOString(),
    authors: [{ name: FEED_AUTHOR_AS_HTML, url: `javascript:__xss(${800 + id})` }],
    ...extra,
  });
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: FEED_TITLE,
    home_page_url: `javascript:__xss(799)`,
    feed_url: `${feedOrigin}/feed.json`,
    language: 'fr',
    items: [
      item(1, 5, `Bravo à Villeneuve ${hostile('', 0)} excellente initiative, on adore !`),
      item(2, 10, `Villeneuve : un scandale honteux ${hostile('', 1)} je suis furieux.`),
      item(3, 15, `Montval ${hostile('', 2)} ${hostile('', 4)}`),
      // HTML content: escaped markup in the page decodes to a literal payload in Rostra's text.
      item(4, 20, '', {
        content_text: undefined,
        content_html: `<p>Montval &lt;img src=x onerror=__xss(710)&gt; <img src=x onerror=__xss(711)> villeneuve</p>`,
        authors: [{ name: '&lt;svg onload=__xss(712)&gt; Bruno' }],
      }),
    ],
  };
}

async function startFeedServer(): Promise<void> {
  feedServer = createServer((request, response) => {
    if (request.method === 'GET' && request.url === '/feed.json') {
      response.writeHead(200, { 'content-type': 'application/feed+json; charset=utf-8' });
      response.end(JSON.stringify(buildFeed()));
      return;
    }
    if (request.url === '/evil.js') {
      // The policy must stop the browser before it asks: any request here is a failure.
      evilScriptRequests.push(request.url);
      response.writeHead(200, { 'content-type': 'text/javascript' }).end('window.__evil = 1;');
      return;
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => feedServer.listen(0, '127.0.0.1', resolve));
  feedOrigin = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}`;
}

/**
 * Installed before any page script: records payload calls, CSP violations, and every element that only a
 * payload parsed as HTML would create (event-handler attributes, inline scripts, frames, javascript: links).
 */
function installWatchers() {
  type Watch = { hits: string[]; injected: string[]; violations: string[] };
  const watch: Watch = { hits: [], injected: [], violations: [] };
  const w = window as unknown as { __watch: Watch; __xss: (n: unknown) => void };
  w.__watch = watch;
  w.__xss = (n) => watch.hits.push(String(n));
  document.addEventListener('securitypolicyviolation', (event) =>
    watch.violations.push(`${event.effectiveDirective} ${event.blockedURI} ${event.sample}`),
  );
  const describeElement = (el: Element) => el.outerHTML.slice(0, 200);
  const check = (el: Element) => {
    const tag = el.tagName.toUpperCase();
    if ((tag === 'SCRIPT' && !el.getAttribute('src')) || ['IFRAME', 'OBJECT', 'EMBED', 'BASE'].includes(tag)) {
      watch.injected.push(describeElement(el));
      return;
    }
    for (const attribute of Array.from(el.attributes)) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith('on') || /^(srcdoc)$/.test(name)) watch.injected.push(describeElement(el));
      else if (/^(href|src|action|formaction|xlink:href|data)$/.test(name) && /^\s*javascript:/i.test(attribute.value))
        watch.injected.push(describeElement(el));
    }
  };
  new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'attributes' && record.target instanceof Element) check(record.target);
      for (const node of Array.from(record.addedNodes)) {
        if (!(node instanceof Element)) continue;
        check(node);
        node.querySelectorAll('*').forEach(check);
      }
    }
  }).observe(document, { childList: true, subtree: true, attributes: true });
}

interface Watched {
  hits: string[];
  injected: string[];
  violations: string[];
}

async function readWatch(): Promise<Watched> {
  return page.evaluate(() => (window as unknown as { __watch: Watched }).__watch);
}

/** Everything seen on the current page so far: nothing ran, nothing became markup, the policy had no objection. */
async function expectClean(where: string) {
  const watched = await readWatch();
  expect({ where, ...watched, dialogs }).toEqual({ where, hits: [], injected: [], violations: [], dialogs: [] });
}

/** Something only the awaited page draws: a planted name (as text) or a test id. */
type Ready = { text: string } | { testId: string };

function locate(ready: Ready): Locator {
  return ('text' in ready ? page.getByText(ready.text) : page.getByTestId(ready.testId)).first();
}

/** Leaves the current page after checking it, then opens `path` and waits for `ready`. */
async function visit(path: string, ready: Ready) {
  await expectClean(page.url());
  await page.goto(`${server.baseUrl}${path}`);
  await locate(ready).waitFor();
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
      return { status: response.status, body: response.status === 204 ? null : await response.json() };
    },
    { method, path, body },
  );
  if (answer.status >= 400) {
    throw new Error(
      `${method} ${path} → ${answer.status} ${JSON.stringify(answer.body)}\n${server.readLogs().slice(-3000)}`,
    );
  }
  return answer.body as T;
}

/** Calls the API as another person, from Node, with their own session cookie. */
async function callAs<T>(session: { cookie: string; csrf: string }, method: string, path: string, body?: unknown) {
  const response = await fetch(`${server.baseUrl}${path}`, {
    method,
    // The audit log keeps the caller's user agent: one more string a stranger chooses.
    headers: {
      'content-type': 'application/json',
      'user-agent': HOSTILE_USER_AGENT,
      cookie: session.cookie,
      'x-csrf-token': session.csrf,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status >= 400) throw new Error(`${method} ${path} → ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Moves the mouse over a grid of points of every chart on the page, so ECharts shows each tooltip in turn. */
async function sweepCharts() {
  const charts = page.locator('[data-chart="echarts"]');
  for (let index = 0; index < (await charts.count()); index += 1) {
    const box = await charts.nth(index).boundingBox();
    if (!box) continue;
    for (let y = 0.1; y < 1; y += 0.1) {
      for (let x = 0.05; x < 1; x += 0.06) {
        await page.mouse.move(box.x + box.width * x, box.y + box.height * y);
      }
    }
  }
  await page.mouse.move(0, 0);
}

/**
 * Walks the share-of-voice donut's ring (centre 50 % / 45 %, radii 45–70 % of half the smaller side, as
 * dashboard-options.ts draws it) and returns the text of every tooltip shown.
 */
async function hoverDonut(testId: string): Promise<string[]> {
  const chart = page.getByTestId(testId).locator('[data-chart="echarts"]').first();
  const box = await chart.boundingBox();
  if (!box) throw new Error(`${testId} has no box`);
  const radius = (Math.min(box.width, box.height) / 2) * 0.575;
  const seen = new Set<string>();
  for (let step = 0; step < 48; step += 1) {
    const angle = (step / 48) * 2 * Math.PI;
    await page.mouse.move(
      box.x + box.width / 2 + radius * Math.cos(angle),
      box.y + box.height * 0.45 + radius * Math.sin(angle),
    );
    // The tooltip is ECharts' own absolutely placed box inside the chart: its text, as the reader sees it.
    const text = await chart.evaluate((element) =>
      Array.from(element.querySelectorAll('div'))
        .filter((div) => div.style.position === 'absolute' && div.style.display !== 'none' && div.textContent)
        .map((div) => div.textContent ?? '')
        .join('\n'),
    );
    if (text) seen.add(text);
  }
  await page.mouse.move(0, 0);
  return [...seen];
}

describe('hostile content', () => {
  beforeAll(async () => {
    await startFeedServer();
    mastodon = await startFakeMastodon();
    app = await startBrowserApp({ actionTimeoutMs: 20_000 });
    ({ server, browser, page, dialogs } = app);
    await browser.context.addInitScript(installWatchers);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await mastodon?.close();
    await new Promise<void>((resolve) => (feedServer ? feedServer.close(() => resolve()) : resolve()));
  }, 60_000);

  it(
    'sets up with hostile names and plants payloads in every kind of record',
    async () => {
      await page.goto(`${server.baseUrl}/`);
      await page.waitForURL(/\/setup$/);
      await page.getByTestId('setup-organisation').fill(ORGANISATION);
      await page.getByTestId('setup-workspace').fill(WORKSPACE);
      await page.getByTestId('setup-name').fill(ADMIN_NAME);
      await page.getByTestId('setup-email').fill(ADMIN_EMAIL);
      await page.getByTestId('setup-password').fill(PASSWORD);
      await page.getByTestId('setup-submit').click();
      await page.waitForURL(/\/w\/[^/]+\/today$/);
      workspaceId = new URL(page.url()).pathname.split('/')[2] ?? '';

      const base = `/api/workspaces/${workspaceId}`;
      await callApi('POST', '/api/workspaces', { name: SECOND_WORKSPACE });
      const theme = await callApi<{ id: string }>('POST', `${base}/themes`, { name: THEME, color: '#e8590c' });
      const contentType = await callApi<{ id: string }>('POST', `${base}/content-types`, { name: CONTENT_TYPE });
      await callApi('POST', `${base}/api-keys`, { name: API_KEY_NAME, role: 'viewer' });
      await callApi('POST', `${base}/webhooks`, { url: WEBHOOK_URL, events: ['*'], description: WEBHOOK_DESCRIPTION });

      // A member whose name is a payload, and an invitation still pending.
      const invited = await callApi<{ url: string }>('POST', `${base}/invitations`, {
        email: 'lou@example.org',
        role: 'contributor',
      });
      const memberToken = invited.url.split('/invite/')[1] ?? '';
      const accepted = await fetch(`${server.baseUrl}/api/invitations/${memberToken}/accept`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: MEMBER_NAME, password: MEMBER_PASSWORD }),
      });
      expect(accepted.status).toBe(200);
      const member = {
        cookie: (accepted.headers.get('set-cookie') ?? '').split(';')[0] ?? '',
        csrf: ((await accepted.json()) as { csrfToken: string }).csrfToken,
      };
      const pending = await callApi<{ url: string }>('POST', `${base}/invitations`, {
        email: 'sacha@example.org',
        role: 'viewer',
      });
      inviteToken = pending.url.split('/invite/')[1] ?? '';

      // A channel on the fake Mastodon whose account's display name is a payload.
      const { accessToken } = mastodon.createAccount('mairie', { displayName: CHANNEL_DISPLAY_NAME });
      const channel = await callApi<{ id: string; name: string }>('POST', `${base}/channels`, {
        network: 'mastodon',
        credentials: { instance: mastodon.url, accessToken },
      });
      channelName = channel.name;

      // A dated post with every field a person writes, a draft, and comments by the admin and the member
      // (the member's comment notifies the admin).
      const tomorrow = new Date(Date.now() + 86_400_000);
      tomorrow.setUTCHours(10, 0, 0, 0);
      const post = await callApi<{ id: string }>('POST', `${base}/posts`, {
        text: POST_TEXT,
        channels: [{ channelId: channel.id, firstComment: FIRST_COMMENT }],
        themeId: theme.id,
        contentTypeId: contentType.id,
        scheduledAt: tomorrow.toISOString(),
      });
      postId = post.id;
      await callApi('POST', `${base}/posts`, { text: DRAFT_TEXT, channels: [{ channelId: channel.id }] });
      await callApi('POST', `${base}/posts/${postId}/comments`, { text: COMMENT });
      await callAs(member, 'POST', `${base}/posts/${postId}/comments`, { text: hostile('Réponse', 5) });

      // Listening: topics in each group, alerts, a feed and a Mastodon account whose every string is hostile.
      const brand = await callApi<{ id: string }>('POST', `${base}/listening/topics`, {
        name: BRAND_TOPIC,
        group: 'brand',
        query: 'villeneuve',
      });
      await callApi('POST', `${base}/listening/topics`, {
        name: RIVAL_TOPIC,
        group: 'competitor',
        query: 'montval',
        color: '#e8590c',
      });
      await callApi('POST', `${base}/listening/topics`, { name: SECTOR_TOPIC, group: 'sector', query: 'mairie' });
      await callApi('POST', `${base}/alerts`, {
        name: ALERT_NAME,
        topicId: brand.id,
        kind: 'negative_share',
        chatUrl: 'https://chat.example.org/hooks/"><svg onload=__xss(903)>',
      });
      await callApi('POST', `${base}/alerts`, { name: NEW_SOURCE_ALERT, topicId: brand.id, kind: 'new_source' });

      mastodon.createAccount('voisin', { displayName: MASTODON_AUTHOR });
      mastodon.addStatus({
        username: 'voisin',
        html: `<p>Villeneuve et Montval &lt;img src=x onerror=__xss(720)&gt; <img src=x onerror=__xss(721)> <a href="javascript:__xss(722)">ici</a> #${'<svg/onload=__xss(723)>'}</p>`,
        spoilerText: hostile('Attention', 0),
      });
      const feed = await callApi<{ id: string }>('POST', `${base}/listening/sources`, {
        network: 'feed',
        kind: 'feed',
        config: { url: `${feedOrigin}/feed.json` },
        label: SOURCE_LABEL,
      });
      const account = await callApi<{ id: string }>('POST', `${base}/listening/sources`, {
        network: 'mastodon',
        kind: 'account',
        // Named by another host than the feed (localhost, the same fake): both are then polled in one run, where
        // a second poll of one host would wait for the host's interval and the next run.
        config: { instance: mastodon.url.replace('127.0.0.1', 'localhost'), account: 'voisin' },
        label: MASTODON_SOURCE_LABEL,
      });
      for (const source of [feed, account]) {
        await callApi('POST', `${base}/listening/sources/${source.id}/poll`);
      }
      // The worker polls in the background: wait until both sources have delivered their items.
      await expect
        .poll(
          async () => (await callApi<{ items: unknown[] }>('GET', `${base}/listening/mentions?limit=50`)).items.length,
          { timeout: 60_000, interval: 1_000 },
        )
        .toBe(5);
      await expectClean('seeding');
    },
    TEST_TIMEOUT,
  );

  it(
    'shows hostile names as text on every page of the workspace',
    async () => {
      const w = `/w/${workspaceId}`;
      // Every route of apps/web/src/app.tsx, each waiting for something only that page draws.
      const pages: [string, Ready][] = [
        [`${w}/today`, { testId: 'home-page' }],
        [`${w}/settings/members`, { text: MEMBER_NAME }],
        [`${w}/settings/invitations`, { text: 'sacha@example.org' }],
        [`${w}/settings/api-keys`, { text: API_KEY_NAME }],
        [`${w}/settings/webhooks`, { text: WEBHOOK_DESCRIPTION }],
        [`${w}/settings/audit`, { text: ADMIN_NAME }],
        [`${w}/channels`, { testId: 'channel-row' }],
        [`${w}/editorial`, { text: THEME }],
        [`${w}/posts`, { text: DRAFT_TEXT }],
        [`${w}/posts/new`, { testId: 'write-post-text' }],
        [`${w}/posts/${postId}`, { testId: 'post-preview-text' }],
        [`${w}/listening/topics`, { text: RIVAL_TOPIC }],
        [`${w}/listening/mentions`, { testId: 'mention' }],
        [`${w}/listening/sources`, { text: SOURCE_LABEL }],
        [`${w}/alerts`, { text: ALERT_NAME }],
        [`${w}/settings/workspace`, { testId: 'workspace-settings-form' }],
        [`/invite/${inviteToken}`, { testId: 'invite-intro' }],
      ];
      for (const [path, ready] of pages) {
        await visit(path, ready);
        await expect(page.locator('body').innerText()).resolves.not.toContain('React has blocked');
      }

      // The names are shown as typed (text, not markup) in the places an attacker aims for.
      await visit(`${w}/members`, { text: MEMBER_NAME });
      await page.getByText(ORGANISATION).or(page.getByText(WORKSPACE)).first().waitFor();
      await visit(`${w}/posts/${postId}`, { testId: 'post-preview-text' });
      await expect(page.getByTestId('post-preview-text').first().innerText()).resolves.toContain('<svg/onload=');
      await page.getByText(COMMENT).first().waitFor();
      await visit(`${w}/listening/mentions`, { testId: 'mention' });
      await page.getByText(MASTODON_AUTHOR).first().waitFor();
      await expect(page.getByTestId('mention-stream').innerText()).resolves.toContain('"><script>__xss(');
      // Links from strangers are http(s) or absent; the one in-page link is the shell's own skip link.
      const hrefs = await page.locator('a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
      expect(hrefs.filter((href) => href !== '#main-content' && !/^(https?:\/\/|\/)/.test(href ?? ''))).toEqual([]);
      await expectClean('pages');
    },
    TEST_TIMEOUT,
  );

  it(
    'opens the menus, modals and pickers where names show',
    async () => {
      const w = `/w/${workspaceId}`;
      await visit(`${w}/members`, { text: MEMBER_NAME });
      await page.getByTestId('workspace-switcher').click();
      await page.getByText(SECOND_WORKSPACE).first().waitFor();
      await page.keyboard.press('Escape');
      await page.getByTestId('user-menu').click();
      await page.getByTestId('logout').waitFor();
      await page.keyboard.press('Escape');
      await page.getByTestId('notification-bell').click();
      await page.getByTestId('notification-item').first().waitFor();
      await page.keyboard.press('Escape');

      // Confirmation modals repeat the name of what they act on.
      await visit(`${w}/api-keys`, { text: API_KEY_NAME });
      await page.locator('[data-testid^="write-api-key-revoke-"]').first().click();
      await page.getByRole('dialog').waitFor();
      await page.keyboard.press('Escape');

      // The composer's pickers list channels, themes and content types.
      await visit(`${w}/posts/new`, { testId: 'write-post-text' });
      await page.getByTestId('write-post-channels').click();
      await page.getByRole('option', { name: channelName }).waitFor();
      await page.keyboard.press('Escape');
      await page.getByTestId('write-post-theme').click();
      await page.getByRole('option', { name: THEME }).waitFor();
      await page.keyboard.press('Escape');
      await page.getByTestId('write-post-content-type').click();
      await page.getByRole('option', { name: CONTENT_TYPE }).waitFor();
      await page.keyboard.press('Escape');

      // The webhook's delivery log shows what its deliveries met.
      await visit(`${w}/webhooks`, { text: WEBHOOK_DESCRIPTION });
      await page.locator('[data-testid^="webhook-log-"]').first().click();
      await page.keyboard.press('Escape');

      // The alert form picks a topic by name.
      await visit(`${w}/alerts`, { text: ALERT_NAME });
      await page.getByTestId('write-alert-new').click();
      await page.getByTestId('write-alert-topic').click();
      await page.getByRole('option', { name: RIVAL_TOPIC }).waitFor();
      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');
      await expectClean('menus');
    },
    TEST_TIMEOUT,
  );

  it(
    'hovers the calendar events',
    async () => {
      // The month view opens first, so tomorrow's post is on screen (unless tomorrow is next month).
      await visit(`/w/${workspaceId}/calendar`, { testId: 'calendar' });
      if (new Date(Date.now() + 86_400_000).getDate() === 1)
        await page.getByRole('button', { name: /suivant|next/i }).click();
      const events = page.getByTestId('calendar-event');
      await events.first().waitFor();
      for (let index = 0; index < (await events.count()); index += 1) await events.nth(index).hover();
      await expect(events.first().innerText()).resolves.toContain('Programme <img src=x');
      await expectClean('calendar');
    },
    TEST_TIMEOUT,
  );

  it(
    'sweeps every dashboard chart, and the share-of-voice tooltip shows the topic name as text',
    async () => {
      await visit(`/w/${workspaceId}/listening/dashboard`, { testId: 'chart-share-of-voice' });
      await page.locator('[data-testid="chart-share-of-voice"] [data-chart="echarts"] svg').first().waitFor();
      await page.locator('[data-testid="chart-volume"] [data-chart="echarts"] svg').first().waitFor();
      await sweepCharts();
      // The bug this test exists for: the donut's tooltip drew the topic name as HTML.
      const tooltips = await hoverDonut('chart-share-of-voice');
      await expectClean('dashboard');
      expect(tooltips.some((text) => text.includes(BRAND_TOPIC))).toBe(true);
      expect(tooltips.some((text) => text.includes(RIVAL_TOPIC))).toBe(true);
    },
    TEST_TIMEOUT,
  );

  it(
    'runs under the Content-Security-Policy: the OpenAPI explorer works, injected scripts are refused',
    async () => {
      await expectClean(page.url());
      // The API explorer draws under the same policy.
      await page.goto(`${server.baseUrl}/api/docs`);
      await page.locator('.swagger-ui .info').getByText('Rostra API').waitFor();
      await page.locator('.opblock').first().waitFor();
      await expectClean('/api/docs');

      await page.goto(`${server.baseUrl}/w/${workspaceId}/members`);
      await page.getByText(MEMBER_NAME).first().waitFor();
      const outcome = await page.evaluate(async (evilUrl) => {
        const w = window as unknown as { __inline?: number; __evil?: number };
        const inline = document.createElement('script');
        inline.textContent = 'window.__inline = 1;';
        document.body.append(inline);
        const external = document.createElement('script');
        external.src = evilUrl;
        const loaded = new Promise<string>((resolve) => {
          external.onload = () => resolve('loaded');
          external.onerror = () => resolve('refused');
        });
        document.body.append(external);
        const img = document.createElement('img');
        img.setAttribute('src', 'x');
        img.setAttribute('onerror', 'window.__inline = 2;');
        document.body.append(img);
        return { external: await loaded, inline: w.__inline ?? null, evil: w.__evil ?? null };
      }, `${feedOrigin}/evil.js`);
      expect(outcome).toEqual({ external: 'refused', inline: null, evil: null });
      expect(evilScriptRequests).toEqual([]);
      // Each was reported as a violation of the script directives.
      await expect
        .poll(async () => (await readWatch()).violations.map((v) => v.split(' ')[0]).sort(), { timeout: 5_000 })
        .toEqual(['script-src-attr', 'script-src-elem', 'script-src-elem']);
      expect((await readWatch()).hits).toEqual([]);
      expect(dialogs).toEqual([]);
      expect(browser.readProblems().filter((problem) => problem.startsWith('pageerror'))).toEqual([]);
    },
    TEST_TIMEOUT,
  );
});
