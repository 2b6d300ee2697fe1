// An inline confirmation of a change that writes many lessons: says what it touches, then «Подтвердить» or «Отмена».
interface Props {
  text: string;
  confirmLabel: string;
  busy: boolean;
  /** Nothing to change: only «Отмена» is offered. */
  empty?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

export function ConfirmBox({
  text,
  confirmLabel,
  busy,
  empty = false,
  onConfirm,
  onCancel,
}: Props) {
  return (
    <div className="confirm-box" role="alertdialog" aria-label="Подтверждение">
      <p>{text}</p>
      {!empty && (
        <button type="button" className="primary" disabled={busy} onClick={onConfirm}>
          {confirmLabel}
        </button>
      )}{' '}
      <button type="button" disabled={busy} onClick={onCancel}>
        Отмена
      </button>
    </div>
  );
}
