// A real WordPress for tests: WordPress Playground (PHP compiled to WebAssembly, SQLite) serving the WordPress
// core of Debian's `wordpress` package, installed offline in about ten seconds, with an administrator and an
// author who each hold an application password. https://wordpress.github.io/wordpress-playground/developers/local-development/wp-playground-cli
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Where Debian's `wordpress` package puts WordPress core. */
export const DEBIAN_WORDPRESS_DIR = '/usr/share/wordpress';

export interface WordPressTestUser {
  id: number;
  username: string;
  applicationPassword: string;
}

export interface WordPressTestServer {
  /** The site's address as WordPress knows it: https, as production sites are reached. */
  siteUrl: string;
  /** Where the plain-HTTP server really listens. */
  httpUrl: string;
  admin: WordPressTestUser;
  /** A user with the `author` role: may publish and upload, may not create categories or tags. */
  author: WordPressTestUser;
  /**
   * A fetch that reaches `siteUrl` by terminating TLS in front of the server, as a site's proxy would: pass it
   * to `createWordPressConnector({ fetch })`. Any other address goes to the real fetch.
   */
  fetch: typeof fetch;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 120_000;

/**
 * Starts WordPress on a free port. WordPress thinks it is served at https://127.0.0.1:<port> (so post links are
 * https, as in production); `fetch` rewrites that to the http listener. Throws a clear error when Debian's
 * `wordpress` package is missing, since Playground must not download WordPress.
 */
export async function startWordPressServer(): Promise<WordPressTestServer> {
  if (!existsSync(join(DEBIAN_WORDPRESS_DIR, 'wp-includes', 'version.php'))) {
    throw new Error(
      `The WordPress tests need WordPress core from Debian's "wordpress" package at ${DEBIAN_WORDPRESS_DIR} ` +
        '(apt-get install wordpress); it is missing, and Playground must not download WordPress.',
    );
  }
  const workDir = mkdtempSync(join(tmpdir(), 'rostra-wordpress-'));
  const wordpressDir = join(workDir, 'wordpress');
  const outDir = join(workDir, 'out');
  mkdirSync(outDir);
  // Debian's copy is read-only, its symlinks point into /usr/share/php and /etc, and its wp-config.php reads
  // /etc/wordpress: a writable, dereferenced copy without it lets Playground write its own (SQLite) config.
  cpSync(DEBIAN_WORDPRESS_DIR, wordpressDir, {
    recursive: true,
    dereference: true,
    filter: (source) => !/[/\\](?:wp-config\.php|\.htaccess)$/.test(source),
  });
  const port = await findFreePort();
  const siteUrl = `https://127.0.0.1:${port}`;
  const httpUrl = `http://127.0.0.1:${port}`;
  const blueprintPath = join(workDir, 'blueprint.json');
  writeFileSync(blueprintPath, JSON.stringify(makeBlueprint()));

  const child = spawn(
    process.execPath,
    [
      resolveCliScript(),
      'server',
      `--port=${port}`,
      `--site-url=${siteUrl}`,
      '--php=8.2',
      `--mount-before-install=${wordpressDir}:/wordpress`,
      `--mount=${outDir}:/rostra-out`,
      '--wordpress-install-mode=install-from-existing-files',
      `--blueprint=${blueprintPath}`,
      // One worker: the tests send one request at a time, and the machine's cores are shared.
      '--workers=1',
      '--verbosity=quiet',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));

  const stop = async () => {
    await stopChild(child);
    rmSync(workDir, { recursive: true, force: true });
  };
  try {
    const users = await waitForReady(child, httpUrl, join(outDir, 'users.json'), output);
    return {
      siteUrl,
      httpUrl,
      admin: users.admin,
      author: users.author,
      fetch: createTlsTerminator(siteUrl, httpUrl),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function resolveCliScript(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@wp-playground/cli/package.json')), 'wp-playground.js');
}

/**
 * Application passwords need HTTPS unless WP_ENVIRONMENT_TYPE is `local` (wp_is_application_passwords_available);
 * Playground serves HTTP, so the constant is set. The passwords are written outside the web root.
 * https://developer.wordpress.org/reference/functions/wp_is_application_passwords_available/
 */
function makeBlueprint(): unknown {
  const php = `<?php
require '/wordpress/wp-load.php';
$author_id = wp_insert_user(array('user_login' => 'autrice', 'user_pass' => wp_generate_password(24), 'user_email' => 'autrice@example.org', 'role' => 'author'));
if (is_wp_error($author_id)) { throw new Exception($author_id->get_error_message()); }
$users = array();
foreach (array('admin' => 1, 'author' => $author_id) as $key => $id) {
  $created = WP_Application_Passwords::create_new_application_password($id, array('name' => 'Rostra tests'));
  if (is_wp_error($created)) { throw new Exception($created->get_error_message()); }
  $users[$key] = array('id' => $id, 'username' => get_userdata($id)->user_login, 'applicationPassword' => $created[0]);
}
file_put_contents('/rostra-out/users.json', json_encode($users));
`;
  return {
    steps: [
      // No cron: WordPress would spawn a loopback request to wp-cron.php after requests, doubling the work.
      { step: 'defineWpConfigConsts', consts: { WP_ENVIRONMENT_TYPE: 'local', DISABLE_WP_CRON: true } },
      // Pretty permalinks, as most sites have: /wp-json/ then exists.
      { step: 'setSiteOptions', options: { permalink_structure: '/%year%/%monthnum%/%day%/%postname%/' } },
      { step: 'runPHP', code: php },
    ],
  };
}

async function waitForReady(
  child: ChildProcess,
  httpUrl: string,
  usersFile: string,
  output: string[],
): Promise<{ admin: WordPressTestUser; author: WordPressTestUser }> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`WordPress Playground stopped before it was ready:\n${output.join('').slice(-4000)}`);
    }
    if (existsSync(usersFile)) {
      const answer = await fetch(`${httpUrl}/wp-json/`).catch(() => undefined);
      if (answer?.ok) return JSON.parse(readFileSync(usersFile, 'utf8')) as never;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`WordPress Playground was not ready after ${READY_TIMEOUT_MS} ms:\n${output.join('').slice(-4000)}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const forced = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(forced);
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function createTlsTerminator(siteUrl: string, httpUrl: string): typeof fetch {
  return (input, init) => {
    const url = input instanceof Request ? input.url : input.toString();
    const target = url.startsWith(siteUrl) ? httpUrl + url.slice(siteUrl.length) : url;
    return fetch(input instanceof Request ? new Request(target, input) : target, init);
  };
}
