// Pending OAuth connections: the anti-forgery state and what the network's second leg needs.
import type { Kysely, Migration } from 'kysely';

export const oauthStates: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('oauth_states')
      /** SHA-256 of the state sent to the network. */
      .addColumn('state_hash', 'text', (c) => c.primaryKey())
      .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('network', 'text', (c) => c.notNull())
      /** PKCE verifier, app credentials…: sealed. */
      .addColumn('pending', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .execute();
  },
};
