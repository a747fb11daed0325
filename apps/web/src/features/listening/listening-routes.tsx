// Entry points of the listening and alert pages for the router. They load on first visit: the charts
// (ECharts) and the query parser are weight the other pages do not need.
import { lazy, Suspense, type ComponentType } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { PageLoader } from '../../ui/page-loader';

function deferred(load: () => Promise<ComponentType>) {
  const Page = lazy(async () => ({ default: await load() }));
  return function DeferredPage() {
    return (
      <Suspense fallback={<PageLoader />}>
        <Page />
      </Suspense>
    );
  };
}

export const TopicsRoute = deferred(() => import('./topics-page').then((m) => m.TopicsPage));
export const MentionsRoute = deferred(() => import('./mentions-page').then((m) => m.MentionsPage));
export const ListeningDashboardRoute = deferred(() => import('./dashboard-page').then((m) => m.DashboardPage));
export const SourcesRoute = deferred(() => import('./sources-page').then((m) => m.SourcesPage));
export const AlertsRoute = deferred(() => import('../alerts/alerts-page').then((m) => m.AlertsPage));

/** `/w/:id/listening?topic=…` (the link alerts send) opens the mention stream with the same filters. */
export function ListeningIndexRedirect() {
  const { search } = useLocation();
  return <Navigate to={`mentions${search}`} replace />;
}
