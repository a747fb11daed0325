// Providers and routes of the Rostra UI.
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { isApiError } from './api/client';
import { LoginPage } from './features/auth/login-page';
import { RequireSession } from './features/auth/require-session';
import { endSession, sessionQueryKey } from './features/auth/session';
import { useOAuthErrorNotice } from './features/channels/oauth-return';
import {
  AlertsRoute,
  ListeningDashboardRoute,
  ListeningIndexRedirect,
  MentionsRoute,
  SourcesRoute,
  TopicsRoute,
} from './features/listening/listening-routes';
import { SetupGate } from './features/setup/setup-gate';
import { HomePage } from './features/home/home-page';
import { SettingsIndex, SettingsLayout } from './features/settings/settings-layout';
import { HomeRedirect, RequirePermission, WorkspaceLayout, WorkspaceRedirect } from './features/shell/app-layout';
import { useFollowAccountLocale } from './features/shell/use-change-locale';
import { useWorkspace } from './features/workspaces/workspace-context';
import { lazyPage } from './ui/lazy-page';
import { cssVariablesResolver, useTheme } from './ui/theme';

// Every page but the login and the home page is loaded when first opened.
const CalendarPage = lazyPage(() => import('./features/calendar/calendar-page'), 'CalendarPage');
const ApiKeysPage = lazyPage(() => import('./features/api-keys/api-keys-page'), 'ApiKeysPage');
const AuditPage = lazyPage(() => import('./features/audit/audit-page'), 'AuditPage');
const ForgotPasswordPage = lazyPage(() => import('./features/auth/forgot-password-page'), 'ForgotPasswordPage');
const ResetPasswordPage = lazyPage(() => import('./features/auth/reset-password-page'), 'ResetPasswordPage');
const ChannelsPage = lazyPage(() => import('./features/channels/channels-page'), 'ChannelsPage');
const EditorialPage = lazyPage(() => import('./features/editorial/editorial-page'), 'EditorialPage');
const CharterPage = lazyPage(() => import('./features/charter/charter-page'), 'CharterPage');
const InvitationsPage = lazyPage(() => import('./features/invitations/invitations-page'), 'InvitationsPage');
const InviteAcceptPage = lazyPage(() => import('./features/invitations/invite-accept-page'), 'InviteAcceptPage');
const MembersPage = lazyPage(() => import('./features/members/members-page'), 'MembersPage');
const ComposerPage = lazyPage(() => import('./features/posts/composer-page'), 'ComposerPage');
const PostsPage = lazyPage(() => import('./features/posts/posts-page'), 'PostsPage');
const PlanPage = lazyPage(() => import('./features/plan/plan-page'), 'PlanPage');
const InboxPage = lazyPage(() => import('./features/inbox/inbox-page'), 'InboxPage');
const InboxAutomationLayout = lazyPage(
  () => import('./features/inbox-automation/automation-layout'),
  'InboxAutomationLayout',
);
const InboxRulesPage = lazyPage(() => import('./features/inbox-automation/rules-page'), 'RulesPage');
const SavedRepliesPage = lazyPage(() => import('./features/inbox-automation/saved-replies-page'), 'SavedRepliesPage');
const ServiceLevelsPage = lazyPage(
  () => import('./features/inbox-automation/service-levels-page'),
  'ServiceLevelsPage',
);
const InboxStatsPage = lazyPage(() => import('./features/inbox-automation/stats-page'), 'InboxStatsPage');
const StrategyPage = lazyPage(() => import('./features/strategy/strategy-page'), 'StrategyPage');
const SetupPage = lazyPage(() => import('./features/setup/setup-page'), 'SetupPage');
const WorkspaceSettingsPage = lazyPage(
  () => import('./features/workspaces/workspace-settings-page'),
  'WorkspaceSettingsPage',
);
const WebhooksPage = lazyPage(() => import('./features/webhooks/webhooks-page'), 'WebhooksPage');
const AmbassadorPage = lazyPage(() => import('./features/ambassador/ambassador-page'), 'AmbassadorPage');
const AmbassadorSettingsPage = lazyPage(
  () => import('./features/ambassador/ambassador-settings-page'),
  'AmbassadorSettingsPage',
);

function createQueryClient(): QueryClient {
  // A 401 means the session cookie is gone (expired, logged out in another tab): forget the
  // session so the guards send the user back to the login page. (A network refusing a channel's
  // credentials answers 422 `channel_refused`, so it never logs anyone out.)
  const dropSessionOn401 = (error: unknown, key?: readonly unknown[]) => {
    if (isApiError(error) && error.status === 401 && key?.[0] !== sessionQueryKey[0]) {
      endSession(queryClient);
    }
  };
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (error, query) => dropSessionOn401(error, query.queryKey) }),
    mutationCache: new MutationCache({ onError: (error) => dropSessionOn401(error) }),
    defaultOptions: {
      queries: {
        // Client errors (403, 404…) won't fix themselves by retrying.
        retry: (failureCount, error) =>
          !(isApiError(error) && error.status >= 400 && error.status < 500) && failureCount < 2,
        refetchOnWindowFocus: true,
      },
    },
  });
  return queryClient;
}

