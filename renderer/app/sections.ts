// The app's sections (tabs in the header), who sees each, and where each lives in the URL hash.
import type { Role } from '../../shared/staff';

export interface Section {
  id: string;
  /** Tab label in the header. */
  label: string;
  /** First hash segment: "#/journal/…" belongs to the section "journal". */
  path: string;
  /** Shown when the signed-in staff member holds any of these roles. */
  roles: readonly Role[];
}

/** In header order. A section is listed only once its screen exists. */
export const SECTIONS: readonly Section[] = [
  { id: 'journal', label: 'Журнал', path: 'journal', roles: ['teacher', 'classTeacher', 'deputy'] },
  { id: 'class', label: 'Мой класс', path: 'class', roles: ['classTeacher', 'deputy'] },
  {
    id: 'period-marks',
    label: 'Отметки за период',
    path: 'period-marks',
    roles: ['teacher', 'classTeacher', 'deputy'],
  },
  { id: 'school', label: 'Школа', path: 'school', roles: ['deputy'] },
];

export function sectionsFor(roles: readonly Role[]): Section[] {
  return SECTIONS.filter((s) => s.roles.some((r) => roles.includes(r)));
}

/** The section of the current hash; the first available one when the hash names none. */
export function currentSection(hash: string, available: readonly Section[]): Section | undefined {
  const first = /^#\/([^/?]+)/.exec(hash)?.[1];
  return available.find((s) => s.path === first) ?? available[0];
}
