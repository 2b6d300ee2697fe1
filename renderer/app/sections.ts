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
  { id: 'timetable', label: 'Расписание', path: 'timetable', roles: ['deputy', 'admin'] },
];

export function sectionsFor(roles: readonly Role[]): Section[] {
  return SECTIONS.filter((s) => s.roles.some((r) => roles.includes(r)));
}

/**
 * The first screen after sign-in: a deputy who teaches no course starts in «Школа» (their work is
 * the school, not one of its 400 courses); everyone else in the first of their sections.
 */
export function homeSection(
  roles: readonly Role[],
  available: readonly Section[],
): Section | undefined {
  const teaches = roles.includes('teacher') || roles.includes('classTeacher');
  const school = available.find((s) => s.id === 'school');
  return roles.includes('deputy') && !teaches && school ? school : available[0];
}

/** The section of the hash's first segment; the user's home section when it names none. */
export function currentSection(
  path: string | null,
  available: readonly Section[],
  roles: readonly Role[] = [],
): Section | undefined {
  return available.find((s) => s.path === path) ?? homeSection(roles, available);
}
