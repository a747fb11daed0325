// The inbox page's way to its team settings (rules, saved replies, service levels, figures).
import { Anchor, Group } from '@mantine/core';
import { IconSettings } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useWorkspace } from '../workspaces/workspace-context';

export function InboxAutomationLink() {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  return (
    <Anchor component={Link} to={`/w/${workspace.id}/inbox/rules`} size="sm" data-testid="inbox-automation-link">
      <Group gap={4} mt={4}>
        <IconSettings size={14} aria-hidden />
        {t('inboxAutomation.link')}
      </Group>
    </Anchor>
  );
}
