// Post queries and the cache keys every post mutation refreshes.
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Page, Post, PostComment, PostDetail, PostStatus } from '../../api/types';

export const POST_LIST_LIMIT = 500;

export function postsKey(workspaceId: string) {
  return ['workspaces', workspaceId, 'posts'] as const;
}

export function postKey(workspaceId: string, postId: string) {
  return [...postsKey(workspaceId), 'detail', postId] as const;
}

export function commentsKey(workspaceId: string, postId: string) {
  return [...postsKey(workspaceId), 'comments', postId] as const;
}

export interface PostQuery {
  from?: string | undefined;
  to?: string | undefined;
  status?: PostStatus | undefined;
  channelId?: string | undefined;
}

export function fetchPosts(workspaceId: string, query: PostQuery): Promise<Page<Post>> {
  const params = new URLSearchParams({ limit: String(POST_LIST_LIMIT) });
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  return api.get<Page<Post>>(`/api/workspaces/${workspaceId}/posts?${params.toString()}`);
}

export function usePosts(workspaceId: string, query: PostQuery, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...postsKey(workspaceId), 'list', query],
    queryFn: () => fetchPosts(workspaceId, query),
    enabled: options.enabled ?? true,
  });
}

export function usePost(workspaceId: string, postId: string | undefined) {
  return useQuery({
    queryKey: postKey(workspaceId, postId ?? ''),
    queryFn: () => api.get<PostDetail>(`/api/workspaces/${workspaceId}/posts/${postId}`),
    enabled: postId !== undefined,
    // While deliveries are under way, follow them without a reload.
    refetchInterval: (query) =>
      query.state.data && ['scheduled', 'publishing'].includes(query.state.data.status) ? 10_000 : false,
  });
}

export function useComments(workspaceId: string, postId: string) {
  return useQuery({
    queryKey: commentsKey(workspaceId, postId),
    queryFn: () => api.get<Page<PostComment>>(`/api/workspaces/${workspaceId}/posts/${postId}/comments`),
  });
}

/** After any write: the post itself, then every list and calendar range that may show it. */
export async function refreshPosts(queryClient: QueryClient, workspaceId: string, updated?: PostDetail) {
  if (updated) queryClient.setQueryData(postKey(workspaceId, updated.id), updated);
  await queryClient.invalidateQueries({
    queryKey: postsKey(workspaceId),
    predicate: (query) => !updated || query.queryKey[3] !== 'detail' || query.queryKey[4] !== updated.id,
  });
}
