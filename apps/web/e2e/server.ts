// Starts the real Rostra server on a free port with a throwaway data directory,
// so browser tests exercise the same binary that ships.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { childEnv } from '../../server/test/helpers/child-env.js';

export const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

export interface RunningServer {
  baseUrl: string;
  /** The server's data directory (its SQLite database), for tests that seed what no route writes. */
  dataDir: string;
  /** Everything the server printed, to explain failures. */
  readLogs: () => string;
  /** Moves the server's clock `ms` ahead of the wall clock (only with `testClock: true`, see test-clock.mjs). */
  setClockOffset: (ms: number) => Promise<void>;
  stop: () => Promise<void>;
}

async function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      if (!address || typeof address === 'string') {
        reject(new Error('Could not determine a free port'));
        return;
      }
      probe.close(() => resolvePort(address.port));
    });
  });
}

async function waitForHealth(baseUrl: string, child: ChildProcess, readLogs: () => string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`Server exited early with code ${child.exitCode}:\n${readLogs()}`);
    }
    try {
      // Any HTTP answer means the server is listening; "degraded" is still usable for UI tests.
      await fetch(`${baseUrl}/api/health`);
      return;
    } catch {
      // Not listening yet.
    }
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error(`Server did not answer /api/health within ${timeoutMs} ms:\n${readLogs()}`);
}

export interface ServerOptions {
  /** Starts the server with a clock the test can move ahead (test-clock.mjs). */
  testClock?: boolean;
  /** More environment for the server (e.g. ROSTRA_SMTP_URL). */
  env?: Record<string, string>;
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  if (!existsSync(join(repoRoot, 'apps/web/dist/index.html'))) {
    throw new Error('apps/web/dist is missing: run `npm run build` before the browser tests');
  }
  const port = await findFreePort();
  const dataDir = await mkdtemp(join(tmpdir(), 'rostra-e2e-data-'));
  const baseUrl = `http://127.0.0.1:${port}`;
  let logs = '';
  const clock = options.testClock ? ['--import', fileURLToPath(new URL('./test-clock.mjs', import.meta.url))] : [];
  const child = spawn(process.execPath, [...clock, 'apps/server/bin/rostra.js', 'run'], {
    cwd: repoRoot,
    env: childEnv({
      PORT: String(port),
      ROSTRA_DATA_DIR: dataDir,
      PUBLIC_URL: baseUrl,
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      ...options.env,
    }),
    stdio: ['ignore', 'pipe', 'pipe', ...(options.testClock ? (['ipc'] as const) : [])],
  });
  child.stdout?.on('data', (chunk: Buffer) => (logs += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (logs += chunk.toString()));
  const readLogs = () => logs.slice(-20_000);

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((done) => child.once('exit', () => done()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    await rm(dataDir, { recursive: true, force: true });
  };

  try {
    await waitForHealth(baseUrl, child, readLogs, 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  const setClockOffset = (ms: number) =>
    new Promise<void>((done, reject) => {
      if (!options.testClock || !child.send) return reject(new Error('started without testClock'));
      child.once('message', () => done());
      child.send({ clockOffsetMs: ms });
    });
  return { baseUrl, dataDir, readLogs, setClockOffset, stop };
}
