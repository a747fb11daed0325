// The whole publishing flow against real networks on loopback: a Bluesky PDS (@atproto/dev-env, in this
// process) and the fake Mastodon written from the official documentation. An admin connects both channels
// through the UI; a contributor writes a post too long for Bluesky, sees the violation on that channel, adapts
// the Bluesky text and submits it; a manager approves it, schedules it for tomorrow and drags it onto today in
// the month view (same time of day, a couple of minutes from now); the server's clock is moved past that time
// (test-clock.mjs) and its worker (`rostra run` runs every role) publishes it, and both networks hold exactly one copy.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AtpAgent } from '@atproto/api';
import { TestNetworkNoAppView } from '@atproto/dev-env';
import { startFakeMastodon, type FakeMastodon } from '@rostra/connectors/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, type BrowserSession } from './browser';
import { startServer, type RunningServer } from './server';

const STEP_TIMEOUT = 120_000;
const PUBLISH_TIMEOUT = 300_000;
const ADMIN = { name: 'Camille Martin', email: 'admin@example.org', password: 'correct-horse-battery' };
const MANAGER = { name: 'Inès Moreau', email: 'manager@example.org', password: 'manager-password-42' };
const CONTRIBUTOR = { name: 'Hugo Petit', email: 'contributor@example.org', password: 'contributor-password-42' };
const BLUESKY_HANDLE = 'mairie.test';
const MASTODON_USER = 'mairie';

// 360 characters: over Bluesky's 300 graphemes, under Mastodon's 500.
const LONG_TEXT =
  'Conseil municipal du jeudi 12 décembre à 19 h, salle des fêtes : budget primitif 2025, rénovation ' +
  "de l'école Jules-Ferry, extension des horaires de la médiathèque le samedi, nouveau plan de " +
  'circulation du centre-bourg et point sur les travaux de la route de Montauban. La séance est ' +
  'publique et retransmise en direct sur le site de la commune. Venez nombreux, questions bienvenues !';
const SHORT_TEXT = 'Conseil municipal jeudi 12 décembre à 19 h, salle des fêtes : budget 2025, école, médiathèque.';

let network: TestNetworkNoAppView;
let pdsScratch = '';
let pdsUrl = '';
let blueskyDid = '';
let blueskyAppPassword = '';
let mastodon: FakeMastodon;
let mastodonToken = '';
let server: RunningServer;
let browser: BrowserSession;
let page: Page;

let workspaceId = '';
let workspaceZone = '';
let managerInvitation = '';
let contributorInvitation = '';
let blueskyChannelId = '';
let mastodonChannelId = '';
let postId = '';
/** Where the post ends up after the drag: today, in the workspace's zone. */
let target = { date: '', time: '' };

function url(path: string): string {
  return `${server.baseUrl}${path}`;
}

