// Benchmark: requests/s and p99 latency of an authenticated list endpoint (GET …/members with an API key),
// on SQLite and on PostgreSQL, in one run. The server is pinned to one core, the load generator
// (autocannon, a separate process) to the other.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, runCli, startRostra, waitForHttp } from '../apps/server/test/helpers/processes.js';
import { BENCH_POSTGRES_URL, createScratchPostgres } from './scratch-postgres.js';

export interface ApiBenchResult {
  database: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
}

const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = 32;
const MEMBERS = 25;

function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function autocannon(url: string, apiKey: string, core: string | undefined): Promise<Record<string, unknown>> {
  const bin = path.resolve('node_modules/.bin/autocannon');
  const args = ['-c', String(CONNECTIONS), '-d', String(DURATION_S), '-j', '-H', `authorization=Bearer ${apiKey}`, url];
  const [cmd, cmdArgs] = core ? ['taskset', ['-c', core, bin, ...args]] : [bin, args];
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, cmdArgs as string[]);
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', () => {
      try {
        resolve(JSON.parse(out) as Record<string, unknown>);
      } catch (error) {
        reject(new Error(`autocannon printed no JSON: ${out.slice(0, 500)}`, { cause: error }));
      }
    });
  });
}

async function benchOne(label: string, databaseUrl: string | undefined): Promise<ApiBenchResult> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'rostra-bench-'));
  const env: Record<string, string> = { ROSTRA_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  try {
    await runCli(
      ['setup', '--email', 'bench@rostra.test', '--password-stdin', '--workspace', 'Bench'],
      env,
      'bench-password\n',
    );
    for (let i = 0; i < MEMBERS; i++) {
      await runCli(
        ['user', 'add', '--email', `m${i}@rostra.test`, '--password-stdin', '--role', 'viewer'],
        env,
        'member-password\n',
      );
    }
    const key = JSON.parse((await runCli(['apikey', 'create', '--role', 'viewer', '--json'], env)).stdout) as {
      key: string;
      workspaceId: string;
    };
    const port = await freePort();
    const pin = hasTaskset();
    const serverEnv = { ...env, PORT: String(port), HOST: '127.0.0.1' };
    const server = pin ? startRostraPinned(serverEnv, '0') : startRostra(['run', '--role', 'api'], serverEnv);
    try {
      const base = `http://127.0.0.1:${port}`;
      await waitForHttp(`${base}/api/setup`, server);
      const url = `${base}/api/workspaces/${key.workspaceId}/members`;
      await autocannon(url, key.key, pin ? '1' : undefined).catch(() => undefined); // warm-up run, discarded
      const result = await autocannon(url, key.key, pin ? '1' : undefined);
      const requests = result.requests as { average: number };
      const latency = result.latency as { p50: number; p99: number };
      return {
        database: label,
        requestsPerSecond: Math.round(requests.average),
        p50Ms: latency.p50,
        p99Ms: latency.p99,
        errors: Number(result.errors ?? 0),
        non2xx: Number(result.non2xx ?? 0),
      };
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The API process alone on core 0 (taskset), so the figure is what one core serves. */
function startRostraPinned(env: Record<string, string>, core: string) {
  return startRostra(['run', '--role', 'api'], env, ['taskset', '-c', core]);
}

export async function runApiBench(): Promise<ApiBenchResult[]> {
  const results: ApiBenchResult[] = [await benchOne('SQLite (embedded)', undefined)];
  const adminUrl = BENCH_POSTGRES_URL;
  const pgDb = await createScratchPostgres(adminUrl);
  if (pgDb) {
    try {
      results.push(await benchOne('PostgreSQL', pgDb.url));
    } finally {
      await pgDb.drop();
    }
  } else {
    console.log(`(PostgreSQL not reachable at ${adminUrl}: skipped; set BENCH_DATABASE_URL)`);
  }
  return results;
}
