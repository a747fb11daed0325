// Benchmark: how fast `rostra` starts, compiled (dist/server, esbuild) versus the TypeScript sources through tsx,
// side by side in one run: `rostra --help`, `rostra post list --json` on a set-up SQLite data directory, and
// `rostra run` until /api/health answers, with the server's resident memory then. Medians of a few runs.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildServer } from '../apps/server/scripts/build.js';
import {
  freePort,
  runCli,
  startRostra,
  waitForHttp,
  ROSTRA_BIN,
  REPO_ROOT,
} from '../apps/server/test/helpers/processes.js';
import { childEnv } from '../apps/server/test/helpers/child-env.js';

const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 5);
const MODES = [
  { label: 'compiled (dist/server)', env: {} },
  { label: 'sources through tsx', env: { ROSTRA_FROM_SOURCE: '1' } },
] as const;

type Row = Record<string, string | number>;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Wall time of one `rostra <args>` from spawn to exit, in ms; fails if it exits non-zero. */
function timeCommand(args: string[], env: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [ROSTRA_BIN, ...args], {
      cwd: REPO_ROOT,
      env: childEnv(env),
      stdio: 'ignore',
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(performance.now() - started) : reject(new Error(`rostra ${args.join(' ')}: exit ${code}`)),
    );
  });
}

function residentMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
  return line ? Math.round(Number(line[1]) / 1024) : 0;
}

async function serverStart(env: Record<string, string>): Promise<{ ms: number; rssMb: number }> {
  const port = await freePort();
  const started = performance.now();
  const proc = startRostra(['run'], { ...env, PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}` });
  try {
    await waitForHttp(`http://127.0.0.1:${port}/api/health`, proc, 200, 60_000);
    const ms = performance.now() - started;
    return { ms, rssMb: proc.child.pid ? residentMb(proc.child.pid) : 0 };
  } finally {
    await proc.stop();
  }
}

export async function runStartupBench(): Promise<Row[]> {
  await buildServer({ quiet: true });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'rostra-bench-startup-'));
  const base = { ROSTRA_DATA_DIR: dataDir, LOG_LEVEL: 'error' };
  try {
    const setup = await runCli(
      ['setup', '--email', 'bench@ville.test', '--password-stdin'],
      base,
      'un mot de passe assez long\n',
    );
    if (setup.code !== 0) throw new Error(`rostra setup failed: ${setup.stderr}`);
    const rows: Row[] = [];
    for (const mode of MODES) {
      const env = { ...base, ...mode.env };
      const help: number[] = [];
      const list: number[] = [];
      const server: Array<{ ms: number; rssMb: number }> = [];
      for (let i = 0; i < RUNS; i++) {
        help.push(await timeCommand(['--help'], env));
        list.push(await timeCommand(['post', 'list', '--json'], env));
        server.push(await serverStart(env));
      }
      const helpMs = Math.round(median(help));
      const listMs = Math.round(median(list));
      rows.push({
        mode: mode.label,
        '--help ms': helpMs,
        'post list --json ms': listMs,
        'run → /api/health ms': Math.round(median(server.map((s) => s.ms))),
        'server RSS MB': median(server.map((s) => s.rssMb)),
        'goal CLI < 1000 ms': mode.env === MODES[0].env ? (Math.max(helpMs, listMs) < 1000 ? 'met' : 'MISSED') : '—',
      });
    }
    return rows;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
