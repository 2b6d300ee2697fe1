// Finds the school's teachers, subjects and groups by the names a timetable program writes ("Иванова М.П.", "Иванова Мария Петровна", "Матем.").
import { fullName } from '../../../shared/common';
import type { ClassGroup } from '../../../shared/school-class';
import type { Subject } from '../../../shared/school';
import type { StaffMember } from '../../../shared/staff';

/** Lower case, ё as е, single spaces, no spaces around dots. */
export function normalizeName(text: string): string {
  return text
    .toLocaleLowerCase('ru')
    .replace(/ё/g, 'е')
    .replace(/\s*\.\s*/g, '.')
    .replace(/\s+/g, ' ')
    .trim();
}

type Person = Pick<StaffMember, 'id' | 'lastName' | 'firstName' | 'middleName' | 'active'>;

/** The spellings one person is written with: full name, surname and name, surname with initials. */
function spellings(p: Person): string[] {
  const i1 = p.firstName.charAt(0);
  const i2 = p.middleName.charAt(0);
  const initials = i2 ? `${i1}.${i2}.` : `${i1}.`;
  return [
    fullName(p),
    `${p.lastName} ${p.firstName}`,
    `${p.lastName} ${initials}`,
    `${p.lastName}${initials}`,
    `${initials} ${p.lastName}`,
    `${initials}${p.lastName}`,
  ].map(normalizeName);
}

export type StaffMatch = { staff: Person } | { error: string };

/** The one active staff member the name means; a Russian reason when none or several do. */
export function matchStaff(staff: readonly Person[], name: string): StaffMatch {
  const key = normalizeName(name);
  if (!key) return { error: 'не указан учитель' };
  const found = staff.filter((s) => s.active !== false && spellings(s).includes(key));
  if (found.length === 1) return { staff: found[0]! };
  if (found.length > 1) {
    return {
      error: `учитель «${name}» неоднозначен: ${found.map((s) => fullName(s)).join(', ')} — напишите полное ФИО`,
    };
  }
  return { error: `учителя «${name}» нет в списке сотрудников` };
}

/** The school's subject with this name or short name. */
export function matchSubject(
  subjects: readonly Subject[],
  name: string,
  short = '',
): Subject | undefined {
  const keys = [name, short].map(normalizeName).filter(Boolean);
  return subjects.find(
    (s) => keys.includes(normalizeName(s.name)) || keys.includes(normalizeName(s.short)),
  );
}

export function matchGroup(groups: readonly ClassGroup[], name: string): ClassGroup | undefined {
  const key = normalizeName(name);
  return groups.find((g) => normalizeName(g.name) === key);
}
