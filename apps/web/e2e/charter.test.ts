// The editorial charter in Chromium against the real server, in French then once in English, with the fake Mastodon
// (written from its docs) as the channel: a manager writes a word to avoid (blocking) on the « Charte éditoriale »
// page, its version then listed in the page's history with its author; composing a post that uses it shows the
// finding live beside the network rules, with its replacement; the suggested fix removes it, in the text as in the
// first comment, and the post is submitted; a post still using the word cannot be approved, and the approver sees
// which rule it breaks and why. The charter page and the findings pass axe (no serious or critical fault).
// Screenshots go to ROSTRA_SCREENSHOTS_DIR when it is set.
import { mkdir } from 'node:fs/promises';
import { startFakeMastodon, type FakeMastodon } from '@rostra/connectors/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findA11yViolations, formatA11yViolations } from './a11y';
import { openBrowser, type BrowserSession } from './browser';
import { startServer, type RunningServer } from './server';

const TEST_TIMEOUT = 90_000;
const ADMIN = { name: 'Camille Martin', email: 'admin@example.org', password: 'correct-horse-battery' };
const WHY = 'On parle à des habitants, pas à des administrés';
const SCREENSHOTS = process.env.ROSTRA_SCREENSHOTS_DIR;

let server: RunningServer;
let browser: BrowserSession;
let page: Page;
let mastodon: FakeMastodon;
let workspaceId = '';
let channelId = '';
let channelName = '';

