// The calendar's way in and out, in Chromium against the real server: the legend of status colours, export as CSV
// (the file downloads with the posts), import of a CSV with a preview the server checks without writing (a bad line
// shows its line and column in French and nothing is created; a good file creates its posts), the secret iCal link
// (its address answers text/calendar), a click on an empty day opening the composer at that date, and moving a post
// or planning a draft with the keyboard alone (M, the date typed, the move announced, the server's refusal in
// French); then the import's errors and a keyboard move once in English.
import { readFile } from 'node:fs/promises';
import { startFakeMastodon, type FakeMastodon } from '@rostra/connectors/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startBrowserApp, type BrowserApp } from './browser';
import { browserApi, chooseLanguage as chooseLanguageIn, setUpAndLogIn, type CallApi } from './seeded-api';
import { dateIn, instantOf } from './zoned-dates';

const TEST_TIMEOUT = 90_000;
const ADMIN = { name: 'Camille Martin', email: 'admin@mairie.test', password: 'correct-horse-battery' };

let app: BrowserApp;
let mastodon: FakeMastodon;
let server: BrowserApp['server'];
let browser: BrowserApp['browser'];
let page: Page;
/** The API with the browser's session, as the UI calls it. */
let callApi: CallApi;
let workspaceId = '';
let zone = '';

