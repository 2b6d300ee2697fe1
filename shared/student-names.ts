// Names that tell students apart: «Фамилия Имя», and where two would read the same, as much of the
// patronymic (then the birth date) as it takes. One rule for the grid, period marks and reports.
import { formatDate } from './dates';

export interface NamedStudent {
  id: string;
  lastName: string;
  firstName: string;
  middleName?: string;
  birthDate?: string;
}

type Level = (s: NamedStudent) => string;

const base: Level = (s) => `${s.lastName} ${s.firstName}`.trim();
const initial: Level = (s) => (s.middleName ? `${base(s)} ${s.middleName.charAt(0)}.` : base(s));
const patronymic: Level = (s) => (s.middleName ? `${base(s)} ${s.middleName}` : base(s));
const born: Level = (s) =>
  s.birthDate ? `${patronymic(s)} (${formatDate(s.birthDate)})` : patronymic(s);

const LEVELS: readonly Level[] = [base, initial, patronymic, born];

const key = (text: string) => text.toLocaleLowerCase('ru').replace(/ё/g, 'е');

/**
 * Student id → the shortest label that differs from every other student's in `students`. Students
 * with the same surname and name get the patronymic's initial, then the whole patronymic, then the
 * birth date; those still identical keep the same label (nothing else tells them apart).
 */
export function distinctNames(students: readonly NamedStudent[]): Map<string, string> {
  const result = new Map<string, string>();
  const place = (group: readonly NamedStudent[], level: number) => {
    const labelOf = LEVELS[level]!;
    const byLabel = new Map<string, NamedStudent[]>();
    for (const s of group) {
      const k = key(labelOf(s));
      byLabel.set(k, [...(byLabel.get(k) ?? []), s]);
    }
    for (const same of byLabel.values()) {
      if (same.length === 1 || level === LEVELS.length - 1) {
        for (const s of same) result.set(s.id, labelOf(s));
      } else {
        place(same, level + 1);
      }
    }
  };
  place(students, 0);
  return result;
}
