// The inbox's team settings as tabs beside the inbox: moderation rules, saved replies, service levels and the
// figures measured against them.
import { Anchor, Group, Stack, Tabs, Title } from '@mantine/core';
import { IconArrowLeft, IconChartLine, IconClockHour4, IconFilter, IconMessageDots } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useWorkspace } from '../workspaces/workspace-context';

const PAGES = [
  { path: 'rules', label: 'inboxAutomation.nav.rules', icon: IconFilter },
  { path: 'saved-replies', label: 'inboxAutomation.nav.savedReplies', icon: IconMessageDots },
  { path: 'service-levels', label: 'inboxAutomation.nav.serviceLevels', icon: IconClockHour4 },
  { path: 'stats', label: 'inboxAutomation.nav.stats', icon: IconChartLine },
] as const;

export function InboxAutomationLayout() {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const base = `/w/${workspace.id}/inbox`;
  const current = PAGES.find((page) => pathname.startsWith(`${base}/${page.path}`))?.path ?? null;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('inboxAutomation.title')}</Title>
        <Anchor component={Link} to={base} size="sm">
          <Group gap={4}>
            <IconArrowLeft size={14} aria-hidden />
            {t('inboxAutomation.backToInbox')}
          </Group>
        </Anchor>
      </Group>
      <Tabs value={current} onChange={(value) => value && void navigate(`${base}/${value}`)} keepMounted={false}>
        <Tabs.List aria-label={t('inboxAutomation.title')}>
          {PAGES.map((page) => (
            <Tabs.Tab key={page.path} value={page.path} leftSection={<page.icon size={16} aria-hidden />}>
              {t(page.label)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Outlet />
    </Stack>
  );
}
