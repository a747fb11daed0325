// The environment, parsed once at start-up. Every problem is reported together; nothing else reads process.env.
import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import type { ConnectorSettings } from '@rostra/connectors';
import { parseOutboundAllow, type OutboundRule } from '@rostra/connectors/outbound';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** ROSTRA_OUTBOUND_ALLOW: `mastodon.lan,192.168.1.0/24,127.0.0.1:4000`; every bad entry is named. */
const outboundAllowSchema = z.string().transform((value, ctx): OutboundRule[] => {
  const { rules, errors } = parseOutboundAllow(value);
  for (const error of errors) {
    ctx.addIssue({
      code: 'custom',
      message: `${error} (expected host names, IP addresses or CIDR ranges, each optionally :port, separated by commas)`,
    });
  }
  return errors.length > 0 ? z.NEVER : rules;
});

/** Names proxy-addr (Fastify's trustProxy) understands for whole ranges. */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGE_NAMES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d+$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}

/**
 * Which hops may say who the client is through X-Forwarded-For: `false` (default: the socket address is the
 * client), `true` (any: only behind a proxy that overwrites the header), a hop count, or proxies' addresses.
 */
const trustProxySchema = z
  .string()
  .trim()
  .transform((value, ctx): boolean | number | string[] => {
    if (value === 'true') return true;
    if (value === 'false') return false;
    if (/^\d+$/.test(value)) return Number(value);
    const entries = value.split(',').map((e) => e.trim());
    const wrong = entries.filter((e) => !isProxyAddress(e));
    if (wrong.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `not an address, CIDR or loopback/linklocal/uniquelocal: ${wrong.join(', ')} (or use true, false, a hop count)`,
      });
      return z.NEVER;
    }
    return entries;
  });

const schema = z
  .object({
    PORT: z.coerce.number().int().min(1).max(65535).default(8080),
    HOST: z.string().min(1).default('0.0.0.0'),
    ROSTRA_DATA_DIR: z.string().min(1).default('./data'),
    DATABASE_URL: z
      .url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' })
      .optional(),
    REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' }).optional(),
    ROSTRA_SECRET_KEY: z
      .string()
      .refine((v) => /^[0-9a-fA-F]{64}$/.test(v) || Buffer.from(v, 'base64').length === 32, {
        message: 'must be 32 bytes, as 64 hex characters or base64',
      })
      .optional(),
    PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
    LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
    ROSTRA_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
    ROSTRA_DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).optional(),
    /** Threads that analyse large listening batches beside the worker's own; default one per other core, up to 4. */
    ROSTRA_LISTENING_THREADS: z.coerce.number().int().min(0).max(64).optional(),
    ROSTRA_PUBLISH_LEASE_MS: z.coerce.number().int().min(500).max(3_600_000).default(120_000),
    ROSTRA_FAILPOINT: z.enum(['before_publish', 'after_publish', 'after_record', 'before_event_send']).optional(),
    /** How often a worker beats; three beats missed, it is dead and its deliveries are taken over. */
    ROSTRA_HEARTBEAT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
    /** How often the publishing and webhook sweeps look for work a crash left behind. */
    ROSTRA_SWEEP_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
    /** Reverse proxies whose X-Forwarded-For is believed (see trustProxySchema); unset: none. */
    ROSTRA_TRUST_PROXY: trustProxySchema.optional(),
    /** Where alert emails go out: smtp://user:password@host:587 or smtps://host:465. Unset = no email. */
    ROSTRA_SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'Use smtp://… or smtps://…' }).optional(),
    ROSTRA_SMTP_FROM: z.string().min(3).default('Rostra <rostra@localhost>'),
    /** Apps registered with the networks that require one; a network is offered only when its app is set. */
    ROSTRA_X_CLIENT_ID: z.string().min(1).optional(),
    ROSTRA_X_CLIENT_SECRET: z.string().min(1).optional(),
    ROSTRA_LINKEDIN_CLIENT_ID: z.string().min(1).optional(),
    ROSTRA_LINKEDIN_CLIENT_SECRET: z.string().min(1).optional(),
    ROSTRA_FACEBOOK_APP_ID: z.string().min(1).optional(),
    ROSTRA_FACEBOOK_APP_SECRET: z.string().min(1).optional(),
    ROSTRA_INSTAGRAM_APP_ID: z.string().min(1).optional(),
    ROSTRA_INSTAGRAM_APP_SECRET: z.string().min(1).optional(),
    ROSTRA_REDDIT_CLIENT_ID: z.string().min(1).optional(),
    ROSTRA_REDDIT_CLIENT_SECRET: z.string().min(1).optional(),
    /** The largest media file accepted, in bytes (Mastodon takes videos up to 99 MiB). */
    ROSTRA_MEDIA_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(1024 * 1024 * 1024)
      .default(100 * 1024 * 1024),
    /** Uploads one process reads at once, and uploads one workspace may have in flight (each is buffered). */
    ROSTRA_UPLOAD_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(4),
    ROSTRA_UPLOAD_CONCURRENCY_PER_WORKSPACE: z.coerce.number().int().min(1).max(1000).default(2),
    /** Non-public hosts, addresses and CIDR ranges the server may reach (self-hosted Mastodon/WordPress on a LAN). */
    ROSTRA_OUTBOUND_ALLOW: outboundAllowSchema.optional(),
  })
  .superRefine((v, ctx) => {
    // A network app needs both halves; one without the other is a typo, not a choice.
    const pairs = [
      ['ROSTRA_LINKEDIN_CLIENT_ID', 'ROSTRA_LINKEDIN_CLIENT_SECRET'],
      ['ROSTRA_LINKEDIN_CLIENT_SECRET', 'ROSTRA_LINKEDIN_CLIENT_ID'],
      ['ROSTRA_FACEBOOK_APP_ID', 'ROSTRA_FACEBOOK_APP_SECRET'],
      ['ROSTRA_FACEBOOK_APP_SECRET', 'ROSTRA_FACEBOOK_APP_ID'],
      ['ROSTRA_INSTAGRAM_APP_ID', 'ROSTRA_INSTAGRAM_APP_SECRET'],
      ['ROSTRA_INSTAGRAM_APP_SECRET', 'ROSTRA_INSTAGRAM_APP_ID'],
      ['ROSTRA_X_CLIENT_SECRET', 'ROSTRA_X_CLIENT_ID'],
      ['ROSTRA_REDDIT_CLIENT_ID', 'ROSTRA_REDDIT_CLIENT_SECRET'],
      ['ROSTRA_REDDIT_CLIENT_SECRET', 'ROSTRA_REDDIT_CLIENT_ID'],
    ] as const;
    for (const [given, needed] of pairs) {
      if (v[given] && !v[needed]) {
        ctx.addIssue({ code: 'custom', path: [needed], message: `required with ${given}` });
      }
    }
  });

