// Employees as ambassadors: posts marked « à relayer » (the link and a suggested text per network), the relays
// ambassadors declare (once per post, person and network: a count, nothing more about the person), the social media
// policy (one row per version, written once: two admins saving at once cannot both win), who acknowledged which
// version and when, and each ambassador's own Mastodon instance.
import type { Kysely, Migration } from 'kysely';

export const ambassadors: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('relay_posts')
      .addColumn('post_id', 'text', (c) => c.primaryKey().references('posts.id').onDelete('cascade'))
      .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('link', 'text', (c) => c.notNull())
      /** JSON: core's RelayTexts (network → suggested text). */
      .addColumn('texts', 'text', (c) => c.notNull())
      .addColumn('marked_by', 'text', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('marked_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('relay_posts_workspace_idx')
      .on('relay_posts')
      .columns(['workspace_id', 'marked_at'])
      .execute();

    await db.schema
      .createTable('relay_shares')
      .addColumn('post_id', 'text', (c) => c.notNull().references('relay_posts.post_id').onDelete('cascade'))
      .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('network', 'text', (c) => c.notNull())
      .addColumn('shared_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('relay_shares_pk', ['post_id', 'user_id', 'network'])
      .execute();
    await db.schema
      .createIndex('relay_shares_user_idx')
      .on('relay_shares')
      .columns(['workspace_id', 'user_id'])
      .execute();

    await db.schema
      .createTable('ambassador_policies')
      .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('ambassador_policies_pk', ['workspace_id', 'version'])
      .execute();

    await db.schema
      .createTable('ambassador_acknowledgements')
      .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('acknowledged_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('ambassador_acknowledgements_pk', ['workspace_id', 'user_id', 'version'])
      .execute();

    await db.schema
      .createTable('ambassador_profiles')
      .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('mastodon_instance', 'text')
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('ambassador_profiles_pk', ['workspace_id', 'user_id'])
      .execute();
  },
};
