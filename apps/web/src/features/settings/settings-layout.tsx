// "Paramètres": members, invitations, API keys, webhooks, audit log and the workspace's own settings, apart
// from the daily menu, with their own sub-navigation (tabs that wrap on a phone).
import { Stack, Tabs, Title } from '@mantine/core';
import {
  IconAdjustments,
  IconKey,
  IconListDetails,
  IconMailPlus,
  IconSpeakerphone,
  IconUsers,
  IconWebhook,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router-dom';
import type { WorkspacePermissions } from '../workspaces/roles';
import { useWorkspace } from '../workspaces/workspace-context';

export const SETTINGS_PAGES = [
  { path: 'members', label: 'nav.members', icon: IconUsers, testId: 'nav-members', shown: () => true },
  {
    path: 'invitations',
    label: 'nav.invitations',
    icon: IconMailPlus,
    testId: 'nav-invitations',
    shown: (p: WorkspacePermissions) => p.manageInvitations,
  },
  {
    path: 'api-keys',
    label: 'nav.apiKeys',
    icon: IconKey,
    testId: 'nav-api-keys',
    shown: (p: WorkspacePermissions) => p.manageApiKeys,
  },
  {
    path: 'webhooks',
    label: 'nav.webhooks',
    icon: IconWebhook,
    testId: 'nav-webhooks',
    shown: (p: WorkspacePermissions) => p.manageWebhooks,
  },
  {
    path: 'audit',
    label: 'nav.audit',
    icon: IconListDetails,
    testId: 'nav-audit',
    shown: (p: WorkspacePermissions) => p.viewAudit,
  },
  {
    path: 'ambassadors',
    label: 'nav.ambassadors',
    icon: IconSpeakerphone,
    testId: 'nav-ambassadors',
    shown: (p: WorkspacePermissions) => p.manageAmbassadors,
  },
  {
    path: 'workspace',
    label: 'nav.settings',
    icon: IconAdjustments,
    testId: 'nav-settings',
    shown: (p: WorkspacePermissions) => p.editSettings,
  },
] as const;

export function SettingsLayout() {
  const { t } = useTranslation();
  const { workspace, permissions } = useWorkspace();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const base = `/w/${workspace.id}/settings`;
  const pages = SETTINGS_PAGES.filter((page) => page.shown(permissions));
  const current = pages.find((page) => pathname.startsWith(`${base}/${page.path}`))?.path ?? null;

  return (
    <Stack>
      <Title order={2}>{t('nav.settingsArea')}</Title>
      <Tabs value={current} onChange={(value) => value && void navigate(`${base}/${value}`)} keepMounted={false}>
        <Tabs.List aria-label={t('nav.settingsArea')} data-testid="settings-nav">
          {pages.map((page) => (
            <Tabs.Tab key={page.path} value={page.path} leftSection={<page.icon size={16} />} data-testid={page.testId}>
              {t(page.label)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Outlet />
    </Stack>
  );
}

/** `/settings`: the workspace's settings for those who may change them (the old `/settings`), else members. */
export function SettingsIndex() {
  const { permissions } = useWorkspace();
  return <Navigate to={permissions.editSettings ? 'workspace' : 'members'} replace />;
}
