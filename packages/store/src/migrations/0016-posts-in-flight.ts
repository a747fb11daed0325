// The publishing sweep looks every few seconds for posts whose status disagrees with their deliveries (a
// worker died between recording a delivery and updating its post): a partial index keeps that look to the
// posts on their way out, however many posts are done.
import { sql, type Kysely, type Migration } from 'kysely';

export const postsInFlight: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`CREATE INDEX posts_in_flight_idx ON posts (status) WHERE status IN ('scheduled', 'publishing')`.execute(
      db,
    );
  },
};
