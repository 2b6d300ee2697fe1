// Отсрочка: the mark will be set later; the teacher gives the reason and the due date.
import { useState, type FormEvent } from 'react';
import { DeferralSchema, type Deferral } from '../../../shared/period-mark';
import { DateField } from '../../ui/DateField';

interface Props {
  studentName: string;
  initial: Deferral | null;
  /** Suggested due date (two weeks after the period's end). */
  defaultDue: string;
  onSave: (deferral: Deferral) => void;
  onCancel: () => void;
}

export function DeferralForm({ studentName, initial, defaultDue, onSave, onCancel }: Props) {
  const [reason, setReason] = useState(initial?.reason ?? 'болезнь');
  const [due, setDue] = useState<string | null>(initial?.due ?? defaultDue);
  const [error, setError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!due) {
      setError('Укажите срок в формате ДД.ММ.ГГГГ.');
      return;
    }
    const parsed = DeferralSchema.safeParse({ reason: reason.trim(), due });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'Проверьте причину и срок.');
      return;
    }
    onSave(parsed.data);
  };

  return (
    <form
      className="deferral-form"
      noValidate
      aria-label={`Отсрочка: ${studentName}`}
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
      }}
    >
      <h3>Отсрочка выставления отметки: {studentName}</h3>
      <label>
        Причина
        <input
          autoFocus
          value={reason}
          maxLength={300}
          onChange={(e) => setReason(e.target.value)}
        />
      </label>
      <DateField label="Срок" required value={due ?? ''} onChange={setDue} />
      {error && (
        <p className="form-message" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="button" onClick={onCancel}>
          Отмена
        </button>
        <button type="submit" className="primary">
          Сохранить отсрочку
        </button>
      </div>
    </form>
  );
}
