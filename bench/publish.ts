// Benchmark: N posts (10,000 by default) due within the same minute, published to a local Mastodon-like
// endpoint answering with a realistic delay; lateness p50/p99 (publish time − due time) and posts/s, for the
// embedded mode (SQLite, one process) and PostgreSQL + Redis with 1 and 2 worker processes, in one run.
// Duplicates and losses are counted on the endpoint's side.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { Redis } from 'ioredis';
import { configureOutbound, parseOutboundAllow } from '@rostra/connectors/outbound';
import { startFakeMastodon, TEST_OUTBOUND_ALLOW } from '@rostra/connectors/testing';
import { parseConfig } from '../apps/server/src/config.js';
import { createRuntime } from '../apps/server/src/runtime.js';
import { createPublishingWorkspace } from '../apps/server/test/helpers/publishing-workspace.js';
import { startRostra } from '../apps/server/test/helpers/processes.js';
import { BENCH_POSTGRES_URL, createScratchPostgres } from './scratch-postgres.js';

const POSTS = Number(process.env.BENCH_PUBLISH_POSTS ?? 10_000);
const NETWORK_DELAY_MS = Number(process.env.BENCH_NETWORK_DELAY_MS ?? 40);
const SPREAD_MS = 60_000;
const CHANNELS = 50;

type Row = Record<string, string | number>;

// The fake network listens on loopback, which outbound requests refuse unless allowed (worker processes get the
// same allowance through childEnv).
configureOutbound({ allow: parseOutboundAllow(TEST_OUTBOUND_ALLOW).rules });

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function runOne(label: string, env: Record<string, string>, workers: number): Promise<Row> {
  const fake = await startFakeMastodon({ responseDelayMs: NETWORK_DELAY_MS });
  // Posts spread over accounts, as an agency's would be: each account keeps its own publishing budget
  // (Publisher.rateLimit: 250 posts per 5 minutes on Mastodon), which one account posting 10,000 would exceed.
  const tokens = Array.from({ length: CHANNELS }, (_, i) => fake.createAccount(`bench${i}`).accessToken);
  const runtime = await createRuntime(parseConfig(env), { log: pino({ level: 'silent' }) });
  const processes: Array<ReturnType<typeof startRostra>> = [];
  try {
    const { workspaceId, channelIds } = await createPublishingWorkspace(runtime, {
      admin: {
        organisation: 'Bench',
        workspace: 'Bench',
        name: 'Bench',
        email: 'bench@rostra.test',
        password: 'bench-password',
      },
      actorLabel: 'bench',
      mastodon: { instance: fake.url, accessTokens: tokens },
    });

    // Posts are written straight to the store (the bench measures publishing, not composing), due at
    // times spread over one minute that starts once everything is in place.
    const prepared: Array<{ postId: string; targetId: string }> = [];
    for (let i = 0; i < POSTS; i++) {
      const post = await runtime.store.posts.create({
        workspaceId,
        text: `Publication de test n°${i}`,
        themeId: null,
        contentTypeId: null,
        ownerId: null,
        backupOwnerId: null,
        scheduledAt: null,
        createdBy: null,
        targets: [{ channelId: channelIds[i % CHANNELS]!, text: null }],
      });
      const [target] = await runtime.store.posts.targets(post.id);
      prepared.push({ postId: post.id, targetId: (target as { id: string }).id });
    }
    for (let w = 0; w < workers; w++) processes.push(startRostra(['run', '--role', 'worker'], env));
    // The minute starts once every post is scheduled and queued: setup must not eat into it, or the bench would
    // measure its own lateness. Scheduling runs 50 posts at a time; a setup that overruns the lead stops the run.
    const start = Date.now() + 30_000;
    const due = new Map<string, number>();
    const jobs: Parameters<typeof runtime.queue.enqueueMany>[0] = [];
    for (let i = 0; i < prepared.length; i += 50) {
      await Promise.all(
        prepared.slice(i, i + 50).map(async (p, j) => {
          const dueAt = start + Math.floor(((i + j) / POSTS) * SPREAD_MS);
          await runtime.store.posts.forceStatus(p.postId, 'scheduled');
          await runtime.store.deliveries.scheduleTargets(p.postId, dueAt);
          due.set(p.targetId, dueAt);
          jobs.push({
            type: 'publish.target',
            payload: { targetId: p.targetId },
            options: { runAt: dueAt, key: `publish:${p.targetId}:0`, maxAttempts: 1 },
          });
        }),
      );
    }
    for (let i = 0; i < jobs.length; i += 1000) await runtime.queue.enqueueMany(jobs.slice(i, i + 1000));
    if (Date.now() > start) throw new Error(`${label}: setup took ${Date.now() - start} ms longer than its lead`);

    const deadline = start + SPREAD_MS + 240_000;
    let published = 0;
    while (Date.now() < deadline) {
      published = (await runtime.store.posts.list({ workspaceId, status: 'published', limit: POSTS })).length;
      if (published === POSTS) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    const targets = await runtime.store.posts.targetsOf(prepared.map((p) => p.postId));
    const lateness = targets
      .filter((t) => t.published)
      .map((t) => (t.published?.at ?? 0) - (due.get(t.id) ?? 0))
      .sort((a, b) => a - b);
    const last = Math.max(...targets.map((t) => t.published?.at ?? 0));
    const texts = fake.statuses.map((s) => s.text);
    return {
      setup: label,
      posts: POSTS,
      'lateness p50 ms': percentile(lateness, 50),
      'lateness p99 ms': percentile(lateness, 99),
      'posts/s': Math.round((published / Math.max(1, last - start)) * 1000),
      duplicates: texts.length - new Set(texts).size,
      lost: POSTS - published,
      'goal p99 < 2 s':
        percentile(lateness, 99) < 2000 && texts.length === POSTS && published === POSTS ? 'met' : 'MISSED',
    };
  } finally {
    await Promise.all(processes.map((p) => p.stop()));
    await runtime.close();
    await fake.close();
  }
}

export async function runPublishBench(): Promise<Row[]> {
  const rows: Row[] = [];
  const base = {
    LOG_LEVEL: 'error',
    ROSTRA_WORKER_CONCURRENCY: '32',
    ROSTRA_SECRET_KEY: randomBytes(32).toString('hex'),
  };
  const dataDir = mkdtempSync(path.join(tmpdir(), 'rostra-bench-publish-'));
  try {
    rows.push(await runOne('embedded (SQLite), 1 worker process', { ...base, ROSTRA_DATA_DIR: dataDir }, 1));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  const adminUrl = BENCH_POSTGRES_URL;
  const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/12';
  for (const workers of [1, 2]) {
    const db = await createScratchPostgres(adminUrl);
    if (!db) {
      rows.push({ setup: `PostgreSQL + Redis, ${workers} worker(s)`, posts: 'skipped: PostgreSQL unreachable' });
      continue;
    }
    const redis = new Redis(redisUrl);
    await redis.flushdb();
    const scratch = mkdtempSync(path.join(tmpdir(), 'rostra-bench-publish-'));
    try {
      rows.push(
        await runOne(
          `PostgreSQL + Redis, ${workers} worker process${workers > 1 ? 'es' : ''}`,
          { ...base, DATABASE_URL: db.url, REDIS_URL: redisUrl, ROSTRA_DATA_DIR: scratch },
          workers,
        ),
      );
    } finally {
      await redis.flushdb();
      await redis.quit();
      await db.drop();
      rmSync(scratch, { recursive: true, force: true });
    }
  }
  return rows;
}
