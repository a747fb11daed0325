// What a rule would have done to the last 30 days of items: how many it matched, and per item its actions and those
// it could not take (and why). The items' words are plain text.
import { Alert, Badge, Group, List, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RuleAction, RuleTrial } from '../../api/types';

export function useDescribeAction() {
  const { t } = useTranslation();
  return (action: RuleAction): string => {
    switch (action.type) {
      case 'label':
        return t('inboxAutomation.describe.label', { label: action.label });
      case 'assign':
        return t('inboxAutomation.describe.assign');
      case 'set_priority':
        return t('inboxAutomation.describe.set_priority', { priority: action.priority });
      case 'mark_done':
        return action.spam ? t('inboxAutomation.describe.spam') : t('inboxAutomation.describe.done');
      case 'hide':
        return t('inboxAutomation.describe.hide', { reason: action.reason });
      case 'reply':
        return t('inboxAutomation.describe.reply');
    }
  };
}

export function RuleTrialResult({ trial }: { trial: RuleTrial }) {
  const { t, i18n } = useTranslation();
  const describe = useDescribeAction();
  return (
    <Alert
      color={trial.matchCount > 0 ? 'blue' : 'gray'}
      title={t('inboxAutomation.trial.title')}
      data-testid="rule-trial"
    >
      <Stack gap="xs">
        <Text size="sm" data-testid="rule-trial-count">
          {t('inboxAutomation.trial.count', { count: trial.matchCount, scanned: trial.scanned })}
        </Text>
        <Text size="sm" c="dimmed">
          {t('inboxAutomation.trial.nothingChanged')}
        </Text>
        <List spacing="xs" size="sm">
          {trial.items.map(({ item, actions, skipped }) => (
            <List.Item key={item.id}>
              <Text size="sm" lineClamp={2}>
                <strong>{item.authorName ?? item.authorHandle ?? t('inbox.unknownAuthor')}</strong> ·{' '}
                {new Date(item.receivedAt).toLocaleDateString(i18n.language)} — {item.text}
              </Text>
              <Group gap={4} mt={2}>
                {actions.map((action, index) => (
                  <Badge key={index} variant="light" tt="none">
                    {describe(action)}
                  </Badge>
                ))}
                {skipped.map(({ action, reason }, index) => (
                  <Badge key={`s${index}`} variant="outline" color="gray" tt="none">
                    {describe(action)} — {t(`inboxAutomation.skip.${reason}`)}
                  </Badge>
                ))}
              </Group>
            </List.Item>
          ))}
        </List>
      </Stack>
    </Alert>
  );
}
