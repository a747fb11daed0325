// The animation plan in Chromium against the real server, with the fake Mastodon (written from its docs): two
// rubrics written in the form (one without a backup), 8 weeks generated, the coverage board flagging the missing
// backup, then the post of a slot created from the plan and opened in the composer, attached to its slot; slots
// filled from the idea bank (an idea dragged onto a slot, another placed with the keyboard); a mention of the
// listening stream (a local JSON feed) kept as an idea with « → idée »; events imported from
// a CSV (problems shown by line in French, nothing stored; then the events on the board and the plan's weeks); an
// open slot in the calendar page (dashed, with its legend) whose « Créer la publication » makes its draft; a
// strategy objective flagged on the board until the rubric form names it; the plan's PDF offered beside CSV and iCal;
// the page is used at phone width without sideways scrolling.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startFakeMastodon, type FakeMastodon } from '@rostra/connectors/testing';
import { logIn, startBrowserApp, type BrowserApp } from './browser';

const TEST_TIMEOUT = 90_000;
const ADMIN = { name: 'Camille Martin', email: 'admin@mairie.test', password: 'correct-horse-battery' };
const BACKUP = { name: 'Dominique Roux', email: 'dominique@mairie.test', password: 'une autre phrase de passe' };

let app: BrowserApp;
let page: Page;
let mastodon: FakeMastodon;
let workspaceId = '';
let channelName = '';

