// Registering or changing one guardian's answer from the signed form.
import { useState, type FormEvent } from 'react';
import {
  CONSENT_CHANNEL_LABELS,
  CONSENT_DECISION_LABELS,
  type Consent,
  type ConsentChannel,
  type ConsentDecision,
} from '../../../shared/consent';
import { formatDate } from '../../../shared/dates';
import type { ConsentAnswer } from '../../data/consent-repository';
import { FormField } from './FormField';
import { checkRuDate, RU_DATE_PLACEHOLDER } from './ru-date';

interface Props {
  consent: Consent | null;
  today: string;
  onSubmit: (answer: ConsentAnswer) => Promise<void>;
  onCancel: () => void;
}

const DECISIONS = Object.entries(CONSENT_DECISION_LABELS) as [ConsentDecision, string][];
const CHANNELS = Object.entries(CONSENT_CHANNEL_LABELS) as [ConsentChannel, string][];

export function ConsentForm({ consent, today, onSubmit, onCancel }: Props) {
  const [decision, setDecision] = useState<ConsentDecision>(consent?.decision ?? 'consent');
  const [date, setDate] = useState(formatDate(consent?.date ?? today));
  const [channel, setChannel] = useState<ConsentChannel>(consent?.channel ?? 'electronic');
  const [loginIssued, setLoginIssued] = useState(consent?.loginIssued ?? false);
  const [note, setNote] = useState(consent?.note ?? '');
  const [dateError, setDateError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [accessNotice, setAccessNotice] = useState(false);
  // A refusal or a withdrawal blocks electronic processing: such a family gets paper only.
  const paperOnly = decision !== 'consent';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = checkRuDate(date, {
      required: true,
      notAfter: today,
      future: 'Дата заявления не может быть в будущем',
    });
    setDateError(checked.ok ? null : checked.error);
    if (!checked.ok) return;
    try {
      await onSubmit({
        decision,
        date: checked.iso,
        channel: paperOnly ? 'paper' : channel,
        loginIssued,
        note: note.trim(),
      });
    } catch (e) {
      console.error(e);
      setMessage(e instanceof Error ? e.message : 'Не удалось сохранить ответ.');
    }
  };

  return (
    <form
      className="class-form consent-form"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-label="Ответ родителя"
    >
      <FormField label="Решение">
        <select
          value={decision}
          onChange={(e) => {
            const next = e.target.value as ConsentDecision;
            setDecision(next);
            // A refusal or withdrawal ends the family's access: the issued login no longer counts.
            if (next !== 'consent' && loginIssued) {
              setLoginIssued(false);
              setAccessNotice(true);
            }
          }}
        >
          {DECISIONS.map(([id, label]) => (
            <option key={id} value={id}>
              {label}
            </option>
          ))}
        </select>
      </FormField>
      <FormField label="Дата заявления" error={dateError ?? undefined}>
        <input
          inputMode="numeric"
          placeholder={RU_DATE_PLACEHOLDER}
          value={date}
          onChange={(e) => {
            setDate(e.target.value);
            setDateError(null);
          }}
        />
      </FormField>
      <FormField label="Как получать отметки">
        <select
          value={paperOnly ? 'paper' : channel}
          disabled={paperOnly}
          onChange={(e) => setChannel(e.target.value as ConsentChannel)}
        >
          {CHANNELS.map(([id, label]) => (
            <option key={id} value={id}>
              {label}
            </option>
          ))}
        </select>
      </FormField>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={loginIssued}
          onChange={(e) => setLoginIssued(e.target.checked)}
        />
        Логин и пароль выданы
      </label>
      {accessNotice && (
        <p className="access-notice" role="alert">
          Доступ семьи к электронному дневнику прекращается: отметка «Логин и пароль выданы» снята.
          Заблокируйте выданный логин (раздел «Школа → Учётные записи» или администратор школы).
        </p>
      )}
      <FormField label="Примечание">
        <input value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
      </FormField>
      <div className="form-actions">
        {message && (
          <span className="field-error" role="alert">
            {message}
          </span>
        )}
        <button type="button" onClick={onCancel}>
          Отмена
        </button>
        <button type="submit" className="primary">
          Сохранить ответ
        </button>
      </div>
    </form>
  );
}
