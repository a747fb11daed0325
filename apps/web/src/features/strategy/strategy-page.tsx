// « Stratégie »: the workspace's strategy document — context and diagnostic, objectives measured from Rostra's
// data, personas, the network choice with its reasons, and the seed-003 checklist turning green from data. Every
// member reads it; managers write it.
import { Anchor, Group, Stack, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/api-errors';
import { PageLoader } from '../../ui/page-loader';
import { useWorkspace } from '../workspaces/workspace-context';
import { ChecklistSection } from './checklist-section';
import { DocumentSection } from './document-section';
import { NetworksSection } from './networks-section';
import { ObjectivesSection } from './objectives-section';
import { PersonasSection } from './personas-section';
import { strategyPath, useStrategy } from './strategy-api';

export function StrategyPage() {
  const { t, i18n } = useTranslation();
  const { workspace, permissions } = useWorkspace();
  const strategy = useStrategy(workspace.id);
  if (strategy.isPending) return <PageLoader />;
  if (strategy.isError) return <ErrorAlert error={strategy.error} onRetry={() => void strategy.refetch()} />;
  const canManage = permissions.manageEditorial;
  const { document, objectives, personas, kpis } = strategy.data;
  return (
    <Stack data-testid="strategy-page">
      <Group justify="space-between" wrap="wrap">
        <Title order={2}>{t('strategy.title')}</Title>
        <Anchor
          href={strategyPath(workspace.id, `/export.pdf?lang=${i18n.language.startsWith('fr') ? 'fr' : 'en'}`)}
          download
          size="sm"
          data-testid="strategy-export-pdf"
        >
          <IconDownload size={14} aria-hidden /> {t('strategy.exportPdf')}
        </Anchor>
      </Group>
      <Text c="dimmed">{t('strategy.intro')}</Text>
      <DocumentSection key={document.updatedAt ?? 'new'} document={document} canManage={canManage} />
      <ObjectivesSection objectives={objectives} personas={personas} kpis={kpis} canManage={canManage} />
      <PersonasSection personas={personas} canManage={canManage} />
      <NetworksSection objectives={objectives} personas={personas} canManage={canManage} />
      <ChecklistSection />
    </Stack>
  );
}
