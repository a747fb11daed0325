// Webhook deliveries become a transactional outbox: written in the transaction that changes the state they tell
// of, then sent by a job. Each carries its event's id (the same for every webhook and every retry), when its
// next attempt is due, and how long the worker sending it holds it — so a sweep can find the deliveries whose
// job was lost in a crash and send them, at least once and never by two workers at a time.
import { sql, type Kysely, type Migration } from 'kysely';

export const webhookOutbox: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`ALTER TABLE webhook_deliveries ADD COLUMN event_id text`.execute(db);
    await sql`ALTER TABLE webhook_deliveries ADD COLUMN next_attempt_at bigint`.execute(db);
    await sql`ALTER TABLE webhook_deliveries ADD COLUMN lease_until bigint`.execute(db);
    // Deliveries made before: each was its own event; a pending one is due now.
    await sql`UPDATE webhook_deliveries SET event_id = id`.execute(db);
    await sql`UPDATE webhook_deliveries SET next_attempt_at = created_at WHERE status = 'pending'`.execute(db);
    // The sweep looks at pending deliveries only, however long the delivery log grows.
    await sql`CREATE INDEX webhook_deliveries_pending_idx ON webhook_deliveries (next_attempt_at) WHERE status = 'pending'`.execute(
      db,
    );
  },
};
