// The charter's storage port: one current charter per workspace and the versions it went through.
import type { Timestamp } from '../accounts/types.js';
import type { Charter } from './charter.js';

export interface StoredCharter {
  charter: Charter;
  /** 1 for the first charter written, then one more for each change. */
  version: number;
  updatedBy: string | null;
  updatedAt: Timestamp;
}

export interface CharterVersionSummary {
  version: number;
  updatedBy: string | null;
  updatedAt: Timestamp;
}

export interface CharterRepository {
  /** The workspace's current charter; undefined when none was ever written. */
  get(workspaceId: string): Promise<StoredCharter | undefined>;
  /**
   * Stores a new version when the current one is still `expectedVersion` (0: none yet); undefined when someone
   * saved another version meanwhile (compare-and-set), so no change is lost silently.
   */
  save(
    workspaceId: string,
    charter: Charter,
    expectedVersion: number,
    updatedBy: string | null,
  ): Promise<StoredCharter | undefined>;
  /** Every version, newest first. */
  history(workspaceId: string, limit: number): Promise<CharterVersionSummary[]>;
}
