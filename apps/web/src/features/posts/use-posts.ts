// Post queries (the list with its search and filters), the list's bulk actions, and the cache keys every post
// mutation refreshes.
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { paths } from '../../api/schema';
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
  /** Words every post contains (the server ignores accents and case). */
  q?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  status?: PostStatus | undefined;
  channelId?: string | undefined;
  themeId?: string | undefined;
  /** A member: the posts they wrote or are responsible for. */
  authorId?: string | undefined;
}

export function fetchPosts(workspaceId: string, query: PostQuery): Promise<Page<Post>> {
  const params = new URLSearchParams({ limit: String(POST_LIST_LIMIT) });
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  return api.get<Page<Post>>(`/api/workspaces/${workspaceId}/posts?${params.toString()}`);
}

export function usePosts(
  workspaceId: string,
  query: PostQuery,
  options: { enabled?: boolean; keepPrevious?: boolean } = {},
) {
  return useQuery({
    queryKey: [...postsKey(workspaceId), 'list', query],
    queryFn: () => fetchPosts(workspaceId, query),
    enabled: options.enabled ?? true,
    // While a new search loads, the list on screen stays (no flash of a loader at each keystroke).
    ...(options.keepPrevious ? { placeholderData: (previous: Page<Post> | undefined) => previous } : {}),
  });
}

type BulkRoute = paths['/api/workspaces/{workspaceId}/posts/bulk']['post'];
export type BulkRequest = NonNullable<BulkRoute['requestBody']>['content']['application/json'];
export type BulkAction = BulkRequest['action'];
export type BulkAnswer = BulkRoute['responses'][200]['content']['application/json'];
export type BulkResult = BulkAnswer['results'][number];

/** One action over the selected posts; the answer says post by post what was done. Every list refreshes after. */
export function useBulkPosts(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: BulkRequest) => api.post<BulkAnswer>(`/api/workspaces/${workspaceId}/posts/bulk`, request),
    onSettled: () => refreshPosts(queryClient, workspaceId),
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
