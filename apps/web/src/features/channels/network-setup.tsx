// What an administrator must do before a network whose API needs a registered app (Facebook, Instagram,
// LinkedIn, X) can be connected: where to create the app, the callback URL to declare, the permissions to ask
// for, the server's environment variables. Everything comes from the server (GET …/channels, `setup`).
import { Alert, Anchor, Code, CopyButton, Group, List, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconCheck, IconCopy, IconSettings } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { NetworkOffer } from '../../api/types';

const WRAP = { whiteSpace: 'normal', overflowWrap: 'anywhere' } as const;

export function NetworkSetup({ offer, label }: { offer: NetworkOffer; label: string }) {
  const { t } = useTranslation();
  const setup = offer.setup;
  return (
    <Alert
      color="yellow"
      variant="light"
      icon={<IconSettings size={18} aria-hidden />}
      title={t('channels.setup.title', { network: label })}
      data-testid="channel-network-setup"
      // Long addresses and variable names wrap inside the dialog instead of widening it past a phone's screen.
      styles={{ wrapper: { minWidth: 0 }, body: { minWidth: 0, overflowWrap: 'anywhere' } }}
    >
      <Stack gap="xs">
        <Text size="sm">{t('channels.setup.intro', { network: label })}</Text>
        {setup && (
          <List type="ordered" size="sm" spacing="xs">
            <List.Item>
              {t('channels.setup.createApp', { network: label })}{' '}
              <Anchor href={setup.consoleUrl} target="_blank" rel="noopener noreferrer">
                {setup.consoleUrl}
              </Anchor>
            </List.Item>
            <List.Item>
              {t('channels.setup.callback')}
              <Group gap={4} wrap="nowrap" mt={4}>
                <Code data-testid="channel-setup-callback" style={WRAP}>
                  {setup.callbackUrl}
                </Code>
                <CopyButton value={setup.callbackUrl}>
                  {({ copied, copy }) => (
                    <UnstyledButton onClick={copy} aria-label={t('channels.setup.copyCallback')}>
                      {copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
                    </UnstyledButton>
                  )}
                </CopyButton>
              </Group>
            </List.Item>
            {setup.permissions.length > 0 && (
              <List.Item>
                {t('channels.setup.permissions')}{' '}
                {setup.permissions.map((permission, index) => (
                  <span key={permission}>
                    {index > 0 && ', '}
                    <Code style={WRAP}>{permission}</Code>
                  </span>
                ))}
              </List.Item>
            )}
            <List.Item>
              {t('channels.setup.variables')}
              <List size="sm" withPadding data-testid="channel-setup-variables">
                {setup.variables.map((variable) => (
                  <List.Item key={variable.name}>
                    <Code style={WRAP}>{variable.name}</Code>
                    {!variable.required && ` (${t('channels.setup.optional')})`}
                  </List.Item>
                ))}
              </List>
            </List.Item>
          </List>
        )}
        {setup?.needsPublicMedia && <Text size="sm">{t('channels.setup.publicMedia', { network: label })}</Text>}
        {setup && (
          <Anchor href={setup.docsUrl} target="_blank" rel="noopener noreferrer" size="sm">
            {t('channels.setup.docs', { network: label })}
          </Anchor>
        )}
      </Stack>
    </Alert>
  );
}
