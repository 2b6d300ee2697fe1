// What an extract covers: a reporting period, or dates typed the Russian way ("с 01.12.2026 по 25.12.2026").
import { useId, useState } from 'react';
import type { Period } from '../../shared/period';
import type { ExtractSpanOptions } from './jobs';
import { checkRuDate, RU_DATE_PLACEHOLDER } from '../workspaces/class/ru-date';

/** A period id, or dates as typed (checked when the extract is printed). */
export type ExtractSpan =
  { kind: 'period'; periodId: string } | { kind: 'dates'; from: string; to: string };

const DATES = '__dates__';

/** The span as extract options, or the Russian reason it cannot be printed. */
export function spanOptions(
  span: ExtractSpan,
):
  | { ok: true; options: { periodId: string } | { from: string; to: string } }
  | { ok: false; error: string } {
  if (span.kind === 'period') return { ok: true, options: { periodId: span.periodId } };
  const from = checkRuDate(span.from, { required: true });
  if (!from.ok) return { ok: false, error: `Дата «с»: ${from.error.toLowerCase()}` };
  const to = checkRuDate(span.to, { required: true });
  if (!to.ok) return { ok: false, error: `Дата «по»: ${to.error.toLowerCase()}` };
  if (from.iso > to.iso) return { ok: false, error: 'Начало периода позже его конца' };
  return { ok: true, options: { from: from.iso, to: to.iso } };
}

/** "II четверть" or "с 01.12.2026 по 25.12.2026", for titles and file names. */
export function spanLabel(span: ExtractSpan, periods: readonly Period[]): string {
  if (span.kind === 'period') return periods.find((p) => p.id === span.periodId)?.name ?? '';
  return `с ${span.from} по ${span.to}`;
}

interface Props {
  periods: readonly Period[];
  value: ExtractSpan;
  onChange: (span: ExtractSpan) => void;
  error?: string | null;
}

export function ExtractSpanPicker({ periods, value, onChange, error }: Props) {
  const errorId = useId();
  const dates = value.kind === 'dates';
  return (
    <span className="extract-span">
      <label className="inline-field">
        Период{' '}
        <select
          value={dates ? DATES : value.periodId}
          onChange={(e) =>
            onChange(
              e.target.value === DATES
                ? { kind: 'dates', from: '', to: '' }
                : { kind: 'period', periodId: e.target.value },
            )
          }
        >
          {periods.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
              {p.closed ? ' (закрыт)' : ''}
            </option>
          ))}
          <option value={DATES}>Даты…</option>
        </select>
      </label>
      {dates && (
        <>
          <label className="inline-field">
            с{' '}
            <input
              className="date-input"
              inputMode="numeric"
              placeholder={RU_DATE_PLACEHOLDER}
              value={value.from}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? errorId : undefined}
              onChange={(e) => onChange({ ...value, from: e.target.value })}
            />
          </label>
          <label className="inline-field">
            по{' '}
            <input
              className="date-input"
              inputMode="numeric"
              placeholder={RU_DATE_PLACEHOLDER}
              value={value.to}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? errorId : undefined}
              onChange={(e) => onChange({ ...value, to: e.target.value })}
            />
          </label>
        </>
      )}
      {error && (
        <small id={errorId} className="field-error" role="alert">
          {error}
        </small>
      )}
    </span>
  );
}

interface PrintRowProps {
  periods: readonly Period[];
  /** The period offered first. */
  initialPeriodId: string;
  /** The button's text («Печать выписок»). */
  label: string;
  /** Called with the checked span only. */
  onPrint: (options: ExtractSpanOptions) => void;
}

/** The span picker with its print button: a wrong span is said next to it, nothing is printed. */
export function ExtractPrintRow({ periods, initialPeriodId, label, onPrint }: PrintRowProps) {
  const [span, setSpan] = useState<ExtractSpan>({ kind: 'period', periodId: initialPeriodId });
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="print-row">
      <ExtractSpanPicker
        periods={periods}
        value={span}
        error={error}
        onChange={(next) => {
          setSpan(next);
          setError(null);
        }}
      />
      <button
        type="button"
        onClick={() => {
          const checked = spanOptions(span);
          if (!checked.ok) return setError(checked.error);
          onPrint(checked.options);
        }}
      >
        {label}
      </button>
    </div>
  );
}
