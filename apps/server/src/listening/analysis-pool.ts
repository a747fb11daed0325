// Analysis on several cores: a large batch is cut into parts, one analysed on the pipeline's own thread and the
// others in worker threads at the same time; storage stays on the pipeline's thread. Each thread holds the
// workspaces' analysis state (topic index, sentiment analyzer) and is sent the topics and corrections again only
// when their versions change. A thread that fails, dies or holds a stale state never loses a part: it is
// analysed on the pipeline's thread instead, and the thread is replaced at the next batch.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Mention } from '@rostra/connectors';
import { analyseBatch, type Analysis, type AnalysisInputs, type AnalysisState } from './analysis.js';

/** Below this many items a batch is analysed in place: handing it to threads would cost more than it saves. */
export const MIN_PARALLEL_ITEMS = 64;
/** Items per part handed to a thread: small enough to balance the threads, large enough to pay the message. */
const PART_ITEMS = 64;

export interface ThreadRequest {
  id: number;
  workspaceId: string;
  topicsVersion: string;
  correctionsVersion: string;
  /** Sent when the thread does not hold these versions yet. */
  inputs?: AnalysisInputs;
  items: readonly Mention[];
}

export type ThreadReply = { id: number; analyses: Analysis[] } | { id: number; error: string };

/** The workspace a batch belongs to, the versions of its topics and corrections, and how to read them. */
export interface AnalysisContext {
  workspaceId: string;
  topicsVersion: string;
  correctionsVersion: string;
  /** The state the pipeline's thread uses. */
  state: AnalysisState;
  inputs: () => AnalysisInputs;
}

export interface AnalysisPool {
  readonly threads: number;
  analyse(items: readonly Mention[], context: AnalysisContext): Promise<Analysis[]>;
  close(): Promise<void>;
}

interface Thread {
  worker: Worker;
  /** Versions this thread was sent, per workspace. */
  sent: Map<string, { topicsVersion: string; correctionsVersion: string }>;
  pending: Map<number, (reply: ThreadReply) => void>;
  broken: boolean;
}

/**
 * The thread's entry. The compiled server (dist/server) has analysis-thread.js beside this module; from the
 * TypeScript sources, tsx is registered first, since a worker thread starts without the parent's loaders.
 */
function threadEntry(): URL {
  if (import.meta.url.endsWith('.js')) return new URL('./analysis-thread.js', import.meta.url);
  const require = createRequire(import.meta.url);
  const tsxDir = path.dirname(require.resolve('tsx/package.json'));
  const tsx = pathToFileURL(path.join(tsxDir, 'dist/esm/api/index.mjs')).href;
  const target = new URL('./analysis-thread.ts', import.meta.url).href;
  const code = `import { register } from ${JSON.stringify(tsx)}; register(); await import(${JSON.stringify(target)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}

/** `items` cut into `parts` runs of nearly equal length, in order. */
function split<T>(items: readonly T[], parts: number): T[][] {
  const size = Math.ceil(items.length / parts);
  const runs: T[][] = [];
  for (let start = 0; start < items.length; start += size) runs.push(items.slice(start, start + size));
  return runs;
}

export function createAnalysisPool(options: {
  /** Worker threads beside the pipeline's own; 0 analyses everything in place. */
  threads: number;
  log?: (message: string, details?: Record<string, unknown>) => void;
}): AnalysisPool {
  const log = options.log ?? (() => {});
  const threads: (Thread | undefined)[] = Array.from({ length: Math.max(0, options.threads) });
  let entry: URL | undefined;
  let nextId = 1;

  function start(): Thread {
    entry ??= threadEntry();
    const thread: Thread = { worker: new Worker(entry), sent: new Map(), pending: new Map(), broken: false };
    const fail = (reason: string) => {
      if (thread.broken) return;
      thread.broken = true;
      log('analysis thread lost; its parts are analysed in place', { reason });
      for (const [id, resolve] of thread.pending) resolve({ id, error: reason });
      thread.pending.clear();
      void thread.worker.terminate();
    };
    thread.worker.on('message', (reply: ThreadReply) => {
      const resolve = thread.pending.get(reply.id);
      thread.pending.delete(reply.id);
      if (thread.pending.size === 0) thread.worker.unref();
      resolve?.(reply);
    });
    thread.worker.on('error', (error) => fail(String(error)));
    thread.worker.on('exit', (code) => fail(`exited with code ${code}`));
    // An idle thread never keeps the process alive; it is referenced while it owes an answer.
    thread.worker.unref();
    return thread;
  }

  function threadAt(index: number): Thread {
    let thread = threads[index];
    if (!thread || thread.broken) {
      thread = start();
      threads[index] = thread;
    }
    return thread;
  }

  function send(thread: Thread, items: readonly Mention[], context: AnalysisContext): Promise<ThreadReply> {
    const id = nextId++;
    const known = thread.sent.get(context.workspaceId);
    const current =
      known?.topicsVersion === context.topicsVersion && known.correctionsVersion === context.correctionsVersion;
    const request: ThreadRequest = {
      id,
      workspaceId: context.workspaceId,
      topicsVersion: context.topicsVersion,
      correctionsVersion: context.correctionsVersion,
      ...(current ? {} : { inputs: context.inputs() }),
      items,
    };
    thread.sent.set(context.workspaceId, {
      topicsVersion: context.topicsVersion,
      correctionsVersion: context.correctionsVersion,
    });
    return new Promise((resolve) => {
      try {
        thread.worker.postMessage(request);
      } catch (error) {
        // An item that cannot be copied to a thread: its part is analysed in place.
        resolve({ id, error: String(error) });
        return;
      }
      thread.pending.set(id, resolve);
      thread.worker.ref();
    });
  }

  return {
    threads: threads.length,

    async analyse(items, context) {
      if (threads.length === 0 || items.length < MIN_PARALLEL_ITEMS) return analyseBatch(items, context.state);
      // Small parts handed out as they are asked for: a slower thread takes fewer, none waits for another.
      const parts = split(items, Math.ceil(items.length / PART_ITEMS));
      const results: Analysis[][] = [];
      let next = 0;
      const take = () => (next < parts.length ? next++ : -1);
      const inPlace = (index: number) => {
        results[index] = analyseBatch(parts[index] as Mention[], context.state);
      };
      const feed = async (thread: Thread) => {
        for (let index = take(); index >= 0; index = take()) {
          if (thread.broken) {
            inPlace(index);
            continue;
          }
          const answer = await send(thread, parts[index] as Mention[], context);
          if ('analyses' in answer) {
            results[index] = answer.analyses;
            continue;
          }
          // What the thread holds is unknown now: it is sent everything again next time.
          thread.sent.delete(context.workspaceId);
          if (answer.error !== 'stale') log('analysis thread failed a part', { error: answer.error });
          inPlace(index);
        }
      };
      // Two parts in flight per thread, so it never waits for the next one to arrive.
      const feeding = threads.flatMap((_, index) => {
        const thread = threadAt(index);
        return [feed(thread), feed(thread)];
      });
      // This thread analyses parts too, letting the threads' answers in between.
      for (let index = take(); index >= 0; index = take()) {
        inPlace(index);
        await new Promise((resolve) => setImmediate(resolve));
      }
      await Promise.all(feeding);
      return results.flat();
    },

    async close() {
      await Promise.all(
        threads.map(async (thread) => {
          if (!thread || thread.broken) return;
          thread.broken = true;
          await thread.worker.terminate();
        }),
      );
      threads.fill(undefined);
    },
  };
}
