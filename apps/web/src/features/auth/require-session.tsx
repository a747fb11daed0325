// Route guard: anything below it needs a logged-in user.
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { ErrorAlert } from '../../ui/api-errors';
import { PageLoader } from '../../ui/page-loader';
import { useSession, wasLoggedOut } from './session';

export function RequireSession() {
  const session = useSession();
  const location = useLocation();

  if (session.isPending) return <PageLoader />;
  if (session.isError) return <ErrorAlert error={session.error} onRetry={() => void session.refetch()} />;
  if (!session.data) {
    const next = location.pathname + location.search;
    const withNext = next !== '/' && !wasLoggedOut();
    return <Navigate to={withNext ? `/login?next=${encodeURIComponent(next)}` : '/login'} replace />;
  }
  return <Outlet />;
}

/** Only same-site paths are followed after login, so a crafted link can't bounce users elsewhere. */
export function readSafeNext(value: string | null): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  return value;
}
