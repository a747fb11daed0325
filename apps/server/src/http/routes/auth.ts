// Login, logout, the current session and the user's own profile.
import { z } from 'zod';
import type { RouteDeps, ZodApp } from '../app.js';
import { actionContext, requireUser } from '../access.js';
import { emailSchema, errorSchema, localeSchema, nameSchema, noContent, roleSchema, userSchema } from '../schemas.js';
import { clearSessionCookie, setSessionCookie } from './session-cookie.js';

export function registerAuthRoutes(api: ZodApp, { runtime, accounts }: RouteDeps): void {
  api.post(
    '/api/auth/login',
    {
      config: {
        access: { kind: 'public' },
        // Per address and email: slows password guessing without letting one attacker lock everyone out.
        rateLimit: {
          max: 10,
          timeWindow: '15 minutes',
          keyGenerator: (request) =>
            `login:${request.ip}:${String((request.body as { email?: unknown } | undefined)?.email ?? '').toLowerCase()}`,
        },
      },
      schema: {
        summary: 'Log in with email and password (sets the session cookie)',
        tags: ['auth'],
        body: z.strictObject({ email: emailSchema, password: z.string().min(1).max(256) }),
        response: { 200: z.object({ user: userSchema, csrfToken: z.string() }), 401: errorSchema, 429: errorSchema },
      },
    },
    async (request, reply) => {
      const { user, token, session } = await accounts.login(
        request.body.email,
        request.body.password,
        request.ip,
        request.headers['user-agent'] ?? null,
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
