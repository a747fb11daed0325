// `npm test`: runs every suite this machine can run, and skips each one it cannot with one line naming the
// missing part and the command that installs it, so that a clean machine never gets a red run.
// As root with apt, it first installs the Debian packages the tests use (as .ci/run does). PostgreSQL and Redis
// suites run when a server answers on the usual local port (or ROSTRA_TEST_DATABASE_URL / ROSTRA_TEST_REDIS_URL
// name one). Arguments are passed on to Vitest.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';

const DEFAULT_POSTGRES = 'postgres://postgres@127.0.0.1:5432/postgres';
const DEFAULT_REDIS = 'redis://127.0.0.1:6379/15';

const has = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
const hasChromium = () => has('chromium');
const hasEmojiFont = () => spawnSync('dpkg', ['-s', 'fonts-noto-color-emoji'], { stdio: 'ignore' }).status === 0;
const hasWordPress = () => existsSync('/usr/share/wordpress/wp-includes/version.php');

function provision(): void {
  if (process.getuid?.() !== 0 || !has('apt-get')) return;
  const missing = [
    ...(hasChromium() ? [] : ['chromium']),
    ...(hasEmojiFont() ? [] : ['fonts-noto-color-emoji']),
    ...(hasWordPress() ? [] : ['wordpress']),
  ];
  if (missing.length === 0) return;
  const install = ['install', '-y', '--no-install-recommends', ...missing];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    execFileSync('apt-get', install, { stdio: 'inherit', env });
  } catch {
    try {
      execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
      execFileSync('apt-get', install, { stdio: 'inherit', env });
    } catch {
      // Offline or no such package: the suites that need them are skipped below.
    }
  }
}

/** Whether something accepts TCP connections at the URL's host and port, within a second. */
function reachable(url: string, defaultPort: number): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname.replace(/^\[|\]$/g, ''), port: Number(port || defaultPort) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

provision();

const env = { ...process.env };
const exclude: string[] = [];
const skipped: string[] = [];

const postgres = env.ROSTRA_TEST_DATABASE_URL ?? DEFAULT_POSTGRES;
if (await reachable(postgres, 5432)) env.ROSTRA_TEST_DATABASE_URL = postgres;
else {
  delete env.ROSTRA_TEST_DATABASE_URL;
  skipped.push(`PostgreSQL suites skipped: no server at ${postgres} (apt-get install postgresql)`);
}
const redis = env.ROSTRA_TEST_REDIS_URL ?? DEFAULT_REDIS;
if (await reachable(redis, 6379)) env.ROSTRA_TEST_REDIS_URL = redis;
else {
  delete env.ROSTRA_TEST_REDIS_URL;
  skipped.push(`Redis suites skipped: no server at ${redis} (apt-get install redis-server)`);
}
if (!hasChromium()) {
  exclude.push('apps/web/e2e/**');
  skipped.push('Browser suites (apps/web/e2e) skipped: no chromium (apt-get install chromium fonts-noto-color-emoji)');
}
if (!hasWordPress()) {
  exclude.push('packages/connectors/src/wordpress/wordpress.test.ts');
  skipped.push('WordPress suite skipped: no /usr/share/wordpress (apt-get install wordpress)');
}
for (const line of skipped) console.log(line);

env.ROSTRA_TEST_EXCLUDE = exclude.join(',');
const vitest = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env,
});
process.exit(vitest.status ?? 1);
