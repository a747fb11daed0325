// Health and first-run setup.
import { z } from 'zod';
import type { RouteDeps, ZodApp } from '../app.js';
import { checkHealth } from '../../health.js';
import {
  emailSchema,
  localeSchema,
  nameSchema,
  passwordSchema,
  timezoneSchema,
  userSchema,
  errorSchema,
} from '../schemas.js';
import { setSessionCookie } from './session-cookie.js';

export function registerSystemRoutes(api: ZodApp, { runtime, accounts }: RouteDeps): void {
  api.get(
    '/api/health',
    {
      config: { access: { kind: 'public' } },
      schema: {
        summary: 'Health of the database, migrations and job runner (503 when any is down)',
        tags: ['system'],
        response: { 200: z.any(), 503: z.any() },
      },
    },
    async (_request, reply) => {
      const report = await checkHealth({ store: runtime.store, queue: runtime.queue });
      return reply.status(report.status === 'ok' ? 200 : 503).send(report);
    },
  );

  api.get(
    '/api/setup',
    {
      config: { access: { kind: 'public' } },
      schema: {
        summary: 'Whether first-run setup is still needed',
        tags: ['setup'],
        response: { 200: z.object({ needed: z.boolean() }) },
      },
    },
    async () => ({ needed: !(await accounts.isSetUp()) }),
  );

  api.post(
    '/api/setup',
    {
      config: { access: { kind: 'public' } },
      schema: {
        summary: 'First run: create the organisation, its first workspace and its admin, and log in',
        tags: ['setup'],
        body: z.strictObject({
          organisation: nameSchema,
          workspace: nameSchema,
          name: nameSchema,
          email: emailSchema,
          password: passwordSchema,
          locale: localeSchema.optional(),
          timezone: timezoneSchema.optional(),
        }),
        response: {
          201: z.object({
            user: userSchema,
            workspace: z.object({ id: z.string(), name: z.string() }),
            csrfToken: z.string(),
          }),
          409: errorSchema,
        },
      },
    },
    async (request, reply) => {
      const ip = request.ip;
      const userAgent = request.headers['user-agent'] ?? null;
      const { user, workspace } = await accounts.setup(request.body, ip, userAgent);
      const login = await accounts.login(request.body.email, request.body.password, ip, userAgent);
      setSessionCookie(reply, login.token, runtime.config.secureCookies);
      return reply.status(201).send({
        user,
        workspace: { id: workspace.id, name: workspace.name },
        csrfToken: login.session.csrfToken,
      });
    },
  );
}
