// Email out of Rostra: one SMTP client for alerts, invitations, password resets and the test email. Messages
// go as plain text. Invitations and resets are sent by a job after their transaction, with retries; the
// message is sealed in the job payload because it carries a one-time link.
import nodemailer from 'nodemailer';
import type { JobHandler, JobQueue, Locale } from '@rostra/core';
import type { Store } from '@rostra/store';
import type { Config } from '../config.js';
import type { SecretBox } from '../secrets.js';

export interface MailMessage {
  to: string[];
  subject: string;
  text: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/** `smtpUrl` like smtp://user:pass@host:587 or smtps://host:465 (nodemailer's connection URL). */
export function createMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(message) {
      await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text });
    },
    close: () => transport.close(),
  };
}

/** What the app tells admins about email: never the SMTP password. */
export interface SmtpStatus {
  configured: boolean;
  host: string | null;
  port: number | null;
  secure: boolean | null;
  from: string | null;
}

export function smtpStatus(smtp: Config['smtp']): SmtpStatus {
  if (!smtp) return { configured: false, host: null, port: null, secure: null, from: null };
  const url = new URL(smtp.url);
  const secure = url.protocol === 'smtps:';
  return {
    configured: true,
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    from: smtp.from,
  };
}

/** A short reason code for a failed send: nodemailer's error code (ECONNECTION, EAUTH, EENVELOPE…). */
export function mailErrorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Z_]{2,40}$/.test(code) ? code : 'send_failed';
}

export const MAIL_SEND_JOB = 'mail.send';
const MAIL_AAD = 'mail.send';
export const MAIL_MAX_ATTEMPTS = 5;

interface MailJobPayload {
  sealed: string;
  invitationId?: string;
}

/** Queues a message (after the transaction that created its link). */
export async function enqueueMail(
  deps: { queue: JobQueue; secrets: SecretBox },
  message: MailMessage,
  options: { invitationId?: string } = {},
): Promise<void> {
  const payload: MailJobPayload = {
    sealed: deps.secrets.encrypt(JSON.stringify(message), MAIL_AAD),
    ...(options.invitationId ? { invitationId: options.invitationId } : {}),
  };
  await deps.queue.enqueue(MAIL_SEND_JOB, payload, { maxAttempts: MAIL_MAX_ATTEMPTS });
}

export function createMailHandlers(deps: {
  store: Store;
  secrets: SecretBox;
  mailer: Mailer | undefined;
  log?: (message: string, details?: Record<string, unknown>) => void;
}): Record<string, JobHandler> {
  return {
    [MAIL_SEND_JOB]: async (raw, { attempt }) => {
      const payload = raw as MailJobPayload;
      const message = JSON.parse(deps.secrets.decrypt(payload.sealed, MAIL_AAD)) as MailMessage;
      try {
        if (!deps.mailer) throw Object.assign(new Error('SMTP is not configured'), { code: 'SMTP_NOT_CONFIGURED' });
        await deps.mailer.send(message);
      } catch (error) {
        const code = mailErrorCode(error);
        deps.log?.('email not sent', { code, attempt, invitationId: payload.invitationId });
        if (payload.invitationId) await deps.store.invitations.setEmailStatus(payload.invitationId, 'failed', code);
        throw error;
      }
      if (payload.invitationId) await deps.store.invitations.setEmailStatus(payload.invitationId, 'sent', null);
    },
  };
}

export function invitationEmail(
  locale: Locale,
  input: { inviterName: string; workspaceName: string; url: string; expiresAt: number },
): { subject: string; text: string } {
  const date = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(input.expiresAt);
  return locale === 'fr'
    ? {
        subject: `Rostra : ${input.inviterName} vous invite dans « ${input.workspaceName} »`,
        text:
          `${input.inviterName} vous invite à rejoindre l'espace de travail « ${input.workspaceName} » sur Rostra.\n\n` +
          `Pour accepter, ouvrez ce lien :\n${input.url}\n\n` +
          `Le lien est valable jusqu'au ${date} (UTC).\n`,
      }
    : {
        subject: `Rostra: ${input.inviterName} invites you to "${input.workspaceName}"`,
        text:
          `${input.inviterName} invites you to join the workspace "${input.workspaceName}" on Rostra.\n\n` +
          `To accept, open this link:\n${input.url}\n\n` +
          `The link is valid until ${date} (UTC).\n`,
      };
}

export function resetEmail(locale: Locale, url: string): { subject: string; text: string } {
  return locale === 'fr'
    ? {
        subject: 'Rostra : réinitialiser votre mot de passe',
        text:
          `Une réinitialisation du mot de passe de votre compte Rostra a été demandée.\n\n` +
          `Pour choisir un nouveau mot de passe, ouvrez ce lien dans l'heure :\n${url}\n\n` +
          `Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.\n`,
      }
    : {
        subject: 'Rostra: reset your password',
        text:
          `Someone asked to reset the password of your Rostra account.\n\n` +
          `To choose a new password, open this link within the hour:\n${url}\n\n` +
          `If this was not you, ignore this message: your password stays as it is.\n`,
      };
}

export function testEmail(locale: Locale, publicUrl: string): { subject: string; text: string } {
  return locale === 'fr'
    ? {
        subject: 'Rostra : email de test',
        text: `Cet email de test confirme que Rostra (${publicUrl}) peut envoyer des emails.\n`,
      }
    : {
        subject: 'Rostra: test email',
        text: `This test email confirms that Rostra (${publicUrl}) can send email.\n`,
      };
}
