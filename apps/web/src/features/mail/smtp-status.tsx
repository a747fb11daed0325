// Where the app offers email (invitations, alert emails, workspace settings): whether an SMTP server is
// configured, which one and from which address; when it is not, what to set. Admins can send themselves a
// test email.
import { Alert, Button, Code, Group, Stack, Text } from '@mantine/core';
import { IconMail, IconMailOff } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { MailTestResult, SmtpStatus } from '../../api/types';
import { ErrorAlert, notifyError, notifySuccess } from '../../ui/api-errors';
import { useWorkspace } from '../workspaces/workspace-context';

export function useSmtpStatus() {
  const { workspace } = useWorkspace();
  return useQuery({
    queryKey: ['workspaces', workspace.id, 'mail', 'status'],
    queryFn: () => api.get<SmtpStatus>(`/api/workspaces/${workspace.id}/mail/status`),
    staleTime: 60_000,
  });
}

/** `usage` says what email is for here (e.g. the invitation is sent by email). */
export function SmtpStatusPanel({ usage, testButton = false }: { usage: string; testButton?: boolean }) {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const status = useSmtpStatus();
  const test = useMutation({
    mutationFn: () => api.post<MailTestResult>(`/api/workspaces/${workspace.id}/mail/test`),
    onSuccess: (result) => {
      if (result.sent) notifySuccess(t('smtp.testSent', { email: result.to }));
    },
    onError: (error) => notifyError(error, t),
  });

  if (status.isPending) return null;
  if (status.isError) return <ErrorAlert error={status.error} onRetry={() => void status.refetch()} />;
  const smtp = status.data;
  if (!smtp.configured) {
    return (
      <Alert color="yellow" icon={<IconMailOff size={18} />} title={t('smtp.notConfigured')} data-testid="smtp-status">
        <Stack gap={4}>
          <Text size="sm">{usage}</Text>
          <Text size="sm">
            {t('smtp.howTo')}{' '}
            {smtp.settings.map((name, index) => (
              <span key={name}>
                {index > 0 && ', '}
                <Code>{name}</Code>
              </span>
            ))}
          </Text>
        </Stack>
      </Alert>
    );
  }
  const failed = test.data && !test.data.sent ? test.data : undefined;
  return (
    <Alert color="blue" icon={<IconMail size={18} />} title={t('smtp.configured')} data-testid="smtp-status">
      <Stack gap="xs">
        <Text size="sm">{usage}</Text>
        <Text size="sm">
          {t('smtp.server', { host: `${smtp.host ?? ''}:${smtp.port ?? ''}`, from: smtp.from ?? '' })}
        </Text>
        {testButton && (
          <Group>
            <Button
              size="xs"
              variant="light"
              loading={test.isPending}
              onClick={() => test.mutate()}
              data-testid="write-smtp-test"
            >
              {t('smtp.test')}
            </Button>
          </Group>
        )}
        {failed && (
          <Text size="sm" c="red" data-testid="smtp-test-failed">
            {t('smtp.testFailed', { email: failed.to, code: failed.error ?? '' })}
          </Text>
        )}
      </Stack>
    </Alert>
  );
}
