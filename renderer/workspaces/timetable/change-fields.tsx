// The fields and the result line «Замены»'s forms share: a date typed as ДД.ММ.ГГГГ (kept as typed,
// checked on every keystroke), a staff picker, and what a change wrote or left out.
import { fullName } from '../../../shared/common';
import type { LessonsChanged } from '../../../shared/school-setup-api';
import type { StaffMember } from '../../../shared/staff';
import { checkRuDate, RU_DATE_PLACEHOLDER } from '../class/ru-date';
import { lessonCount } from './change-summary';

/** The result line of a change: what was written and what was left out, and why. */
export function resultText(done: string, result: LessonsChanged): string {
  const skipped = result.skipped.length
    ? ` Не изменено: ${result.skipped.length} (${[...new Set(result.skipped.map((s) => s.reason))].slice(0, 3).join('; ')}).`
    : '';
  return `${done}: ${lessonCount(result.changed.length)}.${skipped}`;
}

export function TypedDateField({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange: (text: string) => void;
}) {
  const checked = checkRuDate(value, { required: true });
  return (
    <label>
      {label}{' '}
      <input
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder={RU_DATE_PLACEHOLDER}
        size={11}
        aria-invalid={!checked.ok}
      />
      {!checked.ok && <span className="field-error"> {checked.error}</span>}
    </label>
  );
}

export function StaffSelect({
  label,
  staff,
  value,
  onChange,
  none,
}: {
  label: string;
  staff: StaffMember[];
  value: string;
  onChange: (id: string) => void;
  none: string;
}) {
  return (
    <label>
      {label}{' '}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{none}</option>
        {staff.map((s) => (
          <option key={s.id} value={s.id}>
            {fullName(s)}
          </option>
        ))}
      </select>
    </label>
  );
}
