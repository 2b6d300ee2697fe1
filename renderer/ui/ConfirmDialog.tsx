// A modal question before an action that changes much at once: what will happen, «Отмена» first
// (focused, so Enter alone never confirms), Esc cancels, focus returns to where it was.
import { useEffect, useId, useRef, type ReactNode } from 'react';

interface Props {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  /** The action removes or hides data: the button is drawn as a warning. */
  danger?: boolean;
}

export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  onConfirm,
  onCancel,
  danger,
}: Props) {
  const titleId = useId();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    box.current?.querySelector<HTMLElement>('button')?.focus();
    return () => before?.focus?.();
  }, []);
  return (
    <div className="confirm-overlay">
      <div
        ref={box}
        className="confirm-dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onKeyDown={(e) => {
          e.stopPropagation();
          if (e.key === 'Escape') {
            e.preventDefault();
            onCancel();
          }
          // Tab stays inside the dialog.
          if (e.key === 'Tab') {
            const buttons = [...(box.current?.querySelectorAll<HTMLElement>('button') ?? [])];
            const at = buttons.indexOf(document.activeElement as HTMLElement);
            const next = (at + (e.shiftKey ? -1 : 1) + buttons.length) % buttons.length;
            e.preventDefault();
            buttons[next]?.focus();
          }
        }}
      >
        <h2 id={titleId}>{title}</h2>
        {children}
        <div className="form-actions">
          <button type="button" onClick={onCancel}>
            Отмена
          </button>
          <button type="button" className={danger ? 'danger' : 'primary'} onClick={onConfirm}>
            {confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
