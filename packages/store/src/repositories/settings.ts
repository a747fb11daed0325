// Installation-wide key/value settings (e.g. the fingerprint of the secrets key).
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

export interface SettingsRepository {
  get(key: string): Promise<string | undefined>;
  /** Stores `value` unless the key already has one; returns the value now stored. */
  setIfAbsent(key: string, value: string): Promise<string>;
}

export function createSettingsRepository(db: Kysely<Database>): SettingsRepository {
  return {
    async get(key) {
      const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
      return row?.value;
    },
    async setIfAbsent(key, value) {
      await db
        .insertInto('settings')
        .values({ key, value })
        .onConflict((oc) => oc.column('key').doNothing())
        .execute();
      const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirstOrThrow();
      return row.value;
    },
  };
}
