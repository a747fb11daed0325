// Several statements as one: a transaction of their own, or the caller's when the repository is already bound to
// one (a service's `store.transaction`), since Kysely does not nest transactions.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../schema.js';

export function inTransaction<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db);
  return db.transaction().execute((trx: Transaction<Database>) => work(trx));
}