const queryClient = createQueryClient();

function InvitationsRoute() {
  const { permissions } = useWorkspace();
  return (
    <RequirePermission allowed={permissions.manageInvitations}>
      <InvitationsPage />
    </RequirePermission>
  );
}

function ApiKeysRoute() {
  const { permissions } = useWorkspace();
  return (
    <RequirePermission allowed={permissions.manageApiKeys}>
      <ApiKeysPage />
    </RequirePermission>
  );
}

function WebhooksRoute() {
  const { permissions } = useWorkspace();
  return (
    <RequirePermission allowed={permissions.manageWebhooks}>
      <WebhooksPage />
    </RequirePermission>
  );
}

function AuditRoute() {
  const { permissions } = useWorkspace();
  return (
    <RequirePermission allowed={permissions.viewAudit}>
      <AuditPage />
    </RequirePermission>
  );
}

function AmbassadorSettingsRoute() {
  const { permissions } = useWorkspace();
  return (
    <RequirePermission allowed={permissions.manageAmbassadors}>
      <AmbassadorSettingsPage />
    </RequirePermission>
  );
}

function SettingsRoute() {
  const { permissions } = useWorkspace();
  return (
    <RequirePermission allowed={permissions.editSettings}>
      <WorkspaceSettingsPage />
    </RequirePermission>
  );
}

function EditorialRoute() {
  const { permissions } = useWorkspace();
  return (
    <RequirePermission allowed={permissions.manageEditorial}>
      <EditorialPage />
    </RequirePermission>
  );
}

function NewPostRoute() {
  const { permissions } = useWorkspace();
  return (
    <RequirePermission allowed={permissions.writePosts}>
      <ComposerPage />
    </RequirePermission>
  );
}

function AppRoutes() {
  useFollowAccountLocale();
  useOAuthErrorNotice();
  return (
    <Routes>
      <Route element={<SetupGate />}>
        <Route path="/setup" element={<SetupPage />} />
        <Route path="/login" element={<LoginPage />} />
        <Route path="/invite/:token" element={<InviteAcceptPage />} />
        <Route path="/forgot-password" element={<ForgotPasswordPage />} />
        <Route path="/reset-password/:token" element={<ResetPasswordPage />} />
        <Route element={<RequireSession />}>
          <Route index element={<HomeRedirect />} />
          <Route path="/w/:workspaceId" element={<WorkspaceLayout />}>
            <Route index element={<WorkspaceRedirect to="today" />} />
            <Route path="today" element={<HomePage />} />
            <Route path="inbox" element={<InboxPage />} />
            <Route element={<InboxAutomationLayout />}>
              <Route path="inbox/rules" element={<InboxRulesPage />} />
              <Route path="inbox/saved-replies" element={<SavedRepliesPage />} />
              <Route path="inbox/service-levels" element={<ServiceLevelsPage />} />
              <Route path="inbox/stats" element={<InboxStatsPage />} />
            </Route>
            <Route path="calendar" element={<CalendarPage />} />
            <Route path="plan" element={<PlanPage />} />
            <Route path="strategy" element={<StrategyPage />} />
            <Route path="posts" element={<PostsPage />} />
            <Route path="posts/new" element={<NewPostRoute />} />
            <Route path="posts/:postId" element={<ComposerPage />} />
            <Route path="channels" element={<ChannelsPage />} />
            <Route path="editorial" element={<EditorialRoute />} />
            <Route path="charter" element={<CharterPage />} />
            <Route path="ambassador" element={<AmbassadorPage />} />
            <Route path="listening" element={<ListeningIndexRedirect />} />
            <Route path="listening/topics" element={<TopicsRoute />} />
            <Route path="listening/mentions" element={<MentionsRoute />} />
            <Route path="listening/dashboard" element={<ListeningDashboardRoute />} />
            <Route path="listening/sources" element={<SourcesRoute />} />
            <Route path="alerts" element={<AlertsRoute />} />
            <Route path="settings" element={<SettingsLayout />}>
              <Route index element={<SettingsIndex />} />
              <Route path="members" element={<MembersPage />} />
              <Route path="invitations" element={<InvitationsRoute />} />
              <Route path="api-keys" element={<ApiKeysRoute />} />
              <Route path="webhooks" element={<WebhooksRoute />} />
              <Route path="audit" element={<AuditRoute />} />
              <Route path="ambassadors" element={<AmbassadorSettingsRoute />} />
              <Route path="workspace" element={<SettingsRoute />} />
            </Route>
            {/* Addresses from before "Paramètres" (bookmarks, links in old emails). */}
            {['members', 'invitations', 'api-keys', 'webhooks', 'audit'].map((page) => (
              <Route key={page} path={page} element={<WorkspaceRedirect to={`settings/${page}`} />} />
            ))}
            <Route path="*" element={<WorkspaceRedirect to="today" />} />
          </Route>
        </Route>
        <Route path="*" element={<Navigate to="/" replace />} />
      </Route>
    </Routes>
  );
}

export function App() {
  const theme = useTheme();
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="auto">
      {/* Bottom corner: toasts at the top would cover the language and account menus. */}
      <Notifications position="bottom-right" />
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  );
}
