// Three groups of test files, run one group after the other, tuned for a 2-core machine:
// - unit: in-process tests (SQLite, PostgreSQL, Redis, fakes on loopback), two files at a time, without isolation:
//   each worker imports the server's module graph once instead of once per file (import was most of each file's
//   time; the group takes about half as long). No unit test mocks modules, fakes timers or stubs globals, and each
//   builds its own app, database and fakes; a file that needs a fresh module graph belongs in another group;
// - integration: files that start `rostra` processes, Chromium, a Bluesky PDS or WordPress, two at a time (most
//   of their time is spent waiting on those processes, so two of them overlap well);
// - crash: the crash-safety files, two at a time: each kills worker processes and waits on the product's own lease
//   and sweep timings (mostly idle), on its own Redis db; they hold their 30 s bound side by side;
// - serial: scale-out tests, which measure throughput across processes and must have the machine to themselves.
// Every database test makes its own database, and each Redis test its own db number or key prefix, so files in
// one group do not see each other's data.
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

const ALL = [
  'packages/*/src/**/*.test.ts',
  'apps/*/src/**/*.test.ts',
  'apps/*/test/**/*.test.ts',
  'apps/web/e2e/**/*.test.ts',
];

const CRASH = ['apps/server/test/crash-*.test.ts'];
const SERIAL = ['apps/server/test/scale-out*.test.ts'];

const INTEGRATION = [
  'apps/web/e2e/**/*.test.ts',
  'apps/server/test/cli.test.ts',
  'apps/server/test/listening-cli.test.ts',
  'apps/server/test/plan-cli.test.ts',
  'apps/server/test/ambassador-cli.test.ts',
  'apps/server/test/strategy-cli.test.ts',
  'apps/server/test/charter-cli.test.ts',
  'apps/server/test/inbox-cli.test.ts',
  'apps/server/test/inbox-automation-cli.test.ts',
  'apps/server/test/inbox-bluesky.test.ts',
  'packages/connectors/src/bluesky/bluesky.test.ts',
  'packages/connectors/src/bluesky/inbox.test.ts',
  'packages/connectors/src/wordpress/wordpress.test.ts',
];

// Suites `npm test` skips on this machine (scripts/test.ts: no Chromium, no WordPress), comma-separated globs.
const SKIPPED = (process.env.ROSTRA_TEST_EXCLUDE ?? '').split(',').filter(Boolean);

const shared = {
  // Tests reach their fakes on loopback: allowed here, refused by default (packages/connectors/src/outbound.ts).
  setupFiles: ['packages/connectors/src/testing/outbound-test-setup.ts'],
  testTimeout: 30_000,
  hookTimeout: 120_000,
  pool: 'forks',
} as const;

function project(
  name: string,
  groupOrder: number,
  maxWorkers: number,
  include: string[],
  exclude: string[] = [],
  globalSetup: string[] = [],
  isolate = true,
): TestProjectInlineConfiguration {
  return {
    extends: false,
    test: {
      ...shared,
      name,
      include,
      exclude: [...exclude, ...SKIPPED],
      maxWorkers,
      isolate,
      sequence: { groupOrder },
      globalSetup,
    },
  };
}

// Files that start `rostra` processes run the compiled server, built once per run.
const BUILD_SERVER = ['apps/server/test/helpers/build-server.global-setup.ts'];

export default defineConfig({
  test: {
    projects: [
      project('unit', 0, 2, ALL, [...INTEGRATION, ...CRASH, ...SERIAL, '**/node_modules/**'], [], false),
      project('integration', 1, 2, INTEGRATION, [], BUILD_SERVER),
      project('crash', 2, 2, CRASH, [], BUILD_SERVER),
      project('serial', 3, 1, SERIAL, [], BUILD_SERVER),
    ],
  },
});
