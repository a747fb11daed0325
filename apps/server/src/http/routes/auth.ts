// Login, logout, the current session, the user's own profile and password, and password reset links.
import { z } from 'zod';
import type { RouteDeps, ZodApp } from '../app.js';
import { actionContext, requireUser } from '../access.js';
import {
  commonErrors,
  emailSchema,
  errorSchema,
  localeSchema,
  nameSchema,
  noContent,
  passwordSchema,
  roleSchema,
  userSchema,
} from '../schemas.js';
import { limitLogin, rateLimited } from '../attempt-limits.js';
import { normaliseEmail } from '@rostra/store';
import { clearSessionCookie, setSessionCookie } from './session-cookie.js';

const resetTokenParams = z.strictObject({ token: z.string().min(16).max(128) });

export function registerAuthRoutes(api: ZodApp, { runtime, accounts, attempts }: RouteDeps): void {
  api.post(
    '/api/auth/login',
    {
      config: { access: { kind: 'public' } },
      schema: {
        summary:
          'Log in with email and password (sets the session cookie). Failed attempts are limited per account and ' +
          'per client address (429 rate_limited with details.retryAfter); a successful login does not count.',
        tags: ['auth'],
        body: z.strictObject({ email: emailSchema, password: z.string().min(1).max(256) }),
        response: { 200: z.object({ user: userSchema, csrfToken: z.string() }), 401: errorSchema, 429: errorSchema },
      },
    },
    async (request, reply) => {
      const { user, token, session } = await limitLogin(
        attempts,
        { account: normaliseEmail(request.body.email), address: request.ip },
        () =>
          accounts.login(request.body.email, request.body.password, request.ip, request.headers['user-agent'] ?? null),
      );
      setSessionCookie(reply, token, runtime.config.secureCookies);
      return { user, csrfToken: session.csrfToken };
    },
  );

  api.post(
    '/api/auth/logout',
    {
      config: { access: { kind: 'user' } },
      schema: { summary: 'Log out (ends this session)', tags: ['auth'], response: noContent },
    },
    async (request, reply) => {
      const { user, session } = requireUser(request);
      await accounts.logout(session.id, user, request.ip, request.headers['user-agent'] ?? null);
      clearSessionCookie(reply);
      return reply.status(204).send(null);
    },
  );

  api.get(
    '/api/session',
    {
      config: { access: { kind: 'user' } },
      schema: {
        summary: 'The logged-in user, their organisation and workspaces, and the CSRF token for writes',
        tags: ['auth'],
        response: {
          200: z.object({
            user: userSchema,
            organisation: z.object({ id: z.string(), name: z.string() }),
            workspaces: z.array(z.object({ id: z.string(), name: z.string(), timezone: z.string(), role: roleSchema })),
            csrfToken: z.string(),
          }),
        },
      },
    },
    async (request) => {
      const { user, session } = requireUser(request);
      const organisation = await runtime.store.accounts.getOrganisation(user.organisationId);
      const workspaces = await runtime.store.accounts.listWorkspacesOfUser(user.id);
      return {
        user,
        organisation: { id: user.organisationId, name: organisation?.name ?? '' },
        workspaces: workspaces.map((w) => ({ id: w.id, name: w.name, timezone: w.timezone, role: w.role })),
        csrfToken: session.csrfToken,
      };
    },
  );

  api.patch(
    '/api/me',
    {
      config: { access: { kind: 'user' } },
      schema: {
        summary: 'Update your name or language',
        tags: ['auth'],
        body: z.strictObject({ name: nameSchema.optional(), locale: localeSchema.optional() }),
        response: { 200: z.object({ user: userSchema }) },
      },
    },
    async (request) => {
      const { user } = requireUser(request);
      return { user: await accounts.updateProfile(user, request.body, actionContext(request)) };
    },
  );
}

