// A network's JSON read through zod, not cast: an answer of the wrong shape is a clear error naming the source,
// and a list is read item by item, leniently — a field Rostra can do without that is missing or odd is left
// out and the item kept; an item without what Rostra needs (its id, its date) is skipped and counted.
import type { z } from 'zod';
import { ConnectorError } from '../errors.js';

/** A field Rostra can do without: missing, null or of another type, it reads as undefined. */
export function optionalField<T extends z.ZodType>(schema: T) {
  return schema.optional().catch(undefined);
}

/**
 * The answer read through `schema`, or `unavailable` naming the source (`where`: "hn.algolia.com's search")
 * and the first mismatch: a changed API or a proxy's page, which another poll may not meet.
 */
export function parseAnswer<T>(network: string, where: string, schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const at = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  throw new ConnectorError(network, 'unavailable', `${where} answered an unexpected shape${at}: ${issue?.message}`);
}

/** Each item read through `schema`: those that fit kept in order, the others counted. */
export function readItems<T>(items: readonly unknown[], schema: z.ZodType<T>): { items: T[]; skipped: number } {
  const kept: T[] = [];
  let skipped = 0;
  for (const item of items) {
    const result = schema.safeParse(item);
    if (result.success) kept.push(result.data);
    else skipped += 1;
  }
  return { items: kept, skipped };
}

/**
 * A JSON object's own field, unknown until checked; undefined for anything but an object, and for a name only
 * its prototype has ("constructor", "__proto__"), which a cast to a record would happily read.
 */
export function readField(body: unknown, name: string): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body) || !Object.hasOwn(body, name)) return undefined;
  return Reflect.get(body, name);
}
