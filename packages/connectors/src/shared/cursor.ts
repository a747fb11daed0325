// Stored source cursors, read back through a zod schema: each source declares its cursor's shape, and what it
// stored comes back typed instead of cast. An unreadable cursor (hand-edited, cut short, from another version)
// is a clear error, `rejected` naming the source — not a silent fresh start, which would re-read a whole
// backlog and hide the fault from the source's health.
import { z } from 'zod';
import type { SourceCursor } from '../connector.js';
import { ConnectorError } from '../errors.js';

/** The version every cursor carries: a later shape gets a new number and a reader for the old one. */
const VERSION = 1;

export interface CursorCodec<State> {
  /** The state a cursor holds; `undefined` for a source polled for the first time (no cursor yet). */
  read(cursor: SourceCursor): State | undefined;
  write(state: State): string;
}

const versioned = z.looseObject({ v: z.literal(VERSION) });

/**
 * A cursor as `{"v":1, ...stored}` in JSON. `label` names the source in the error ("Reddit source"); `state`
 * is the schema of what is stored (an object schema: unknown keys, the version among them, are left out),
 * possibly transformed into the state the source works with; `toStored` then turns it back.
 */
export function createCursorCodec<State extends object>(
  network: string,
  label: string,
  state: z.ZodType<State>,
  toStored: (value: State) => object = (value) => value,
): CursorCodec<State> {
  return {
    read(cursor) {
      if (cursor === null || cursor === '') return undefined;
      let json: unknown;
      try {
        json = JSON.parse(cursor);
      } catch {
        json = undefined;
      }
      const parsed = versioned.safeParse(json).success ? state.safeParse(json) : undefined;
      if (!parsed?.success) {
        throw new ConnectorError(network, 'rejected', `Unreadable ${label} cursor: ${cursor.slice(0, 80)}`);
      }
      return parsed.data;
    },
    write: (value) => JSON.stringify({ v: VERSION, ...toStored(value) }),
  };
}

/** Fingerprints of items already handed on (see seen.ts), newest first. */
export const seenList = z.array(z.string());

/**
 * The cursor of a search read newest first under a budget (Reddit, Hacker News): `hw`, the newest creation time
 * handed on; `seen`, recent fingerprints; `backlog`, where capped polls stopped, in the network's own terms.
 */
export function searchCursor<Entry extends z.ZodType>(entry: Entry) {
  return z.object({ hw: z.number().optional(), seen: seenList, backlog: z.array(entry) });
}
