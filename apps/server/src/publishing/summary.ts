// The post as webhooks describe it: enough for a receiver to act without calling back.
import type { Store } from '@rostra/store';

export async function summarisePost(store: Store, workspaceId: string, postId: string) {
  const post = await store.posts.get(workspaceId, postId);
  if (!post) return undefined;
  const targets = await store.posts.targets(postId);
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
