// A secret shown once (an API key, a webhook's signing secret): a warning, what it belongs to, the value to
// copy, and a button to close. Closing by accident would lose the secret for good, so only the button closes it.
// `useSecretOnce` keeps the secret in one place only, the creating mutation's result, dropped when the modal closes.
import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { CopyField } from './copy-field';

interface SecretOnceModalProps {
  /** The secret, or null while none is shown. */
  secret: string | null;
  onClose: () => void;
  title: string;
  warning: string;
  label: string;
  done: string;
  /** What the secret belongs to, and any help, above and below the value. */
  subject?: ReactNode;
  help?: ReactNode;
  size?: string;
  /** Prefix of the test ids: `<testId>-modal`, `<testId>` (the value), `<testId>-done`. */
  testId: string;
}

/** The secret just created (the mutation's result, its only copy in memory) and closing its modal, which drops it. */
export function useSecretOnce<T>(creation: { data: T | undefined; reset: () => void }): {
  created: T | null;
  close: () => void;
} {
  return { created: creation.data ?? null, close: () => creation.reset() };
}

export function SecretOnceModal(props: SecretOnceModalProps) {
  const { secret, onClose, title, warning, label, done, subject, help, size = 'lg', testId } = props;
  return (
    <Modal
      opened={secret !== null}
      onClose={onClose}
      title={title}
      centered
      size={size}
      closeOnClickOutside={false}
      closeOnEscape={false}
    >
      {secret !== null && (
        <Stack data-testid={`${testId}-modal`}>
          <Alert color="orange" icon={<IconAlertTriangle size={18} />}>
            {warning}
          </Alert>
          {subject}
          <CopyField label={label} value={secret} testId={testId} />
          {help}
          <Group justify="flex-end">
            <Button onClick={onClose} data-testid={`${testId}-done`}>
              {done}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
