// Scaled publishing for real: two `rostra run --role worker` processes on PostgreSQL + Redis publish
// 1,000 posts due at the same minute to a Mastodon instance (the documented fake, over HTTP):
// every post exactly once, none lost.
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { startFakeMastodon } from '@rostra/connectors/testing';
import { createTestDatabase, testPostgresUrl, testRedisUrl } from '@rostra/store/testing';
import { parseConfig } from '../src/config.js';
import { createRuntime } from '../src/runtime.js';
import { createPublishingWorkspace } from './helpers/publishing-workspace.js';
import { startRostra } from './helpers/processes.js';

const enabled = Boolean(testPostgresUrl && testRedisUrl);
const POSTS = 1000;
const CHANNELS = 10;

describe.skipIf(!enabled)('scaled publishing on PostgreSQL + Redis', { timeout: 300_000 }, () => {
  it('two worker processes publish 1,000 posts due at the same minute, each exactly once', async () => {
    const fake = await startFakeMastodon({ responseDelayMs: 5, maxCharacters: 500 });
    // Ten accounts, as an agency or a city with its services would have: each account's own publishing budget
    // (Publisher.rateLimit) holds, and the workers still have 1,000 posts due at once.
    const tokens = Array.from({ length: CHANNELS }, (_, i) => fake.createAccount(`service${i}`).accessToken);
    const db = await createTestDatabase('postgres');
    const redisLocation = new URL(testRedisUrl as string);
    redisLocation.pathname = '/13';
    const redis = new Redis(redisLocation.toString());
    await redis.flushdb();
    const env = {
      DATABASE_URL: db.databaseUrl as string,
      REDIS_URL: redisLocation.toString(),
      ROSTRA_DATA_DIR: db.dataDir,
      ROSTRA_SECRET_KEY: randomBytes(32).toString('hex'),
      ROSTRA_WORKER_CONCURRENCY: '16',
      LOG_LEVEL: 'error',
    };
    const runtime = await createRuntime(parseConfig(env), { log: pino({ level: 'silent' }) });
    const workers: Array<ReturnType<typeof startRostra>> = [];
    try {
      const { workspaceId, service, caller, channelIds } = await createPublishingWorkspace(runtime, {
        admin: {
          organisation: 'Métropole',
          workspace: 'Com',
          name: 'Admin',
          email: 'admin@metropole.test',
          password: 'mot-de-passe-admin',
        },
        actorLabel: 'test',
        mastodon: { instance: fake.url, accessTokens: tokens },
      });
      await runtime.store.accounts.updateWorkspace(workspaceId, { approvalRequired: false });

      // All due at the same instant, a few seconds ahead, while the workers start.
      const dueAt = Date.now() + 8_000;
      const postIds: string[] = [];
      for (let i = 0; i < POSTS; i++) {
        const post = await service.createPost(
          workspaceId,
          {
            text: `Info trafic n°${i} : travaux rue de la République`,
            channels: [{ channelId: channelIds[i % CHANNELS]! }],
          },
          caller,
        );
        await service.act(workspaceId, post.id, 'schedule', caller, { scheduledAt: dueAt });
        postIds.push(post.id);
      }
      workers.push(startRostra(['run', '--role', 'worker'], env), startRostra(['run', '--role', 'worker'], env));

      const started = Date.now();
      for (;;) {
        const published = await runtime.store.posts.list({
          workspaceId,
          status: 'published',
          limit: POSTS,
        });
        if (published.length === POSTS) break;
        if (Date.now() - started > 240_000) {
          throw new Error(`${published.length}/${POSTS} published\n${workers.map((w) => w.output()).join('\n')}`);
        }
        await new Promise((r) => setTimeout(r, 500));
      }
      expect(fake.unexpected).toEqual([]);
      expect(fake.statuses).toHaveLength(POSTS);
      expect(new Set(fake.statuses.map((s) => s.text)).size).toBe(POSTS);
      const targets = await runtime.store.posts.targetsOf(postIds);
      expect(targets.every((t) => t.status === 'published' && t.attempts === 1)).toBe(true);
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
      await runtime.close();
      await redis.flushdb();
      await redis.quit();
      await fake.close();
      await db.drop();
    }
  });
});
