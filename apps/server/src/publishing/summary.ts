// The post as webhooks describe it: enough for a receiver to act without calling back.
import type { PostTarget, Repositories } from '@rostra/core';

/**
 * `store`: the store, or a transaction's repositories (an event is recorded in the transaction of its change).
 * `knownTargets`: the post's deliveries when the caller has just read them (saves a read).
 */
export async function summarisePost(
  store: Pick<Repositories, 'posts'>,
  workspaceId: string,
  postId: string,
  knownTargets?: PostTarget[],
) {
  const post = await store.posts.get(workspaceId, postId);
  if (!post) return undefined;
  const targets = knownTargets ?? (await store.posts.targets(postId));
  return {
    post: {
      id: post.id,
      status: post.status,
      text: post.text,
      scheduledAt: post.scheduledAt === null ? null : new Date(post.scheduledAt).toISOString(),
      targets: targets.map((t) => ({
        channelId: t.channelId,
        status: t.status,
        publishedUrl: t.published?.url ?? null,
        lastErrorCode: t.lastErrorCode,
        lastError: t.lastError,
      })),
    },
  };
}
