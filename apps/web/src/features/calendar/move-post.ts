// Giving a post a new date from the calendar. A post still being prepared just gets a new date
// (PATCH). A scheduled post moves in one step (`reschedule`): it stays scheduled throughout, so a
// refusal leaves it exactly where it was.
import { api } from '../../api/client';
import type { Post, PostDetail } from '../../api/types';

export type MoveOutcome = { kind: 'moved'; post: PostDetail } | { kind: 'rescheduled'; post: PostDetail };

export async function movePost(workspaceId: string, post: Post, scheduledAt: string): Promise<MoveOutcome> {
  const base = `/api/workspaces/${workspaceId}/posts/${post.id}`;
  if (post.status === 'scheduled') {
    return { kind: 'rescheduled', post: await api.post<PostDetail>(`${base}/reschedule`, { scheduledAt }) };
  }
  return { kind: 'moved', post: await api.patch<PostDetail>(base, { scheduledAt }) };
}
