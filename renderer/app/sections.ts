// The app's sections (tabs in the header), who sees each, and the first segment of the URL hash
// each lives under (app/routes.ts).
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
  { id: 'school', label: 'Школа', path: 'school', roles: ['deputy', 'admin'] },
];

export function sectionsFor(roles: readonly Role[]): Section[] {
  return SECTIONS.filter((s) => s.roles.some((r) => roles.includes(r)));
}

/** The section of the hash's first segment; the first available one when it names none. */
export function currentSection(
  path: string | null,
  available: readonly Section[],
): Section | undefined {
  return available.find((s) => s.path === path) ?? available[0];
}
