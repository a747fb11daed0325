// A real SMTP server in-process (the smtp-server package) that keeps what it receives, and a worker that
// sends the queued emails, for tests of what Rostra emails.
import { EventEmitter, once } from 'node:events';
import { SMTPServer } from 'smtp-server';
import { createMailer, createMailHandlers } from '../../src/mail/mail.js';
import { startWorker, type RunningWorker } from '../../src/jobs/worker.js';
import type { TestApp } from './test-app.js';

export interface ReceivedMail {
  to: string[];
  /** The message as received, its quoted-printable parts decoded (plain text bodies as UTF-8). */
  raw: string;
}

/** RFC 2045 §6.7: soft line breaks joined, =XX octets decoded, the bytes read as UTF-8. */
function decodeQuotedPrintable(raw: string): string {
  const joined = raw.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined[i] === '=' ? /^[0-9A-F]{2}$/.exec(joined.slice(i + 1, i + 3)) : null;
    if (hex) {
      bytes.push(parseInt(hex[0], 16));
      i += 2;
    } else bytes.push(...Buffer.from(joined[i] as string, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

export interface TestSmtp {
  url: string;
  received: ReceivedMail[];
  /** Resolves with the next email to arrive (or one that already arrived and was not taken yet). */
  next(timeoutMs?: number): Promise<ReceivedMail>;
  /** Recipients the server refuses (550), to make a send fail. */
  refuse: Set<string>;
  close(): Promise<void>;
}

export async function startTestSmtp(): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  const events = new EventEmitter();
  const refuse = new Set<string>();
  let taken = 0;
  const server = new SMTPServer({
    authOptional: true,
    // Plain connections on localhost: the test server takes AUTH without TLS.
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    onAuth(auth, _session, callback) {
      if (auth.username === 'rostra' && auth.password === 'mot-de-passe-smtp') callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    logger: false,
    onRcptTo(address, _session, callback) {
      if (refuse.has(address.address)) {
        callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
      } else callback();
    },
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: decodeQuotedPrintable(raw) });
        events.emit('mail');
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuse,
    async next(timeoutMs = 15_000) {
      while (received.length <= taken) {
        await once(events, 'mail', { signal: AbortSignal.timeout(timeoutMs) });
      }
      return received[taken++] as ReceivedMail;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A worker running the mail job, as `rostra run` does, sending through the app's configured SMTP server. */
export async function startMailWorker(t: TestApp): Promise<RunningWorker & { closeMailer(): void }> {
  const smtp = t.runtime.config.smtp;
  const mailer = smtp ? createMailer(smtp.url, smtp.from) : undefined;
  const worker = await startWorker({
    store: t.runtime.store,
    queue: t.runtime.queue,
    handlers: createMailHandlers({ store: t.runtime.store, secrets: t.runtime.secrets, mailer }),
    role: 'worker',
    concurrency: 1,
    periodic: [],
    log: () => {},
  });
  return Object.assign(worker, { closeMailer: () => mailer?.close() });
}
