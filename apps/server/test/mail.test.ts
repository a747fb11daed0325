// Email where people expect it: invitations and reset links through a real SMTP server (in-process), the
// SMTP status (never the password), a failed send shown on the invitation, and the admin's test email.
import { afterEach, describe, expect, it } from 'vitest';
import { testDialects } from '@rostra/store/testing';
import { addMember, ADMIN, createTestApp, setUp, type TestApp } from './helpers/test-app.js';
import { startMailWorker, startTestSmtp, type TestSmtp } from './helpers/smtp.js';

let t: TestApp | undefined;
let smtp: TestSmtp | undefined;
let worker: Awaited<ReturnType<typeof startMailWorker>> | undefined;
afterEach(async () => {
  await worker?.stop();
  worker?.closeMailer();
  worker = undefined;
  await t?.close();
  t = undefined;
  await smtp?.close();
  smtp = undefined;
});

async function withSmtp(dialect: (typeof testDialects)[number]): Promise<{ t: TestApp; smtp: TestSmtp }> {
  smtp = await startTestSmtp();
  const url = new URL(smtp.url);
  url.username = 'rostra';
  url.password = 'mot-de-passe-smtp';
  t = await createTestApp(dialect, { ROSTRA_SMTP_URL: url.toString(), ROSTRA_SMTP_FROM: 'Mairie <com@mairie.test>' });
  worker = await startMailWorker(t);
  return { t, smtp };
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.each(testDialects)('email on %s', (dialect) => {
  it('emails an invitation in French to a newcomer, with who invites, the workspace, the link and its expiry', async () => {
    const { t, smtp } = await withSmtp(dialect);
    const { admin, workspaceId } = await setUp(t);
    const created = await t.call('POST', `/api/workspaces/${workspaceId}/invitations`, {
      as: admin,
      body: { email: 'nina@mairie.test', role: 'contributor' },
    });
    expect(created.statusCode).toBe(201);
    const { url, invitation } = created.json() as { url: string; invitation: { id: string; emailDelivery: unknown } };
    expect(invitation.emailDelivery).toEqual({ status: 'queued', error: null });

    const mail = await smtp.next();
    expect(mail.to).toEqual(['nina@mairie.test']);
    expect(mail.raw).toContain(url);
    expect(mail.raw).toMatch(/From: Mairie <com@mairie\.test>/);
    const subject = /Subject: (.*)/.exec(mail.raw)?.[1] ?? '';
    expect(subject).toMatch(/=\?UTF-8\?|Ad[eè]le Admin vous invite/);
    expect(mail.raw).toContain('vous invite à rejoindre l');
    expect(mail.raw).toContain('Communication');
    expect(mail.raw).toContain("Le lien est valable jusqu'au");

    await waitUntil(async () => {
      const list = await t.call('GET', `/api/workspaces/${workspaceId}/invitations`, { as: admin });
      return list.json().items[0].emailDelivery?.status === 'sent';
    });
  });

  it("emails an invitation in an existing person's own language (English)", async () => {
    const { t, smtp } = await withSmtp(dialect);
    const { admin, workspaceId } = await setUp(t);
    const { caller: sam } = await addMember(t, admin, workspaceId, 'sam@mairie.test', 'viewer');
    await smtp.next(); // the first invitation, in French
    expect(
      (await t.call('PATCH', '/api/me', { as: sam, body: { locale: 'en' } })).statusCode,
      'the profile takes the language',
    ).toBe(200);
    const other = await t.call('POST', '/api/workspaces', { as: admin, body: { name: 'Culture' } });
    expect(other.statusCode).toBe(201);
    const otherId = (other.json() as { id: string }).id;
    const created = await t.call('POST', `/api/workspaces/${otherId}/invitations`, {
      as: admin,
      body: { email: 'sam@mairie.test', role: 'contributor' },
    });
    expect(created.statusCode).toBe(201);
    const mail = await smtp.next();
    expect(mail.to).toEqual(['sam@mairie.test']);
    expect(mail.raw).toContain('invites you to join the workspace "Culture"');
    expect(mail.raw).toContain(created.json().url);
  });

  it('shows a failed invitation email with its reason code; the link stays available', async () => {
    const { t, smtp } = await withSmtp(dialect);
    smtp.refuse.add('refuse@mairie.test');
    const { admin, workspaceId } = await setUp(t);
    const created = await t.call('POST', `/api/workspaces/${workspaceId}/invitations`, {
      as: admin,
      body: { email: 'refuse@mairie.test', role: 'viewer' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().url).toMatch(/^http:\/\/rostra\.test\/invite\//);
    let delivery: { status: string; error: string | null } | undefined;
    await waitUntil(async () => {
      const list = await t.call('GET', `/api/workspaces/${workspaceId}/invitations`, { as: admin });
      delivery = list.json().items[0].emailDelivery;
      return delivery?.status === 'failed';
    });
    expect(delivery?.error).toBe('EENVELOPE');
    expect(smtp.received).toHaveLength(0);
  });

  it('sends the reset link by email and answers the same for an unknown address', async () => {
    const { t, smtp } = await withSmtp(dialect);
    await setUp(t);
    const unknown = await t.call('POST', '/api/auth/password-reset', { body: { email: 'personne@mairie.test' } });
    const known = await t.call('POST', '/api/auth/password-reset', { body: { email: ADMIN.email } });
    expect(unknown.statusCode).toBe(202);
    expect(known.statusCode).toBe(202);
    expect(unknown.body).toBe(known.body);
    const mail = await smtp.next();
    expect(mail.to).toEqual([ADMIN.email]);
    expect(mail.raw).toContain('ouvrez ce lien dans l');
    const token = /http:\/\/rostra\.test\/reset-password\/([\w-]+)/.exec(mail.raw)?.[1];
    expect(token).toBeDefined();
    const open = await t.call('GET', `/api/password-resets/${token}`);
    expect(open.statusCode).toBe(200);
    // Nothing else went out: the unknown address got no email and no job.
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.received).toHaveLength(1);
  });

  it('reports the SMTP status without the password, and sends a test email to the admin only', async () => {
    const { t, smtp } = await withSmtp(dialect);
    const { admin, workspaceId } = await setUp(t);
    const status = await t.call('GET', `/api/workspaces/${workspaceId}/mail/status`, { as: admin });
    expect(status.statusCode).toBe(200);
    expect(status.json()).toMatchObject({
      configured: true,
      host: '127.0.0.1',
      from: 'Mairie <com@mairie.test>',
      settings: ['ROSTRA_SMTP_URL', 'ROSTRA_SMTP_FROM'],
    });
    expect(status.body).not.toContain('mot-de-passe-smtp');

    const sent = await t.call('POST', `/api/workspaces/${workspaceId}/mail/test`, { as: admin });
    expect(sent.statusCode).toBe(200);
    expect(sent.json()).toEqual({ sent: true, to: ADMIN.email, error: null });
    const mail = smtp.next();
    const { caller: manager } = await addMember(t, admin, workspaceId, 'max@mairie.test', 'manager');
    const testMail = await mail;
    expect(testMail.to).toEqual([ADMIN.email]);
    expect(testMail.raw).toContain('Cet email de test confirme');

    const refused = await t.call('POST', `/api/workspaces/${workspaceId}/mail/test`, { as: manager });
    expect(refused.statusCode).toBe(403);
    expect((await t.call('GET', `/api/workspaces/${workspaceId}/mail/status`, { as: manager })).statusCode).toBe(200);

    // Rate-limited: a few per person.
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) {
      codes.push((await t.call('POST', `/api/workspaces/${workspaceId}/mail/test`, { as: admin })).statusCode);
    }
    expect(codes).toContain(429);
  });

  it('says email is not configured, sends nothing, and reports the test email as not sent', async () => {
    t = await createTestApp(dialect);
    const { admin, workspaceId } = await setUp(t);
    const status = await t.call('GET', `/api/workspaces/${workspaceId}/mail/status`, { as: admin });
    expect(status.json()).toEqual({
      configured: false,
      host: null,
      port: null,
      secure: null,
      from: null,
      settings: ['ROSTRA_SMTP_URL', 'ROSTRA_SMTP_FROM'],
    });
    const created = await t.call('POST', `/api/workspaces/${workspaceId}/invitations`, {
      as: admin,
      body: { email: 'nina@mairie.test', role: 'contributor' },
    });
    expect(created.json().invitation.emailDelivery).toBeNull();
    const sent = await t.call('POST', `/api/workspaces/${workspaceId}/mail/test`, { as: admin });
    expect(sent.json()).toEqual({ sent: false, to: ADMIN.email, error: 'SMTP_NOT_CONFIGURED' });
  });
});