interface Slot {
  id: string;
  rubricId: string | null;
  status: string;
  postId: string | null;
  at: string;
  channelId: string;
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

/** Fills and saves the rubric form; `backup` null leaves "Aucun". */
async function writeRubric(name: string, day: string, backup: string | null): Promise<void> {
  await page.getByTestId('rubric-new').click();
  const form = page.getByTestId('rubric-form');
  await form.waitFor();
  await page.getByTestId('rubric-name').fill(name);
  await form.getByLabel(channelName).check();
  // Mondays are ticked by default: the rubric falls on `day` only.
  await form.getByText('Lundi', { exact: true }).click();
  await form.getByText(day, { exact: true }).click();
  await page.getByTestId('rubric-time').fill('10:30');
  await page.getByTestId('rubric-owner').selectOption({ label: ADMIN.name });
  if (backup) await page.getByTestId('rubric-backup').selectOption({ label: backup });
  await page.getByTestId('rubric-submit').click();
  await form.waitFor({ state: 'detached' });
  await page.getByTestId('rubric-card').filter({ hasText: name }).waitFor();
}

describe('animation plan: rubrics, generation, coverage board, a slot filled from the plan', () => {
  beforeAll(async () => {
    mastodon = await startFakeMastodon();
    app = await startBrowserApp({ actionTimeoutMs: 20_000 });
    page = app.page;
    await page.setViewportSize({ width: 1440, height: 900 });
    const base = app.server.baseUrl;
    const setup = await fetch(`${base}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ organisation: 'Mairie de Villeneuve', workspace: 'Communication', ...ADMIN }),
    });
    expect(setup.status).toBe(201);
    await logIn(page, base, ADMIN.email, ADMIN.password);
    workspaceId = /\/w\/([^/]+)\/today$/.exec(page.url())?.[1] ?? '';
    const channel = await callApi<{ id: string; name: string }>('POST', `/api/workspaces/${workspaceId}/channels`, {
      network: 'mastodon',
      credentials: { instance: mastodon.url, accessToken: mastodon.createAccount('ville').accessToken },
    });
    channelName = channel.name;
    const invitation = await callApi<{ url: string }>('POST', `/api/workspaces/${workspaceId}/invitations`, {
      email: BACKUP.email,
      role: 'community_manager',
    });
    const token = invitation.url.split('/invite/')[1];
    const accepted = await fetch(`${base}/api/invitations/${token}/accept`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: BACKUP.name, password: BACKUP.password }),
    });
    expect(accepted.status).toBe(200);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await mastodon?.close();
  }, 60_000);

  it(
    'writes two rubrics, one without a backup, from the daily menu',
    async () => {
      await page.goto(`${app.server.baseUrl}/w/${workspaceId}/today`);
      await page.getByTestId('nav-plan').click();
      await page.getByTestId('plan-page').waitFor();
      await expect(page.getByRole('heading', { level: 2 }).innerText()).resolves.toBe("Plan d'animation");
      await page.getByTestId('plan-tab-rubrics').click();
      await writeRubric('Actualités de la ville', 'Jeudi', BACKUP.name);
      await writeRubric('Jeu du vendredi', 'Vendredi', null);
      await expect(page.getByTestId('rubric-no-backup').count()).resolves.toBe(1);
      const rubrics = await callApi<{ items: Array<{ name: string; period: unknown; backupOwnerId: string | null }> }>(
        'GET',
        `/api/workspaces/${workspaceId}/plan/rubrics`,
      );
      expect(rubrics.items.map((r) => [r.name, r.period, r.backupOwnerId === null])).toEqual([
        ['Actualités de la ville', { kind: 'weekly', weekdays: [4] }, false],
        ['Jeu du vendredi', { kind: 'weekly', weekdays: [5] }, true],
      ]);
    },
    TEST_TIMEOUT,
  );

  it(
    'generates 8 weeks, and the coverage board flags the rubric without a backup',
    async () => {
      await expect(page.getByTestId('plan-weeks').inputValue()).resolves.toBe('8');
      await page.getByTestId('plan-generate').click();
      const flag = page.getByTestId('coverage-missing-backup');
      await flag.waitFor();
      await expect(flag.innerText()).resolves.toContain('1 rubrique sans remplaçant ou remplaçante');
      await expect(flag.innerText()).resolves.toContain('Jeu du vendredi');
      // No rubric has a theme: the board says so, instead of « aucun 100 % ».
      const topTheme = await page.getByTestId('coverage-top-theme').innerText();
      expect(topTheme.replace(/\s+/g, ' ')).toBe("Aucun thème attribué aux créneaux pour l'instant —");
      const slots = await callApi<{ items: Slot[] }>('GET', `/api/workspaces/${workspaceId}/plan/slots`);
      // A Thursday and a Friday each week: 16, or 15 when today's has passed; holidays are kept as skipped slots.
      expect(slots.items.length).toBeGreaterThanOrEqual(15);
      expect(slots.items.length).toBeLessThanOrEqual(17);
      await page.getByTestId('plan-tab-slots').click();
      await expect(page.getByTestId('plan-slot').count()).resolves.toBe(slots.items.length);
    },
    TEST_TIMEOUT,
  );

  it(
    "creates a slot's post from the plan: the composer opens on a draft attached to the slot",
    async () => {
      const before = await callApi<{ items: Slot[] }>('GET', `/api/workspaces/${workspaceId}/plan/slots`);
      const open = before.items.find((s) => s.status === 'open') as Slot;
      await page
        .getByTestId('plan-slot')
        .filter({ has: page.getByTestId('plan-slot-create-post') })
        .first()
        .getByTestId('plan-slot-create-post')
        .click();
      await page.waitForURL(/\/posts\/[^/]+$/);
      const postId = /\/posts\/([^/]+)$/.exec(page.url())?.[1] ?? '';
      const after = await callApi<{ items: Slot[] }>('GET', `/api/workspaces/${workspaceId}/plan/slots`);
      expect(after.items.find((s) => s.id === open.id)).toMatchObject({ status: 'filled', postId });
      const post = await callApi<{ status: string; scheduledAt: string; targets: Array<{ channelId: string }> }>(
        'GET',
        `/api/workspaces/${workspaceId}/posts/${postId}`,
      );
      expect(post).toMatchObject({ status: 'draft', scheduledAt: open.at });
      expect(post.targets.map((t) => t.channelId)).toEqual([open.channelId]);
      await page.goto(`${app.server.baseUrl}/w/${workspaceId}/plan`);
      await page.locator('[data-testid="plan-slot"][data-status="filled"]').first().waitFor();
    },
    TEST_TIMEOUT,
  );

  it(
    'fills slots from the idea bank: one idea dragged onto a slot, another placed with the keyboard',
    async () => {
      await page.goto(`${app.server.baseUrl}/w/${workspaceId}/plan`);
      await page.getByTestId('plan-tab-ideas').click();
      await page.getByTestId('idea-new').click();
      await page.getByTestId('idea-title').fill('Visite du jardin partagé');
      await page.getByTestId('idea-notes').fill('Trois photos des bénévoles, une question aux habitants.');
      await page.getByTestId('idea-submit').click();
      await page.getByTestId('idea-card').filter({ hasText: 'Visite du jardin partagé' }).waitFor();
      await callApi('POST', `/api/workspaces/${workspaceId}/plan/ideas`, { title: 'Quiz du tri sélectif' });

      // Dragged from the shelf onto the first open slot.
      await page.getByTestId('plan-tab-slots').click();
      const openSlot = page.locator('[data-testid="plan-slot"][data-status="open"]').first();
      const slotId = (await openSlot.getAttribute('data-slot-id')) ?? '';
      await page.getByTestId('shelf-idea').filter({ hasText: 'Visite du jardin partagé' }).dragTo(openSlot);
      await page.waitForURL(/\/posts\/[^/]+$/);
      const dragged = /\/posts\/([^/]+)$/.exec(page.url())?.[1] ?? '';
      const post = await callApi<{ text: string; status: string }>(
        'GET',
        `/api/workspaces/${workspaceId}/posts/${dragged}`,
      );
      expect(post).toMatchObject({
        status: 'draft',
        text: 'Visite du jardin partagé\n\nTrois photos des bénévoles, une question aux habitants.',
      });
      const slots = await callApi<{ items: Slot[] }>('GET', `/api/workspaces/${workspaceId}/plan/slots`);
      expect(slots.items.find((s) => s.id === slotId)).toMatchObject({ status: 'filled', postId: dragged });

      // With the keyboard: « Utiliser pour un créneau… », the slot chosen in the dialog, Enter.
      await page.goto(`${app.server.baseUrl}/w/${workspaceId}/plan`);
      const use = page.getByRole('button', { name: "Utiliser l'idée « Quiz du tri sélectif » pour un créneau…" });
      await use.focus();
      await page.keyboard.press('Enter');
      const select = page.getByTestId('use-idea-slot');
      await select.waitFor();
      const chosen = await select.inputValue();
      await page.getByTestId('use-idea-submit').focus();
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/posts\/[^/]+$/);
      const typed = /\/posts\/([^/]+)$/.exec(page.url())?.[1] ?? '';
      const after = await callApi<{ items: Slot[] }>('GET', `/api/workspaces/${workspaceId}/plan/slots`);
      expect(after.items.find((s) => s.id === chosen)).toMatchObject({ status: 'filled', postId: typed });
      const ideas = await callApi<{ items: Array<{ title: string; usedPostId: string | null }> }>(
        'GET',
        `/api/workspaces/${workspaceId}/plan/ideas?status=used`,
      );
      expect(ideas.items.map((i) => [i.title, i.usedPostId]).sort()).toEqual([
        ['Quiz du tri sélectif', typed],
        ['Visite du jardin partagé', dragged],
      ]);
    },
    TEST_TIMEOUT,
  );

  it(
    'turns a mention of the listening stream into an idea with « → idée », its link kept',
    async () => {
      const feed = createServer((request, response) => {
        const origin = `http://127.0.0.1:${(feed.address() as AddressInfo).port}`;
        response.writeHead(200, { 'content-type': 'application/feed+json; charset=utf-8' });
        response.end(
          JSON.stringify({
            version: 'https://jsonfeed.org/version/1.1',
            title: 'Journal de Villeneuve',
            items: [
              {
                id: `${origin}/articles/jardin`,
                url: `${origin}/articles/jardin`,
                content_text: 'Le jardin partagé de Villeneuve cherche des bénévoles pour la récolte.',
                date_published: new Date().toISOString(),
              },
            ],
          }),
        );
      });
      await new Promise<void>((resolve) => feed.listen(0, '127.0.0.1', resolve));
      try {
        const url = `http://127.0.0.1:${(feed.address() as AddressInfo).port}/feed.json`;
        const base = `/api/workspaces/${workspaceId}/listening`;
        const source = await callApi<{ id: string }>('POST', `${base}/sources`, {
          network: 'feed',
          kind: 'feed',
          config: { url },
        });
        await callApi('POST', `${base}/sources/${source.id}/poll`);
        await page.goto(`${app.server.baseUrl}/w/${workspaceId}/listening/mentions`);
        // The poll runs on the server's worker: the stream shows the mention once it is stored.
        const mention = page.getByTestId('mention').filter({ hasText: 'Le jardin partagé de Villeneuve' });
        for (let attempt = 0; attempt < 30 && (await mention.count()) === 0; attempt += 1) {
          await page.reload();
          await page.getByTestId('mention-stream').or(page.getByTestId('mentions-empty')).first().waitFor();
        }
        await mention.getByRole('button', { name: "Garder cette mention comme idée dans la banque d'idées" }).click();
        await page.getByText("Mention ajoutée à la banque d'idées du plan d'animation.").waitFor();
        const ideas = await callApi<{ items: Array<{ title: string; source: string; sourceUrl: string | null }> }>(
          'GET',
          `/api/workspaces/${workspaceId}/plan/ideas?status=waiting`,
        );
        expect(ideas.items.find((i) => i.source === 'mention')).toMatchObject({
          title: 'Le jardin partagé de Villeneuve cherche des bénévoles pour la récolte.',
          sourceUrl: url.replace('/feed.json', '/articles/jardin'),
        });
      } finally {
        await new Promise<void>((resolve) => feed.close(() => resolve()));
      }
    },
    TEST_TIMEOUT,
  );

  it(
    'imports an events CSV: problems by line in French and nothing stored, then the events on the board',
    async () => {
      await page.goto(`${app.server.baseUrl}/w/${workspaceId}/plan`);
      await page.getByTestId('plan-tab-events').click();
      const input = page.getByTestId('event-import').locator('input[type="file"]');
      const csv = (lines: string[]) => ({
        name: 'journees.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(lines.join('\n')),
      });
      await input.setInputFiles(
        csv(['date;nom;thème;récurrence', '08/03;Journée des droits des femmes;;annuelle', '31/04/2026;Brocante;;']),
      );
      const problem = page.getByTestId('event-import-problem');
      await problem.waitFor();
      await expect(problem.allInnerTexts()).resolves.toEqual([
        "Ligne 3, colonne « date » : « 31/04/2026 » n'est pas une date (par exemple 08/03/2026, ou 08/03 pour un événement annuel).",
      ]);
      const none = await callApi<{ items: unknown[] }>('GET', `/api/workspaces/${workspaceId}/plan/events`);
      expect(none.items).toEqual([]);

      const soon = new Date(Date.now() + 10 * 86_400_000);
      const french = soon.toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' });
      await input.setInputFiles(
        csv([
          'date;nom;thème;récurrence',
          '08/03;Journée des droits des femmes;;annuelle',
          `${french};Forum des associations;;`,
        ]),
      );
      await page.getByTestId('plan-event-row').nth(1).waitFor();
      await expect(page.getByTestId('plan-event-row').count()).resolves.toBe(2);
      await page.getByTestId('coverage-event').filter({ hasText: 'Forum des associations' }).waitFor();
      await page.getByTestId('plan-tab-slots').click();
      await page.getByTestId('week-event').filter({ hasText: 'Forum des associations' }).waitFor();
    },
    TEST_TIMEOUT,
  );

  it(
    "shows the plan's open slots in the calendar as dashed entries, one opening « Créer la publication »",
    async () => {
      await page.goto(`${app.server.baseUrl}/w/${workspaceId}/calendar`);
      await expect(page.getByTestId('calendar-plan-slot-legend').innerText()).resolves.toBe('Créneau du plan à écrire');
      const entry = page.getByTestId('calendar-plan-slot').first();
      await entry.waitFor();
      const slotId = (await entry.getAttribute('data-slot-id')) ?? '';
      const border = await entry.evaluate((element) => getComputedStyle(element.closest('.fc-event')!).borderStyle);
      expect(border).toBe('dashed');
      await expect(entry.innerText()).resolves.toContain('À écrire');
      await entry.click();
      await page.getByTestId('calendar-plan-slot-dialog').waitFor();
      await page.getByTestId('calendar-plan-slot-create').click();
      await page.waitForURL(/\/posts\/[^/]+$/);
      const postId = /\/posts\/([^/]+)$/.exec(page.url())?.[1] ?? '';
      const slots = await callApi<{ items: Slot[] }>('GET', `/api/workspaces/${workspaceId}/plan/slots`);
      expect(slots.items.find((s) => s.id === slotId)).toMatchObject({ status: 'filled', postId });
    },
    TEST_TIMEOUT,
  );

  it(
    'flags a strategy objective no rubric serves, until a rubric names it in its form',
    async () => {
      await callApi('POST', `/api/workspaces/${workspaceId}/strategy/objectives`, {
        statement: 'Faire connaître le jardin partagé',
        kind: 'notoriety',
        kpi: 'mentions_count',
        target: 40,
        deadline: '2031-06-30',
      });
      await page.goto(`${app.server.baseUrl}/w/${workspaceId}/plan`);
      const flag = page.getByTestId('coverage-objectives-without-rubric');
      await expect(flag.innerText()).resolves.toContain("1 objectif qu'aucune rubrique ne sert");
      await expect(flag.innerText()).resolves.toContain('Faire connaître le jardin partagé');
      await page.getByTestId('plan-tab-rubrics').click();
      await page.getByRole('button', { name: 'Modifier la rubrique Jeu du vendredi' }).click();
      await page.getByTestId('rubric-objective').selectOption({ label: 'Faire connaître le jardin partagé' });
      await page.getByTestId('rubric-submit').click();
      await page.getByTestId('rubric-form').waitFor({ state: 'detached' });
      await flag.waitFor({ state: 'detached' });
    },
    TEST_TIMEOUT,
  );

  it(
    'offers the plan as a PDF beside CSV and iCal',
    async () => {
      await page.goto(`${app.server.baseUrl}/w/${workspaceId}/plan`);
      const href = (await page.getByTestId('plan-export-pdf').getAttribute('href')) ?? '';
      expect(href).toBe(`/api/workspaces/${workspaceId}/plan/export.pdf?lang=fr&weeks=8`);
      const head = await page.evaluate(async (address) => {
        const response = await fetch(address);
        const bytes = new Uint8Array(await response.arrayBuffer());
        return { type: response.headers.get('content-type'), magic: String.fromCharCode(...bytes.slice(0, 5)) };
      }, href);
      expect(head).toEqual({ type: 'application/pdf', magic: '%PDF-' });
    },
    TEST_TIMEOUT,
  );

  it(
    'is usable at phone width: no sideways scrolling, the board and the slots stacked',
    async () => {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${app.server.baseUrl}/w/${workspaceId}/plan`);
      await page.getByTestId('coverage-board').waitFor();
      await page.getByTestId('plan-slot').first().waitFor();
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(390);
      expect(app.dialogs).toEqual([]);
    },
    TEST_TIMEOUT,
  );
});
