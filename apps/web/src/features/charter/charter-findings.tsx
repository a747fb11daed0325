// What the editorial charter says of a post, beside the network rules: blocking findings (they refuse approval),
// warnings and advice, each as a sentence with the charter's reason and, where there is one, the suggested fix —
// with a button to apply it in the text. Findings shared by several channels (the same text) are listed once.
import { Alert, Button, Group, List, Stack, Text } from '@mantine/core';
import type { CharterFinding, CharterLevel } from '@rostra/core';
import { IconAlertOctagon, IconAlertTriangle, IconBulb } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel } from '../../api/types';
import { describeNetwork } from '../channels/networks';
import { describeFinding } from './charter-messages';

/** One finding and the channels it was found on. */
export interface GroupedFinding {
  finding: CharterFinding;
  channelIds: string[];
}

/** The same rule at the same place with the same fix, on several channels, becomes one line naming them. */
export function groupFindings(findings: readonly CharterFinding[]): GroupedFinding[] {
  const groups = new Map<string, GroupedFinding>();
  for (const finding of findings) {
    const { rule, level, part, range, fix, params } = finding;
    const key = JSON.stringify([rule, level, part, range?.start, range?.end, fix, params]);
    const group = groups.get(key);
    if (group) group.channelIds.push(finding.channelId);
    else groups.set(key, { finding, channelIds: [finding.channelId] });
  }
  return [...groups.values()];
}

const LEVELS: Array<{ level: CharterLevel; color: string; icon: ReactNode }> = [
  { level: 'blocking', color: 'red', icon: <IconAlertOctagon size={18} /> },
  { level: 'warning', color: 'orange', icon: <IconAlertTriangle size={18} /> },
  { level: 'advice', color: 'blue', icon: <IconBulb size={18} /> },
];

interface CharterFindingsProps {
  findings: readonly CharterFinding[];
  channels: Map<string, Channel>;
  /** Given, a finding with a fix offers to apply it. */
  onApplyFix?: ((finding: CharterFinding) => void) | undefined;
}

export function CharterFindings({ findings, channels, onApplyFix }: CharterFindingsProps) {
  const { t } = useTranslation();
  const grouped = groupFindings(findings);
  if (grouped.length === 0) return null;
  return (
    <Stack gap="xs" data-testid="charter-findings">
      {LEVELS.map(({ level, color, icon }) => {
        const items = grouped.filter((g) => g.finding.level === level);
        if (items.length === 0) return null;
        return (
          <Alert
            key={level}
            color={color}
            icon={icon}
            title={t(`charter.findingsTitle.${level}`)}
            data-testid={`charter-findings-${level}`}
          >
            <List size="sm" spacing={6}>
              {items.map((group, index) => (
                <FindingItem key={index} group={group} channels={channels} onApplyFix={onApplyFix} />
              ))}
            </List>
          </Alert>
        );
      })}
    </Stack>
  );
}

function FindingItem({
  group,
  channels,
  onApplyFix,
}: {
  group: GroupedFinding;
  channels: Map<string, Channel>;
  onApplyFix?: ((finding: CharterFinding) => void) | undefined;
}) {
  const { t } = useTranslation();
  const { finding } = group;
  const where = group.channelIds
    .map((id) => channels.get(id)?.name ?? describeNetwork(finding.network).label)
    .join(', ');
  return (
    <List.Item data-testid="charter-finding" data-rule={finding.rule} data-level={finding.level}>
      <Stack gap={2}>
        <Text size="sm">
          <Text span fw={600} size="sm">
            {where}
          </Text>
          {finding.part === 'first_comment' && (
            <span data-testid="charter-finding-part">
              {' · '}
              {t('charter.inFirstComment')}
            </span>
          )}
          {' · '}
          <span data-testid="charter-finding-message">{describeFinding(t, finding)}</span>
        </Text>
        {finding.explanation && (
          <Text size="xs" c="dimmed" data-testid="charter-finding-why">
            {t('charter.why', { explanation: finding.explanation })}
          </Text>
        )}
        {finding.fix !== undefined && (
          <Group gap="xs">
            <Text size="xs" data-testid="charter-finding-fix">
              {t('charter.suggestion', { fix: finding.fix })}
            </Text>
            {onApplyFix && finding.range && (
              <Button
                size="compact-xs"
                variant="light"
                onClick={() => onApplyFix(finding)}
                data-testid="charter-apply-fix"
              >
                {t('charter.applyFix')}
              </Button>
            )}
          </Group>
        )}
      </Stack>
    </List.Item>
  );
}
