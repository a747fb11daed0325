// `npm run typecheck`: every TypeScript project of the repository, two at a time (the machine's cores), each
// incremental (its .tsbuildinfo under node_modules/.cache/rostra-tsc: a second run re-checks only what changed).
// Each project's errors are printed together; the exit code is non-zero when any project fails.
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';

const PROJECTS = [
  'apps/server', // the largest first: it also checks the packages' sources it imports
  'apps/web',
  'packages/connectors',
  'packages/store',
  'packages/core',
  'packages/core/tsconfig.test.json',
  'apps/web/e2e',
  'apps/web/tsconfig.node.json',
  'bench',
  'scripts',
];

function check(project: string): Promise<{ project: string; ok: boolean; output: string; ms: number }> {
  const started = performance.now();
  const buildInfo = `node_modules/.cache/rostra-tsc/${project.replaceAll('/', '-')}.tsbuildinfo`;
  const args = ['node_modules/typescript/bin/tsc', '-p', project, '--noEmit', '--incremental'];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...args, '--tsBuildInfoFile', buildInfo], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('close', (code) => resolve({ project, ok: code === 0, output, ms: performance.now() - started }));
  });
}

const queue = [...PROJECTS];
let failed = false;
async function lane(): Promise<void> {
  for (let project = queue.shift(); project; project = queue.shift()) {
    const result = await check(project);
    process.stdout.write(
      `tsc -p ${result.project}: ${result.ok ? 'ok' : 'FAILED'} (${(result.ms / 1000).toFixed(1)} s)\n`,
    );
    if (!result.ok) {
      failed = true;
      process.stdout.write(result.output);
    }
  }
}
await Promise.all(Array.from({ length: Math.min(2, availableParallelism()) }, lane));
process.exit(failed ? 1 : 0);
