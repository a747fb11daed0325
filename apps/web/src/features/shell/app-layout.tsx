// Logged-in frame: header (workspace switcher, language, account) and the
// navigation of the workspace open in the URL.
import { AppShell, Burger, Group, NavLink, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconBuildingCommunity,
  IconCalendarEvent,
  IconKey,
  IconListDetails,
  IconMailPlus,
  IconNews,
  IconPalette,
  IconPlugConnected,
  IconPlus,
  IconSettings,
  IconUsers,
  IconWebhook,
} from '@tabler/icons-react';
import { useEffect, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation, useParams } from 'react-router-dom';
import type { Session, WorkspaceSummary } from '../../api/types';
import { PageLoader } from '../../ui/page-loader';
import { useSession } from '../auth/session';
import { ChannelHealthBadge, ChannelHealthCount } from '../channels/channel-health-badge';
import { ListeningNav } from '../listening/listening-nav';
import { NewWorkspaceModal } from '../workspaces/new-workspace-modal';
import { describePermissions, type WorkspacePermissions } from '../workspaces/roles';
import { WorkspaceContext, pickDefaultWorkspace, rememberWorkspace } from '../workspaces/workspace-context';
import { NotificationBell } from '../notifications/notification-bell';
import { LanguageMenu } from './language-menu';
import { UserMenu } from './user-menu';
import { WorkspaceSwitcher } from './workspace-switcher';

interface ShellFrameProps {
  session: Session;
  workspace: WorkspaceSummary | undefined;
  permissions: WorkspacePermissions | undefined;
  children: ReactNode;
}

function ShellFrame({ session, workspace, permissions, children }: ShellFrameProps) {
  const { t } = useTranslation();
  const location = useLocation();
  const [navOpened, nav] = useDisclosure(false);
  const [creating, creation] = useDisclosure(false);
  const closeNav = nav.close;

  // Close the mobile drawer after navigating, otherwise it hides the page just opened.
  useEffect(() => {
    closeNav();
  }, [location.pathname, closeNav]);

  const links =
    workspace && permissions
      ? [
          { to: 'calendar', label: t('nav.calendar'), icon: IconCalendarEvent, shown: true, testId: 'nav-calendar' },
          { to: 'posts', label: t('nav.posts'), icon: IconNews, shown: true, testId: 'nav-posts' },
          {
            to: 'channels',
            label: t('nav.channels'),
            icon: IconPlugConnected,
            shown: true,
            testId: 'nav-channels',
            badge: <ChannelHealthCount workspaceId={workspace.id} />,
          },
          {
            to: 'editorial',
            label: t('nav.editorial'),
            icon: IconPalette,
            shown: permissions.manageEditorial,
            testId: 'nav-editorial',
          },
          { to: 'members', label: t('nav.members'), icon: IconUsers, shown: true, testId: 'nav-members' },
          {
            to: 'invitations',
            label: t('nav.invitations'),
            icon: IconMailPlus,
            shown: permissions.manageInvitations,
            testId: 'nav-invitations',
          },
          {
            to: 'api-keys',
            label: t('nav.apiKeys'),
            icon: IconKey,
            shown: permissions.manageApiKeys,
            testId: 'nav-api-keys',
          },
          {
            to: 'webhooks',
            label: t('nav.webhooks'),
            icon: IconWebhook,
            shown: permissions.manageWebhooks,
            testId: 'nav-webhooks',
          },
          {
            to: 'audit',
            label: t('nav.audit'),
            icon: IconListDetails,
            shown: permissions.viewAudit,
            testId: 'nav-audit',
          },
          {
            to: 'settings',
            label: t('nav.settings'),
            icon: IconSettings,
            shown: permissions.editSettings,
            testId: 'nav-settings',
          },
        ].filter((link) => link.shown)
      : [];

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={navOpened}
              onClick={nav.toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t('nav.openNavigation')}
            />
            <Title order={3} visibleFrom="xs">
              {t('app.name')}
            </Title>
            {session.workspaces.length > 0 && (
              <WorkspaceSwitcher workspaces={session.workspaces} currentId={workspace?.id} />
            )}
          </Group>
          <Group gap="xs" wrap="nowrap">
            {workspace && <ChannelHealthBadge workspaceId={workspace.id} />}
            <NotificationBell workspaces={session.workspaces} />
            <LanguageMenu />
            <UserMenu user={session.user} />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" aria-label={workspace?.name}>
        <AppShell.Section grow component={ScrollArea}>
          {workspace && (
            <Group gap="xs" px="sm" pb="sm" wrap="nowrap">
              <IconBuildingCommunity size={18} />
              <Text fw={600} size="sm" truncate>
                {session.organisation.name}
              </Text>
            </Group>
          )}
          {links.map((link) => {
            const href = `/w/${workspace?.id}/${link.to}`;
            return (
              <NavLink
                key={link.to}
                component={Link}
                to={href}
                label={link.label}
                leftSection={<link.icon size={18} />}
                rightSection={'badge' in link ? link.badge : undefined}
                active={location.pathname.startsWith(href)}
                data-testid={link.testId}
              />
            );
          })}
          {workspace && <ListeningNav workspaceId={workspace.id} />}
        </AppShell.Section>
        {session.user.isOwner && (
          <AppShell.Section>
            <NavLink
              component="button"
              label={t('nav.newWorkspace')}
              leftSection={<IconPlus size={18} />}
              onClick={creation.open}
              data-testid="write-new-workspace"
            />
          </AppShell.Section>
        )}
      </AppShell.Navbar>

      <AppShell.Main>{children}</AppShell.Main>
      {session.user.isOwner && <NewWorkspaceModal opened={creating} onClose={creation.close} />}
    </AppShell>
  );
}

