// Dates typed the Russian way: "08.03.2015" on screen, "2015-03-08" in the database. A text field
// rather than <input type="date">, whose format follows the browser's language, not the school's.
import { IsoDateSchema } from '../../../shared/common';

export const RU_DATE_PLACEHOLDER = 'ДД.ММ.ГГГГ';

/** "8.3.2015", "08.03.2015" (or ISO) → "2015-03-08"; null when it is not a date in that form. */
export function parseRuDate(text: string): string | null {
  const t = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return t;
  const m = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(t);
  if (!m) return null;
  return `${m[3]}-${(m[2] ?? '').padStart(2, '0')}-${(m[1] ?? '').padStart(2, '0')}`;
}

/**
 * A typed date checked for the form: '' stays '' when allowed; otherwise the ISO date or the
 * Russian reason it is refused.
 */
export function checkRuDate(
  text: string,
  options: { required: boolean; notAfter?: string; future?: string },
): { ok: true; iso: string } | { ok: false; error: string } {
  if (!text.trim()) {
    return options.required ? { ok: false, error: 'Укажите дату' } : { ok: true, iso: '' };
  }
  const iso = parseRuDate(text);
  if (!iso) return { ok: false, error: `Дата должна быть в формате ${RU_DATE_PLACEHOLDER}` };
  const parsed = IsoDateSchema.safeParse(iso);
  if (!parsed.success) return { ok: false, error: 'Такой даты нет в календаре' };
  if (options.notAfter && iso > options.notAfter) {
    return { ok: false, error: options.future ?? 'Дата не может быть в будущем' };
  }
  return { ok: true, iso };
}
