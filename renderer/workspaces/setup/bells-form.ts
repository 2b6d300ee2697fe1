// The bell schedules' form: the main bells and the schedules of some weekdays (a shorter
// Saturday) as typed times ↔ the school card's `bells` and `bellSchedules`.
import type { Bell, BellSchedule } from '../../../shared/bells';
import { newId } from '../../../shared/ids';
import type { School } from '../../../shared/school';
import { checkSchool } from '../../../shared/setup/school-checks';
import type { Unstamped } from '../../../shared/setup/stamp-changes';
import { errorsOf } from './form-problems';
import { parseNumberField, parseTimeField } from './parse-fields';

export interface BellDraft {
  slot: string;
  start: string;
  end: string;
}
export interface ScheduleDraft {
  id: string;
  name: string;
  weekdays: number[];
  bells: BellDraft[];
}
export interface BellsDraft {
  bells: BellDraft[];
  schedules: ScheduleDraft[];
}

const toDraft = (b: Bell): BellDraft => ({ slot: String(b.slot), start: b.start, end: b.end });

export function bellsDraft(school: Pick<School, 'bells' | 'bellSchedules'>): BellsDraft {
  return {
    bells: school.bells.map(toDraft),
    schedules: (school.bellSchedules ?? []).map((s) => ({
      id: s.id,
      name: s.name,
      weekdays: [...s.weekdays],
      bells: s.bells.map(toDraft),
    })),
  };
}

/** The next lesson's row: one number up, starting 10 minutes after the last one ends. */
export function nextBell(rows: readonly BellDraft[]): BellDraft {
  const last = rows[rows.length - 1];
  if (!last) return { slot: '1', start: '08:30', end: '09:10' };
  const end = parseTimeField(last.end);
  const slot = String((Number(last.slot) || rows.length) + 1);
  if (!end.ok) return { slot, start: '', end: '' };
  const [h, m] = end.value.split(':').map(Number) as [number, number];
  const at = (minutes: number) =>
    `${String(Math.floor(minutes / 60) % 24).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  const start = h * 60 + m + 10;
  return { slot, start: at(start), end: at(start + 40) };
}

export function newSchedule(): ScheduleDraft {
  return { id: newId('bells'), name: 'Суббота', weekdays: [6], bells: [] };
}

export type BellsResult =
  { ok: true; school: Unstamped<School> } | { ok: false; errors: Record<string, string> };

export function buildBells(school: Unstamped<School>, draft: BellsDraft): BellsResult {
  const errors: Record<string, string> = {};
  const rows = (list: readonly BellDraft[], prefix: string): Bell[] =>
    list.map((b, i) => {
      const at = `${prefix}.${i}`;
      const slot = parseNumberField(b.slot, {
        min: 0,
        max: 12,
        integer: true,
        what: 'номер урока',
      });
      const start = parseTimeField(b.start);
      const end = parseTimeField(b.end);
      if (!slot.ok) errors[`${at}.slot`] ??= slot.error;
      if (!start.ok) errors[`${at}.start`] ??= start.error;
      if (!end.ok) errors[`${at}.end`] ??= end.error;
      return {
        slot: slot.ok ? slot.value : 0,
        start: start.ok ? start.value : '00:00',
        end: end.ok ? end.value : '00:00',
      };
    });
  const bells = rows(draft.bells, 'bells');
  const bellSchedules: BellSchedule[] = draft.schedules.map((s, i) => ({
    id: s.id,
    name: s.name.trim(),
    weekdays: [...s.weekdays].sort((a, b) => a - b),
    bells: rows(s.bells, `bellSchedules.${i}.bells`),
  }));
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const next: Unstamped<School> = { ...school, bells };
  if (bellSchedules.length > 0) next.bellSchedules = bellSchedules;
  else delete next.bellSchedules;
  const problems = errorsOf(checkSchool({ ...next, stamps: {} }));
  return Object.keys(problems).length > 0
    ? { ok: false, errors: problems }
    : { ok: true, school: next };
}
