// The strategy page in Chromium against the real server: context and diagnostic written and saved; two personas
// and two objectives written in their forms (one measured by Rostra — share of voice, no mention yet — one not:
// « Pas encore mesuré », no number); the network recommendation per objective × persona with its reasons, the team
// retaining its own choice; checklist items green from data (a competitor topic, then an alert on the negative
// share); the PDF link answering a PDF; axe with no serious or critical fault in French, then in English. A picture
// of the page goes to ROSTRA_SCREENSHOTS_DIR when it is set.
import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findA11yViolations, formatA11yViolations } from './a11y';
import { startBrowserApp, type BrowserApp } from './browser';
import { browserApi, chooseLanguage, setUpAndLogIn, type CallApi, type SeededApi } from './seeded-api';

const TEST_TIMEOUT = 90_000;
const SCREENSHOTS = process.env.ROSTRA_SCREENSHOTS_DIR;

let app: BrowserApp;
let page: Page;
let seeded: SeededApi;
let callApi: CallApi;

async function addPersona(name: string, audience: string, network: string, questions: string) {
  await page.getByTestId('persona-new').click();
  const form = page.getByTestId('persona-form');
  await form.waitFor();
  await page.getByTestId('persona-name').fill(name);
  await page.getByTestId('persona-audience').selectOption(audience);
  await page.getByTestId('persona-questions').fill(questions);
  await form.getByText(network, { exact: true }).click();
  await page.getByTestId('persona-submit').click();
  await form.waitFor({ state: 'detached' });
  await page.getByTestId('persona-card').filter({ hasText: name }).waitFor();
}

async function addObjective(statement: string, kind: string, kpi: string, target: string, persona: string) {
  await page.getByTestId('objective-new').click();
  const form = page.getByTestId('objective-form');
  await form.waitFor();
  await page.getByTestId('objective-statement').fill(statement);
  await page.getByTestId('objective-kind').selectOption({ label: kind });
  await page.getByTestId('objective-kpi').selectOption({ label: kpi });
  await page.getByTestId('objective-target').fill(target);
  await page.getByTestId('objective-deadline').fill('2031-06-30');
  await form.getByLabel(persona).check();
  await page.getByTestId('objective-submit').click();
  await form.waitFor({ state: 'detached' });
  await page.getByTestId('objective-card').filter({ hasText: statement }).waitFor();
}

async function screenshot(name: string): Promise<void> {
  if (!SCREENSHOTS) return;
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
}

const checklistDone = (id: string) =>
  page.locator(`[data-testid="checklist-item"][data-item="${id}"]`).getAttribute('data-done');

