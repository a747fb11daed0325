// `npm run bench`: runs every benchmark and prints its figures beside the goal it is measured against.
import { runApiBench } from './api.js';

function table(rows: Array<Record<string, string | number>>): string {
  const headers = Object.keys(rows[0] ?? {});
  const widths = headers.map((h) => Math.max(h.length, ...rows.map((r) => String(r[h]).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] as number)).join('  ');
  return [
    line(headers),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map((r) => line(headers.map((h) => String(r[h])))),
  ].join('\n');
}

async function main(): Promise<void> {
  console.log('Rostra benchmarks\n');
  console.log('API: GET /api/workspaces/:id/members with a Bearer API key (25 members), 32 connections');
  console.log('Server pinned to one core (taskset), autocannon in a separate process on the other.');
  const api = await runApiBench();
  console.log(
    table(
      api.map((r) => ({
        database: r.database,
        'req/s': r.requestsPerSecond,
        'p50 ms': r.p50Ms,
        'p99 ms': r.p99Ms,
        errors: r.errors + r.non2xx,
        'goal ≥ 2000 req/s': r.database.startsWith('SQLite') ? (r.requestsPerSecond >= 2000 ? 'met' : 'MISSED') : '—',
      })),
    ),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
