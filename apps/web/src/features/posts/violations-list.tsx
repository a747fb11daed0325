// The network rules a post breaks, as the server counted them: network, rule, message, excess.
// Errors block publishing; warnings are advice shown apart.
import { Alert, Group, List, Text } from '@mantine/core';
import { IconAlertTriangle, IconBulb } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Channel, Violation } from '../../api/types';
import fr from '../../i18n/fr.json';
import { describeNetwork } from '../channels/networks';

type KnownRule = keyof typeof fr.composer.rules;

function isKnownRule(rule: string): rule is KnownRule {
  return Object.hasOwn(fr.composer.rules, rule);
}

/** Errors block publishing; `warning` is advice. */
export function isBlocking(violation: Violation): boolean {
  return (violation.severity ?? 'error') === 'error';
}

interface ViolationsListProps {
  violations: Violation[];
  channels: Map<string, Channel>;
  /** Hide the channel name when the list already sits in that channel's tab. */
  showChannel?: boolean;
}

export function ViolationsList({ violations, channels, showChannel = true }: ViolationsListProps) {
  const { t } = useTranslation();
  const blocking = violations.filter(isBlocking);
  const advice = violations.filter((violation) => !isBlocking(violation));
  return (
    <>
      {blocking.length > 0 && (
        <Alert
          color="orange"
          icon={<IconAlertTriangle size={18} />}
          title={t('composer.violationsTitle')}
          data-testid="post-violations"
        >
          <ViolationItems violations={blocking} channels={channels} showChannel={showChannel} />
        </Alert>
      )}
      {advice.length > 0 && (
        <Alert
          color="blue"
          icon={<IconBulb size={18} />}
          title={t('composer.warningsTitle')}
          data-testid="post-warnings"
        >
          <ViolationItems violations={advice} channels={channels} showChannel={showChannel} />
        </Alert>
      )}
    </>
  );
}

function ViolationItems({ violations, channels, showChannel = true }: ViolationsListProps) {
  const { t } = useTranslation();
  return (
    <List size="sm" spacing={4}>
      {violations.map((violation, index) => {
        const channel = channels.get(violation.channelId);
        return (
          <List.Item key={`${violation.channelId}-${violation.rule}-${index}`} data-rule={violation.rule}>
            <Group gap={6} wrap="wrap">
              <Text size="sm" fw={600} span>
                {describeNetwork(violation.network).label}
                {showChannel && channel ? ` · ${channel.name}` : ''}
              </Text>
              <Text size="sm" span>
                {isKnownRule(violation.rule) ? t(`composer.rules.${violation.rule}`) : t('composer.ruleUnknown')}
              </Text>
              {violation.excess !== undefined && (
                <Text size="sm" c="red" fw={600} span>
                  {t('composer.overLimit', { count: violation.excess })}
                </Text>
              )}
            </Group>
          </List.Item>
        );
      })}
    </List>
  );
}
