// A whole Bluesky network on loopback for inbox tests: @atproto/dev-env's TestNetwork — PLC, a PDS and the AppView
// (which needs PostgreSQL and Redis, named by ROSTRA_TEST_DATABASE_URL and ROSTRA_TEST_REDIS_URL) — so replies and
// mentions posted by other accounts come back as real notifications. Its AppView and moderation tables live in
// PostgreSQL schemas of their own, dropped on close with the PDS's files.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { AtpAgent } from '@atproto/api';
import { TestNetwork } from '@atproto/dev-env';
import pg from 'pg';

/** Whether this run can start one: the AppView needs PostgreSQL and Redis. */
export const canStartAppViewNetwork = Boolean(
  process.env.ROSTRA_TEST_DATABASE_URL && process.env.ROSTRA_TEST_REDIS_URL,
);

export interface NetworkAccount {
  did: string;
  handle: string;
  agent: AtpAgent;
  /** An app password for Rostra to connect the account with. */
  appPassword: string;
}

export interface AppViewNetwork {
  pdsUrl: string;
  /** Creates an account on the PDS, signed in. */
  createAccount(name: string): Promise<NetworkAccount>;
  /** Returns once the AppView has indexed everything the PDS has written (notifications included). */
  settle(): Promise<void>;
  close(): Promise<void>;
}

let accounts = 0;

export async function startAppViewNetwork(): Promise<AppViewNetwork> {
  const databaseUrl = process.env.ROSTRA_TEST_DATABASE_URL;
  const redisUrl = process.env.ROSTRA_TEST_REDIS_URL;
  if (!databaseUrl || !redisUrl) throw new Error('ROSTRA_TEST_DATABASE_URL and ROSTRA_TEST_REDIS_URL are needed');
  // Schema names may only hold letters and underscores (the AppView checks).
  const schema = `rostra_${[...randomBytes(8)].map((byte) => String.fromCharCode(97 + (byte % 26))).join('')}`;
  const scratch = await mkdtemp(join(tmpdir(), 'rostra-bluesky-appview-'));
  const tmpdirBefore = process.env.TMPDIR;
  const redisBefore = process.env.REDIS_HOST;
  // dev-env keeps the PDS's files under os.tmpdir() and reads the Redis host from REDIS_HOST while it starts.
  process.env.TMPDIR = scratch;
  process.env.REDIS_HOST = new URL(redisUrl).host;
  let network: TestNetwork;
  try {
    network = await TestNetwork.create({ dbPostgresUrl: databaseUrl, dbPostgresSchema: schema });
  } finally {
    restore('TMPDIR', tmpdirBefore);
    restore('REDIS_HOST', redisBefore);
  }
  const pdsUrl = network.pds.url;
  return {
    pdsUrl,
    async createAccount(name) {
      accounts += 1;
      const handle = `${name}-${accounts}.test`;
      const agent = new AtpAgent({ service: pdsUrl });
      await agent.createAccount({ handle, email: `${name}-${accounts}@mairie.test`, password: 'mot-de-passe' });
      const appPassword = (await agent.com.atproto.server.createAppPassword({ name: 'Rostra' })).data.password;
      return { did: agent.session?.did ?? '', handle, agent, appPassword };
    },
    settle: () => network.processAll(),
    async close() {
      await network.close();
      await rm(scratch, { recursive: true, force: true });
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        for (const prefix of ['appview', 'ozone'])
          await client.query(`DROP SCHEMA IF EXISTS ${prefix}_${schema} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
