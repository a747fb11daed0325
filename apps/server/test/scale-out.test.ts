// Scaled mode for real: two `rostra run --role worker` processes on PostgreSQL + Redis share a batch of
// probe jobs; every job runs exactly once, none is lost, both workers take part.
import { describe, expect, it } from 'vitest';
import { createTestDatabase, testPostgresUrl, testRedisUrl } from '@rostra/store/testing';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { runCli, startRostra } from './helpers/processes.js';

const enabled = Boolean(testPostgresUrl && testRedisUrl);

describe.skipIf(!enabled)('scale-out on PostgreSQL + Redis', { timeout: 180_000 }, () => {
  it('two worker processes share 1,000 jobs with none run twice and none lost', async () => {
    const db = await createTestDatabase('postgres');
    const redisLocation = new URL(testRedisUrl as string);
    redisLocation.pathname = '/14';
    const redisUrl = redisLocation.toString();
    const env = {
      DATABASE_URL: db.databaseUrl as string,
      REDIS_URL: redisUrl,
      ROSTRA_DATA_DIR: db.dataDir,
      ROSTRA_SECRET_KEY: randomBytes(32).toString('hex'),
    };
    const redis = new Redis(redisUrl);
    await redis.flushdb();
    const workers = [startRostra(['run', '--role', 'worker'], env), startRostra(['run', '--role', 'worker'], env)];
    try {
      // Wait until both workers registered their heartbeat.
      const started = Date.now();
      for (;;) {
        const health = await runCli(['jobs', 'probe', '--count', '1', '--json', '--timeout', '5'], env);
        if (
          health.code === 0 &&
          Object.keys(JSON.parse(health.stdout).byWorker).length >= 1 &&
          Date.now() - started > 1500
        )
          break;
        if (Date.now() - started > 60_000)
          throw new Error(`workers did not start:\n${workers.map((w) => w.output()).join('\n')}`);
      }
      const probe = await runCli(['jobs', 'probe', '--count', '1000', '--json', '--timeout', '120'], env);
      expect(probe.stderr).toBe('');
      const result = JSON.parse(probe.stdout) as {
        enqueued: number;
        ran: number;
        duplicates: number;
        missing: number;
        byWorker: Record<string, number>;
      };
      expect(result).toMatchObject({ enqueued: 1000, ran: 1000, duplicates: 0, missing: 0 });
      const perWorker = Object.values(result.byWorker);
      expect(perWorker).toHaveLength(2);
      expect(perWorker.every((n) => n > 50)).toBe(true);
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
      await redis.flushdb();
      await redis.quit();
      await db.drop();
    }
  });
});
