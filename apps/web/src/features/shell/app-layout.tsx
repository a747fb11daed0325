// Logged-in frame: header (workspace switcher, language, account) and the
// navigation of the workspace open in the URL.
import { Anchor, AppShell, Burger, Group, NavLink, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconBuildingCommunity,
  IconCalendarEvent,
  IconCalendarRepeat,
  IconChecklist,
  IconInbox,
  IconTargetArrow,
  IconNews,
  IconPalette,
  IconPencilPlus,
  IconPlugConnected,
  IconPlus,
  IconSettings,
  IconSpeakerphone,
  IconSun,
} from '@tabler/icons-react';
import { useEffect, useMemo, type ReactNode } from 'react';
import './shell.css';
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

interface NavItem {
  to: string;
  label: string;
  icon: typeof IconSun;
  testId: string;
  badge?: ReactNode;
  /** Active only on this page and the pages under it that are not `…/new` (Publications vs New post). */
  exact?: boolean;
}

interface NavSection {
  title?: string;
  links: NavItem[];
}

interface ShellFrameProps {
  session: Session;
  workspace: WorkspaceSummary | undefined;
  permissions: WorkspacePermissions | undefined;
  children: ReactNode;
}

/** The daily work, by what people do with it; settings live apart under "Paramètres". */
function useNavSections(
  workspace: WorkspaceSummary | undefined,
  permissions: WorkspacePermissions | undefined,
): NavSection[] {
  const { t } = useTranslation();
  if (!workspace || !permissions) return [];
  const ambassador = {
    to: 'ambassador',
    label: t('nav.ambassador'),
    icon: IconSpeakerphone,
    testId: 'nav-ambassador',
  };
  // An ambassador's whole menu: their page.
  if (permissions.ambassadorOnly) return [{ links: [ambassador] }];
  return [
    {
      links: [
        { to: 'today', label: t('nav.today'), icon: IconSun, testId: 'nav-today' },
        { to: 'inbox', label: t('nav.inbox'), icon: IconInbox, testId: 'nav-inbox' },
      ],
    },
    {
      title: t('nav.plan'),
      links: [
        { to: 'calendar', label: t('nav.calendar'), icon: IconCalendarEvent, testId: 'nav-calendar' },
        { to: 'plan', label: t('nav.animationPlan'), icon: IconCalendarRepeat, testId: 'nav-plan' },
        { to: 'posts', label: t('nav.posts'), icon: IconNews, testId: 'nav-posts', exact: true },
        ...(permissions.manageEditorial
          ? [{ to: 'editorial', label: t('nav.editorial'), icon: IconPalette, testId: 'nav-editorial' }]
          : []),
        { to: 'charter', label: t('nav.charter'), icon: IconChecklist, testId: 'nav-charter' },
        { to: 'strategy', label: t('nav.strategy'), icon: IconTargetArrow, testId: 'nav-strategy' },
      ],
    },
    {
      title: t('nav.publish'),
      links: [
        ...(permissions.writePosts
          ? [{ to: 'posts/new', label: t('nav.newPost'), icon: IconPencilPlus, testId: 'nav-new-post' }]
          : []),
        {
          to: 'channels',
          label: t('nav.channels'),
          icon: IconPlugConnected,
          testId: 'nav-channels',
          badge: <ChannelHealthCount workspaceId={workspace.id} />,
        },
        ambassador,
      ],
    },
  ];
}

const MAIN_ID = 'main-content';

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

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      padding="md"
    >
      {/* The first stop of the keyboard: past the header and the menu, straight to the page (WCAG 2.4.1). */}
      <Anchor href={`#${MAIN_ID}`} className="rostra-skip-link" data-testid="skip-to-content">
        {t('a11y.skipToContent')}
      </Anchor>
      <ShellHeader
        session={session}
        workspace={permissions?.ambassadorOnly ? undefined : workspace}
        switcherId={workspace?.id}
        navOpened={navOpened}
        onToggleNav={nav.toggle}
      />
      <ShellNavbar
        session={session}
        workspace={workspace}
        ambassadorOnly={permissions?.ambassadorOnly ?? false}
        sections={useNavSections(workspace, permissions)}
        onNewWorkspace={creation.open}
      />
      <AppShell.Main id={MAIN_ID} tabIndex={-1}>
        {children}
      </AppShell.Main>
      {session.user.isOwner && <NewWorkspaceModal opened={creating} onClose={creation.close} />}
    </AppShell>
  );
}

interface ShellHeaderProps {
  session: Session;
  /** The workspace whose channel health shows (none for an ambassador). */
  workspace: WorkspaceSummary | undefined;
  switcherId: string | undefined;
  navOpened: boolean;
  onToggleNav: () => void;
}

function ShellHeader({ session, workspace, switcherId, navOpened, onToggleNav }: ShellHeaderProps) {
  const { t } = useTranslation();
  return (
    <AppShell.Header>
      {/* On a phone everything must fit in 390 px: the workspace switcher takes what the buttons leave. */}
      <Group h="100%" px={{ base: 'xs', sm: 'md' }} justify="space-between" wrap="nowrap" gap="xs">
        <Group gap="sm" wrap="nowrap" style={{ flex: 1, minWidth: 0 }}>
          <Burger
            opened={navOpened}
            onClick={onToggleNav}
            hiddenFrom="sm"
            size="sm"
            aria-label={t('nav.openNavigation')}
          />
          <Title order={3} visibleFrom="xs">
            {t('app.name')}
          </Title>
          {session.workspaces.length > 0 && (
            <WorkspaceSwitcher workspaces={session.workspaces} currentId={switcherId} />
          )}
        </Group>
        <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
          {workspace && <ChannelHealthBadge workspaceId={workspace.id} />}
          <NotificationBell workspaces={session.workspaces} />
          <LanguageMenu />
          <UserMenu user={session.user} />
        </Group>
      </Group>
    </AppShell.Header>
  );
}

