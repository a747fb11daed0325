// End-to-end check of listening against the real server (role `all`, so its worker polls sources): write a
// topic with a broken query and fix it, add a JSON Feed served locally as a source and poll it now, read the
// mentions (a hostile one stays text), filter, correct a sentiment, mark one handled, see the dashboard's
// charts and their data tables (named, and with no serious axe-core violation), and create an alert.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { findA11yViolations, formatA11yViolations } from './a11y';
import { startBrowserApp, type BrowserApp } from './browser';

const TEST_TIMEOUT = 90_000;
const ADMIN = { name: 'Camille Martin', email: 'admin@example.org', password: 'correct-horse-battery' };
const HOSTILE = '<img src=x onerror=alert(1)>';
const BROKEN_QUERY = '"Mairie de Villeneuve" AND';
const QUERY = '"Mairie de Villeneuve" OR villeneuve';

let app: BrowserApp;
let server: BrowserApp['server'];
let browser: BrowserApp['browser'];
let page: Page;
let feedServer: Server;
let feedUrl = '';
let workspacePath = '';
let dialogs: string[] = [];
/** Set when the test edits an article: the feed then gives it a new text and a `date_modified`. */
let montvalEdit: { text: string; at: string } | null = null;

/** A JSON Feed (https://www.jsonfeed.org/version/1.1/): `content_text` is plain text, so the hostile markup is text. */
function buildFeed(origin: string) {
  const now = Date.now();
  const item = (id: number, minutesAgo: number, author: string, text: string) => ({
    id: `${origin}/articles/${id}`,
    url: `${origin}/articles/${id}`,
    title: `Article ${id}`,
    content_text: text,
    date_published: new Date(now - minutesAgo * 60_000).toISOString(),
    authors: [{ name: author }],
  });
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: 'Le Journal de Villeneuve',
    home_page_url: origin,
    feed_url: `${origin}/feed.json`,
    language: 'fr',
    items: [
      item(
        1,
        5,
        'Alice Dupont',
        'Bravo à la Mairie de Villeneuve pour les nouvelles pistes cyclables : excellente initiative, on adore !',
      ),
      item(
        2,
        10,
        'Bruno Petit',
        'La Mairie de Villeneuve est vraiment nulle : ces travaux sont un scandale honteux, je suis furieux.',
      ),
      item(3, 15, 'Chloé Martin', `Compte rendu du conseil de la Mairie de Villeneuve ${HOSTILE} publié ce matin.`),
      {
        ...item(
          4,
          20,
          'David Leroy',
          montvalEdit?.text ?? 'La mairie de Montval présente son budget participatif ce mardi.',
        ),
        ...(montvalEdit ? { date_modified: montvalEdit.at } : {}),
      },
    ],
  };
}

