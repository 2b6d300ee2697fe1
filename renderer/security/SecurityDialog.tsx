// The modal frame of the profile's security dialogs ("Сменить пароль", "Резервная копия"): a
// titled form, the outcome message, the submit button (with its busy wording) and «Закрыть».
import type { FormEvent, ReactNode } from 'react';

export interface DialogMessage {
  error: boolean;
  text: string;
}

export function SecurityDialog(props: {
  titleId: string;
  title: string;
  onSubmit: (event: FormEvent) => void;
  message: DialogMessage | null;
  busy: boolean;
  submitLabel: string;
  busyLabel: string;
  onClose: () => void;
  children: ReactNode;
}) {
  return (
    <div className="security-overlay">
      <form
        className="security-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={props.titleId}
        onSubmit={props.onSubmit}
      >
        <h2 id={props.titleId}>{props.title}</h2>
        {props.children}
        {props.message && (
          <p role={props.message.error ? 'alert' : 'status'}>{props.message.text}</p>
        )}
        <div className="security-actions">
          <button type="submit" disabled={props.busy}>
            {props.busy ? props.busyLabel : props.submitLabel}
          </button>
          <button type="button" onClick={props.onClose} disabled={props.busy}>
            Закрыть
          </button>
        </div>
      </form>
    </div>
  );
}
