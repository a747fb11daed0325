// A mention edited on its network after Rostra stored it (a Mastodon status, a Reddit self post, a feed entry
// updated) is stored again in place: when the network says it was last edited, so an older copy seen later is not
// taken for a newer edit.
import type { Kysely, Migration } from 'kysely';

export const mentionEdits: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('mentions').addColumn('edited_at', 'bigint').execute();
  },
};
