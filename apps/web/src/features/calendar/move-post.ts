// Giving a post a new date from the calendar. A post still being prepared just gets a new date
// (PATCH). A scheduled post is locked by the server, so it is unscheduled, then scheduled again at
// the new date; if that second step is refused (a channel needs reconnecting, a rule broke since),
// the post keeps its new date, approved but unscheduled, and the caller is told why.
import { api } from '../../api/client';
import type { Post, PostDetail } from '../../api/types';

export type MoveOutcome =
  | { kind: 'moved'; post: PostDetail }
  | { kind: 'rescheduled'; post: PostDetail }
  | { kind: 'left_unscheduled'; reason: unknown };

export async function movePost(workspaceId: string, post: Post, scheduledAt: string): Promise<MoveOutcome> {
  const base = `/api/workspaces/${workspaceId}/posts/${post.id}`;
  if (post.status !== 'scheduled') {
    return { kind: 'moved', post: await api.patch<PostDetail>(base, { scheduledAt }) };
  }
  // If this fails nothing changed: the post is still scheduled at its old date.
  await api.post<PostDetail>(`${base}/unschedule`, {});
  try {
    // `schedule` stores the date it is given, so no PATCH is needed between the two steps.
    return { kind: 'rescheduled', post: await api.post<PostDetail>(`${base}/schedule`, { scheduledAt }) };
  } catch (reason) {
    try {
      await api.patch<PostDetail>(base, { scheduledAt });
    } catch {
      // It stays at its old date, unscheduled; the refresh that follows shows exactly that.
    }
    return { kind: 'left_unscheduled', reason };
  }
}
