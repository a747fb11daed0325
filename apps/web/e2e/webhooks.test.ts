// End-to-end check of the webhooks page against the real server (role `all`, so its worker
// delivers): create a webhook aimed at a local receiver, see its secret once, ping it, watch the
// delivery land in the log with a valid signature, then disable the webhook.
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowser, type BrowserSession } from './browser';
import { startServer, type RunningServer } from './server';

const TEST_TIMEOUT = 60_000;
const ADMIN = { name: 'Camille Martin', email: 'admin@example.org', password: 'correct-horse-battery' };

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

let server: RunningServer;
let browser: BrowserSession;
let page: Page;
let receiver: Server;
let receiverUrl = '';
const received: Received[] = [];
let secret = '';
let webhookId = '';

function url(path: string): string {
  return `${server.baseUrl}${path}`;
}

async function startReceiver(): Promise<void> {
  receiver = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/rostra`;
}

describe('webhooks', () => {
  beforeAll(async () => {
    await startReceiver();
    server = await startServer();
    browser = await openBrowser();
    page = browser.page;
    page.setDefaultTimeout(15_000);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
  }, 60_000);

  it(
    'sets up an organisation and opens the webhooks page',
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
      await page.getByTestId('nav-settings-area').click();

      await expect(page.getByTestId('nav-webhooks').innerText()).resolves.toBe('Webhooks');
      await page.getByTestId('nav-webhooks').click();
      await page.waitForURL(/\/w\/[^/]+\/settings\/webhooks$/);
      await page.getByRole('heading', { name: 'Webhooks', exact: true }).waitFor();
      await page.getByTestId('webhooks-table').getByText("Aucun webhook pour l'instant.").waitFor();
    },
    TEST_TIMEOUT,
  );

  it(
    'creates a webhook and shows its secret once',
    async () => {
      // Validation happens before anything is sent.
      await page.getByTestId('write-webhook-submit').click();
      await page.getByText('Saisissez une adresse http:// ou https://.').waitFor();

      await page.getByTestId('write-webhook-url').fill(receiverUrl);
      await page.getByTestId('write-webhook-description').fill('Récepteur de test');
      await page.getByTestId('write-webhook-all-events').uncheck();
      await page.getByText('Publication publiée').waitFor();
      await page.getByTestId('write-webhook-event-post.published').check();
      await page.getByTestId('write-webhook-event-post.failed').check();
      await page.getByTestId('write-webhook-submit').click();

      const modal = page.getByTestId('webhook-secret-modal');
      await modal.waitFor();
      secret = await page.getByTestId('webhook-secret').inputValue();
      expect(secret).toMatch(/^whsec_/);
      await modal.getByText('Rostra-Signature: t=<unix>,v1=<hex>').waitFor();
      await modal.getByText('Rostra-Delivery', { exact: true }).waitFor();
      await page.getByTestId('webhook-secret-done').click();
      await modal.waitFor({ state: 'detached' });

      const row = page.getByTestId('webhook-row');
      await row.getByText(receiverUrl).waitFor();
      await row.getByText('Publication publiée').waitFor();
      await row.getByText('Publication en échec').waitFor();
      await expect(row.getByTestId('webhook-status').innerText()).resolves.toBe('actif');
      webhookId = (await row.getAttribute('data-webhook-id')) ?? '';
      expect(webhookId).not.toBe('');

      // Once closed, the secret is nowhere on the page any more.
      expect(await page.content()).not.toContain(secret);
    },
    TEST_TIMEOUT,
  );

  it(
    'pings the endpoint and shows the delivery as delivered',
    async () => {
      await page.getByTestId(`write-webhook-ping-${webhookId}`).click();
      const log = page.getByTestId('webhook-deliveries');
      await log.waitFor();
      const delivery = log.getByTestId('webhook-delivery').first();
      await delivery.getByText('Test (ping)').waitFor();

      // The worker delivers in the background; the log follows pending deliveries on its own,
      // and the refresh button is there for impatient people.
      const status = delivery.getByTestId('webhook-delivery-status');
      const deadline = Date.now() + 30_000;
      while ((await status.getAttribute('data-status')) !== 'delivered') {
        if (Date.now() > deadline) throw new Error(`Ping never delivered:\n${server.readLogs()}`);
        await page.getByTestId('webhook-deliveries-refresh').click();
        await page.waitForTimeout(500);
      }
      await expect(status.innerText()).resolves.toBe('remis');
      await delivery.getByText('Réponse : HTTP 204').waitFor();

      // The receiver got a signed request it can verify with the secret shown once.
      expect(received).toHaveLength(1);
      const request = received[0];
      if (!request) throw new Error('The receiver got nothing');
      expect(request.headers['rostra-event']).toBe('ping');
      const deliveryHeader = request.headers['rostra-delivery'];
      expect(typeof deliveryHeader).toBe('string');
      const signature = String(request.headers['rostra-signature']);
      const match = /^t=(\d+),v1=([0-9a-f]+)$/.exec(signature);
      expect(match).not.toBeNull();
      const expected = createHmac('sha256', secret).update(`${match![1]}.${request.body}`).digest('hex');
      expect(match![2]).toBe(expected);
      await delivery.getByText(String(deliveryHeader)).waitFor();

      await page.keyboard.press('Escape');
      await log.waitFor({ state: 'detached' });
    },
    TEST_TIMEOUT,
  );

  it(
    'disables the webhook',
    async () => {
      await page.getByTestId(`write-webhook-disable-${webhookId}`).click();
      await page.getByTestId('confirm-submit').click();
      await page.getByText('Webhook désactivé').waitFor();
      const row = page.getByTestId('webhook-row');
      await row.getByText(/^désactivé le /).waitFor();
      await expect(page.getByTestId(`write-webhook-ping-${webhookId}`).count()).resolves.toBe(0);

      // The log stays readable after disabling.
      await page.getByTestId(`webhook-log-${webhookId}`).click();
      await page.getByTestId('webhook-delivery-status').getByText('remis').waitFor();
      expect(browser.readProblems().filter((problem) => problem.startsWith('pageerror'))).toEqual([]);
    },
    TEST_TIMEOUT,
  );

  // Not webhooks, but the same kind of server round trip: where OAuth sends people back.
  it(
    'announces the outcome of an OAuth connection and cleans the address',
    async () => {
      await page.goto(url('/?oauthError=access_denied'));
      await page.getByText("Vous avez refusé l'accès").waitFor();
      await page.waitForURL((address) => /\/w\/[^/]+\/today$/.test(address.pathname) && address.search === '');

      const workspaceId = /\/w\/([^/]+)\//.exec(page.url())?.[1] ?? '';
      await page.goto(url(`/w/${workspaceId}/channels?connected=unknown-channel`));
      await page.getByText('Compte connecté').waitFor();
      await page.waitForURL((address) => address.pathname.endsWith('/channels') && address.search === '');
    },
    TEST_TIMEOUT,
  );
});
