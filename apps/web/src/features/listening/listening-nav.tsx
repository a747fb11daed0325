// The "Veille" section of the workspace navigation: topics, mentions, dashboard, sources and alerts.
import { NavLink, Text } from '@mantine/core';
import { IconAlarm, IconChartAreaLine, IconMessages, IconRss, IconTargetArrow } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';

export function ListeningNav({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const links = [
    { to: 'listening/topics', label: t('nav.topics'), icon: IconTargetArrow, testId: 'nav-listening-topics' },
    { to: 'listening/mentions', label: t('nav.mentions'), icon: IconMessages, testId: 'nav-listening-mentions' },
    {
      to: 'listening/dashboard',
      label: t('nav.dashboard'),
      icon: IconChartAreaLine,
      testId: 'nav-listening-dashboard',
    },
    { to: 'listening/sources', label: t('nav.sources'), icon: IconRss, testId: 'nav-listening-sources' },
    { to: 'alerts', label: t('nav.alerts'), icon: IconAlarm, testId: 'nav-alerts' },
  ];
  return (
    <nav aria-label={t('nav.listening')} data-testid="nav-listening">
      <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pt="md" pb={4}>
        {t('nav.listening')}
      </Text>
      {links.map((link) => {
        const href = `/w/${workspaceId}/${link.to}`;
        return (
          <NavLink
            key={link.to}
            component={Link}
            to={href}
            label={link.label}
            leftSection={<link.icon size={18} />}
            active={pathname.startsWith(href)}
            data-testid={link.testId}
          />
        );
      })}
    </nav>
  );
}