async function pickOption(testId: string, option: string) {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Calls the API with the browser's session, as the UI does. */
async function callApi<T>(method: string, path: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const session = (await (await fetch('/api/session')).json()) as { csrfToken: string };
      const response = await fetch(path, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text}`);
      return (text ? JSON.parse(text) : null) as T;
    },
    { method, path, body },
  );
}

interface PostState {
  status: string;
  scheduledAt: string | null;
  targets: Array<{ channelId: string; status: string; publishedUrl: string | null; error?: unknown }>;
}

function readPost(): Promise<PostState> {
  return callApi<PostState>('GET', `/api/workspaces/${workspaceId}/posts/${postId}`);
}

/** The wall date (YYYY-MM-DD) and time (HH:MM) of `instant` in `timeZone`. */
function wallClock(instant: number, timeZone: string): { date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(instant))
      .map((part) => [part.type, part.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** The instant clocks in `timeZone` show `date` at `time`, computed from Intl's own offset name. */
function instantOf(date: string, time: string, timeZone: string): string {
  const asUtc = Date.parse(`${date}T${time}:00Z`);
  const name = new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(new Date(asUtc))
    .find((part) => part.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? '');
  const offsetMinutes = match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
  return new Date(asUtc - offsetMinutes * 60_000).toISOString();
}

async function logout() {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('logout').click();
  await page.waitForURL(/\/login/);
}

async function acceptInvitation(invitationUrl: string, person: { name: string; password: string }) {
  await page.goto(invitationUrl);
  await page.getByTestId('invite-name').fill(person.name);
  await page.getByTestId('invite-password').fill(person.password);
  await page.getByTestId('invite-submit').click();
  await page.waitForURL(/\/w\/[^/]+\/today$/);
}

async function openPost() {
  await page.goto(url(`/w/${workspaceId}/posts/${postId}`));
  await page.getByTestId('post-form').waitFor();
}

function dayCell(date: string) {
  return page.locator(`td.fc-daygrid-day[data-date="${date}"]`);
}

describe('publishing to Bluesky and Mastodon', () => {
  beforeAll(async () => {
    // dev-env puts the PDS's SQLite files and blobs under os.tmpdir(): point that at one folder of ours.
    pdsScratch = await mkdtemp(join(tmpdir(), 'rostra-e2e-pds-'));
    const tmpdirBefore = process.env.TMPDIR;
    process.env.TMPDIR = pdsScratch;
    try {
      network = await TestNetworkNoAppView.create({});
    } finally {
      if (tmpdirBefore === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = tmpdirBefore;
    }
    pdsUrl = network.pds.url;
    const owner = new AtpAgent({ service: pdsUrl });
    const created = await owner.createAccount({
      handle: BLUESKY_HANDLE,
      email: 'communication@mairie.test',
      password: 'mot-de-passe-du-compte',
    });
    blueskyDid = created.data.did;
    blueskyAppPassword = (await owner.com.atproto.server.createAppPassword({ name: 'Rostra' })).data.password;

    mastodon = await startFakeMastodon();
    mastodonToken = mastodon.createAccount(MASTODON_USER).accessToken;

    server = await startServer({ testClock: true });
    browser = await openBrowser();
    page = browser.page;
    page.setDefaultTimeout(30_000);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await mastodon?.close();
    await network?.close();
    if (pdsScratch) await rm(pdsScratch, { recursive: true, force: true });
  }, 120_000);

  it(
    'sets up the instance and invites a manager and a contributor',
    async () => {
      await page.goto(url('/'));
      await page.waitForURL(/\/setup$/);
      await page.getByTestId('setup-organisation').fill('Mairie de Villeneuve');
      await page.getByTestId('setup-workspace').fill('Communication');
      await page.getByTestId('setup-name').fill(ADMIN.name);
      await page.getByTestId('setup-email').fill(ADMIN.email);
      await page.getByTestId('setup-password').fill(ADMIN.password);
      await page.getByTestId('setup-submit').click();
      await page.waitForURL(/\/w\/[^/]+\/today$/);

      workspaceId = /\/w\/([^/]+)\//.exec(page.url())?.[1] ?? '';
      const session = await callApi<{ workspaces: Array<{ id: string; timezone: string }> }>('GET', '/api/session');
      workspaceZone = session.workspaces.find((workspace) => workspace.id === workspaceId)?.timezone ?? '';
      expect(workspaceZone).not.toBe('');

      const invite = (email: string, role: string) =>
        callApi<{ url: string }>('POST', `/api/workspaces/${workspaceId}/invitations`, { email, role });
      managerInvitation = (await invite(MANAGER.email, 'manager')).url;
      contributorInvitation = (await invite(CONTRIBUTOR.email, 'contributor')).url;
    },
    STEP_TIMEOUT,
  );

  it(
    'connects Bluesky and Mastodon from the Channels page',
    async () => {
      await page.getByTestId('nav-channels').click();
      await page.waitForURL(/\/channels$/);
      await page.getByRole('heading', { name: 'Canaux' }).waitFor();
      const form = page.getByTestId('connect-channel-form');

      await page.getByTestId('write-channel-connect').click();
      await form.waitFor();
      await pickOption('write-channel-network', 'Bluesky');
      await page.getByTestId('write-channel-identifier').fill(BLUESKY_HANDLE);
      await page.getByTestId('write-channel-appPassword').fill(blueskyAppPassword);
      await page.getByTestId('write-channel-service').fill(pdsUrl);
      await page.getByTestId('write-channel-submit').click();
      await form.waitFor({ state: 'detached', timeout: 60_000 });
      await page.getByTestId('channel-row').first().waitFor();

      await page.getByTestId('write-channel-connect').click();
      await form.waitFor();
      await pickOption('write-channel-network', 'Mastodon');
      await page.getByTestId('write-channel-instance').fill(mastodon.url);
      await page.getByTestId('write-channel-accessToken').fill(mastodonToken);
      await page.getByTestId('write-channel-submit').click();
      await form.waitFor({ state: 'detached', timeout: 60_000 });
      await page.getByTestId('channel-row').nth(1).waitFor();

      const channels = await callApi<{ items: Array<{ id: string; network: string; status: string }> }>(
        'GET',
        `/api/workspaces/${workspaceId}/channels`,
      );
      blueskyChannelId = channels.items.find((channel) => channel.network === 'bluesky')?.id ?? '';
      mastodonChannelId = channels.items.find((channel) => channel.network === 'mastodon')?.id ?? '';
      expect(blueskyChannelId).not.toBe('');
      expect(mastodonChannelId).not.toBe('');
      expect(channels.items.map((channel) => channel.status)).toEqual(['active', 'active']);
    },
    STEP_TIMEOUT,
  );

  it(
    "shows a contributor Bluesky's length rule on the Bluesky channel only",
    async () => {
      await logout();
      await acceptInvitation(contributorInvitation, CONTRIBUTOR);

      await page.getByTestId('nav-posts').click();
      await page.waitForURL(/\/posts$/);
      await page.getByTestId('write-post-new').click();
      await page.waitForURL(/\/posts\/new$/);

      const channels = await callApi<{ items: Array<{ id: string; name: string }> }>(
        'GET',
        `/api/workspaces/${workspaceId}/channels`,
      );
      for (const channel of channels.items) {
        await page.getByTestId('write-post-channels').click();
        await page.getByRole('option', { name: channel.name }).click();
        await page.keyboard.press('Escape');
      }
      await page.getByTestId(`post-channel-tab-${blueskyChannelId}`).waitFor();
      await page.getByTestId(`post-channel-tab-${mastodonChannelId}`).waitFor();

      await page.getByTestId('write-post-text').fill(LONG_TEXT);
      await page.getByTestId('write-post-create').click();
      await page.waitForURL(/\/posts\/[0-9a-f-]{36}$/);
      postId = /\/posts\/([^/]+)$/.exec(page.url())?.[1] ?? '';

      // The server counted the text per channel: Bluesky breaks, Mastodon (500) does not.
      const violations = page.getByTestId('post-violations').first();
      await violations.locator('[data-rule="text_too_long"]').waitFor();
      await expect(violations.innerText()).resolves.toContain('Bluesky');
      await expect(violations.innerText()).resolves.not.toContain('Mastodon');
      await expect(violations.locator('[data-rule]').count()).resolves.toBe(1);

      // The submit button is there, and the server refuses it while the rule is broken.
      await page.getByTestId('write-post-action-submit').click();
      await page.getByTestId('post-violations').first().locator('[data-rule="text_too_long"]').waitFor();
      await expect(readPost().then((post) => post.status)).resolves.toBe('draft');
    },
    STEP_TIMEOUT,
  );

  it(
    'adapts the text for Bluesky and submits it for approval',
    async () => {
      await page.getByTestId(`post-channel-tab-${blueskyChannelId}`).click();
      await page.getByTestId(`write-post-adapt-${blueskyChannelId}`).check({ force: true });
      const adapted = page.getByTestId(`write-post-channel-text-${blueskyChannelId}`);
      await expect(adapted.inputValue()).resolves.toBe(LONG_TEXT);
      await adapted.fill(SHORT_TEXT);
      await page.getByTestId('write-post-save').click();
      await page.getByTestId('post-unsaved').waitFor({ state: 'detached' });
      await page.getByTestId('post-violations').waitFor({ state: 'detached' });

      await page.getByTestId('write-post-action-submit').click();
      await page.getByText('En validation', { exact: true }).first().waitFor();
      await expect(readPost().then((post) => post.status)).resolves.toBe('in_review');
    },
    STEP_TIMEOUT,
  );

  it(
    'lets the manager approve it and schedule it for tomorrow',
    async () => {
      await logout();
      await acceptInvitation(managerInvitation, MANAGER);
      await openPost();
      await page.getByTestId('write-post-action-approve').click();
      await page.getByText('Validée', { exact: true }).first().waitFor();

      // Today's date, a couple of minutes from now in the workspace's zone; planned first for tomorrow.
      const soon = Math.ceil(Date.now() / 60_000) * 60_000 + 2 * 60_000;
      target = wallClock(soon, workspaceZone);
      const tomorrow = nextDay(target.date);
      await page.getByTestId('write-post-scheduled-at').fill(`${tomorrow}T${target.time}`);
      await page.getByTestId('write-post-scheduled-at').press('Escape');
      await page.getByTestId('write-post-save').click();
      await page.getByTestId('post-unsaved').waitFor({ state: 'detached' });
      await page.getByTestId('write-post-action-schedule').click();
      await page.getByText('Programmée', { exact: true }).first().waitFor();

      const post = await readPost();
      expect(post.status).toBe('scheduled');
      expect(post.scheduledAt).toBe(instantOf(tomorrow, target.time, workspaceZone));
    },
    STEP_TIMEOUT,
  );

  it(
    'drags it from tomorrow onto today in the calendar',
    async () => {
      await page.getByTestId('nav-calendar').click();
      await page.waitForURL(/\/calendar$/);
      const tomorrow = nextDay(target.date);
      const event = dayCell(tomorrow).locator('.fc-event', {
        has: page.locator(`[data-testid="calendar-event"][data-post-id="${postId}"]`),
      });
      await event.waitFor();
      const today = dayCell(target.date);
      await today.waitFor();

      const from = await event.boundingBox();
      const to = await today.boundingBox();
      if (!from || !to) throw new Error('event or day cell not laid out');
      await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
      await page.mouse.down();
      await page.mouse.move(from.x + from.width / 2 - 20, from.y + from.height / 2 + 5, { steps: 5 });
      await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 25 });
      await page.mouse.up();

      // A scheduled post is unscheduled then scheduled again: the calendar asks first.
      await page.getByText('Déplacer une publication programmée ?').waitFor();
      await page.getByTestId('confirm-submit').click();
      await today.locator(`[data-testid="calendar-event"][data-post-id="${postId}"]`).waitFor();

      const post = await readPost();
      expect(post.status).toBe('scheduled');
      expect(post.scheduledAt).toBe(instantOf(target.date, target.time, workspaceZone));
      expect(Date.parse(post.scheduledAt ?? '')).toBeGreaterThan(Date.now());
    },
    STEP_TIMEOUT,
  );

  it(
    'publishes it once on each network at that time',
    async () => {
      // The server's clock moves to just past the due time: its real worker then publishes the post, without
      // this test waiting up to three minutes for the wall clock.
      const dueAt = Date.parse((await readPost()).scheduledAt ?? '');
      await server.setClockOffset(Math.max(0, dueAt - Date.now() + 1_000));
      const deadline = Date.now() + PUBLISH_TIMEOUT - 30_000;
      let post = await readPost();
      while (post.status !== 'published' && Date.now() < deadline) {
        if (post.status === 'failed' || post.status === 'unconfirmed') break;
        await new Promise((done) => setTimeout(done, 3_000));
        post = await readPost();
      }
      expect(post.status, `${JSON.stringify(post)}\n${server.readLogs()}`).toBe('published');
      expect(post.targets.map((entry) => entry.status)).toEqual(['published', 'published']);

      await openPost();
      await page.getByText('Publiée', { exact: true }).first().waitFor();
      await expect(page.getByTestId('post-delivery').count()).resolves.toBe(2);

      const reader = new AtpAgent({ service: pdsUrl });
      const { data } = await reader.com.atproto.repo.listRecords({
        repo: blueskyDid,
        collection: 'app.bsky.feed.post',
        limit: 100,
      });
      const texts = data.records.map((record) => (record.value as { text?: string }).text);
      expect(texts).toEqual([SHORT_TEXT]);

      expect(mastodon.statuses.map((status) => status.text)).toEqual([LONG_TEXT]);
      expect(mastodon.unexpected).toEqual([]);
      expect(browser.readProblems().filter((problem) => problem.startsWith('pageerror'))).toEqual([]);
    },
    PUBLISH_TIMEOUT,
  );
});
