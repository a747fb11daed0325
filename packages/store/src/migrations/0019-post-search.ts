// The posts list searches, accent-insensitively ("ecole" finds "École"), and filters by theme and by person:
// each post keeps its words folded the way listening folds them (lower case, no accents, œ → oe), written by
// the repository with the post, so both databases search the same text with LIKE and no extension.
import { sql, type Kysely, type Migration } from 'kysely';
import { postSearchText } from '../repositories/post-search.js';

interface Rows {
  posts: { id: string; text: string; search_text: string };
  post_targets: { post_id: string; text: string | null; thread: string | null };
}

export const postSearch: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`ALTER TABLE posts ADD COLUMN search_text text NOT NULL DEFAULT ''`.execute(db);
    await db.schema
      .createIndex('posts_workspace_theme_idx')
      .on('posts')
      .columns(['workspace_id', 'theme_id'])
      .execute();
    await db.schema
      .createIndex('posts_workspace_owner_idx')
      .on('posts')
      .columns(['workspace_id', 'owner_id'])
      .execute();
    // Posts written before this migration get their folded words now.
    const rows = db as unknown as Kysely<Rows>;
    const posts = await rows.selectFrom('posts').select(['id', 'text']).execute();
    for (const post of posts) {
      const targets = await rows
        .selectFrom('post_targets')
        .select(['text', 'thread'])
        .where('post_id', '=', post.id)
        .execute();
      await rows
        .updateTable('posts')
        .set({ search_text: postSearchText(post.text, targets) })
        .where('id', '=', post.id)
        .execute();
    }
  },
};
