// The strategy document of each workspace: its free texts (one row), its SMART objectives (ids kept stable: the
// animation plan's rubrics point at them) and its personas.
import type { Kysely, Migration } from 'kysely';

export const strategy: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('strategy_documents')
      .addColumn('workspace_id', 'text', (c) => c.primaryKey().references('workspaces.id').onDelete('cascade'))
      .addColumn('context', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('diagnostic', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('targets', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('updated_by', 'text', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('strategy_objectives')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('statement', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('kpi', 'text', (c) => c.notNull())
      .addColumn('topic_id', 'text', (c) => c.references('topics.id').onDelete('set null'))
      .addColumn('channel_id', 'text', (c) => c.references('channels.id').onDelete('set null'))
      .addColumn('baseline', 'double precision')
      .addColumn('target', 'double precision', (c) => c.notNull())
      .addColumn('start_date', 'text', (c) => c.notNull())
      .addColumn('deadline', 'text', (c) => c.notNull())
      .addColumn('owner_id', 'text', (c) => c.references('users.id').onDelete('set null'))
      /** JSON array of persona ids. */
      .addColumn('persona_ids', 'text', (c) => c.notNull().defaultTo('[]'))
      /** JSON array of network ids: the team's choice. */
      .addColumn('networks', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('strategy_objectives_workspace')
      .on('strategy_objectives')
      .columns(['workspace_id', 'created_at'])
      .execute();

    await db.schema
      .createTable('strategy_personas')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('needs', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('questions', 'text', (c) => c.notNull().defaultTo(''))
      /** JSON array of network ids. */
      .addColumn('networks', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('tone', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('audience', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addUniqueConstraint('strategy_personas_name_unique', ['workspace_id', 'name'])
      .execute();
  },
};
