// Header select to jump between the workspaces of the session.
import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import type { WorkspaceSummary } from '../../api/types';

interface WorkspaceSwitcherProps {
  workspaces: WorkspaceSummary[];
  currentId: string | undefined;
}

export function WorkspaceSwitcher({ workspaces, currentId }: WorkspaceSwitcherProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();

  const switchTo = (workspaceId: string | null) => {
    if (!workspaceId || workspaceId === currentId) return;
    // Stay on the same section; the layout falls back to the home page if the new role can't see it.
    const section = /^\/w\/[^/]+\/([^/?#]+)/.exec(location.pathname)?.[1] ?? 'today';
    void navigate(`/w/${workspaceId}/${section}`);
  };

  return (
    <Select
      aria-label={t('header.workspace')}
      data={workspaces.map((workspace) => ({ value: workspace.id, label: workspace.name }))}
      value={currentId ?? null}
      onChange={switchTo}
      allowDeselect={false}
      searchable={workspaces.length > 8}
      placeholder={t('header.workspace')}
      w={{ base: '100%', sm: 240 }}
      miw={0}
      data-testid="workspace-switcher"
      comboboxProps={{ withinPortal: true }}
    />
  );
}