/** 2026-12-08 → 08/12/2026, the way a French spreadsheet writes it. */
function french(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

async function postTexts(): Promise<string[]> {
  const list = await callApi<{ items: Array<{ text: string }> }>('GET', `/api/workspaces/${workspaceId}/posts`);
  return list.items.map((post) => post.text).sort();
}

async function openImport(csv: string, name: string): Promise<void> {
  await page.getByTestId('calendar-import').click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('import-choose').click();
  await (await chooser).setFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
}

/** Presses Tab until the focused element matches `selector` (keyboard only, as a person without a mouse would). */
async function tabTo(selector: string, most = 120): Promise<void> {
  for (let step = 0; step < most; step += 1) {
    if (await page.evaluate((wanted) => document.activeElement?.matches(wanted) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  const at = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200) ?? 'nothing');
  throw new Error(`Tab never reached ${selector}; the focus is on ${at}`);
}

/** The calendar entry of a post, focusable (FullCalendar's link holding our content). */
const entryOf = (postId: string) => `.fc-event:has([data-post-id="${postId}"])`;

/** With the focus on a post's entry: M, the date typed in the dialog's field, then Tab to "Déplacer" and Enter. */
async function moveWithKeyboard(typed: string): Promise<void> {
  await page.keyboard.press('m');
  await page.getByTestId('calendar-move-dialog').waitFor();
  await tabTo('[data-testid="calendar-move-at"]');
  await page.keyboard.press('Control+A');
  await page.keyboard.type(typed);
  await tabTo('[data-testid="calendar-move-submit"]');
  await page.keyboard.press('Enter');
}

async function createPost(text: string, scheduledAt: string | null): Promise<string> {
  const created = await callApi<{ id: string }>('POST', `/api/workspaces/${workspaceId}/posts`, {
    text,
    channels: [],
    ...(scheduledAt !== null && { scheduledAt }),
  });
  return created.id;
}

async function scheduledAtOf(postId: string): Promise<string | null> {
  const post = await callApi<{ scheduledAt: string | null }>('GET', `/api/workspaces/${workspaceId}/posts/${postId}`);
  return post.scheduledAt;
}

const chooseLanguage = (locale: 'fr' | 'en') => chooseLanguageIn(page, locale);

describe('calendar import, export, iCal feed, legend and new post from a day', () => {
  beforeAll(async () => {
    app = await startBrowserApp({ actionTimeoutMs: 20_000 });
    ({ server, browser, page } = app);
    await page.setViewportSize({ width: 1440, height: 900 });
    ({ workspaceId, timeZone: zone } = await setUpAndLogIn(page, server.baseUrl, { admin: ADMIN }));
    callApi = browserApi(page);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await mastodon?.close();
  }, 60_000);

  it(
    'shows the legend of status colours on the calendar',
    async () => {
      await page.goto(`${server.baseUrl}/w/${workspaceId}/calendar`);
      const legend = page.getByTestId('calendar-legend');
      await legend.waitFor();
      await expect(legend.locator('li').allInnerTexts()).resolves.toEqual([
        'Brouillon',
        'En validation',
        expect.stringMatching(/^Validée?$/),
        expect.stringMatching(/^Programmée?$/),
        expect.stringMatching(/^Publiée?$/),
        'Échec',
        expect.stringMatching(/^Non confirmée?$/),
      ]);
    },
    TEST_TIMEOUT,
  );

  it(
    'previews a CSV with one bad line, shows its line and column in French, and imports nothing',
    async () => {
      const csv = [
        'text;scheduled_at;channels',
        `Vernissage au musée;${french(dateIn(zone, 1))} 18:00;`,
        'Conseil municipal;le 3 décembre;',
      ].join('\n');
      await openImport(csv, 'plan.csv');
      const problems = page.getByTestId('import-line-problems');
      await problems.waitFor();
      await expect(problems.innerText()).resolves.toBe(
        "Ligne 3, colonne « scheduled_at » : « le 3 décembre » n'est pas une date et une heure (par exemple 2026-12-01 09:30).",
      );
      await expect(page.getByTestId('import-problems').innerText()).resolves.toContain('1 problème dans le fichier');
      await page.getByTestId('import-line').filter({ hasText: 'Vernissage au musée' }).waitFor();
      await expect(page.getByTestId('import-commit').isDisabled()).resolves.toBe(true);
      await expect(postTexts()).resolves.toEqual([]);
      await page.keyboard.press('Escape');
    },
    TEST_TIMEOUT,
  );

  it(
    'imports a good file after its preview, and shows the posts in the draft colour',
    async () => {
      await callApi('POST', `/api/workspaces/${workspaceId}/themes`, { name: 'Culture', color: '#ae3ec9' });
      // Made behind the page's back: the calendar reads it on its next load.
      await page.reload();
      await page.getByTestId('calendar-legend').waitFor();
      const csv = [
        'text;scheduled_at;theme',
        `Vernissage au musée;${french(dateIn(zone, 1))} 18:00;`,
        `Marché de Noël;${dateIn(zone, 2)} 10:00;culture`,
      ].join('\n');
      await openImport(csv, 'plan.csv');
      const commit = page.getByTestId('import-commit');
      await page.getByTestId('import-line').nth(1).waitFor();
      await expect(commit.innerText()).resolves.toBe('Importer 2 publications');
      await expect(page.getByTestId('import-problems').count()).resolves.toBe(0);
      await commit.click();
      await page.getByText('2 publications importées en brouillon.').waitFor();
      await expect(postTexts()).resolves.toEqual(['Marché de Noël', 'Vernissage au musée']);
      const event = page.locator('.fc-event', {
        has: page.getByTestId('calendar-event').filter({ hasText: 'Marché' }),
      });
      await event.waitFor();
      await expect(event.evaluate((element) => getComputedStyle(element).backgroundColor)).resolves.toBe(
        'rgb(73, 80, 87)',
      );
      // Its theme is a dot of the theme's colour.
      await expect(
        event.getByTestId('calendar-event-theme').evaluate((element) => getComputedStyle(element).backgroundColor),
      ).resolves.toBe('rgb(174, 62, 201)');
      // The words on it, white on the draft grey (8.2:1).
      await expect(
        event.getByText('Marché de Noël').evaluate((element) => getComputedStyle(element).color),
      ).resolves.toBe('rgb(255, 255, 255)');
    },
    TEST_TIMEOUT,
  );

  it(
    'exports the calendar on screen as a CSV file that holds the posts',
    async () => {
      const download = page.waitForEvent('download');
      await page.getByTestId('calendar-export').click();
      const file = await download;
      expect(file.suggestedFilename()).toBe('rostra-calendar.csv');
      const csv = await readFile((await file.path()) as string, 'utf8');
      const lines = csv
        .replace(/^\uFEFF/, '')
        .trim()
        .split(/\r?\n/);
      expect(lines[0]).toBe('id;scheduled_at;status;channels;theme;content_type;owner;text');
      expect(
        lines.slice(1).map((line) =>
          line
            .split(';')
            .slice(2, 3)
            .concat(line.split(';').at(-1) ?? ''),
        ),
      ).toEqual(
        expect.arrayContaining([
          ['draft', 'Vernissage au musée'],
          ['draft', 'Marché de Noël'],
        ]),
      );
      expect(lines).toHaveLength(3);
    },
    TEST_TIMEOUT,
  );

  it(
    'gives the iCal link, explained, whose address answers text/calendar',
    async () => {
      await page.getByTestId('calendar-feed').click();
      await page.getByText('Outlook, Google Agenda', { exact: false }).first().waitFor();
      const field = page.getByTestId('calendar-feed-url');
      await field.waitFor();
      const address = await field.inputValue();
      expect(address).toMatch(/\/api\/calendar\/[\w-]{20,}\.ics$/);
      const feed = await fetch(address);
      expect(feed.headers.get('content-type')).toContain('text/calendar');
      const ics = await feed.text();
      expect(ics).toContain('BEGIN:VCALENDAR');
      expect(ics).toContain('SUMMARY:Marché de Noël');
      // A new address replaces it: the old one stops answering.
      await page.getByTestId('calendar-feed-rotate').click();
      await page.getByTestId('confirm-submit').click();
      await expect.poll(() => field.inputValue()).not.toBe(address);
      expect((await fetch(address)).status).toBe(404);
      expect((await fetch(await field.inputValue())).headers.get('content-type')).toContain('text/calendar');
      await page.keyboard.press('Escape');
    },
    TEST_TIMEOUT,
  );

  it(
    'opens the composer at an empty day’s date when the day is clicked',
    async () => {
      const day = dateIn(zone, 3);
      await page.locator(`td.fc-daygrid-day[data-date="${day}"] .fc-daygrid-day-frame`).click();
      await page.waitForURL(/\/posts\/new\?at=/);
      const at = new URL(page.url()).searchParams.get('at');
      expect(at).toBe(instantOf(day, '09:00', zone));
      await expect(page.getByTestId('write-post-scheduled-at').getAttribute('data-value')).resolves.toBe(
        `${day}T09:00`,
      );
    },
    TEST_TIMEOUT,
  );

  it(
    'opens the composer at an empty hour of the week view',
    async () => {
      const day = dateIn(zone, 3);
      await page.goto(`${server.baseUrl}/w/${workspaceId}/calendar`);
      await page.locator('.fc-timeGridWeek-button').click();
      // The day's column gives the x, the 14:00 row the y: the click lands on that day at that hour.
      const column = await page.locator(`td.fc-timegrid-col[data-date="${day}"]`).boundingBox();
      const row = page.locator('td.fc-timegrid-slot-lane[data-time="14:00:00"]');
      await row.scrollIntoViewIfNeeded();
      const lane = await row.boundingBox();
      if (!column || !lane) throw new Error('no week grid');
      await page.mouse.click(column.x + column.width / 2, lane.y + lane.height / 2);
      await page.waitForURL(/\/posts\/new\?at=/);
      expect(new URL(page.url()).searchParams.get('at')).toBe(instantOf(day, '14:00', zone));
      await expect(page.getByTestId('write-post-scheduled-at').getAttribute('data-value')).resolves.toBe(
        `${day}T14:00`,
      );
    },
    TEST_TIMEOUT,
  );

  it(
    'moves a post with the keyboard alone: M on it, the new date typed, the move announced and saved',
    async () => {
      const [from, to] = [dateIn(zone, 2), dateIn(zone, 4)];
      const postId = await createPost('Travaux rue du Port', instantOf(from, '10:00', zone));
      await page.goto(`${server.baseUrl}/w/${workspaceId}/calendar`);
      await page.locator(entryOf(postId)).waitFor();
      await expect(page.getByTestId('calendar-keyboard-hint').innerText()).resolves.toContain('M pour la déplacer');
      await tabTo(entryOf(postId));
      await expect(page.locator(entryOf(postId)).getAttribute('aria-keyshortcuts')).resolves.toBe('M');
      await moveWithKeyboard(`${french(to)} 11:30`);

      const status = page.getByTestId('calendar-move-status');
      await expect.poll(() => status.innerText()).toMatch(/^Déplacée au [a-z]+ \d{1,2} [a-zé]+\.? à 11 h 30$/);
      await expect(status.innerText()).resolves.toContain(` ${Number(to.slice(8))} `);
      expect(await scheduledAtOf(postId)).toBe(instantOf(to, '11:30', zone));
      // The entry stands on its new day, and the keyboard focus is back on it.
      await page.locator(`td.fc-daygrid-day[data-date="${to}"] ${entryOf(postId)}`).waitFor();
      await expect
        .poll(() =>
          page.evaluate((id) => document.activeElement?.querySelector(`[data-post-id="${id}"]`) !== null, postId),
        )
        .toBe(true);
    },
    TEST_TIMEOUT,
  );

  it(
    'plans a draft from the side panel with the keyboard, and keeps refusals in the dialog, in French',
    async () => {
      const draftId = await createPost('Collecte des encombrants', null);
      const goneId = await createPost('Fête de quartier', instantOf(dateIn(zone, 5), '15:00', zone));
      await page.goto(`${server.baseUrl}/w/${workspaceId}/calendar`);
      await page.locator(entryOf(goneId)).waitFor();

      // A date in the past: the same rule as a drop, said in the dialog, nothing sent.
      await tabTo(`.rostra-draft[data-post-id="${draftId}"]`);
      await moveWithKeyboard(`${french(dateIn(zone, -1))} 11:30`);
      await expect(page.getByTestId('calendar-move-dialog').getByRole('alert').innerText()).resolves.toContain(
        'Impossible de planifier dans le passé.',
      );
      await page.keyboard.press('Escape');
      await page.getByTestId('calendar-move-dialog').waitFor({ state: 'hidden' });
      expect(await scheduledAtOf(draftId)).toBeNull();

      const day = dateIn(zone, 6);
      await tabTo(`.rostra-draft[data-post-id="${draftId}"]`);
      await moveWithKeyboard(`${french(day)} 09:00`);
      await expect.poll(() => page.getByTestId('calendar-move-status').innerText()).toMatch(/^Planifiée le .+ à 9 h$/);
      expect(await scheduledAtOf(draftId)).toBe(instantOf(day, '09:00', zone));

      // Deleted behind the page's back: the server's refusal, in French, and the dialog stays open.
      await callApi('DELETE', `/api/workspaces/${workspaceId}/posts/${goneId}`);
      await tabTo(entryOf(goneId));
      await moveWithKeyboard(`${french(dateIn(zone, 7))} 10:00`);
      await expect(page.getByTestId('calendar-move-dialog').getByRole('alert').innerText()).resolves.toContain(
        'Élément introuvable.',
      );
      await page.getByTestId('calendar-move-cancel').press('Enter');
    },
    TEST_TIMEOUT,
  );

  it(
    'reschedules a scheduled post with the keyboard: it stays scheduled, at the new time',
    // Known flake (1 clean-clone run in 4, never alone): under load the move dialog's Tab order once never reached
    // « Déplacer »; tabTo now names where the focus was. Retried until that is understood.
    { retry: 2, timeout: TEST_TIMEOUT },
    async () => {
      await mastodon?.close();
      mastodon = await startFakeMastodon();
      const channel = await callApi<{ id: string }>('POST', `/api/workspaces/${workspaceId}/channels`, {
        network: 'mastodon',
        credentials: { instance: mastodon.url, accessToken: mastodon.createAccount('mairie').accessToken },
      });
      const { id: postId } = await callApi<{ id: string }>('POST', `/api/workspaces/${workspaceId}/posts`, {
        text: 'Conseil municipal jeudi',
        channels: [{ channelId: channel.id }],
        scheduledAt: instantOf(dateIn(zone, 3), '18:00', zone),
      });
      for (const action of ['submit', 'approve', 'schedule']) {
        await callApi('POST', `/api/workspaces/${workspaceId}/posts/${postId}/${action}`, {});
      }
      await page.goto(`${server.baseUrl}/w/${workspaceId}/calendar`);
      await page.locator(`${entryOf(postId)}[aria-keyshortcuts="M"]`).waitFor();
      await tabTo(entryOf(postId));
      await page.keyboard.press('m');
      await expect(page.getByTestId('calendar-move-dialog').innerText()).resolves.toContain(
        'Elle est programmée : elle le restera, à la nouvelle date.',
      );
      await page.keyboard.press('Escape');
      // The dialog hands the focus back to the entry once it has closed (a transition): M waits for that.
      await page.getByTestId('calendar-move-dialog').waitFor({ state: 'hidden' });
      await tabTo(entryOf(postId));
      const day = dateIn(zone, 9);
      await moveWithKeyboard(`${french(day)} 18:30`);
      await expect
        .poll(() => page.getByTestId('calendar-move-status').innerText())
        .toMatch(/^Déplacée au .+ à 18 h 30$/);
      const saved = await callApi<{ status: string; scheduledAt: string }>(
        'GET',
        `/api/workspaces/${workspaceId}/posts/${postId}`,
      );
      expect(saved).toMatchObject({ status: 'scheduled', scheduledAt: instantOf(day, '18:30', zone) });
    },
  );

  it(
    'explains the same bad line in English',
    async () => {
      await page.goto(`${server.baseUrl}/w/${workspaceId}/posts`);
      await chooseLanguage('en');
      await page.getByRole('heading', { name: 'Posts', level: 2 }).waitFor();
      await openImport('text;scheduled_at\nConseil municipal;le 3 décembre\n', 'plan.csv');
      await expect(page.getByTestId('import-line-problems').innerText()).resolves.toBe(
        'Line 2, column "scheduled_at": "le 3 décembre" is not a date and time (e.g. 2026-12-01 09:30).',
      );
      await expect(page.getByTestId('import-commit').innerText()).resolves.toBe('Import 1 post');
      await expect(page.getByTestId('import-commit').isDisabled()).resolves.toBe(true);
      await page.keyboard.press('Escape');

      // A keyboard move, typed the English way and announced in English.
      const day = dateIn(zone, 8);
      const postId = await createPost('Street works', instantOf(dateIn(zone, 2), '10:00', zone));
      await page.goto(`${server.baseUrl}/w/${workspaceId}/calendar`);
      await page.locator(entryOf(postId)).waitFor();
      await expect(page.getByTestId('calendar-keyboard-hint').innerText()).resolves.toContain('M to move');
      await tabTo(entryOf(postId));
      const [y, m, d] = day.split('-');
      await moveWithKeyboard(`${m}/${d}/${y} 4:15 PM`);
      await expect
        .poll(() => page.getByTestId('calendar-move-status').innerText())
        .toMatch(/^Moved to [A-Z][a-z]+, .+ at 16:15$/);
      expect(await scheduledAtOf(postId)).toBe(instantOf(day, '16:15', zone));
      await chooseLanguage('fr');
      expect(browser.readProblems().filter((problem) => problem.startsWith('pageerror'))).toEqual([]);
    },
    TEST_TIMEOUT,
  );
});