/** `/w/:workspaceId/*`: resolves the workspace from the session and exposes it to the pages. */
export function WorkspaceLayout() {
  const session = useSession();
  const { workspaceId } = useParams();
  const workspace = session.data?.workspaces.find((candidate) => candidate.id === workspaceId);
  const permissions = useMemo(() => (workspace ? describePermissions(workspace.role) : undefined), [workspace]);

  useEffect(() => {
    if (workspace) rememberWorkspace(workspace.id);
  }, [workspace]);

  if (!session.data) return <PageLoader />;
  // Unknown id, or the user just lost access (removed, workspace switched): go to a valid one.
  if (!workspace || !permissions) return <Navigate to="/" replace />;

  return (
    <ShellFrame session={session.data} workspace={workspace} permissions={permissions}>
      <WorkspaceContext.Provider value={{ session: session.data, workspace, permissions }}>
        <Outlet />
      </WorkspaceContext.Provider>
    </ShellFrame>
  );
}

/** `/`: opens the last used workspace, or explains that there is none yet. */
export function HomeRedirect() {
  const { t } = useTranslation();
  const session = useSession();
  if (!session.data) return <PageLoader />;
  const target = pickDefaultWorkspace(session.data.workspaces);
  if (target) return <Navigate to={`/w/${target.id}/members`} replace />;
  return (
    <ShellFrame session={session.data} workspace={undefined} permissions={undefined}>
      <Stack align="center" mt="xl" gap="xs" data-testid="no-workspace">
        <Text fw={600}>{t('workspace.noWorkspace')}</Text>
        {!session.data.user.isOwner && <Text c="dimmed">{t('workspace.noWorkspaceHint')}</Text>}
      </Stack>
    </ShellFrame>
  );
}

/** Keeps pages a role can't use out of reach even when the URL is typed by hand. */
export function RequirePermission({ allowed, children }: { allowed: boolean; children: ReactNode }) {
  if (!allowed) return <Navigate to="../members" replace />;
  return children;
}
