#!/usr/bin/env node
// The `rostra` command. Runs the compiled server (dist/server, built by `npm run build`) when it is newer than
// every source file it was built from; otherwise loads the TypeScript sources through tsx, so that a checkout
// being edited never runs a stale build.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = fileURLToPath(new URL('../dist/server/cli.js', import.meta.url));
const sourceDirs = [
  '../src',
  '../../../packages/core/src',
  '../../../packages/store/src',
  '../../../packages/connectors/src',
]
  .map((dir) => fileURLToPath(new URL(dir, import.meta.url)))
  .filter((dir) => existsSync(dir));

/** The newest modification time under `dir` (a few hundred files: a few milliseconds). */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || entry.name.endsWith('.test.ts')) continue;
    latest = Math.max(latest, statSync(`${entry.parentPath}/${entry.name}`).mtimeMs);
  }
  return latest;
}

function compiledIsFresh() {
  if (process.env.ROSTRA_FROM_SOURCE === '1' || !existsSync(compiled)) return false;
  const built = statSync(compiled).mtimeMs;
  return sourceDirs.every((dir) => newest(dir) <= built);
}

let main;
if (compiledIsFresh()) {
  ({ main } = await import(compiled));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli.ts'));
}
await main(process.argv);
