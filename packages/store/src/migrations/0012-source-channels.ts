// A listening source may search as a connected channel (Bluesky search through the account's PDS, a Mastodon
// instance that only answers signed-in clients): the channel whose credentials it borrows.
import type { Kysely, Migration } from 'kysely';

export const sourceChannels: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('sources')
      .addColumn('channel_id', 'text', (c) => c.references('channels.id').onDelete('set null'))
      .execute();
  },
};