async function startFeedServer(): Promise<void> {
  feedServer = createServer((request, response) => {
    const origin = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}`;
    if (request.method === 'GET' && request.url === '/feed.json') {
      response.writeHead(200, { 'content-type': 'application/feed+json; charset=utf-8' });
      response.end(JSON.stringify(buildFeed(origin)));
      return;
    }
    // Only the feed is expected: anything else is a bug in what the server fetches.
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => feedServer.listen(0, '127.0.0.1', resolve));
  feedUrl = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}/feed.json`;
}

function url(path: string): string {
  return `${server.baseUrl}${path}`;
}

async function pickOption(testId: string, option: string) {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

function mentionWith(text: string) {
  return page.getByTestId('mention').filter({ hasText: text });
}

describe('listening', () => {
  beforeAll(async () => {
    await startFeedServer();
    app = await startBrowserApp({ actionTimeoutMs: 15_000 });
    ({ server, browser, page, dialogs } = app);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await new Promise<void>((resolve) => (feedServer ? feedServer.close(() => resolve()) : resolve()));
  }, 60_000);

  it(
    'sets up an organisation and finds the listening section in French',
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
      workspacePath = new URL(page.url()).pathname.replace(/\/today$/, '');

      const nav = page.getByTestId('nav-listening');
      await nav.getByText('Veille').waitFor();
      for (const label of ['Sujets', 'Mentions', 'Tableau de bord', 'Sources', 'Alertes']) {
        await nav.getByText(label, { exact: true }).waitFor();
      }
    },
    TEST_TIMEOUT,
  );

  it(
    'shows a broken query with its column while typing, then saves the fixed topic',
    async () => {
      await page.getByTestId('nav-listening-topics').click();
      await page.waitForURL(/\/listening\/topics$/);
      await page.getByRole('heading', { name: 'Sujets', exact: true }).waitFor();
      await page.getByTestId('topic-group-brand').getByText('Marque', { exact: true }).waitFor();
      await page.getByTestId('topic-group-competitor').getByText('Concurrents', { exact: true }).waitFor();
      await page.getByTestId('topic-group-sector').getByText('Secteur', { exact: true }).waitFor();

      await page.getByTestId('write-topic-new').click();
      await page.getByTestId('write-topic-name').fill('Mairie de Villeneuve');
      await page.getByTestId('write-topic-query').fill(BROKEN_QUERY);

      // Checked in the browser, before anything is sent: the operator left without its second operand.
      const error = page.getByTestId('topic-query-error');
      await error.waitFor();
      await expect(error.getAttribute('data-code')).resolves.toBe('dangling_operator');
      const column = BROKEN_QUERY.indexOf('AND') + 1;
      await expect(page.getByTestId('topic-query-error-message').innerText()).resolves.toContain(`Colonne ${column}`);
      await expect(error.locator('mark').innerText()).resolves.toBe('AND');

      // Saving a broken query is not even attempted.
      await page.getByTestId('write-topic-submit').click();
      await error.waitFor();

      await page.getByTestId('topic-cheat-sheet-toggle').click();
      await page.getByTestId('topic-cheat-sheet').getByText('maire NEAR/3 lyon').waitFor();

      await page.getByTestId('write-topic-query').fill(QUERY);
      await error.waitFor({ state: 'detached' });
      await page.getByTestId('topic-preview').getByText('0 sur 0 mentions').waitFor();
      await page.getByTestId('write-topic-submit').click();
      await page.getByTestId('topic-form').waitFor({ state: 'detached' });
      const row = page.getByTestId('topic-group-brand').getByTestId('topic-row');
      await row.getByText('Mairie de Villeneuve', { exact: true }).waitFor();
      await row.getByText(QUERY).waitFor();

      // A competitor, for the share of voice.
      await page.getByTestId('topic-group-competitor').getByRole('button', { name: 'Ajouter' }).click();
      await page.getByTestId('write-topic-name').fill('Montval');
      await page.getByTestId('write-topic-query').fill('montval');
      await page.getByTestId('write-topic-submit').click();
      await page.getByTestId('topic-form').waitFor({ state: 'detached' });
      await page.getByTestId('topic-group-competitor').getByText('Montval', { exact: true }).waitFor();
    },
    TEST_TIMEOUT,
  );

  it(
    'adds a feed source, polls it now and sees it healthy',
    async () => {
      await page.getByTestId('nav-listening-sources').click();
      await page.waitForURL(/\/listening\/sources$/);
      await page.getByTestId('source-form').waitFor();
      await pickOption('write-source-network', 'Flux RSS / Atom');
      await page.getByTestId('write-source-field-url').fill(feedUrl);
      await page.getByTestId('write-source-label').fill('Journal de Villeneuve');
      await page.getByTestId('write-source-submit').click();

      const row = page.getByTestId('source-row').filter({ hasText: 'Journal de Villeneuve' });
      await row.waitFor();
      const sourceId = await row.getAttribute('data-source-id');
      await page.getByTestId(`write-source-poll-${sourceId}`).click();
      // The page follows the source until a worker has polled it.
      await row.locator('[data-testid="source-health"][data-status="ok"]').waitFor({ timeout: 60_000 });
      await expect(row.getByTestId('source-health').innerText()).resolves.toBe('fonctionne');
      await expect(row.getByTestId('source-items').innerText()).resolves.toBe('4');

      // A feed that is gone shows as failing, with the network's error and when it happened.
      await page.getByTestId('write-source-field-url').fill(feedUrl.replace('feed.json', 'missing.json'));
      await page.getByTestId('write-source-label').fill('Flux disparu');
      await page.getByTestId('write-source-submit').click();
      const broken = page.getByTestId('source-row').filter({ hasText: 'Flux disparu' });
      await broken.waitFor();
      await page.getByTestId(`write-source-poll-${await broken.getAttribute('data-source-id')}`).click();
      await broken.locator('[data-testid="source-health"][data-status="failing"]').waitFor({ timeout: 60_000 });
      await expect(broken.getByTestId('source-health').innerText()).resolves.toBe('en erreur');
      // The refusal in French; the network's own words (HTTP 404) only on hover, for whoever debugs.
      await expect(broken.getByTestId('source-last-error').innerText()).resolves.toMatch(/refusé la demande/);
      await expect(broken.getByTestId('source-last-error').getAttribute('title')).resolves.toMatch(/404/);

      // A source is edited in place: a new label, and settings checked again by the network.
      await page.getByTestId(`write-source-edit-${await broken.getAttribute('data-source-id')}`).click();
      await page.getByTestId('write-source-edit-field-url').fill('pas une adresse');
      await page.getByTestId('write-source-edit-submit').click();
      await page.getByTestId('source-edit-form').getByText(/http/i).first().waitFor();
      await page.getByTestId('write-source-edit-field-url').fill(feedUrl.replace('feed.json', 'archive.json'));
      await page.getByTestId('write-source-edit-label').fill('Archives du journal');
      await page.getByTestId('write-source-edit-submit').click();
      await page.getByTestId('source-edit-form').waitFor({ state: 'detached' });
      await page.getByTestId('source-row').filter({ hasText: 'Archives du journal' }).waitFor();
    },
    TEST_TIMEOUT,
  );

  it(
    'lists the mentions, hostile markup as text',
    async () => {
      await page.getByTestId('nav-listening-mentions').click();
      await page.waitForURL(/\/listening\/mentions$/);
      await mentionWith('Bravo à la Mairie').waitFor();
      await expect(page.getByTestId('mention-stream').getByTestId('mention').count()).resolves.toBe(4);

      const hostile = mentionWith('Compte rendu du conseil');
      await expect(hostile.getByTestId('mention-text').innerText()).resolves.toContain(HOSTILE);
      await expect(page.locator('[data-testid="mention-stream"] img').count()).resolves.toBe(0);
      expect(dialogs).toEqual([]);

      // The original opens in a new tab, without handing over the opener or the referrer.
      const open = mentionWith('Bravo à la Mairie').getByTestId('mention-open');
      await expect(open.getAttribute('href')).resolves.toMatch(/^http:\/\/127\.0\.0\.1:\d+\/articles\/1$/);
      await expect(open.getAttribute('target')).resolves.toBe('_blank');
      await expect(open.getAttribute('rel')).resolves.toBe('noopener noreferrer nofollow');

      await expect(mentionWith('Bravo à la Mairie').getAttribute('data-sentiment')).resolves.toBe('positive');
      await expect(mentionWith('scandale honteux').getAttribute('data-sentiment')).resolves.toBe('negative');
    },
    TEST_TIMEOUT,
  );

  it(
    'filters by sentiment and searches, with the filters in the address',
    async () => {
      await pickOption('filter-sentiment', 'Négatif');
      await page.waitForURL(/sentiment=negative/);
      await mentionWith('Bravo à la Mairie').waitFor({ state: 'detached' });
      await mentionWith('scandale honteux').waitFor();
      const sentiments = await page
        .getByTestId('mention')
        .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-sentiment')));
      expect(sentiments).toEqual(['negative']);

      await page.getByTestId('filter-clear').click();
      await mentionWith('Bravo à la Mairie').waitFor();
      await page.getByTestId('mention-search').fill('budget participatif');
      await page.waitForURL(/q=budget/);
      await mentionWith('Bravo à la Mairie').waitFor({ state: 'detached' });
      await expect(page.getByTestId('mention').count()).resolves.toBe(1);
      await mentionWith('Montval').waitFor();
      await page.getByTestId('filter-clear').click();
      await mentionWith('Bravo à la Mairie').waitFor();
    },
    TEST_TIMEOUT,
  );

  it(
    'corrects a sentiment and marks a mention handled',
    async () => {
      const hostile = mentionWith('Compte rendu du conseil');
      await expect(hostile.getAttribute('data-sentiment')).resolves.toBe('neutral');
      await hostile.getByTestId('mention-correct-sentiment').click();
      await page.getByTestId('mention-sentiment-positive').click();
      await page
        .locator('[data-testid="mention"][data-sentiment="positive"]')
        .filter({ hasText: 'Compte rendu du conseil' })
        .waitFor();
      await expect(hostile.getByTestId('mention-sentiment').innerText()).resolves.toBe('Positif');

      const negative = mentionWith('scandale honteux');
      await negative.getByTestId('mention-toggle-handled').click();
      await negative.getByTestId('mention-handled').waitFor();
      await expect(negative.getAttribute('data-handled')).resolves.toBe('true');

      const praise = mentionWith('Bravo à la Mairie');
      await praise.getByTestId('mention-edit-tags').click();
      await praise.getByTestId('mention-tags-input').fill('presse');
      await praise.getByTestId('mention-tags-input').press('Enter');
      await praise.getByTestId('mention-tag').getByText('presse').waitFor();

      // Both are stored: after a reload, the correction and the handled state are still there.
      await pickOption('filter-handled', 'À traiter');
      await page.waitForURL(/handled=false/);
      await negative.waitFor({ state: 'detached' });
      await page.reload();
      await mentionWith('Compte rendu du conseil').waitFor();
      await expect(mentionWith('Compte rendu du conseil').getAttribute('data-sentiment')).resolves.toBe('positive');
      await expect(page.getByTestId('mention').count()).resolves.toBe(3);
      await page.getByTestId('filter-clear').click();
      await page.getByTestId('filter-tag').fill('presse');
      await page.getByTestId('filter-tag').press('Enter');
      await page.waitForURL(/tag=presse/);
      await mentionWith('Compte rendu du conseil').waitFor({ state: 'detached' });
      await expect(page.getByTestId('mention').count()).resolves.toBe(1);
      await mentionWith('Bravo à la Mairie').getByTestId('mention-tag').getByText('presse').waitFor();
      await page.getByTestId('filter-clear').click();
    },
    TEST_TIMEOUT,
  );

  it(
    'stores an article edited on its site in place, marked as edited',
    async () => {
      montvalEdit = {
        text: 'La mairie de Montval reporte son budget participatif à jeudi.',
        at: new Date().toISOString(),
      };
      await page.getByTestId('nav-listening-sources').click();
      const row = page.getByTestId('source-row').filter({ hasText: 'Journal de Villeneuve' });
      await row.waitFor();
      await page.getByTestId(`write-source-poll-${await row.getAttribute('data-source-id')}`).click();

      // The worker polls in the background: the stream shows the new text once it has.
      await page.getByTestId('nav-listening-mentions').click();
      await page.waitForURL(/\/listening\/mentions$/);
      const edited = mentionWith('reporte son budget');
      await expect
        .poll(
          async () => {
            await page.reload();
            await mentionWith('Bravo à la Mairie').waitFor();
            return edited.count();
          },
          { timeout: 60_000, interval: 1_000 },
        )
        .toBe(1);
      await expect(page.getByTestId('mention').count()).resolves.toBe(4);
      await expect(edited.getByTestId('mention-edited').innerText()).resolves.toBe('modifié');
      await expect(mentionWith('Bravo à la Mairie').getByTestId('mention-edited').count()).resolves.toBe(0);
      await mentionWith('présente son budget').waitFor({ state: 'detached' });
    },
    TEST_TIMEOUT,
  );

  it(
    'draws the dashboard charts',
    async () => {
      await page.getByTestId('nav-listening-dashboard').click();
      await page.waitForURL(/\/listening\/dashboard$/);
      for (const chart of ['chart-volume', 'chart-sentiment', 'chart-share-of-voice', 'chart-top-sources']) {
        await page.locator(`[data-testid="${chart}"] [data-chart="echarts"] svg`).first().waitFor();
      }
      await expect(page.getByTestId('dashboard-volume-total').innerText()).resolves.toBe('4 mentions');
      // Feed bylines are names, not accounts: they are authors all the same.
      const authors = page.getByTestId('chart-top-authors');
      await authors.locator('[data-chart="echarts"] svg').first().waitFor();
      await authors.getByText('Alice Dupont').first().waitFor();
      // The legend of the share of voice names the brand and its competitor.
      const voices = page.getByTestId('chart-share-of-voice');
      await voices.getByText('Mairie de Villeneuve').first().waitFor();
      await voices.getByText('Montval').first().waitFor();

      await page.getByTestId('dashboard-period').getByText('24 h').click();
      await page.locator('[data-testid="chart-volume"] [data-chart="echarts"] svg').first().waitFor();
      await expect(page.getByTestId('dashboard-volume-total').innerText()).resolves.toBe('4 mentions');
    },
    TEST_TIMEOUT,
  );

  it(
    'gives every chart a name and its figures as a table, with no serious accessibility violation',
    async () => {
      // Each chart is an image named after its panel, with "Voir les données" below it.
      const authors = page.getByTestId('chart-top-authors');
      await authors.getByRole('img', { name: 'Principaux auteurs' }).waitFor();
      const toggle = authors.getByRole('button', { name: 'Voir les données' });
      await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('false');
      await toggle.click();
      await expect(
        authors.getByRole('button', { name: 'Masquer les données' }).getAttribute('aria-expanded'),
      ).resolves.toBe('true');
      const table = authors.getByTestId('chart-data-table');
      await expect(table.locator('caption').innerText()).resolves.toBe('Principaux auteurs');
      await expect(table.locator('thead th').allInnerTexts()).resolves.toEqual(['Auteur', 'Mentions']);
      await expect(table.getByRole('row', { name: /Alice Dupont/ }).innerText()).resolves.toMatch(/Alice Dupont\s+1/);

      // The share of voice lists each topic with its mentions and its share of the whole.
      const voices = page.getByTestId('chart-share-of-voice');
      await voices.getByRole('button', { name: 'Voir les données' }).first().click();
      const shares = voices.getByTestId('chart-data-table').first();
      await expect(shares.locator('thead th').allInnerTexts()).resolves.toEqual(['Sujet', 'Mentions', 'Part']);
      await shares.getByRole('rowheader', { name: 'Mairie de Villeneuve' }).waitFor();

      // Every table open: the page still has no serious or critical violation.
      const more = page.getByRole('button', { name: 'Voir les données' });
      while ((await more.count()) > 0) await more.first().click();
      await expect(page.getByTestId('chart-data-table').count()).resolves.toBe(
        await page.locator('[data-chart="echarts"]').count(),
      );
      expect(formatA11yViolations(await findA11yViolations(page))).toEqual([]);
    },
    TEST_TIMEOUT,
  );

  it(
    'previews a topic query against the stored mentions',
    async () => {
      await page.getByTestId('nav-listening-topics').click();
      await page.waitForURL(/\/listening\/topics$/);
      const row = page.getByTestId('topic-group-brand').getByTestId('topic-row');
      const topicId = await row.getAttribute('data-topic-id');
      await page.getByTestId(`write-topic-edit-${topicId}`).click();
      const preview = page.getByTestId('topic-preview');
      await preview.getByText('3 sur 4 mentions').waitFor();
      await preview.getByTestId('mention').filter({ hasText: HOSTILE }).waitFor();
      await expect(preview.locator('img').count()).resolves.toBe(0);

      // Narrowing the query narrows the preview, once the typing pauses.
      await page.getByTestId('write-topic-query').fill('"Mairie de Villeneuve" scandale');
      await preview.getByText('1 sur 4 mentions').waitFor();
      await preview.getByTestId('mention').filter({ hasText: 'scandale honteux' }).waitFor();
      await page.keyboard.press('Escape');
      await page.getByTestId('topic-form').waitFor({ state: 'detached' });
      await row.getByText(QUERY).waitFor();
    },
    TEST_TIMEOUT,
  );

  it(
    'creates an alert with its defaults shown',
    async () => {
      await page.getByTestId('nav-alerts').click();
      await page.waitForURL(/\/alerts$/);
      await page.getByRole('heading', { name: 'Alertes', exact: true }).waitFor();
      await page.getByTestId('write-alert-new').click();
      await page.getByTestId('write-alert-name').fill('Colère sur la marque');
      await pickOption('write-alert-topic', 'Mairie de Villeneuve');
      await pickOption('write-alert-kind', 'Part négative');
      await page.getByText('Par défaut : 40 %').waitFor();
      await page.getByTestId('write-alert-param-threshold').fill('30');
      await page.getByTestId('write-alert-submit').click();
      await page.getByTestId('alert-form').waitFor({ state: 'detached' });

      const row = page.getByTestId('alert-row').filter({ hasText: 'Colère sur la marque' });
      await row.waitFor();
      await expect(row.getByTestId('alert-kind').innerText()).resolves.toBe('Part négative');
      await row.getByText(/plus de 30 % négatif sur 1 h/).waitFor();
    },
    TEST_TIMEOUT,
  );

  it(
    'opens the stream of a topic from the link alerts send',
    async () => {
      const topicId = await page.evaluate(async (path) => {
        const workspaceId = path.split('/')[2];
        const response = await fetch(`/api/workspaces/${workspaceId}/listening/topics`);
        const body = (await response.json()) as { items: { id: string; name: string }[] };
        return body.items.find((topic) => topic.name === 'Montval')?.id ?? '';
      }, workspacePath);
      await page.goto(url(`${workspacePath}/listening?topic=${topicId}`));
      await page.waitForURL(new RegExp(`/listening/mentions\\?topic=${topicId}$`));
      await mentionWith('Montval').waitFor();
      await expect(page.getByTestId('mention').count()).resolves.toBe(1);
      expect(browser.readProblems().filter((problem) => problem.startsWith('pageerror'))).toEqual([]);
    },
    TEST_TIMEOUT,
  );
});
