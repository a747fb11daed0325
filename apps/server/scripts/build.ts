// Builds the server for production: one esbuild bundle of the CLI (which runs the API, the workers and every
// command) and of the analysis thread. `bin/rostra.js` runs this output when it is newer than the sources; tests start processes from it.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// Left as imports from node_modules: native addons, and packages that load files or worker threads from their own
// directory (pino's transports, BullMQ's scripts, the Swagger UI's and the static plugin's assets, pdfkit's font data). Everything else is
// inlined, which is what makes the CLI start fast: one file to parse instead of a thousand to resolve and read.
const EXTERNAL = [
  'better-sqlite3',
  '@node-rs/argon2',
  'pg-native',
  'bullmq',
  'pino',
  'thread-stream',
  'pino-pretty',
  '@fastify/swagger-ui',
  '@fastify/static',
  // Reads its standard fonts' metrics (.afm) from its own data directory.
  'pdfkit',
];

// dist/server/ sits as deep under apps/server as src/http/ does, so paths built from import.meta.url
// (apps/web/dist, see http/app.ts) resolve the same from the sources and from the bundle.
export const OUT_DIR = `${root}dist/server`;

export async function buildServer({ quiet = false }: { quiet?: boolean } = {}): Promise<void> {
  await rm(`${root}dist`, { recursive: true, force: true });
  const started = performance.now();
  await build({
    absWorkingDir: root,
    entryPoints: { cli: 'src/cli.ts', 'analysis-thread': 'src/listening/analysis-thread.ts' },
    outdir: OUT_DIR,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: EXTERNAL.flatMap((name) => [name, `${name}/*`]),
    // CommonJS packages inlined into this ES module still call require().
    banner: {
      js: "import { createRequire as __rostraRequire } from 'node:module'; const require = __rostraRequire(import.meta.url);",
    },
    sourcemap: true,
    logLevel: quiet ? 'warning' : 'info',
  });
  if (!quiet) process.stdout.write(`server built in ${Math.round(performance.now() - started)} ms: ${OUT_DIR}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildServer();
