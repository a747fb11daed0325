// The inbox's moderation rules in Chromium against the real server: from the inbox, « Règles de modération »; a rule
// written in the form, tried on the last 30 days (the match count and what it would do, nothing changed in the
// inbox), then saved and listed; a query mistake shown beside its field; the same in English. The saved-replies
// preview and the service-level form are driven once each; axe-core finds no serious or critical violation on each
// page and state (the trial, the preview, the figures).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startFakeMastodon, type FakeMastodon } from '@rostra/connectors/testing';
import { findA11yViolations, formatA11yViolations } from './a11y';
import { startBrowserApp, type BrowserApp } from './browser';
import { chooseLanguage, setUpAndLogIn, type SeededApi } from './seeded-api';
import { seedInbox } from './inbox-seed';

const TEST_TIMEOUT = 90_000;

let app: BrowserApp;
let page: Page;
let mastodon: FakeMastodon;
let seeded: SeededApi;

interface Item {
  text: string;
  labels: string[];
  priority: number;
  status: string;
}
const items = async () => (await seeded.call<{ items: Item[] }>('GET', `${seeded.base}/inbox/items`)).items;

beforeAll(async () => {
  mastodon = await startFakeMastodon();
  app = await startBrowserApp({ actionTimeoutMs: 15_000 });
  page = app.page;
  seeded = await setUpAndLogIn(page, app.server.baseUrl);
  const { accessToken } = mastodon.createAccount('mairie');
  const channel = await seeded.call<{ id: string }>('POST', `${seeded.base}/channels`, {
    network: 'mastodon',
    credentials: { instance: mastodon.url, accessToken },
  });
  await seedInbox(app.server.dataDir, seeded.workspaceId, channel.id);
}, 120_000);

afterAll(async () => {
  await app?.close();
  await mastodon?.close();
}, 60_000);

/** No serious or critical axe-core violation on the page as it stands (a11y.ts). */
async function expectAccessible() {
  expect(formatA11yViolations(await findA11yViolations(page))).toEqual([]);
}

/** Writes a rule "query → label" in the open form, tries it, then saves it. */
async function writeTryAndSave(name: string, query: string, label: string, expectedCount: string) {
  await page.getByTestId('rule-new').click();
  await page.getByTestId('rule-name').fill(name);
  await page.getByTestId('rule-query').fill(query);
  await page.getByTestId('rule-label').fill(label);
  await page.getByTestId('rule-try').click();
  await expect.poll(() => page.getByTestId('rule-trial-count').textContent()).toBe(expectedCount);
  await expectAccessible();
  await page.getByTestId('rule-save').click();
  await page.getByTestId('rule-form').waitFor({ state: 'detached' });
  await expect.poll(() => page.getByTestId('rule-row').filter({ hasText: name }).count()).toBe(1);
}

describe('inbox moderation rules', () => {
  it(
    'writes a rule, tries it on history without changing anything, and saves it (French)',
    async () => {
      const before = await items();
      await page.getByTestId('nav-inbox').click();
      await page.getByTestId('inbox-automation-link').click();
      await page.getByRole('heading', { name: 'Règles, réponses et délais de la boîte de réception' }).waitFor();

      // A query mistake is shown beside the field, in French.
      await page.getByTestId('rule-new').click();
      await page.getByTestId('rule-name').fill('Cassée');
      await page.getByTestId('rule-query').fill('toilettes AND');
      await page.getByTestId('rule-label').fill('x');
      await page.getByTestId('rule-try').click();
      await page
        .getByText(/^Colonne \d+ :/u)
        .first()
        .waitFor();
      await page.getByRole('button', { name: 'Annuler' }).click();

      await writeTryAndSave('Accessibilité', 'toilettes', 'accessibilité', '1 élément sur 3 correspond.');
      const row = page.getByTestId('rule-row').filter({ hasText: 'Accessibilité' });
      expect(await row.getByTestId('rule-matched').textContent()).toBe('0 élément');
      expect(await row.textContent()).toContain('Étiquette « accessibilité »');
      await expectAccessible();
      // Trying changed nothing in the inbox; saving applies to what comes in next.
      expect(await items()).toEqual(before);
      const rules = await seeded.call<Array<{ name: string; conditions: unknown[] }>>(
        'GET',
        `${seeded.base}/inbox/rules`,
      );
      expect(rules).toEqual([
        expect.objectContaining({ name: 'Accessibilité', conditions: [{ type: 'query', query: 'toilettes' }] }),
      ]);
    },
    TEST_TIMEOUT,
  );

  it(
    'previews a saved reply with its variables filled in, and saves the service levels',
    async () => {
      await page.getByRole('tab', { name: 'Réponses enregistrées' }).click();
      await page.getByRole('button', { name: 'Nouvelle réponse' }).click();
      await page.getByTestId('saved-reply-text').fill('Bonjour {prénom}, merci !');
      await expect
        .poll(() => page.getByTestId('saved-reply-preview').textContent())
        .toContain('Bonjour Camille, merci !');
      await expectAccessible();
      await page.getByTestId('saved-reply-text').fill('Bonjour {prenon}');
      await expect.poll(() => page.getByTestId('saved-reply-preview').textContent()).toContain('colonne 9');

      await page.getByRole('tab', { name: 'Délais et horaires' }).click();
      await page.getByTestId('levels-save').waitFor();
      await expectAccessible();
      await page.getByTestId('levels-day-6').fill('10:00-12:00');
      await page.getByTestId('levels-first-response').fill('2');
      await page.getByTestId('levels-save').click();
      await expect
        .poll(
          async () =>
            (
              await seeded.call<{ levels: { firstResponseMinutes: number; hours: Record<string, unknown> } }>(
                'GET',
                `${seeded.base}/inbox/service-levels`,
              )
            ).levels,
        )
        .toMatchObject({ firstResponseMinutes: 120, hours: { 6: [{ start: '10:00', end: '12:00' }] } });
    },
    TEST_TIMEOUT,
  );

  it(
    'does the same in English',
    async () => {
      await chooseLanguage(page, 'en');
      await page.getByRole('tab', { name: 'Moderation rules' }).click();
      await writeTryAndSave('Street lights', 'lampadaire', 'voirie', '1 item out of 3 matches.');
      const row = page.getByTestId('rule-row').filter({ hasText: 'Street lights' });
      expect(await row.getByTestId('rule-matched').textContent()).toBe('0 items');
      await page.getByRole('tab', { name: 'Figures' }).click();
      await page.getByTestId('stats-groups').waitFor();
      expect(await page.getByTestId('stats-overdue').textContent()).toMatch(/^\d+$/u);
      await expectAccessible();
      expect(app.dialogs).toEqual([]);
    },
    TEST_TIMEOUT,
  );
});
