// Extra information behind a button, for keyboards and touch screens as much as for mice (WCAG 1.4.13, content on
// hover or focus): a click, a tap or Enter shows it until the button is pressed again, Escape is pressed or the
// page is clicked elsewhere; hovering shows it too, and it stays while the pointer moves onto it. The button says
// whether it is open (aria-expanded); the text sits right after it in the page, where a screen reader reads next.
import { Popover, type PopoverProps } from '@mantine/core';
import { cloneElement, useEffect, useId, useRef, useState, type ReactElement, type ReactNode } from 'react';

/** Long enough for the pointer to cross from the button to the text it shows. */
const HOVER_GRACE_MS = 200;

interface ToggletipProps {
  /** What it tells. */
  label: ReactNode;
  /** The button (Mantine's Button, Badge component="button"…); it receives the toggling props. */
  children: ReactElement<Record<string, unknown>>;
  position?: PopoverProps['position'];
  testId: string;
}

export function Toggletip({ label, children, position = 'top', testId }: ToggletipProps) {
  const id = useId();
  const [opened, setOpened] = useState(false);
  // Opened by a click (or Enter, or a tap): it stays until dismissed, the pointer leaving does not close it.
  const [pinned, setPinned] = useState(false);
  const closing = useRef<number | undefined>(undefined);

  const close = () => {
    setOpened(false);
    setPinned(false);
  };
  const cancelClose = () => window.clearTimeout(closing.current);
  const hoverOut = () => {
    cancelClose();
    if (!pinned) closing.current = window.setTimeout(close, HOVER_GRACE_MS);
  };
  const hoverIn = () => {
    cancelClose();
    setOpened(true);
  };
  useEffect(() => () => window.clearTimeout(closing.current), []);
  useEffect(() => {
    if (!opened) return;
    // Escape dismisses it wherever the focus is, without moving the focus or the pointer.
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && close();
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [opened]);

  const toggle = () => {
    cancelClose();
    const next = !(opened && pinned);
    setOpened(next);
    setPinned(next);
  };

  return (
    <Popover
      opened={opened}
      onChange={(next) => !next && close()}
      position={position}
      withArrow
      shadow="md"
      withinPortal={false}
      withRoles={false}
      trapFocus={false}
      returnFocus={false}
    >
      <Popover.Target>
        {cloneElement(children, {
          type: 'button',
          'aria-expanded': opened,
          'aria-controls': opened ? id : undefined,
          onClick: toggle,
          onMouseEnter: hoverIn,
          onMouseLeave: hoverOut,
        })}
      </Popover.Target>
      <Popover.Dropdown
        id={id}
        role="note"
        maw={360}
        fz="sm"
        style={{ overflowWrap: 'anywhere' }}
        onMouseEnter={cancelClose}
        onMouseLeave={hoverOut}
        data-testid={testId}
      >
        {label}
      </Popover.Dropdown>
    </Popover>
  );
}
