// A destructive action on one record of a list (remove, revoke, disable), asked for from the row and done only
// once the person confirms in a dialog, which closes when the action succeeds.
import { useState, type ReactElement } from 'react';
import { ConfirmModal } from './confirm-modal';

interface ConfirmActionOptions<T> {
  title: string;
  /** The question, naming the record. */
  describe: (target: T) => string;
  confirmLabel: string;
  /** The action (a react-query mutation of the record). */
  mutation: { mutate: (target: T, options: { onSuccess: () => void }) => void; isPending: boolean };
}

export function useConfirmAction<T>({ title, describe, confirmLabel, mutation }: ConfirmActionOptions<T>): {
  ask: (target: T) => void;
  modal: ReactElement;
} {
  const [target, setTarget] = useState<T | null>(null);
  const close = () => setTarget(null);
  const modal = (
    <ConfirmModal
      opened={target !== null}
      title={title}
      message={target === null ? '' : describe(target)}
      confirmLabel={confirmLabel}
      loading={mutation.isPending}
      onConfirm={() => target !== null && mutation.mutate(target, { onSuccess: close })}
      onClose={close}
    />
  );
  return { ask: setTarget, modal };
}
