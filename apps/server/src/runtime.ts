// Everything a process needs, built once from the config: store (migrated), secrets, job queue, logger.
import pino, { type Logger } from 'pino';
import type { JobQueue } from '@rostra/core';
import { createConnectors, type Connector } from '@rostra/connectors';
import { configureOutbound } from '@rostra/connectors/outbound';
import { createStore, openDatabase, type Store } from '@rostra/store';
import type { Config } from './config.js';
import { createSecretBox, loadSecretKey, type SecretBox } from './secrets.js';
import { createMediaLinks } from './publishing/media-links.js';
import { createEmbeddedQueue } from './jobs/embedded-queue.js';
import { createBullmqQueue } from './jobs/bullmq-queue.js';

export interface Runtime {
  config: Config;
  store: Store;
  readonly queue: JobQueue;
  secrets: SecretBox;
  /** The networks this process can talk to (tests add fakes of the network APIs). */
  connectors: readonly Connector[];
  log: Logger;
  close(): Promise<void>;
}

/**
 * Sets what this process's outbound requests may reach (public addresses, plus ROSTRA_OUTBOUND_ALLOW). The policy
 * is process-wide, so the process's entry points (server start, CLI commands) set it once; tests set their own.
 */
export function applyOutboundPolicy(config: Config): void {
  configureOutbound({ allow: config.outboundAllow });
}

export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}

export async function createRuntime(
  config: Config,
  options: { log?: Logger; connectors?: readonly Connector[] } = {},
): Promise<Runtime> {
  const log = options.log ?? pino({ level: config.logLevel });
  const handle = openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.dbPoolSize,
    onPoolError: (error) => log.warn({ err: error }, 'a database connection was lost; it will be replaced'),
  });
  const store = createStore(handle);
  try {
    const applied = await store.migrate();
    if (applied.length > 0) log.info({ applied }, 'database migrated');

    const { key, source } = loadSecretKey(config.secretKey, config.dataDir);
    const secrets = createSecretBox(key);
    const stored = await store.settings.setIfAbsent('secret_key_fingerprint', secrets.fingerprint);
    if (stored !== secrets.fingerprint) {
      throw new StartupError(
        `The secret key from ${source} is not the one this database's secrets were encrypted with ` +
          `(fingerprint ${secrets.fingerprint}, expected ${stored}). Give every process the same ROSTRA_SECRET_KEY.`,
      );
    }

    const logJob = (message: string, error?: unknown) => log.warn({ err: error }, message);
    // Created on first use: CLI commands that never touch jobs never connect to Redis.
    let queue: JobQueue | undefined;
    return {
      config,
      store,
      get queue() {
        queue ??= config.redisUrl
          ? createBullmqQueue(config.redisUrl, { log: logJob })
          : createEmbeddedQueue(store, { log: logJob });
        return queue;
      },
      secrets,
      // Instagram downloads media through signed links to this server's public URL.
      connectors:
        options.connectors ??
        createConnectors(config.connectors, { mediaUrl: createMediaLinks(secrets, config.publicUrl).urlFor }),
      log,
      async close() {
        await queue?.stop();
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
