// How many uploads this process reads at once, in all and per workspace. An upload is buffered until it is
// stored (bytes go to the database as one blob), so the caps bound the memory uploads can hold; a caller over
// a cap is told to come back (429 with Retry-After) before a byte of its body is read.
import { AppError } from '@rostra/core';

/** Seconds a refused uploader is asked to wait: about the time a large upload on a fair link takes. */
const RETRY_AFTER_S = 5;

export interface UploadSlots {
  /** Takes a slot for this workspace, or throws `rate_limited`; the returned function gives it back (once). */
  acquire(workspaceId: string): () => void;
  /** Slots held now, in all and for one workspace. */
  inUse(workspaceId?: string): number;
}

export function createUploadSlots(limits: { perProcess: number; perWorkspace: number }): UploadSlots {
  let total = 0;
  const byWorkspace = new Map<string, number>();

  return {
    acquire(workspaceId) {
      const mine = byWorkspace.get(workspaceId) ?? 0;
      if (mine >= limits.perWorkspace) {
        throw new AppError(
          'rate_limited',
          `This workspace already has ${mine} upload(s) in progress; retry in ${RETRY_AFTER_S} s`,
          { retryAfter: RETRY_AFTER_S, scope: 'workspace', limit: limits.perWorkspace },
        );
      }
      if (total >= limits.perProcess) {
        throw new AppError('rate_limited', `The server is receiving other uploads; retry in ${RETRY_AFTER_S} s`, {
          retryAfter: RETRY_AFTER_S,
          scope: 'server',
          limit: limits.perProcess,
        });
      }
      total += 1;
      byWorkspace.set(workspaceId, mine + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        total -= 1;
        const left = (byWorkspace.get(workspaceId) ?? 1) - 1;
        if (left > 0) byWorkspace.set(workspaceId, left);
        else byWorkspace.delete(workspaceId);
      };
    },
    inUse(workspaceId) {
      return workspaceId === undefined ? total : (byWorkspace.get(workspaceId) ?? 0);
    },
  };
}
