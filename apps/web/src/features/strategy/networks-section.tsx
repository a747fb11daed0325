// The network choice: for each objective and persona, the networks recommended with the reasons shown; the team
// keeps the last word (the networks retained are stored on the objective). Below, the knowledge base the
// recommendation reads, with each French usage figure's source — or « chiffre à sourcer » where none was found.
import { Anchor, Badge, Button, Chip, Group, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { notifyError, notifySuccess } from '../../ui/api-errors';
import { useWorkspace } from '../workspaces/workspace-context';
import {
  strategyKey,
  strategyPath,
  useNetworkKnowledge,
  useRecommendations,
  type NetworkProfile,
  type Objective,
  type Persona,
  type Recommendation,
} from './strategy-api';

interface Props {
  objectives: Objective[];
  personas: Persona[];
  canManage: boolean;
}

export function NetworksSection({ objectives, personas, canManage }: Props) {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const recommendations = useRecommendations(workspace.id).data?.items ?? [];
  const knowledge = useNetworkKnowledge(workspace.id).data?.items ?? [];
  const names = new Map(knowledge.map((n) => [n.id, n.name]));
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="strategy-networks-title">
      <Stack>
        <Title order={3} id="strategy-networks-title">
          {t('strategy.networks.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('strategy.networks.intro')}
        </Text>
        {objectives.length === 0 ? <Text c="dimmed">{t('strategy.networks.noObjective')}</Text> : null}
        {objectives.map((objective) => (
          <ObjectiveNetworks
            key={`${objective.id}-${objective.updatedAt}`}
            objective={objective}
            rows={recommendations.filter((r) => r.objectiveId === objective.id)}
            personas={personas}
            knowledge={knowledge}
            names={names}
            canManage={canManage}
          />
        ))}
        <KnowledgeTable knowledge={knowledge} />
      </Stack>
    </Paper>
  );
}

interface ObjectiveNetworksProps {
  objective: Objective;
  rows: Recommendation[];
  personas: Persona[];
  knowledge: NetworkProfile[];
  names: Map<string, string>;
  canManage: boolean;
}

function ObjectiveNetworks({ objective, rows, personas, knowledge, names, canManage }: ObjectiveNetworksProps) {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const queryClient = useQueryClient();
  const [chosen, setChosen] = useState<string[]>(objective.networks);
  const save = useMutation({
    mutationFn: () => {
      const { id: _id, progress: _progress, updatedAt: _updatedAt, ...body } = objective;
      return api.put(strategyPath(workspace.id, `/objectives/${objective.id}`), { ...body, networks: chosen });
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: strategyKey(workspace.id) });
      notifySuccess(t('strategy.networks.savedChoice'));
    },
    onError: (error) => notifyError(error, t),
  });
  const personaName = (id: string | null) =>
    id === null ? t('strategy.networks.noPersona') : (personas.find((p) => p.id === id)?.name ?? '?');
  return (
    <Paper withBorder p="sm" data-testid="objective-networks">
      <Stack gap="xs">
        <Text fw={700}>{objective.statement}</Text>
        {rows.map((row) => (
          <Stack key={row.personaId ?? 'none'} gap={4} data-testid="recommendation">
            <Text size="sm" fw={600}>
              {t('strategy.networks.forPersona', { persona: personaName(row.personaId) })}
            </Text>
            <List size="sm" spacing={4}>
              {row.networks.map((network) => (
                <List.Item key={network.network} data-testid="recommended-network" data-network={network.network}>
                  <Text span fw={600}>
                    {names.get(network.network) ?? network.network}
                  </Text>{' '}
                  — {network.reasons.map((reason) => t(`strategy.reasons.${reason}`)).join(' ; ')}
                </List.Item>
              ))}
            </List>
          </Stack>
        ))}
        <Chip.Group multiple value={chosen} onChange={canManage ? setChosen : () => undefined}>
          <Text size="sm" fw={500} id={`chosen-${objective.id}`}>
            {t('strategy.networks.chosen')}
          </Text>
          <Group gap="xs" role="group" aria-labelledby={`chosen-${objective.id}`}>
            {knowledge.map((network) => (
              <Chip key={network.id} value={network.id} disabled={!canManage} data-testid="chosen-network">
                {network.name}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
        {canManage ? (
          <Group>
            <Button
              size="xs"
              variant="light"
              loading={save.isPending}
              onClick={() => save.mutate()}
              data-testid="networks-save"
            >
              {t('strategy.networks.save')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Paper>
  );
}

function KnowledgeTable({ knowledge }: { knowledge: NetworkProfile[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('fr') ? 'fr' : 'en';
  return (
    <Stack gap="xs">
      <Title order={4}>{t('strategy.networks.knowledgeTitle')}</Title>
      <Table.ScrollContainer minWidth={720}>
        <Table striped data-testid="network-knowledge">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('strategy.networks.columns.network')}</Table.Th>
              <Table.Th>{t('strategy.networks.columns.audience')}</Table.Th>
              <Table.Th>{t('strategy.networks.columns.fit')}</Table.Th>
              <Table.Th>{t('strategy.networks.columns.timeCost')}</Table.Th>
              <Table.Th>{t('strategy.networks.columns.usage')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {knowledge.map((network) => (
              <Table.Tr key={network.id} data-network={network.id}>
                <Table.Td>
                  <Text fw={600}>{network.name}</Text>
                  {network.publishable ? (
                    <Badge size="xs" variant="light">
                      {t('strategy.networks.publishable')}
                    </Badge>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{network.audience[lang]}</Text>
                  <Text size="xs" c="dimmed">
                    {network.formats.map((format) => t(`strategy.formats.${format}`)).join(', ')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {t('strategy.networks.fit', {
                    btob: t(`strategy.fit.${network.fit.btob}`),
                    btoc: t(`strategy.fit.${network.fit.btoc}`),
                  })}
                </Table.Td>
                <Table.Td>{t(`strategy.timeCost.${network.timeCost}`)}</Table.Td>
                <Table.Td>
                  {network.usage ? (
                    <Stack gap={0}>
                      <Text size="sm">{network.usage.figure[lang]}</Text>
                      <Anchor size="xs" href={network.usage.source.url} target="_blank" rel="noopener noreferrer">
                        {t('strategy.networks.source', {
                          name: network.usage.source.name,
                          date: network.usage.source.date,
                        })}
                      </Anchor>
                    </Stack>
                  ) : (
                    <Text size="sm" c="dimmed" data-testid="figure-to-source">
                      {t('strategy.networks.toSource')}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