export function registerPasswordRoutes(api: ZodApp, { accounts, attempts }: RouteDeps): void {
  api.post(
    '/api/me/password',
    {
      config: { access: { kind: 'user' } },
      schema: {
        summary: 'Change your password (the current one is required); your other sessions end',
        tags: ['auth'],
        body: z.strictObject({ currentPassword: z.string().min(1).max(256), newPassword: passwordSchema }),
        response: { ...noContent, ...commonErrors },
      },
    },
    async (request, reply) => {
      const { user, session } = requireUser(request);
      // A wrong current password counts like a failed login: a stolen session cannot guess its way further.
      await limitLogin(attempts, { account: user.email, address: request.ip }, () =>
        accounts.changePassword(user, session.id, request.body, actionContext(request)),
      );
      return reply.status(204).send(null);
    },
  );

  api.get(
    '/api/auth/password-reset',
    {
      config: { access: { kind: 'public' } },
      schema: {
        summary: 'Whether a forgotten password can be reset by email here (an SMTP server is configured)',
        tags: ['auth'],
        response: { 200: z.object({ byEmail: z.boolean() }) },
      },
    },
    async () => ({ byEmail: accounts.resetByEmailAvailable() }),
  );

  api.post(
    '/api/auth/password-reset',
    {
      config: { access: { kind: 'public' } },
      schema: {
        summary:
          'Forgotten password: emails a reset link valid one hour. The answer is 202 whether or not the email ' +
          'belongs to someone; 404 when no SMTP server is configured (ask an admin for a link).',
        tags: ['auth'],
        body: z.strictObject({ email: emailSchema }),
        response: { 202: z.null().describe('Accepted'), 404: errorSchema, 429: errorSchema },
      },
    },
    async (request, reply) => {
      if (!accounts.resetByEmailAvailable()) {
        return reply.status(404).send({ code: 'not_found', message: 'Password reset by email is not configured' });
      }
      const byAddress = await attempts.resetByAddress.take(request.ip);
      if (!byAddress.allowed) throw rateLimited(byAddress.retryAfterSeconds);
      // Past a few emails an hour for one address, the request is accepted and quietly not sent, so that
      // the answer still says nothing about the address and its inbox is not flooded.
      const byAccount = await attempts.resetByAccount.take(normaliseEmail(request.body.email));
      if (byAccount.allowed) await accounts.requestPasswordReset(request.body.email, actionContext(request));
      return reply.status(202).send(null);
    },
  );

  api.get(
    '/api/password-resets/:token',
    {
      config: { access: { kind: 'public' } },
      schema: {
        summary: 'The account a reset link is for (410 reset_link_invalid when unknown, used or expired)',
        tags: ['auth'],
        params: resetTokenParams,
        response: { 200: z.object({ email: z.string(), expiresAt: z.iso.datetime() }), 410: errorSchema },
      },
    },
    async (request) => {
      const link = await accounts.describeResetLink(request.params.token);
      return { email: link.email, expiresAt: new Date(link.expiresAt).toISOString() };
    },
  );

  api.post(
    '/api/password-resets/:token',
    {
      config: {
        access: { kind: 'public' },
        // Tokens carry 256 random bits; this only keeps a client from hammering the password hashing.
        rateLimit: { max: 20, timeWindow: '15 minutes' },
      },
      schema: {
        summary: 'Set a new password with a reset link; the link is used up and every session of the account ends',
        tags: ['auth'],
        params: resetTokenParams,
        body: z.strictObject({ password: passwordSchema }),
        response: { ...noContent, 400: errorSchema, 410: errorSchema, 429: errorSchema },
      },
    },
    async (request, reply) => {
      const user = await accounts.completePasswordReset(
        request.params.token,
        request.body.password,
        request.ip,
        request.headers['user-agent'] ?? null,
      );
      // The owner of the account is back in control: earlier wrong guesses no longer hold them out.
      await attempts.loginByAccount.clear(user.email);
      return reply.status(204).send(null);
    },
  );
}