describe('strategy page', () => {
  beforeAll(async () => {
    app = await startBrowserApp({ actionTimeoutMs: 20_000 });
    page = app.page;
    await page.setViewportSize({ width: 1440, height: 900 });
    seeded = await setUpAndLogIn(page, app.server.baseUrl);
    callApi = browserApi(page);
    await callApi('POST', `${seeded.base}/listening/topics`, {
      name: 'Villeneuve',
      group: 'brand',
      query: 'villeneuve',
    });
    // Measured and at zero: its progress bar is on the page axe checks.
    await callApi('POST', `${seeded.base}/strategy/objectives`, {
      statement: 'Faire parler de la ville',
      kind: 'notoriety',
      kpi: 'mentions_count',
      target: 50,
      deadline: '2031-06-30',
    });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  }, 60_000);

  it(
    'writes the context, two personas and two objectives from the « Stratégie » page',
    async () => {
      await page.getByTestId('nav-strategy').click();
      await page.getByTestId('strategy-page').waitFor();
      await expect(page.getByRole('heading', { level: 2 }).innerText()).resolves.toBe('Stratégie');
      await page
        .getByTestId('strategy-context')
        .fill('Commune de 12 000 habitants ; l’œuvre du rond-point « fait débat ».');
      await page.getByTestId('strategy-diagnostic').fill('Peu de réponses aux habitants.');
      await page.getByTestId('strategy-document-save').click();
      await page.getByText('Document de stratégie enregistré').waitFor();
      await addPersona('Parent d’élève', 'btoc', 'Facebook', 'La cantine est-elle ouverte ?');
      await addPersona('DRH d’entreprise locale', 'btob', 'LinkedIn', 'Qui recrute près de chez moi ?');
      await addObjective(
        'Être la commune dont on parle',
        'Notoriété',
        'Part de voix (marque face aux concurrents)',
        '40',
        'Parent d’élève',
      );
      await addObjective(
        'Recruter des agents techniques',
        'Recrutement',
        'Clics (pas encore mesuré par Rostra)',
        '200',
        'DRH d’entreprise locale',
      );
      const stored = await callApi<{ objectives: Array<{ statement: string; target: number; kpi: string }> }>(
        'GET',
        `${seeded.base}/strategy`,
      );
      expect(stored.objectives.map((o) => [o.kpi, o.target])).toEqual([
        ['mentions_count', 50],
        ['share_of_voice', 0.4],
        ['clicks', 200],
      ]);
      const measured = page.getByTestId('objective-card').filter({ hasText: 'Être la commune' });
      await expect(measured.getByTestId('objective-status').textContent()).resolves.toBe('Pas encore de données');
      const unmeasured = page.getByTestId('objective-card').filter({ hasText: 'Recruter' });
      await expect(unmeasured.getByTestId('objective-status').textContent()).resolves.toBe('Pas encore mesuré');
      await expect(unmeasured.getByTestId('objective-current').count()).resolves.toBe(0);
      const atZero = page.getByTestId('objective-card').filter({ hasText: 'Faire parler de la ville' });
      await expect(atZero.getByRole('progressbar').getAttribute('aria-valuenow')).resolves.toBe('0');
      expect(formatA11yViolations(await findA11yViolations(page))).toEqual([]);
    },
    TEST_TIMEOUT,
  );

  it(
    'recommends LinkedIn for recruiting professionals, saying why, and keeps the team’s choice',
    async () => {
      const block = page.getByTestId('objective-networks').filter({ hasText: 'Recruter des agents techniques' });
      const first = block.getByTestId('recommended-network').first();
      await expect(first.getAttribute('data-network')).resolves.toBe('linkedin');
      await expect(first.innerText()).resolves.toContain("le persona l'utilise");
      await block
        .locator('label')
        .filter({ hasText: /^LinkedIn$/ })
        .click();
      await block.getByTestId('networks-save').click();
      await page.getByText('Réseaux retenus enregistrés').waitFor();
      const stored = await callApi<{ objectives: Array<{ statement: string; networks: string[] }> }>(
        'GET',
        `${seeded.base}/strategy`,
      );
      expect(stored.objectives.find((o) => o.statement.startsWith('Recruter'))?.networks).toEqual(['linkedin']);
      await expect(page.getByTestId('figure-to-source').first().innerText()).resolves.toBe('chiffre à sourcer');
    },
    TEST_TIMEOUT,
  );

  it(
    'turns checklist items green from data, and exports a PDF',
    async () => {
      await expect(checklistDone('brand_topic')).resolves.toBe('true');
      await expect(checklistDone('competitor_topic')).resolves.toBe('false');
      await expect(checklistDone('negative_alert')).resolves.toBe('false');
      const topic = await callApi<{ id: string }>('POST', `${seeded.base}/listening/topics`, {
        name: 'Bourgneuf',
        group: 'competitor',
        query: 'bourgneuf',
      });
      await callApi('POST', `${seeded.base}/alerts`, {
        name: 'Avis négatifs',
        topicId: topic.id,
        kind: 'negative_share',
      });
      await page.reload();
      await page.getByTestId('strategy-page').waitFor();
      await page.locator('[data-testid="checklist-item"][data-item="negative_alert"][data-done="true"]').waitFor();
      await expect(checklistDone('competitor_topic')).resolves.toBe('true');
      const href = await page.getByTestId('strategy-export-pdf').getAttribute('href');
      const pdf = await page.evaluate(async (url) => {
        const response = await fetch(url as string);
        const bytes = new Uint8Array(await response.arrayBuffer());
        return { type: response.headers.get('content-type'), head: String.fromCharCode(...bytes.slice(0, 5)) };
      }, href);
      expect(pdf).toEqual({ type: 'application/pdf', head: '%PDF-' });
      await screenshot('strategy-page');
    },
    TEST_TIMEOUT,
  );

  it(
    'speaks English, with no serious accessibility fault',
    async () => {
      await chooseLanguage(page, 'en');
      await expect(page.getByRole('heading', { level: 2 }).innerText()).resolves.toBe('Strategy');
      const unmeasured = page.getByTestId('objective-card').filter({ hasText: 'Recruter' });
      await expect(unmeasured.getByTestId('objective-status').textContent()).resolves.toBe('Not measured yet');
      await page.getByText('figure to be sourced').first().waitFor();
      expect(formatA11yViolations(await findA11yViolations(page))).toEqual([]);
      await chooseLanguage(page, 'fr');
    },
    TEST_TIMEOUT,
  );
});
