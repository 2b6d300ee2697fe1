// Typed text of set-up fields → values, each with the Russian reason it is refused: dates
// ДД.ММ.ГГГГ, times ЧЧ:ММ, hours and weights with a decimal comma, lists of parallels.
import { formatDate } from '../../../shared/dates';
import { checkRuDate } from '../class/ru-date';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

export function parseDateField(text: string): Parsed<string> {
  const r = checkRuDate(text, { required: true });
  return r.ok ? { ok: true, value: r.iso } : { ok: false, error: r.error };
}

/** "2026-09-01" → "01.09.2026"; '' stays ''. */
export function dateText(iso: string): string {
  return iso ? formatDate(iso) : '';
}

/** "8:30", "08.30" → "08:30". */
export function parseTimeField(text: string): Parsed<string> {
  const m = /^(\d{1,2})[:.](\d{2})$/.exec(text.trim());
  if (!m) return { ok: false, error: 'Время в формате ЧЧ:ММ, например 08:30' };
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) return { ok: false, error: 'Такого времени нет: часы 0–23, минуты 0–59' };
  return { ok: true, value: `${String(h).padStart(2, '0')}:${m[2]}` };
}

/** "1,5" or "1.5" → 1.5, within [min, max]. */
export function parseNumberField(
  text: string,
  {
    min,
    max,
    integer = false,
    what,
  }: { min: number; max: number; integer?: boolean; what: string },
): Parsed<number> {
  const t = text.trim().replace(',', '.');
  if (!t) return { ok: false, error: `Укажите ${what}` };
  const n = Number(t);
  if (!/^-?\d+(\.\d+)?$/.test(t) || !Number.isFinite(n))
    return { ok: false, error: `${capital(what)} — число, например ${integer ? '3' : '1,5'}` };
  if (integer && !Number.isInteger(n))
    return { ok: false, error: `${capital(what)} — целое число` };
  if (n < min || n > max)
    return {
      ok: false,
      error: `${capital(what)} — от ${String(min).replace('.', ',')} до ${String(max).replace('.', ',')}`,
    };
  return { ok: true, value: n };
}

/** "1, 2", "1-4", '' (the whole school) → sorted parallels. */
export function parseGradesField(text: string): Parsed<number[]> {
  const t = text.trim();
  if (!t) return { ok: true, value: [] };
  const out = new Set<number>();
  for (const part of t.split(/[,;\s]+/).filter(Boolean)) {
    const range = /^(\d{1,2})\s*[-–]\s*(\d{1,2})$/.exec(part);
    const from = Number(range ? range[1] : part);
    const to = Number(range ? range[2] : part);
    if (!Number.isInteger(from) || !Number.isInteger(to) || from < 1 || to > 11 || from > to)
      return { ok: false, error: 'Параллели — числа от 1 до 11 через запятую: 1, 2 или 1-4' };
    for (let g = from; g <= to; g++) out.add(g);
  }
  return { ok: true, value: [...out].sort((a, b) => a - b) };
}

export function gradesText(grades: readonly number[] | undefined): string {
  return (grades ?? []).join(', ');
}

function capital(s: string): string {
  return s.charAt(0).toLocaleUpperCase('ru') + s.slice(1);
}
