// The quick start, for real: `rostra setup`, `rostra apikey create --json`, `rostra run`, then curl-like calls.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore, openDatabase } from '@rostra/store';
import { freePort, runCli, startRostra, waitForHttp, type RostraProcess } from './helpers/processes.js';

let dataDir: string;
let env: Record<string, string>;
let server: RostraProcess | undefined;

beforeAll(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'rostra-cli-'));
  env = { ROSTRA_DATA_DIR: dataDir };
});

afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('rostra CLI', { timeout: 180_000 }, () => {
  it('reports every configuration problem at once and exits', async () => {
    const result = await runCli(['workspace', 'list'], {
      ...env,
      PORT: 'eighty',
      DATABASE_URL: 'mysql://x',
      PUBLIC_URL: 'ftp://x',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Invalid configuration');
    expect(result.stderr).toContain('PORT');
    expect(result.stderr).toContain('DATABASE_URL');
    expect(result.stderr).toContain('PUBLIC_URL');
  });

  it('asks for setup before anything else, and refuses short, common and personal passwords', async () => {
    const list = await runCli(['apikey', 'create', '--json'], env);
    expect(list.code).toBe(1);
    expect(list.stderr).toContain('rostra setup');
    // Too short, on the common-password list, made of the email: each refused before anything is created.
    for (const password of ['short', 'Password1234!', 'dircom.ville2026']) {
      const weak = await runCli(['setup', '--email', 'dircom@ville.test', '--password-stdin'], env, `${password}\n`);
      expect(weak.code).toBe(1);
      expect(weak.stderr).toContain('weak_password');
    }
  });

  it('takes passwords from stdin or a prompt only, and says so in --help', async () => {
    const help = await runCli(['setup', '--help'], env);
    expect(help.stdout).toContain('--password-stdin');
    expect(help.stdout).toContain('deprecated');
    expect((await runCli(['user', 'add', '--help'], env)).stdout).toContain('--password-stdin');
    // No terminal and no --password-stdin: nothing to prompt on, so it stops instead of waiting.
    const noTerminal = await runCli(['setup', '--email', 'dircom@ville.test'], env);
    expect(noTerminal.code).toBe(1);
    expect(noTerminal.stderr).toContain('--password-stdin');
    const both = await runCli(['setup', '--email', 'a@b.org', '--password', 'x', '--password-stdin'], env, 'y\n');
    expect(both.code).toBe(1);
  });

  it('sets up, migrates, lists, adds users and mints API keys that work over HTTP', async () => {
    const setup = await runCli(
      ['setup', '--email', 'dircom@ville.test', '--password-stdin', '--workspace', 'Ville', '--json'],
      env,
      'mot-de-passe-long\n',
    );
    expect(setup.stderr).toBe('');
    expect(setup.code).toBe(0);
    const { workspace } = JSON.parse(setup.stdout) as { workspace: { id: string } };

    const migrate = await runCli(['db', 'migrate'], env);
    expect(migrate.stdout).toContain('up to date');

    const created = await runCli(['apikey', 'create', '--json'], env);
    expect(created.code).toBe(0);
    const key = JSON.parse(created.stdout) as { key: string; id: string; role: string; workspaceId: string };
    expect(key).toMatchObject({ role: 'admin', workspaceId: workspace.id });

    const added = await runCli(
      [
        'user',
        'add',
        '--email',
        'cm@ville.test',
        '--password',
        'mot-de-passe-cm',
        '--role',
        'community_manager',
        '--workspace',
        'Ville',
      ],
      env,
    );
    expect(added.stdout).toContain('community_manager');
    // Still accepted for old scripts, with a warning: it shows in `ps` and shell history.
    expect(added.stderr).toContain('deprecated');
    const badRole = await runCli(
      ['user', 'add', '--email', 'x@y.org', '--password-stdin', '--role', 'boss'],
      env,
      'un mot de passe solide\n',
    );
    expect(badRole.code).not.toBe(0);
    expect(badRole.stderr).toContain('--role');

    // The operator can always hand a reset link to anyone, the owner included.
    const link = await runCli(['user', 'reset-link', '--email', 'dircom@ville.test', '--json'], env);
    expect(link.code).toBe(0);
    expect((JSON.parse(link.stdout) as { url: string }).url).toMatch(/\/reset-password\/[\w-]+$/);
    expect((await runCli(['user', 'reset-link', '--email', 'nobody@ville.test'], env)).stderr).toContain('not_found');

    const workspaces = JSON.parse((await runCli(['workspace', 'list', '--json'], env)).stdout) as Array<{
      name: string;
    }>;
    expect(workspaces.map((w) => w.name)).toEqual(['Ville']);
    await runCli(['workspace', 'create', '--name', 'Office de tourisme'], env);
    const ambiguous = await runCli(['apikey', 'list'], env);
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr).toContain('--workspace');

    const port = await freePort();
    server = startRostra(['run'], { ...env, PORT: String(port), HOST: '127.0.0.1' });
    const base = `http://127.0.0.1:${port}`;
    await waitForHttp(`${base}/api/health`, server);

    const members = await fetch(`${base}/api/workspaces/${workspace.id}/members`, {
      headers: { authorization: `Bearer ${key.key}` },
    });
    expect(members.status).toBe(200);
    const body = (await members.json()) as { items: Array<{ email: string; role: string }> };
    expect(body.items.map((m) => [m.email, m.role])).toEqual([
      ['dircom@ville.test', 'admin'],
      ['cm@ville.test', 'community_manager'],
    ]);

    const keys = JSON.parse((await runCli(['apikey', 'list', '--workspace', 'Ville', '--json'], env)).stdout) as Array<{
      id: string;
      lastUsedAt: string | null;
    }>;
    expect(keys[0]?.lastUsedAt).not.toBeNull();
    const revoked = await runCli(['apikey', 'revoke', key.id, '--workspace', workspace.id], env);
    expect(revoked.code).toBe(0);
    const after = await fetch(`${base}/api/workspaces/${workspace.id}/members`, {
      headers: { authorization: `Bearer ${key.key}` },
    });
    expect(after.status).toBe(401);

    const page = await fetch(`${base}/invite/some-token`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
  });

  it('creates, lists and shows posts, and refuses to schedule one without a channel', async () => {
    const created = await runCli(
      [
        'post',
        'create',
        '--workspace',
        'Ville',
        '--text',
        'Conseil municipal ce soir à 19 h',
        '--at',
        '2030-01-01T19:00:00+01:00',
        '--json',
      ],
      env,
    );
    expect(created.stderr).toBe('');
    const post = JSON.parse(created.stdout) as {
      id: string;
      status: string;
      scheduledAt: number;
      violations: unknown[];
    };
    expect(post).toMatchObject({ status: 'draft', scheduledAt: Date.parse('2030-01-01T18:00:00Z'), violations: [] });
    const listed = JSON.parse((await runCli(['post', 'list', '--workspace', 'Ville', '--json'], env)).stdout) as Array<{
      id: string;
    }>;
    expect(listed.map((p) => p.id)).toContain(post.id);
    // Searched and filtered as in the web app: accents and case aside, the status checked by the CLI.
    const search = async (...args: string[]) =>
      (
        JSON.parse((await runCli(['post', 'list', '--workspace', 'Ville', '--json', ...args], env)).stdout) as Array<{
          id: string;
        }>
      ).map((p) => p.id);
    expect(await search('--search', 'CONSEIL municipal')).toEqual([post.id]);
    expect(await search('--search', 'conseil', '--status', 'published')).toEqual([]);
    expect(await search('--from', '2030-01-02T00:00:00Z')).toEqual([]);
    const badStatus = await runCli(['post', 'list', '--workspace', 'Ville', '--status', 'publiée'], env);
    expect(badStatus.code).not.toBe(0);
    expect(badStatus.stderr).toContain('draft, in_review');
    const shown = await runCli(['post', 'show', post.id, '--workspace', 'Ville'], env);
    expect(shown.stdout).toContain('Conseil municipal ce soir');
    const scheduled = await runCli(['post', 'schedule', post.id, '--workspace', 'Ville'], env);
    expect(scheduled.code).toBe(1);
    expect(scheduled.stderr).toContain('post_invalid');
    const channels = await runCli(['channel', 'list', '--workspace', 'Ville', '--json'], env);
    expect(JSON.parse(channels.stdout)).toEqual([]);
    const badDate = await runCli(['post', 'create', '--workspace', 'Ville', '--text', 'x', '--at', 'demain'], env);
    expect(badDate.code).not.toBe(0);
    expect(badDate.stderr).toContain('--at');
  });

  it('moves an already scheduled post with `post schedule --at`, in one step', async () => {
    const created = await runCli(
      ['post', 'create', '--workspace', 'Ville', '--text', 'Vide-grenier dimanche', '--json'],
      env,
    );
    const post = JSON.parse(created.stdout) as { id: string };
    // No network in this process: put the post on the schedule through the store, as the API would.
    const store = createStore(openDatabase({ databaseUrl: undefined, dataDir }));
    try {
      await store.posts.forceStatus(post.id, 'scheduled');
      await store.posts.update(post.id, { scheduledAt: Date.parse('2030-05-01T08:00:00Z') });
    } finally {
      await store.close();
    }
    const missing = await runCli(['post', 'schedule', post.id, '--workspace', 'Ville'], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('--at');
    const moved = await runCli(
      ['post', 'schedule', post.id, '--workspace', 'Ville', '--at', '2030-05-02T10:00:00+02:00', '--json'],
      env,
    );
    expect(moved.stderr).toBe('');
    expect(JSON.parse(moved.stdout)).toMatchObject({
      status: 'scheduled',
      scheduledAt: Date.parse('2030-05-02T08:00:00Z'),
    });
  });
});
