// The posts list as a community manager works it, in Chromium against the real server: a search without accents
// that survives a reload (it is in the URL), filters by channel and theme, a selection made with the keyboard and
// a bulk action where one post is refused with its reason in French and the others are done; the same in English;
// and at phone width (390×844) the list and the action bar fit the screen.
import { startFakeMastodon, type FakeMastodon } from '@rostra/connectors/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findA11yViolations } from './a11y';
import { startBrowserApp, type BrowserApp } from './browser';
import { browserApi, chooseLanguage as chooseLanguageIn, setUpAndLogIn, type CallApi } from './seeded-api';

const TEST_TIMEOUT = 90_000;
const ADMIN = { name: 'Camille Martin', email: 'admin@mairie.test', password: 'correct-horse-battery' };

let app: BrowserApp;
let server: BrowserApp['server'];
let mastodon: FakeMastodon;
let page: Page;
/** The API with the browser's session, as the UI calls it. */
let callApi: CallApi;
let workspaceId = '';
let channels: { ville: string; culture: string };
let cultureName = '';
let themeId = '';

async function createPost(text: string, channelId: string, extra: Record<string, unknown> = {}): Promise<string> {
  const post = await callApi<{ id: string }>('POST', `/api/workspaces/${workspaceId}/posts`, {
    text,
    channels: [{ channelId }],
    ...extra,
  });
  return post.id;
}

async function statuses(): Promise<Record<string, string>> {
  const list = await callApi<{ items: Array<{ text: string; status: string }> }>(
    'GET',
    `/api/workspaces/${workspaceId}/posts`,
  );
  return Object.fromEntries(list.items.map((post) => [post.text, post.status]));
}

async function rowTexts(): Promise<string[]> {
  return (await page.getByTestId('post-row').locator('td:nth-child(2)').allInnerTexts()).sort();
}

/** Waits until the table shows exactly these posts (the search is sent once typing pauses). */
async function waitForRows(expected: string[]): Promise<void> {
  await expect.poll(rowTexts, { timeout: 15_000 }).toEqual([...expected].sort());
}

/**
 * What axe-core finds serious or critical here besides colour contrast: names of the checkboxes, filters and
 * buttons, roles, the dialog. Contrast comes from the app's theme, checked on every page by accessibility.test.ts.
 */
async function violationsBesidesContrast() {
  return (await findA11yViolations(page)).filter((violation) => violation.id !== 'color-contrast');
}