/**
 * The variables that register each network's app, by network (see OPERATOR_APPS in @rostra/connectors): what an
 * administrator is told to set when a network is not configured yet.
 */
export const NETWORK_APP_VARIABLES: Readonly<Record<string, readonly { name: string; required: boolean }[]>> = {
  facebook: [
    { name: 'ROSTRA_FACEBOOK_APP_ID', required: true },
    { name: 'ROSTRA_FACEBOOK_APP_SECRET', required: true },
  ],
  instagram: [
    { name: 'ROSTRA_INSTAGRAM_APP_ID', required: true },
    { name: 'ROSTRA_INSTAGRAM_APP_SECRET', required: true },
  ],
  linkedin: [
    { name: 'ROSTRA_LINKEDIN_CLIENT_ID', required: true },
    { name: 'ROSTRA_LINKEDIN_CLIENT_SECRET', required: true },
  ],
  // A public client (PKCE only) has no secret; a confidential one has both.
  x: [
    { name: 'ROSTRA_X_CLIENT_ID', required: true },
    { name: 'ROSTRA_X_CLIENT_SECRET', required: false },
  ],
};

/** Listening analysis threads a worker starts unless told otherwise: one per core beside its own, at most 4. */
export function defaultAnalysisThreads(): number {
  return Math.min(4, Math.max(0, availableParallelism() - 1));
}

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  secretKey: string | undefined;
  /** The address users reach Rostra at, without a trailing slash; used in invitation links. */
  publicUrl: string;
  /** Cookies get the Secure flag when Rostra is served over HTTPS. */
  secureCookies: boolean;
  logLevel: (typeof LOG_LEVELS)[number];
  workerConcurrency: number;
  dbPoolSize: number;
  /** How long a worker holds a delivery; after a crash, another takes it over once this has passed. */
  publishLeaseMs: number;
  /** Threads analysing large listening batches beside the worker's own (0: the worker's thread alone). */
  listeningThreads: number;
  /** Crash tests only: the worker kills itself (SIGKILL) at this point of its first publish. */
  failpoint: 'before_publish' | 'after_publish' | 'after_record' | 'before_event_send' | undefined;
  /**
   * A worker's heartbeat period and the sweeps' period. A dead worker's delivery is taken over within three
   * beats and one sweep (25 s by default, within the 30 s a due post may be late); tests shorten them.
   */
  heartbeatMs: number;
  sweepMs: number;
  /** Which proxies' X-Forwarded-For gives the client address (Fastify's trustProxy); false: the socket's. */
  trustProxy: boolean | number | string[];
  /** Alert emails: the SMTP server and sender, when configured. */
  smtp: { url: string; from: string } | undefined;
  /** Network apps (X, LinkedIn, Facebook, Instagram) the operator registered. */
  connectors: ConnectorSettings;
  /** The largest media file accepted, in bytes. */
  mediaMaxBytes: number;
  /** Uploads read at once by this process, and by one workspace; more wait for a 429 with Retry-After. */
  uploadConcurrency: { perProcess: number; perWorkspace: number };
  /** What outbound requests may reach besides public addresses (ROSTRA_OUTBOUND_ALLOW); empty: public only. */
  outboundAllow: OutboundRule[];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Empty strings count as unset, as in most .env files. */
function withoutEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''),
  );
}

export function parseConfig(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): Config {
  const result = schema.safeParse(withoutEmpty(env));
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const v = result.data;
  const publicUrl = (v.PUBLIC_URL ?? `http://localhost:${v.PORT}`).replace(/\/+$/, '');
  return {
    port: v.PORT,
    host: v.HOST,
    dataDir: path.resolve(cwd, v.ROSTRA_DATA_DIR),
    databaseUrl: v.DATABASE_URL,
    redisUrl: v.REDIS_URL,
    secretKey: v.ROSTRA_SECRET_KEY,
    publicUrl,
    secureCookies: publicUrl.startsWith('https:'),
    logLevel: v.LOG_LEVEL,
    workerConcurrency: v.ROSTRA_WORKER_CONCURRENCY,
    // Every running job may hold a connection; a few more serve the API and the heartbeat.
    dbPoolSize: v.ROSTRA_DB_POOL_SIZE ?? Math.max(10, v.ROSTRA_WORKER_CONCURRENCY + 4),
    publishLeaseMs: v.ROSTRA_PUBLISH_LEASE_MS,
    listeningThreads: v.ROSTRA_LISTENING_THREADS ?? defaultAnalysisThreads(),
    failpoint: v.ROSTRA_FAILPOINT,
    heartbeatMs: v.ROSTRA_HEARTBEAT_MS,
    sweepMs: v.ROSTRA_SWEEP_MS,
    trustProxy: v.ROSTRA_TRUST_PROXY ?? false,
    smtp: v.ROSTRA_SMTP_URL ? { url: v.ROSTRA_SMTP_URL, from: v.ROSTRA_SMTP_FROM } : undefined,
    connectors: {
      reddit: {
        // Reddit's format: <platform>:<app id>:<version> (by /u/<name>); the public URL identifies the instance.
        userAgent: `server:rostra:0.1 (self-hosted; +${publicUrl})`,
        ...(v.ROSTRA_REDDIT_CLIENT_ID &&
          v.ROSTRA_REDDIT_CLIENT_SECRET && {
            clientId: v.ROSTRA_REDDIT_CLIENT_ID,
            clientSecret: v.ROSTRA_REDDIT_CLIENT_SECRET,
          }),
      },
      ...(v.ROSTRA_X_CLIENT_ID && {
        x: {
          clientId: v.ROSTRA_X_CLIENT_ID,
          ...(v.ROSTRA_X_CLIENT_SECRET && { clientSecret: v.ROSTRA_X_CLIENT_SECRET }),
        },
      }),
      ...(v.ROSTRA_LINKEDIN_CLIENT_ID &&
        v.ROSTRA_LINKEDIN_CLIENT_SECRET && {
          linkedin: { clientId: v.ROSTRA_LINKEDIN_CLIENT_ID, clientSecret: v.ROSTRA_LINKEDIN_CLIENT_SECRET },
        }),
      ...(v.ROSTRA_FACEBOOK_APP_ID &&
        v.ROSTRA_FACEBOOK_APP_SECRET && {
          facebook: { appId: v.ROSTRA_FACEBOOK_APP_ID, appSecret: v.ROSTRA_FACEBOOK_APP_SECRET },
        }),
      ...(v.ROSTRA_INSTAGRAM_APP_ID &&
        v.ROSTRA_INSTAGRAM_APP_SECRET && {
          instagram: { appId: v.ROSTRA_INSTAGRAM_APP_ID, appSecret: v.ROSTRA_INSTAGRAM_APP_SECRET },
        }),
    },
    mediaMaxBytes: v.ROSTRA_MEDIA_MAX_BYTES,
    uploadConcurrency: {
      perProcess: v.ROSTRA_UPLOAD_CONCURRENCY,
      perWorkspace: v.ROSTRA_UPLOAD_CONCURRENCY_PER_WORKSPACE,
    },
    outboundAllow: v.ROSTRA_OUTBOUND_ALLOW ?? [],
  };
}
