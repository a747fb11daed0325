// `npm run check`: the API types up to date, every TypeScript project type-checked and linted, every file
// formatted. Two lanes (the machine's cores): the type check with ESLint on the programs it has just checked
// (scripts/typecheck.ts --lint, one process, the longest step) beside the API types check then Prettier.
// Each step's output is printed whole when it ends, with its time; the exit code is non-zero when any step fails.
import { spawn } from 'node:child_process';

const LANES: string[][][] = [[['typecheck', '--', '--lint']], [['api-types:check'], ['format:check']]];

/** Runs one npm script; resolves to whether it succeeded. */
function run(args: string[]): Promise<boolean> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('close', (code) => {
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      process.stdout.write(`== npm run ${args.join(' ')}: ${code === 0 ? 'ok' : 'FAILED'} (${seconds} s)\n${output}`);
      resolve(code === 0);
    });
  });
}

async function lane(steps: string[][]): Promise<boolean> {
  let ok = true;
  for (const step of steps) ok = (await run(step)) && ok;
  return ok;
}

const results = await Promise.all(LANES.map(lane));
process.exit(results.every(Boolean) ? 0 : 1);