async function chooseOption(testId: string, option: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

const chooseLanguage = (locale: 'fr' | 'en') => chooseLanguageIn(page, locale);

describe('posts list: search, filters and bulk actions', () => {
  beforeAll(async () => {
    mastodon = await startFakeMastodon();
    app = await startBrowserApp({ actionTimeoutMs: 20_000 });
    ({ server, page } = app);
    await page.setViewportSize({ width: 1440, height: 900 });
    ({ workspaceId } = await setUpAndLogIn(page, server.baseUrl, { admin: ADMIN }));
    callApi = browserApi(page);
    const connect = (name: string) =>
      callApi<{ id: string; name: string }>('POST', `/api/workspaces/${workspaceId}/channels`, {
        network: 'mastodon',
        credentials: { instance: mastodon.url, accessToken: mastodon.createAccount(name).accessToken },
      });
    const culture = await connect('culture');
    channels = { ville: (await connect('ville')).id, culture: culture.id };
    cultureName = culture.name;
    themeId = (
      await callApi<{ id: string }>('POST', `/api/workspaces/${workspaceId}/themes`, {
        name: 'Vie scolaire',
        color: '#1c7ed6',
      })
    ).id;
    await createPost('Rentrée à l’École Jules-Ferry', channels.ville, { themeId });
    await createPost('Marché de Noël place du Port', channels.ville);
    await createPost('Concert à l’Opéra ce soir', channels.culture);
    const inReview = await createPost('Travaux rue de la Gare', channels.ville);
    await callApi('POST', `/api/workspaces/${workspaceId}/posts/${inReview}/submit`, {});
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await mastodon?.close();
  }, 60_000);

  it(
    'searches without accents, keeps the search in the address across a reload, and filters by channel and theme',
    async () => {
      await page.goto(`${server.baseUrl}/w/${workspaceId}/posts`);
      await waitForRows([
        'Concert à l’Opéra ce soir',
        'Marché de Noël place du Port',
        'Rentrée à l’École Jules-Ferry',
        'Travaux rue de la Gare',
      ]);
      await page.getByLabel('Rechercher').fill('ecole');
      await waitForRows(['Rentrée à l’École Jules-Ferry']);
      await page.waitForURL(/[?&]q=ecole/);
      await page.reload();
      await expect(page.getByLabel('Rechercher').inputValue()).resolves.toBe('ecole');
      await waitForRows(['Rentrée à l’École Jules-Ferry']);
      await expect(page.getByTestId('posts-count').innerText()).resolves.toBe('1 publication');

      await page.getByRole('button', { name: 'Effacer les filtres' }).click();
      await waitForRows([
        'Concert à l’Opéra ce soir',
        'Marché de Noël place du Port',
        'Rentrée à l’École Jules-Ferry',
        'Travaux rue de la Gare',
      ]);
      await chooseOption('posts-filter-channel', cultureName);
      await waitForRows(['Concert à l’Opéra ce soir']);
      await page.getByRole('button', { name: 'Effacer les filtres' }).click();
      await chooseOption('posts-filter-theme', 'Vie scolaire');
      await waitForRows(['Rentrée à l’École Jules-Ferry']);
      await page.getByLabel('Rechercher').fill('noel');
      await waitForRows([]);
      await expect(page.getByTestId('posts-table').innerText()).resolves.toContain('Aucune publication.');
      await page.getByRole('button', { name: 'Effacer les filtres' }).click();
    },
    TEST_TIMEOUT,
  );

  it(
    'submits every post shown, chosen with the keyboard: three are submitted, the one in review is told why',
    async () => {
      await page.goto(`${server.baseUrl}/w/${workspaceId}/posts`);
      await waitForRows([
        'Concert à l’Opéra ce soir',
        'Marché de Noël place du Port',
        'Rentrée à l’École Jules-Ferry',
        'Travaux rue de la Gare',
      ]);
      const selectAll = page.getByRole('checkbox', { name: 'Sélectionner toutes les publications affichées' });
      await selectAll.focus();
      await page.keyboard.press('Space');
      await expect(page.getByTestId('posts-bulk-count').innerText()).resolves.toBe('4 publications sélectionnées');
      await chooseOption('posts-bulk-action', 'Soumettre à validation');
      await page.getByRole('button', { name: 'Appliquer…' }).click();
      const dialog = page.getByRole('dialog', { name: "Confirmer l'action groupée" });
      await expect(dialog.innerText()).resolves.toContain('Soumettre à validation : 4 publications sélectionnées.');
      await dialog.getByRole('button', { name: 'Soumettre à validation' }).click();

      const result = page.getByTestId('posts-bulk-result');
      await result.waitFor();
      await expect(result.innerText()).resolves.toContain(
        'Soumettre à validation : 3 publications traitées, 1 refusée',
      );
      await expect(page.getByTestId('posts-bulk-refused').innerText()).resolves.toBe(
        '« Travaux rue de la Gare » — elle est « En validation » : seuls les brouillons peuvent être soumis.',
      );
      // The refused post stays selected; the others left the selection.
      await expect(page.getByTestId('posts-bulk-count').innerText()).resolves.toBe('1 publication sélectionnée');
      // Filters, checkboxes, the action bar and the result are named and labelled for assistive technology.
      await expect(violationsBesidesContrast()).resolves.toEqual([]);
      await expect(statuses()).resolves.toEqual({
        'Concert à l’Opéra ce soir': 'in_review',
        'Marché de Noël place du Port': 'in_review',
        'Rentrée à l’École Jules-Ferry': 'in_review',
        'Travaux rue de la Gare': 'in_review',
      });
      const audit = await callApi<{ items: Array<{ action: string }> }>(
        'GET',
        `/api/workspaces/${workspaceId}/audit?limit=50`,
      );
      expect(audit.items.filter((entry) => entry.action === 'post.submit')).toHaveLength(4);
    },
    TEST_TIMEOUT,
  );

  it(
    'at phone width (390×844), the list and the action bar fit the screen and can be used',
    async () => {
      await page.setViewportSize({ width: 390, height: 844 });
      await createPost('Brouillon du téléphone', channels.ville);
      await page.goto(`${server.baseUrl}/w/${workspaceId}/posts?q=telephone`);
      await waitForRows(['Brouillon du téléphone']);
      await page.getByRole('checkbox', { name: 'Sélectionner « Brouillon du téléphone »' }).check();
      const bar = page.getByTestId('posts-bulk-bar');
      await bar.waitFor();
      const box = await bar.boundingBox();
      expect(box).not.toBeNull();
      expect((box?.x ?? -1) >= 0 && (box?.x ?? 0) + (box?.width ?? 0) <= 390).toBe(true);
      expect((box?.y ?? 0) + (box?.height ?? 0)).toBeLessThanOrEqual(844);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(overflow).toBeLessThanOrEqual(390);
      await chooseOption('posts-bulk-action', 'Changer de thème');
      await chooseOption('posts-bulk-theme', 'Vie scolaire');
      await page.getByRole('button', { name: 'Appliquer…' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Changer de thème' }).click();
      await expect(page.getByTestId('posts-bulk-result').innerText()).resolves.toContain(
        'Changer de thème : 1 publication traitée',
      );
      await expect(violationsBesidesContrast()).resolves.toEqual([]);
      await page.setViewportSize({ width: 1440, height: 900 });
    },
    TEST_TIMEOUT,
  );

  it(
    'in English: deleting drafts in bulk deletes the draft and tells why the post in review was kept',
    async () => {
      await chooseLanguage('en');
      await createPost('Draft to drop', channels.ville);
      await page.goto(`${server.baseUrl}/w/${workspaceId}/posts`);
      await page.getByLabel('Search').fill('drop');
      await waitForRows(['Draft to drop']);
      await page.getByRole('checkbox', { name: 'Select “Draft to drop”' }).check();
      await page.getByRole('button', { name: 'Clear filters' }).click();
      await waitForRows([
        'Brouillon du téléphone',
        'Concert à l’Opéra ce soir',
        'Draft to drop',
        'Marché de Noël place du Port',
        'Rentrée à l’École Jules-Ferry',
        'Travaux rue de la Gare',
      ]);
      await page.getByRole('checkbox', { name: 'Select “Travaux rue de la Gare”' }).check();
      await expect(page.getByTestId('posts-bulk-count').innerText()).resolves.toBe('2 posts selected');
      await chooseOption('posts-bulk-action', 'Delete drafts');
      await page.getByRole('button', { name: 'Apply…' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Delete drafts' }).click();
      const result = page.getByTestId('posts-bulk-result');
      await expect(result.innerText()).resolves.toContain('Delete drafts: 1 post done, 1 refused');
      await expect(page.getByTestId('posts-bulk-refused').innerText()).resolves.toBe(
        '“Travaux rue de la Gare” — only drafts are deleted in bulk; delete it from its own page.',
      );
      await expect(statuses()).resolves.not.toHaveProperty('Draft to drop');
      await chooseLanguage('fr');
    },
    TEST_TIMEOUT,
  );
});
