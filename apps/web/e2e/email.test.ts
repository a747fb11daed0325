// Email in the browser, in French, against the real server and a real SMTP server in-process: the workspace
// settings show which server sends email, "Envoyer un email de test" delivers one to the admin, and the
// invitations page says the server is configured and shows the invitation email as sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventEmitter, once } from 'node:events';
import { SMTPServer } from 'smtp-server';
import type { Page } from 'playwright-core';
import { openBrowser, type BrowserSession } from './browser';
import { startServer, type RunningServer } from './server';

const ADMIN = { name: 'Camille Martin', email: 'admin@example.org', password: 'correct-horse-battery' };

let server: RunningServer;
let browser: BrowserSession;
let page: Page;
let smtp: SMTPServer;
let workspaceId = '';
const received: Array<{ to: string[]; raw: string }> = [];
const mails = new EventEmitter();

describe('email in the web UI (French)', () => {
  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        let raw = '';
        stream.on('data', (chunk: Buffer) => (raw += chunk.toString()));
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
          mails.emit('mail');
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.server.address() as { port: number }).port;
    server = await startServer({
      env: { ROSTRA_SMTP_URL: `smtp://127.0.0.1:${port}`, ROSTRA_SMTP_FROM: 'Mairie <com@example.org>' },
    });
    const setup = await fetch(`${server.baseUrl}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ organisation: 'Mairie', workspace: 'Communication', ...ADMIN }),
    });
    workspaceId = ((await setup.json()) as { workspace: { id: string } }).workspace.id;
    browser = await openBrowser();
    page = browser.page;
    page.setDefaultTimeout(15_000);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  }, 60_000);

  it('shows the SMTP server, sends a test email, and emails an invitation', async () => {
    await page.goto(`${server.baseUrl}/login`);
    await page.getByTestId('login-email').fill(ADMIN.email);
    await page.getByTestId('login-password').fill(ADMIN.password);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/w\/[^/]+\/today$/);

    await page.goto(`${server.baseUrl}/w/${workspaceId}/settings/workspace`);
    const status = page.getByTestId('smtp-status');
    await status.getByText("Envoi d'emails configuré").waitFor();
    await expect(status.textContent()).resolves.toContain('Serveur 127.0.0.1:');
    await expect(status.textContent()).resolves.toContain('expéditeur Mairie <com@example.org>');

    const arrived = once(mails, 'mail');
    await page.getByRole('button', { name: 'Envoyer un email de test' }).click();
    await page.getByText(`Email de test envoyé à ${ADMIN.email}`).waitFor();
    await arrived;
    expect(received.at(-1)?.to).toEqual([ADMIN.email]);

    await page.goto(`${server.baseUrl}/w/${workspaceId}/settings/invitations`);
    await page.getByTestId('smtp-status').getByText("Envoi d'emails configuré").waitFor();
    const invited = once(mails, 'mail');
    await page.getByTestId('write-invite-email').fill('lou@example.org');
    await page.getByTestId('write-invite-submit').click();
    await page
      .getByTestId('invite-result')
      .getByText(/Un email avec ce lien part vers lou@example\.org/)
      .waitFor();
    await invited;
    expect(received.at(-1)?.to).toEqual(['lou@example.org']);
    await page.reload();
    await page.getByTestId('invitation-email-sent').getByText('Email envoyé').waitFor();
  }, 90_000);
});
