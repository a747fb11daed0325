// Entry points of the listening and alert pages for the router. They load on first visit: the charts
// (ECharts) and the query parser are weight the other pages do not need.
import { Navigate, useLocation } from 'react-router-dom';
import { lazyPage } from '../../ui/lazy-page';

export const TopicsRoute = lazyPage(() => import('./topics-page'), 'TopicsPage');
export const MentionsRoute = lazyPage(() => import('./mentions-page'), 'MentionsPage');
export const ListeningDashboardRoute = lazyPage(() => import('./dashboard-page'), 'DashboardPage');
export const SourcesRoute = lazyPage(() => import('./sources-page'), 'SourcesPage');
export const AlertsRoute = lazyPage(() => import('../alerts/alerts-page'), 'AlertsPage');

/** `/w/:id/listening?topic=…` (the link alerts send) opens the mention stream with the same filters. */
export function ListeningIndexRedirect() {
  const { search } = useLocation();
  return <Navigate to={`mentions${search}`} replace />;
}
