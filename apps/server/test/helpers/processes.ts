// Runs the real `rostra` command in child processes, as a user or an operator would.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { childEnv } from './child-env.js';

export const ROSTRA_BIN = fileURLToPath(new URL('../../bin/rostra.js', import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `rostra <args>`; `input` is written to its standard input, which is then closed (no terminal). */
export function runCli(args: string[], env: Record<string, string>, input?: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ROSTRA_BIN, ...args], { cwd: REPO_ROOT, env: childEnv(env) });
    child.stdin.end(input);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export interface RostraProcess {
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** Starts `rostra <args>`; `wrapper` prefixes the command (e.g. `taskset -c 0` to pin it to a core). */
export function startRostra(args: string[], env: Record<string, string>, wrapper: string[] = []): RostraProcess {
  const [command, ...rest] = [...wrapper, process.execPath, ROSTRA_BIN, ...args] as [string, ...string[]];
  const child = spawn(command, rest, { cwd: REPO_ROOT, env: childEnv(env) });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  return {
    child,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}

/** Polls `url` until it answers `status`, or fails with what the process printed. */
export async function waitForHttp(url: string, proc: RostraProcess, status = 200, timeoutMs = 60_000): Promise<void> {
  const started = Date.now();
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.status === status) return;
    } catch {
      // Not listening yet.
    }
    if (proc.child.exitCode !== null) throw new Error(`rostra exited early:\n${proc.output()}`);
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${url}:\n${proc.output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
