// Shared by the crash-safety tests: a workspace on SQLite in a scratch directory, worker processes that kill
// themselves at a failpoint, and a healthy worker that finishes the job.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { expect } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { createAccountsService } from '../../src/accounts/service.js';
import { createPublishingEngine } from '../../src/publishing/engine.js';
import { createPublishingService } from '../../src/publishing/service.js';
import { startRostra } from './processes.js';

export interface CrashHarness {
  runtime: Runtime;
  workspaceId: string;
  connect(network: string, fields: Record<string, string>): Promise<string>;
  /** Creates a post for the channel, due now. */
  schedule(channelId: string, text: string): Promise<string>;
  /** Runs one worker process until it kills itself at `failpoint`, then waits for its lease to run out. */
  crashAt(failpoint: 'before_publish' | 'after_publish'): Promise<void>;
  /** Runs a worker without failpoint until the post is published. */
  publishWithHealthyWorker(postId: string): Promise<void>;
  close(): Promise<void>;
}

const LEASE_MS = 1500;

export async function createCrashHarness(): Promise<CrashHarness> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'rostra-crash-data-'));
  const env: Record<string, string> = {
    ROSTRA_DATA_DIR: dataDir,
    ROSTRA_SECRET_KEY: randomBytes(32).toString('hex'),
    ROSTRA_PUBLISH_LEASE_MS: String(LEASE_MS),
    LOG_LEVEL: 'error',
  };
  const runtime = await createRuntime(parseConfig(env), { log: pino({ level: 'silent' }) });
  const accounts = createAccountsService(runtime.store, { publicUrl: runtime.config.publicUrl });
  const setup = await accounts.setup(
    {
      organisation: 'Mairie',
      workspace: 'Com',
      name: 'Admin',
      email: 'admin@mairie.test',
      password: 'mot-de-passe-admin',
    },
    null,
    null,
  );
  const workspaceId = setup.workspace.id;
  await runtime.store.accounts.updateWorkspace(workspaceId, { approvalRequired: false });

  const caller = {
    userId: null,
    role: 'admin' as const,
    ctx: { actor: { type: 'system' as const, id: null, label: 'test' }, ip: null, userAgent: null },
  };
  const engine = createPublishingEngine({
    store: runtime.store,
    secrets: runtime.secrets,
    queue: runtime.queue,
    connectors: runtime.connectors,
  });
  const service = createPublishingService({
    store: runtime.store,
    secrets: runtime.secrets,
    connectors: runtime.connectors,
    engine,
  });

  return {
    runtime,
    workspaceId,
    async connect(network, fields) {
      return (await service.connectChannel(workspaceId, network, fields, caller)).id;
    },
    async schedule(channelId, text) {
      const post = await service.createPost(workspaceId, { text, channels: [{ channelId }] }, caller);
      await service.act(workspaceId, post.id, 'schedule', caller, { scheduledAt: Date.now() });
      return post.id;
    },
    async crashAt(failpoint) {
      const worker = startRostra(['run', '--role', 'worker'], { ...env, ROSTRA_FAILPOINT: failpoint });
      const signal = await new Promise<NodeJS.Signals | null>((resolve) =>
        worker.child.once('exit', (_code, s) => resolve(s)),
      );
      expect(signal, worker.output()).toBe('SIGKILL');
      // The dead worker's lease must run out before another may take the delivery over.
      await new Promise((r) => setTimeout(r, LEASE_MS + 500));
    },
    async publishWithHealthyWorker(postId) {
      const worker = startRostra(['run', '--role', 'worker'], env);
      try {
        const started = Date.now();
        for (;;) {
          const post = await runtime.store.posts.get(workspaceId, postId);
          if (post?.status === 'published') return;
          if (Date.now() - started > 60_000) {
            throw new Error(`not published (status ${post?.status}):\n${worker.output()}`);
          }
          await new Promise((r) => setTimeout(r, 200));
        }
      } finally {
        await worker.stop();
      }
    },
    async close() {
      await runtime.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
