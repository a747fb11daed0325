// Owner protection and ownership transfer, password rules, password change and reset (admin link and email),
// and login limits by account and by client address, with and without a trusted proxy.
import { EventEmitter, once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { SMTPServer } from 'smtp-server';
import { openDatabase } from '@rostra/store';
import { testDialects, testRedisUrl } from '@rostra/store/testing';
import { hashToken } from '../src/accounts/credentials.js';
import { LOGIN_PER_ACCOUNT, LOGIN_PER_ADDRESS } from '../src/http/attempt-limits.js';
import {
  ADMIN,
  addMember,
  createTestApp,
  sessionCookie,
  setUp,
  type Caller,
  type TestApp,
} from './helpers/test-app.js';
import { startMailWorker } from './helpers/smtp.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const MEMBER_PASSWORD = 'mot de passe du membre';

async function login(app: TestApp, email: string, password: string, ip?: string) {
  return app.call('POST', '/api/auth/login', {
    body: { email, password },
    ...(ip ? { headers: { 'x-forwarded-for': ip } } : {}),
  });
}

function callerOf(response: Awaited<ReturnType<TestApp['call']>>): Caller {
  return { cookie: sessionCookie(response), csrf: response.json().csrfToken as string };
}

/** Audit entries of a person, workspace or not (password events belong to the person, not a workspace). */
async function auditActionsFor(app: TestApp, userId: string): Promise<string[]> {
  const handle = openDatabase({ databaseUrl: app.runtime.config.databaseUrl, dataDir: app.runtime.config.dataDir });
  try {
    const rows = await handle.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', userId)
      .orderBy('created_at')
      .execute();
    return rows.map((r) => r.action);
  } finally {
    await handle.close();
  }
}

describe.each(testDialects)('accounts security on %s', (dialect) => {
  describe('the organisation owner', () => {
    it('cannot be demoted or removed by a workspace admin or an API key, only by themselves', async () => {
      t = await createTestApp(dialect);
      const { admin: owner, workspaceId, userId: ownerId } = await setUp(t);
      const { caller: deputy } = await addMember(t, owner, workspaceId, 'adjointe@mairie.test', 'admin');
      const members = `/api/workspaces/${workspaceId}/members`;

      const demote = await t.call('PATCH', `${members}/${ownerId}`, { as: deputy, body: { role: 'viewer' } });
      expect(demote.statusCode).toBe(403);
      expect(demote.json().code).toBe('owner_protected');
      const remove = await t.call('DELETE', `${members}/${ownerId}`, { as: deputy });
      expect(remove.statusCode).toBe(403);
      expect(remove.json().code).toBe('owner_protected');

      const key = await t.call('POST', `/api/workspaces/${workspaceId}/api-keys`, {
        as: deputy,
        body: { name: 'script', role: 'admin' },
      });
      const byKey = await t.call('DELETE', `${members}/${ownerId}`, { as: { apiKey: key.json().secret } });
      expect(byKey.json().code).toBe('owner_protected');

      const list = await t.call('GET', members, { as: deputy });
      expect(list.json().items.find((m: { userId: string }) => m.userId === ownerId)).toMatchObject({
        role: 'admin',
        isOwner: true,
      });

      // The owner may step down in a workspace that keeps another admin.
      const self = await t.call('PATCH', `${members}/${ownerId}`, { as: owner, body: { role: 'manager' } });
      expect(self.statusCode).toBe(200);
    });

    it('keeps the last admin: nobody demotes or removes them, not even themselves', async () => {
      t = await createTestApp(dialect);
      const { admin: owner, workspaceId, userId: ownerId } = await setUp(t);
      const created = await t.call('POST', '/api/workspaces', { as: owner, body: { name: 'Agence' } });
      const agency = created.json().id as string;
      const { caller: chief, userId: chiefId } = await addMember(t, owner, agency, 'chef@mairie.test', 'admin');
      const members = `/api/workspaces/${agency}/members`;
      // The owner steps down here: the chief is now the only admin of the agency.
      expect((await t.call('PATCH', `${members}/${ownerId}`, { as: owner, body: { role: 'viewer' } })).statusCode).toBe(
        200,
      );
      const demoteSelf = await t.call('PATCH', `${members}/${chiefId}`, { as: chief, body: { role: 'manager' } });
      expect(demoteSelf.statusCode).toBe(409);
      expect(demoteSelf.json().code).toBe('last_admin');
      const removeSelf = await t.call('DELETE', `${members}/${chiefId}`, { as: chief });
      expect(removeSelf.json().code).toBe('last_admin');
      expect(workspaceId).not.toBe(agency);
    });

    it('hands ownership over explicitly, audited, and the new owner is protected in turn', async () => {
      t = await createTestApp(dialect);
      const { admin: owner, workspaceId, userId: ownerId } = await setUp(t);
      const { caller: deputy, userId: deputyId } = await addMember(
        t,
        owner,
        workspaceId,
        'adjointe@mairie.test',
        'admin',
      );
      const { userId: editorId } = await addMember(t, owner, workspaceId, 'redac@mairie.test', 'contributor');
      const members = `/api/workspaces/${workspaceId}/members`;

      const grab = await t.call('POST', `${members}/${deputyId}/ownership`, { as: deputy });
      expect(grab.statusCode).toBe(403);
      expect(grab.json().code).toBe('owner_protected');

      const handed = await t.call('POST', `${members}/${editorId}/ownership`, { as: owner });
      expect(handed.statusCode).toBe(200);
      expect(handed.json().user).toMatchObject({ id: editorId, isOwner: true });
      expect((await t.call('GET', '/api/session', { as: owner })).json().user.isOwner).toBe(false);
      const list = (await t.call('GET', members, { as: owner })).json().items as Array<Record<string, unknown>>;
      expect(list.find((m) => m.userId === editorId)).toMatchObject({ role: 'admin', isOwner: true });

      const audit = await t.call('GET', `/api/workspaces/${workspaceId}/audit?action=organisation.ownership`, {
        as: owner,
      });
      expect(audit.json().items).toHaveLength(1);
      expect(audit.json().items[0]).toMatchObject({
        action: 'organisation.ownership_transferred',
        targetId: editorId,
        actor: { label: ADMIN.email },
      });

      // The former owner is a plain admin now: the new owner is out of their reach.
      const demote = await t.call('PATCH', `${members}/${editorId}`, { as: owner, body: { role: 'viewer' } });
      expect(demote.json().code).toBe('owner_protected');
      const again = await t.call('POST', `${members}/${ownerId}/ownership`, { as: owner });
      expect(again.json().code).toBe('owner_protected');
    });
  });

  describe('passwords', () => {
    it('refuses short, common and personal passwords at setup and when accepting an invitation', async () => {
      t = await createTestApp(dialect);
      const setup = (password: string) =>
        t!.call('POST', '/api/setup', {
          body: { organisation: 'Mairie', workspace: 'Com', name: 'Adèle Admin', email: 'adele@mairie.test', password },
        });
      const short = await setup('onze carac.');
      expect(short.statusCode).toBe(400);
      expect(short.json().details.issues[0].path).toBe('body.password');
      const common = await setup('Password1234!');
      expect(common.json()).toMatchObject({ code: 'weak_password', details: { reason: 'common' } });
      const personal = await setup('adele.admin-2026');
      expect(personal.json()).toMatchObject({ code: 'weak_password', details: { reason: 'personal' } });
      expect((await setup('une phrase de passe')).statusCode).toBe(201);

      const admin = callerOf(await login(t, 'adele@mairie.test', 'une phrase de passe'));
      const workspaceId = (await t.call('GET', '/api/session', { as: admin })).json().workspaces[0].id as string;
      const invited = await t.call('POST', `/api/workspaces/${workspaceId}/invitations`, {
        as: admin,
        body: { email: 'lou@mairie.test', role: 'viewer' },
      });
      const token = (invited.json().url as string).split('/invite/')[1];
      const weak = await t.call('POST', `/api/invitations/${token}/accept`, {
        body: { name: 'Lou', password: 'qwertyuiop123' },
      });
      expect(weak.json()).toMatchObject({ code: 'weak_password', details: { reason: 'common' } });
      const ok = await t.call('POST', `/api/invitations/${token}/accept`, {
        body: { name: 'Lou', password: MEMBER_PASSWORD },
      });
      expect(ok.statusCode).toBe(200);
    });

    it('changes a password with the current one, ends the other sessions, and audits it', async () => {
      t = await createTestApp(dialect);
      const { admin, userId } = await setUp(t);
      const laptop = callerOf(await login(t, ADMIN.email, ADMIN.password));

      const wrong = await t.call('POST', '/api/me/password', {
        as: admin,
        body: { currentPassword: 'pas le bon mot de passe', newPassword: 'un nouveau mot de passe' },
      });
      expect(wrong.statusCode).toBe(403);
      expect(wrong.json().code).toBe('wrong_password');
      const weak = await t.call('POST', '/api/me/password', {
        as: admin,
        body: { currentPassword: ADMIN.password, newPassword: '123456789012' },
      });
      expect(weak.json()).toMatchObject({ code: 'weak_password', details: { path: 'body.newPassword' } });

      const changed = await t.call('POST', '/api/me/password', {
        as: admin,
        body: { currentPassword: ADMIN.password, newPassword: 'un nouveau mot de passe' },
      });
      expect(changed.statusCode).toBe(204);
      expect((await t.call('GET', '/api/session', { as: admin })).statusCode).toBe(200);
      expect((await t.call('GET', '/api/session', { as: laptop })).statusCode).toBe(401);
      expect((await login(t, ADMIN.email, ADMIN.password)).statusCode).toBe(401);
      expect((await login(t, ADMIN.email, 'un nouveau mot de passe')).statusCode).toBe(200);
      expect(await auditActionsFor(t, userId)).toContain('user.password_changed');
    });

    it('counts wrong current passwords like failed logins', async () => {
      t = await createTestApp(dialect);
      const { admin } = await setUp(t);
      for (let i = 0; i < LOGIN_PER_ACCOUNT.points; i++) {
        const wrong = await t.call('POST', '/api/me/password', {
          as: admin,
          body: { currentPassword: `essai numéro ${i}`, newPassword: 'un nouveau mot de passe' },
        });
        expect(wrong.json().code).toBe('wrong_password');
      }
      const held = await t.call('POST', '/api/me/password', {
        as: admin,
        body: { currentPassword: ADMIN.password, newPassword: 'un nouveau mot de passe' },
      });
      expect(held.json().code).toBe('rate_limited');
    });

    it('resets through a single-use link an admin creates, ending every session of the person', async () => {
      t = await createTestApp(dialect);
      const { admin, workspaceId } = await setUp(t);
      const { caller: member, userId: memberId } = await addMember(t, admin, workspaceId, 'lou@mairie.test', 'viewer');

      const issued = await t.call('POST', `/api/workspaces/${workspaceId}/members/${memberId}/password-reset`, {
        as: admin,
      });
      expect(issued.statusCode).toBe(201);
      const { url, expiresAt } = issued.json() as { url: string; expiresAt: string };
      expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(23 * 3600 * 1000);
      const token = url.split('/reset-password/')[1] as string;
      expect(url.startsWith('http://rostra.test/reset-password/')).toBe(true);

      expect((await t.call('GET', `/api/password-resets/${token}`)).json()).toMatchObject({
        email: 'lou@mairie.test',
      });
      const weak = await t.call('POST', `/api/password-resets/${token}`, { body: { password: 'lou.mairie.test!' } });
      expect(weak.json()).toMatchObject({ code: 'weak_password', details: { reason: 'personal' } });
      const done = await t.call('POST', `/api/password-resets/${token}`, {
        body: { password: 'un nouveau mot de passe' },
      });
      expect(done.statusCode).toBe(204);
      expect((await t.call('GET', '/api/session', { as: member })).statusCode).toBe(401);
      expect((await login(t, 'lou@mairie.test', 'un nouveau mot de passe')).statusCode).toBe(200);

      const reused = await t.call('POST', `/api/password-resets/${token}`, {
        body: { password: 'encore un autre mot de passe' },
      });
      expect(reused.statusCode).toBe(410);
      expect(reused.json().code).toBe('reset_link_invalid');
      expect((await t.call('GET', `/api/password-resets/${token}`)).json().code).toBe('reset_link_invalid');

      const audit = await t.call('GET', `/api/workspaces/${workspaceId}/audit?action=member.password`, {
        as: admin,
      });
      expect(audit.json().items[0]).toMatchObject({ action: 'member.password_reset_link_created', targetId: memberId });
      expect(await auditActionsFor(t, memberId)).toContain('user.password_reset');
    });

    it('refuses expired links, and links over accounts the admin does not fully administer', async () => {
      t = await createTestApp(dialect);
      const { admin: owner, workspaceId, userId: ownerId } = await setUp(t);
      const { caller: deputy } = await addMember(t, owner, workspaceId, 'adjointe@mairie.test', 'admin');
      const { userId: editorId } = await addMember(t, owner, workspaceId, 'redac@mairie.test', 'contributor');
      const agency = (await t.call('POST', '/api/workspaces', { as: owner, body: { name: 'Agence' } })).json()
        .id as string;
      await t.call('POST', `/api/workspaces/${agency}/invitations`, {
        as: owner,
        body: { email: 'x@y.z', role: 'viewer' },
      });
      // The editor is also an admin of the agency, where the deputy is nobody.
      const editorInvite = await t.call('POST', `/api/workspaces/${agency}/invitations`, {
        as: owner,
        body: { email: 'redac@mairie.test', role: 'admin' },
      });
      const editor = callerOf(await login(t, 'redac@mairie.test', MEMBER_PASSWORD));
      const editorToken = (editorInvite.json().url as string).split('/invite/')[1];
      expect(
        (await t.call('POST', `/api/invitations/${editorToken}/accept`, { as: editor, body: {} })).statusCode,
      ).toBe(200);

      const forOwner = await t.call('POST', `/api/workspaces/${workspaceId}/members/${ownerId}/password-reset`, {
        as: deputy,
      });
      expect(forOwner.statusCode).toBe(403);
      expect(forOwner.json().code).toBe('owner_protected');
      const forEditor = await t.call('POST', `/api/workspaces/${workspaceId}/members/${editorId}/password-reset`, {
        as: deputy,
      });
      expect(forEditor.statusCode).toBe(403);
      expect(forEditor.json().code).toBe('forbidden');
      const byOwner = await t.call('POST', `/api/workspaces/${workspaceId}/members/${editorId}/password-reset`, {
        as: owner,
      });
      expect(byOwner.statusCode).toBe(201);

      await t.runtime.store.passwordResets.create({
        userId: editorId,
        tokenHash: hashToken('an-expired-token-of-forty-characters-xx'),
        createdBy: ownerId,
        expiresAt: Date.now() - 1,
      });
      const expired = await t.call('POST', '/api/password-resets/an-expired-token-of-forty-characters-xx', {
        body: { password: 'un nouveau mot de passe' },
      });
      expect(expired.json().code).toBe('reset_link_invalid');
    });

    it('sends a reset link by email when SMTP is configured, and says nothing about unknown addresses', async () => {
      const received: Array<{ to: string; text: string }> = [];
      const mails = new EventEmitter();
      let worker: Awaited<ReturnType<typeof startMailWorker>> | undefined;
      const smtp = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS'],
        onData(stream, session, callback) {
          let text = '';
          stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
          stream.on('end', () => {
            received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), text });
            mails.emit('mail');
            callback();
          });
        },
      });
      await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
      const port = (smtp.server.address() as { port: number }).port;
      try {
        t = await createTestApp(dialect, { ROSTRA_SMTP_URL: `smtp://127.0.0.1:${port}` });
        // The email goes out as a job: a worker sends it, as `rostra run` does.
        worker = await startMailWorker(t);
        const { admin, workspaceId } = await setUp(t);
        const invited = once(mails, 'mail');
        const { caller: member } = await addMember(t, admin, workspaceId, 'lou@mairie.test', 'viewer');
        await invited; // the invitation email
        received.length = 0;
        expect((await t.call('GET', '/api/auth/password-reset')).json()).toEqual({ byEmail: true });

        const unknown = await t.call('POST', '/api/auth/password-reset', { body: { email: 'personne@mairie.test' } });
        expect(unknown.statusCode).toBe(202);
        const arrived = once(mails, 'mail');
        const known = await t.call('POST', '/api/auth/password-reset', { body: { email: 'LOU@mairie.test' } });
        expect(known.statusCode).toBe(202);
        await arrived;
        expect(received).toHaveLength(1);
        expect(received[0]?.to).toBe('lou@mairie.test');
        const link = /http:\/\/rostra\.test\/reset-password\/([\w-]+)/.exec(
          (received[0]?.text ?? '').replace(/=\r?\n/g, ''),
        );
        expect(link).not.toBeNull();
        const done = await t.call('POST', `/api/password-resets/${link?.[1]}`, {
          body: { password: 'un nouveau mot de passe' },
        });
        expect(done.statusCode).toBe(204);
        expect((await t.call('GET', '/api/session', { as: member })).statusCode).toBe(401);
        expect((await login(t, 'lou@mairie.test', 'un nouveau mot de passe')).statusCode).toBe(200);
      } finally {
        await worker?.stop();
        worker?.closeMailer();
        await new Promise<void>((resolve) => smtp.close(() => resolve()));
      }
    });

    it('offers no email reset without SMTP: an admin hands out a link instead', async () => {
      t = await createTestApp(dialect);
      await setUp(t);
      expect((await t.call('GET', '/api/auth/password-reset')).json()).toEqual({ byEmail: false });
      const asked = await t.call('POST', '/api/auth/password-reset', { body: { email: ADMIN.email } });
      expect(asked.statusCode).toBe(404);
    });
  });

  describe('login limits', () => {
    it('ignores X-Forwarded-For without a trusted proxy: spoofed addresses do not escape the limit', async () => {
      t = await createTestApp(dialect);
      await setUp(t);
      for (let i = 0; i < LOGIN_PER_ADDRESS.points; i++) {
        const r = await login(t, `inconnu-${i}@mairie.test`, 'un essai au hasard', `198.51.100.${i}`);
        expect(r.statusCode).toBe(401);
      }
      const spoofed = await login(t, 'encore@mairie.test', 'un essai au hasard', '198.51.100.250');
      expect(spoofed.statusCode).toBe(429);
      expect(spoofed.json().code).toBe('rate_limited');
      expect(Number(spoofed.headers['retry-after'])).toBeGreaterThan(0);
    });

    it('honours X-Forwarded-For from a trusted proxy, and holds an account across addresses', async () => {
      t = await createTestApp(dialect, { ROSTRA_TRUST_PROXY: '127.0.0.1' });
      await setUp(t);
      for (let i = 0; i < LOGIN_PER_ACCOUNT.points; i++) {
        expect((await login(t, ADMIN.email, `mauvais essai ${i}`, `203.0.113.${i}`)).statusCode).toBe(401);
      }
      // The account is held, from any address, even with the right password.
      const held = await login(t, ADMIN.email, ADMIN.password, '203.0.113.200');
      expect(held.statusCode).toBe(429);
      // The addresses are the proxy's word: those ten each used one attempt, so another client is free.
      for (let i = 0; i < LOGIN_PER_ADDRESS.points; i++) {
        expect((await login(t, `inconnu-${i}@mairie.test`, 'un essai', '203.0.113.100')).statusCode).toBe(401);
      }
      expect((await login(t, 'autre@mairie.test', 'un essai', '203.0.113.100')).statusCode).toBe(429);
      expect((await login(t, 'autre@mairie.test', 'un essai', '203.0.113.101')).statusCode).toBe(401);
    });

    it('does not count successful logins, and a success clears the account’s failures', async () => {
      t = await createTestApp(dialect);
      await setUp(t);
      for (let round = 0; round < 3; round++) {
        for (let i = 0; i < LOGIN_PER_ACCOUNT.points - 1; i++) {
          expect((await login(t, ADMIN.email, `mauvais essai ${i}`)).statusCode).toBe(401);
        }
        expect((await login(t, ADMIN.email, ADMIN.password)).statusCode).toBe(200);
      }
    });
  });
});

describe.runIf(testRedisUrl)('login limits shared through Redis', () => {
  it('holds an account across two API processes', async () => {
    const env = { REDIS_URL: testRedisUrl as string };
    t = await createTestApp('sqlite', env);
    const other = await createTestApp('sqlite', env);
    // Earlier runs' counts for this machine's address would still be in Redis for 15 minutes.
    const redis = new Redis(testRedisUrl as string);
    await redis.del('rostra-attempts-login-address:127.0.0.1');
    await redis.quit();
    try {
      await setUp(t);
      await setUp(other);
      const email = `admin-${Date.now()}-${Math.random().toString(36).slice(2)}@mairie.test`;
      for (let i = 0; i < LOGIN_PER_ACCOUNT.points; i++) {
        const app = i % 2 === 0 ? t : other;
        expect((await login(app, email, `mauvais essai ${i}`)).statusCode).toBe(401);
      }
      expect((await login(t, email, 'un dernier essai')).statusCode).toBe(429);
      expect((await login(other, email, 'un dernier essai')).statusCode).toBe(429);
    } finally {
      await other.close();
    }
  });
});
