// A small icon button with its tooltip: the row actions of lists people reorder (move up, move down, add,
// remove). The tooltip says what it does; the accessible name may say more (which item).
import { ActionIcon, Tooltip } from '@mantine/core';
import type { ReactNode } from 'react';

interface IconActionProps {
  /** Shown in the tooltip, and the accessible name unless `ariaLabel` gives a fuller one. */
  label: string;
  ariaLabel?: string;
  icon: ReactNode;
  onClick: () => void;
  disabled?: boolean;
  color?: string;
  testId?: string;
}

export function IconAction({ label, ariaLabel, icon, onClick, disabled, color, testId }: IconActionProps) {
  return (
    <Tooltip label={label}>
      <ActionIcon
        variant="subtle"
        color={color}
        disabled={disabled}
        onClick={onClick}
        aria-label={ariaLabel ?? label}
        data-testid={testId}
      >
        {icon}
      </ActionIcon>
    </Tooltip>
  );
}
