// Email status: whether an SMTP server is configured (host, sender; never the password), and a test email
// an admin sends to their own address to check the settings.
import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { RouteDeps, ZodApp } from '../app.js';
import { actionContext, requireUser, requireWorkspace } from '../access.js';
import { recordAudit } from '../../audit/record.js';
import { commonErrors, errorSchema, idSchema } from '../schemas.js';
import { mailErrorCode, smtpStatus, testEmail, type Mailer } from '../../mail/mail.js';

const smtpStatusSchema = z.object({
  configured: z.boolean(),
  host: z.string().nullable(),
  port: z.number().int().nullable(),
  secure: z.boolean().nullable(),
  from: z.string().nullable(),
  /** The environment variables that configure email, for the "not configured" hint. */
  settings: z.array(z.string()),
});

const testResultSchema = z.object({
  sent: z.boolean(),
  to: z.string(),
  /** nodemailer's reason code when the send failed (ECONNECTION, EAUTH, EENVELOPE…). */
  error: z.string().nullable(),
});

const SMTP_SETTINGS = ['ROSTRA_SMTP_URL', 'ROSTRA_SMTP_FROM'];

export function registerMailRoutes(api: ZodApp, { runtime }: RouteDeps, mailer: Mailer | undefined): void {
  api.get(
    '/api/workspaces/:workspaceId/mail/status',
    {
      config: { access: { kind: 'workspace', role: 'manager' } },
      schema: {
        summary: 'Whether email is configured (SMTP host and sender; never the password)',
        tags: ['mail'],
        params: z.strictObject({ workspaceId: idSchema }),
        response: { 200: smtpStatusSchema, ...commonErrors },
      },
    },
    async () => ({ ...smtpStatus(runtime.config.smtp), settings: SMTP_SETTINGS }),
  );

  api.post(
    '/api/workspaces/:workspaceId/mail/test',
    {
      config: {
        access: { kind: 'workspace', role: 'admin' },
        // Each call sends a real email: a few per person, not a way to flood a mailbox.
        rateLimit: {
          max: 5,
          timeWindow: '15 minutes',
          keyGenerator: (request: FastifyRequest) =>
            request.principal && 'user' in request.principal ? `mail-test:${request.principal.user.id}` : request.ip,
        },
      },
      schema: {
        summary: "Send a test email to the caller's own address; answers whether the SMTP server accepted it",
        tags: ['mail'],
        params: z.strictObject({ workspaceId: idSchema }),
        response: { 200: testResultSchema, ...commonErrors, 429: errorSchema },
      },
    },
    async (request) => {
      const { user } = requireUser(request);
      const workspace = requireWorkspace(request);
      let error: string | null = null;
      if (!mailer) error = 'SMTP_NOT_CONFIGURED';
      else {
        try {
          await mailer.send({ to: [user.email], ...testEmail(user.locale, runtime.config.publicUrl) });
        } catch (failure) {
          runtime.log.warn({ err: failure }, 'test email not sent');
          error = mailErrorCode(failure);
        }
      }
      await runtime.store.transaction((repos) =>
        recordAudit(repos, actionContext(request), {
          organisationId: user.organisationId,
          workspaceId: workspace.id,
          action: 'mail.test_sent',
          targetType: 'user',
          targetId: user.id,
          details: { email: user.email, sent: error === null, error },
        }),
      );
      return { sent: error === null, to: user.email, error };
    },
  );
}
