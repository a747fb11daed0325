// The seed-003 checklist: listen, participate, build the community, branding before selling, e-reputation. Each
// item is green because of what the workspace holds (the server evaluates it), with a link to where it is done.
import { Anchor, Group, List, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCheck, IconCircleDashed } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useWorkspace } from '../workspaces/workspace-context';
import { useChecklist, type ChecklistItem } from './strategy-api';

const STAGES: ChecklistItem['stage'][] = ['listen', 'participate', 'community', 'branding', 'e_reputation'];

export function ChecklistSection() {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const items = useChecklist(workspace.id).data?.items ?? [];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="strategy-checklist-title">
      <Stack>
        <Title order={3} id="strategy-checklist-title">
          {t('strategy.checklist.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('strategy.checklist.intro')}
        </Text>
        {STAGES.map((stage) => (
          <Stack key={stage} gap={4}>
            <Title order={4}>{t(`strategy.checklist.stages.${stage}`)}</Title>
            <List spacing={6} center>
              {items
                .filter((item) => item.stage === stage)
                .map((item) => (
                  <List.Item
                    key={item.id}
                    data-testid="checklist-item"
                    data-item={item.id}
                    data-done={item.done}
                    icon={
                      <ThemeIcon color={item.done ? 'green' : 'gray'} variant="light" radius="xl" size={22}>
                        {item.done ? <IconCheck size={14} aria-hidden /> : <IconCircleDashed size={14} aria-hidden />}
                      </ThemeIcon>
                    }
                  >
                    <Group gap="xs">
                      <Text size="sm">
                        <Text span fw={600}>
                          {t(item.done ? 'strategy.checklist.done' : 'strategy.checklist.todo')}
                        </Text>{' '}
                        {t(`strategy.checklist.items.${item.id}`, item.params)}
                      </Text>
                      {!item.done ? (
                        <Anchor component={Link} to={`/w/${workspace.id}/${item.link}`} size="sm">
                          {t('strategy.checklist.open')}
                        </Anchor>
                      ) : null}
                    </Group>
                  </List.Item>
                ))}
            </List>
          </Stack>
        ))}
      </Stack>
    </Paper>
  );
}
