// The one date field of the app: typed as ДД.ММ.ГГГГ whatever the system's language, checked with
// Russian messages (never the browser's), stored as YYYY-MM-DD. Replaces <input type="date">.
import { useEffect, useId, useState } from 'react';
import { formatDate } from '../../shared/dates';
import { checkRuDate, RU_DATE_PLACEHOLDER } from '../workspaces/class/ru-date';

interface Props {
  label: string;
  /** YYYY-MM-DD, or '' for no date. */
  value: string;
  /** The typed date as YYYY-MM-DD ('' when emptied), or null while what is typed is not a valid date. */
  onChange: (iso: string | null) => void;
  required?: boolean;
  /** Earliest and latest allowed dates (YYYY-MM-DD). */
  min?: string;
  max?: string;
  disabled?: boolean;
  autoFocus?: boolean;
}

/** The Russian reason a typed date is refused, or the ISO date ('' when empty and allowed). */
export function checkDateField(
  text: string,
  { required = false, min, max }: { required?: boolean; min?: string; max?: string },
): { ok: true; iso: string } | { ok: false; error: string } {
  // «12/01/2026» is refused rather than guessed: it means 1 December to an English system.
  if (text.includes('/'))
    return { ok: false, error: `Дата должна быть в формате ${RU_DATE_PLACEHOLDER}` };
  const checked = checkRuDate(text, { required });
  if (!checked.ok || checked.iso === '') return checked;
  if (min && checked.iso < min) return { ok: false, error: `Дата не раньше ${formatDate(min)}` };
  if (max && checked.iso > max) return { ok: false, error: `Дата не позже ${formatDate(max)}` };
  return checked;
}

export function DateField({
  label,
  value,
  onChange,
  required,
  min,
  max,
  disabled,
  autoFocus,
}: Props) {
  const id = useId();
  const [text, setText] = useState(value ? formatDate(value) : '');
  const [error, setError] = useState<string | null>(null);
  // A new value from outside (another lesson chosen) replaces what is shown.
  useEffect(() => {
    setText((shown) => {
      const checked = checkDateField(shown, { required, min, max });
      // What is typed stays while it is what the value says (or an unfinished date the parent
      // was told is not valid yet).
      if (checked.ok ? checked.iso === value : value === '') return shown;
      return value ? formatDate(value) : '';
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);

  const check = (typed: string, show: boolean) => {
    const checked = checkDateField(typed, { required, min, max });
    if (checked.ok) setError(null);
    else if (show) setError(checked.error);
    onChange(checked.ok ? checked.iso : null);
  };

  return (
    <label className="field date-field">
      <span>{label}</span>
      <input
        type="text"
        inputMode="numeric"
        autoComplete="off"
        placeholder={RU_DATE_PLACEHOLDER}
        maxLength={10}
        value={text}
        disabled={disabled}
        autoFocus={autoFocus}
        aria-invalid={error !== null}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => {
          setText(e.target.value);
          check(e.target.value, false);
        }}
        onBlur={(e) => check(e.target.value, true)}
      />
      {error && (
        <span id={`${id}-error`} className="field-error" role="alert">
          {error}
        </span>
      )}
    </label>
  );
}