function url(path: string): string {
  return `${server.baseUrl}${path}`;
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

async function screenshot(name: string): Promise<void> {
  if (!SCREENSHOTS) return;
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
}

async function chooseLanguage(locale: 'fr' | 'en') {
  await page.getByTestId('language-menu').click();
  await page.getByTestId(`language-option-${locale}`).click();
  await page.waitForFunction((expected) => document.documentElement.lang === expected, locale);
}

describe('editorial charter', () => {
  beforeAll(async () => {
    mastodon = await startFakeMastodon();
    server = await startServer();
    browser = await openBrowser();
    page = browser.page;
    page.setDefaultTimeout(20_000);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await mastodon?.close();
  }, 60_000);

  it(
    'sets up an instance with the fake Mastodon as its channel',
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
      const { accessToken } = mastodon.createAccount('mairie');
      const channel = await callApi<{ id: string; name: string }>('POST', `/api/workspaces/${workspaceId}/channels`, {
        network: 'mastodon',
        credentials: { instance: mastodon.url, accessToken },
      });
      channelId = channel.id;
      channelName = channel.name;
      expect(channelId).toBeTruthy();
    },
    TEST_TIMEOUT,
  );

  it(
    'writes a word to avoid, blocking, on the « Charte éditoriale » page',
    async () => {
      await expect(page.getByTestId('nav-charter').innerText()).resolves.toContain('Charte éditoriale');
      await page.getByTestId('nav-charter').click();
      await page.waitForURL(/\/charter$/);
      await expect(page.getByTestId('charter-version').innerText()).resolves.toContain('Aucune charte');
      await page.getByTestId('charter-history-empty').waitFor();
      await page.getByTestId('charter-tone').fill('Chaleureux, précis, jamais familier.');
      await page.getByTestId('charter-word-add').click();
      await page.getByTestId('charter-word-0-word').fill('administré');
      await page.getByTestId('charter-word-0-replacement').fill('habitant');
      await page.getByTestId('charter-word-0-level').click();
      await page.getByRole('option', { name: 'Bloquant' }).click();
      await page.getByTestId('charter-word-0-explanation').fill(WHY);
      await page.getByTestId('charter-save').click();
      await page.getByTestId('charter-version').getByText('Version 1').waitFor();
      // The history lists the version just saved, with its author's name.
      const row = page.getByTestId('charter-history-row');
      await row.waitFor();
      await expect(row.count()).resolves.toBe(1);
      await expect(row.innerText()).resolves.toMatch(/^Version 1\t.+\tCamille Martin$/);
      await screenshot('charter-page');
      // RGAA: the page a public body's team fills in has no serious or critical accessibility fault.
      expect(formatA11yViolations(await findA11yViolations(page))).toEqual([]);

      const stored = await callApi<{ version: number; charter: { wordsToAvoid: unknown[] } }>(
        'GET',
        `/api/workspaces/${workspaceId}/charter`,
      );
      expect(stored.version).toBe(1);
      expect(stored.charter.wordsToAvoid).toEqual([
        { word: 'administré', replacement: 'habitant', level: 'blocking', explanation: WHY },
      ]);
    },
    TEST_TIMEOUT,
  );

  it(
    'shows the finding live with its replacement, drops it once fixed, and submits the post',
    async () => {
      await page.goto(url(`/w/${workspaceId}/posts/new`));
      await page.getByTestId('write-post-channels').click();
      await page.getByRole('option', { name: channelName }).click();
      await page.keyboard.press('Escape');
      await page.getByTestId('write-post-text').fill('Chers administrés, la piscine rouvre samedi.');

      const blocking = page.getByTestId('charter-findings-blocking');
      await blocking.waitFor();
      const finding = blocking.getByTestId('charter-finding');
      await expect(finding.getAttribute('data-rule')).resolves.toBe('word_to_avoid');
      await expect(finding.getByTestId('charter-finding-message').innerText()).resolves.toBe(
        '« administrés » fait partie des mots à éviter.',
      );
      await expect(finding.getByTestId('charter-finding-why').innerText()).resolves.toContain(WHY);
      await expect(finding.getByTestId('charter-finding-fix').innerText()).resolves.toBe('Suggestion : « habitants »');
      await screenshot('charter-composer-finding');
      expect(formatA11yViolations(await findA11yViolations(page))).toEqual([]);

      await finding.getByTestId('charter-apply-fix').click();
      await expect(page.getByTestId('write-post-text').inputValue()).resolves.toBe(
        'Chers habitants, la piscine rouvre samedi.',
      );
      await page.getByTestId('charter-findings').waitFor({ state: 'detached' });

      // The first comment is checked too: the finding says so, and its fix goes into the comment.
      const comment = page.getByTestId(`write-post-first-comment-${channelId}`);
      await comment.fill('Merci aux administrés !');
      const inComment = page.getByTestId('charter-findings-blocking').getByTestId('charter-finding');
      await expect(inComment.getByTestId('charter-finding-part').innerText()).resolves.toBe(
        ' · dans le premier commentaire',
      );
      await inComment.getByTestId('charter-apply-fix').click();
      await expect(comment.inputValue()).resolves.toBe('Merci aux habitants !');
      await page.getByTestId('charter-findings').waitFor({ state: 'detached' });

      await page.getByTestId('write-post-create').click();
      await page.waitForURL(/\/posts\/[0-9a-f-]{36}$/);
      const postId = /\/posts\/([0-9a-f-]{36})$/.exec(page.url())?.[1] ?? '';
      await page.getByTestId('write-post-action-submit').click();
      await page.getByTestId('write-post-action-approve').waitFor();
      const post = await callApi<{ status: string; charterFindings: unknown[] }>(
        'GET',
        `/api/workspaces/${workspaceId}/posts/${postId}`,
      );
      expect(post).toMatchObject({ status: 'in_review', charterFindings: [] });
    },
    TEST_TIMEOUT,
  );

  it(
    'refuses to approve a post that breaks a blocking rule, and shows the approver which one and why',
    async () => {
      const post = await callApi<{ id: string }>('POST', `/api/workspaces/${workspaceId}/posts`, {
        text: 'Information aux administrés : collecte des encombrants lundi.',
        channels: [{ channelId }],
      });
      await callApi('POST', `/api/workspaces/${workspaceId}/posts/${post.id}/submit`, {});
      await page.goto(url(`/w/${workspaceId}/posts/${post.id}`));
      const finding = page.getByTestId('charter-findings-blocking').getByTestId('charter-finding');
      await expect(finding.getByTestId('charter-finding-message').innerText()).resolves.toBe(
        '« administrés » fait partie des mots à éviter.',
      );
      await page.getByTestId('write-post-action-approve').click();
      await page.getByText('enfreint une règle bloquante de la charte éditoriale').waitFor();
      const after = await callApi<{ status: string }>('GET', `/api/workspaces/${workspaceId}/posts/${post.id}`);
      expect(after.status).toBe('in_review');

      // The same finding in English.
      await chooseLanguage('en');
      await expect(finding.getByTestId('charter-finding-message').innerText()).resolves.toBe(
        '“administrés” is on the list of words to avoid.',
      );
      await expect(finding.getByTestId('charter-finding-fix').innerText()).resolves.toBe('Suggestion: “habitants”');
      await expect(page.getByTestId('charter-findings-blocking').innerText()).resolves.toContain(
        'Charter: blocks approval',
      );
      await chooseLanguage('fr');
    },
    TEST_TIMEOUT,
  );
});
