// The logged-in session: who the user is, which workspaces they can open, and
// the CSRF token every write request must echo back.
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, isApiError, setCsrfToken } from '../../api/client';
import type { Session, User } from '../../api/types';

export const sessionQueryKey = ['session'] as const;

async function fetchSession(): Promise<Session | null> {
  try {
    const session = await api.get<Session>('/api/session');
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    // 401 is the normal "not logged in" answer, not a failure worth showing.
    if (isApiError(error) && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export function useSession() {
  return useQuery({ queryKey: sessionQueryKey, queryFn: fetchSession, staleTime: 30_000 });
}

/** Called after login, setup or invitation acceptance handed us a fresh session cookie. */
export async function startSession(queryClient: QueryClient, csrfToken: string): Promise<Session | null> {
  setCsrfToken(csrfToken);
  endedByLogout = false;
  // Drop anything cached under a previous identity before loading the new one.
  queryClient.removeQueries({ predicate: (query) => !['session', 'setup'].includes(String(query.queryKey[0])) });
  return queryClient.fetchQuery({ queryKey: sessionQueryKey, queryFn: fetchSession, staleTime: 0 });
}

// Why the last session ended: after an explicit logout the login page must not
// offer to return to the previous user's page, after an expiry it should.
let endedByLogout = false;

export function wasLoggedOut(): boolean {
  return endedByLogout;
}

export function endSession(queryClient: QueryClient, reason: 'logout' | 'expired' = 'expired'): void {
  endedByLogout = reason === 'logout';
  setCsrfToken(null);
  queryClient.removeQueries({ predicate: (query) => !['session', 'setup'].includes(String(query.queryKey[0])) });
  queryClient.setQueryData(sessionQueryKey, null);
}

export function updateSessionUser(queryClient: QueryClient, patch: Partial<User>): void {
  queryClient.setQueryData<Session | null>(sessionQueryKey, (session) =>
    session ? { ...session, user: { ...session.user, ...patch } } : session,
  );
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>('/api/auth/logout'),
    onSettled: () => endSession(queryClient, 'logout'),
  });
}