interface ShellNavbarProps {
  session: Session;
  workspace: WorkspaceSummary | undefined;
  /** Only the ambassador page: no listening, no settings. */
  ambassadorOnly: boolean;
  sections: NavSection[];
  onNewWorkspace: () => void;
}

function ShellNavbar({ session, workspace, ambassadorOnly, sections, onNewWorkspace }: ShellNavbarProps) {
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <AppShell.Navbar p="sm" aria-label={workspace?.name}>
      <AppShell.Section grow component={ScrollArea}>
        {workspace && (
          <Group gap="xs" px="sm" pb="sm" wrap="nowrap">
            <IconBuildingCommunity size={18} aria-hidden />
            <Text fw={600} size="sm" truncate>
              {session.organisation.name}
            </Text>
          </Group>
        )}
        {sections.map((section, index) => (
          <nav key={index} aria-label={section.title ?? t('nav.today')}>
            {section.title && (
              <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pt="md" pb={4}>
                {section.title}
              </Text>
            )}
            {section.links.map((link) => (
              <ShellNavLink key={link.to} link={link} workspaceId={workspace?.id} />
            ))}
          </nav>
        ))}
        {workspace && !ambassadorOnly && <ListeningNav workspaceId={workspace.id} />}
      </AppShell.Section>
      {workspace && !ambassadorOnly && (
        <AppShell.Section>
          <NavLink
            component={Link}
            to={`/w/${workspace.id}/settings`}
            label={t('nav.settingsArea')}
            leftSection={<IconSettings size={18} />}
            active={location.pathname.startsWith(`/w/${workspace.id}/settings`)}
            data-testid="nav-settings-area"
          />
        </AppShell.Section>
      )}
      {session.user.isOwner && (
        <AppShell.Section>
          <NavLink
            component="button"
            label={t('nav.newWorkspace')}
            leftSection={<IconPlus size={18} />}
            onClick={onNewWorkspace}
            data-testid="write-new-workspace"
          />
        </AppShell.Section>
      )}
    </AppShell.Navbar>
  );
}

function ShellNavLink({ link, workspaceId }: { link: NavItem; workspaceId: string | undefined }) {
  const location = useLocation();
  const href = `/w/${workspaceId}/${link.to}`;
  const active = link.exact
    ? location.pathname === href || (location.pathname.startsWith(`${href}/`) && !location.pathname.endsWith('/new'))
    : location.pathname.startsWith(href);
  return (
    <NavLink
      component={Link}
      to={href}
      label={link.label}
      leftSection={<link.icon size={18} />}
      rightSection={link.badge}
      active={active}
      aria-current={active ? 'page' : undefined}
      data-testid={link.testId}
    />
  );
}

/** `/w/:workspaceId/*`: resolves the workspace from the session and exposes it to the pages. */
export function WorkspaceLayout() {
  const session = useSession();
  const location = useLocation();
  const { workspaceId } = useParams();
  const workspace = session.data?.workspaces.find((candidate) => candidate.id === workspaceId);
  const permissions = useMemo(() => (workspace ? describePermissions(workspace.role) : undefined), [workspace]);

  useEffect(() => {
    if (workspace) rememberWorkspace(workspace.id);
  }, [workspace]);

  if (!session.data) return <PageLoader />;
  // Unknown id, or the user just lost access (removed, workspace switched): go to a valid one.
  if (!workspace || !permissions) return <Navigate to="/" replace />;
  // An ambassador reaches only their page, whatever address is typed (the server refuses them the rest).
  const ambassadorPage = `/w/${workspace.id}/ambassador`;
  if (permissions.ambassadorOnly && location.pathname !== ambassadorPage) {
    return <Navigate to={ambassadorPage} replace />;
  }

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
  if (target) return <Navigate to={`/w/${target.id}/today`} replace />;
  return (
    <ShellFrame session={session.data} workspace={undefined} permissions={undefined}>
      <Stack align="center" mt="xl" gap="xs" data-testid="no-workspace">
        <Text fw={600}>{t('workspace.noWorkspace')}</Text>
        {!session.data.user.isOwner && <Text c="dimmed">{t('workspace.noWorkspaceHint')}</Text>}
      </Stack>
    </ShellFrame>
  );
}

/** Another page of the workspace in the address (`to` is from the workspace's root), keeping the query string. */
export function WorkspaceRedirect({ to }: { to: string }) {
  const { workspaceId } = useParams();
  const { search } = useLocation();
  return <Navigate to={`/w/${workspaceId}/${to}${search}`} replace />;
}

/** Keeps pages a role can't use out of reach even when the URL is typed by hand. */
export function RequirePermission({ allowed, children }: { allowed: boolean; children: ReactNode }) {
  const { workspaceId } = useParams();
  if (!allowed) return <Navigate to={`/w/${workspaceId}/today`} replace />;
  return children;
}
