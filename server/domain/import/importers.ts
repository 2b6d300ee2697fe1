// Roster, staff and course imports: rows of a CSV/XLSX table → documents, with a Russian error
// per bad row ("Строка 14: не указан класс"). Nothing is written unless every row is good.
import { z } from 'zod';
import { COLLECTIONS } from '../../../shared/collections';
import { fullName } from '../../../shared/common';
import { newGuardianId, newStudentId } from '../../../shared/ids';
import { todayIso } from '../../../shared/dates';
import { birthDateProblem, nameProblems, normalizePhone } from '../../../shared/roster-checks';
import type { Role } from '../../../shared/staff';
import { cell, parseDate, splitFullName, type TableRow } from './table-file';
import {
  findClass,
  findStaff,
  importStamp,
  newId,
  stampAll,
  type ImportPlan,
  type SchoolContext,
} from './school-context';

function zodProblem(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'документ'}: ${i.message}`).join('; ');
}

let russianErrors: z.core.$ZodErrorMap | undefined;

/** A planned document checked by its collection's schema; problems in Russian, for the row. */
function checkDoc(collection: 'students' | 'staff' | 'courses', doc: unknown) {
  russianErrors ??= z.locales.ru().localeError;
  return COLLECTIONS[collection].schema.safeParse(doc, { error: russianErrors });
}

/** "Только буквы…" → "только буквы…" after a colon in a row error. */
function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function gender(text: string): 'male' | 'female' | null {
  const t = text.toLowerCase();
  if (/^(м|муж|мужской|m|male)\.?$/.test(t)) return 'male';
  if (/^(ж|жен|женский|f|female)\.?$/.test(t)) return 'female';
  return null;
}

/** Фамилия;Имя;Отчество;Пол;Дата рождения;Класс;Родитель ФИО;Телефон;Адрес */
export function planRoster(rows: TableRow[], ctx: SchoolContext): ImportPlan {
  const errors: string[] = [];
  const docs: Record<string, unknown>[] = [];
  const stamp = importStamp();
  const seen = new Set(ctx.students.map((s) => `${fullName(s)}|${s.birthDate}`.toLowerCase()));
  for (const row of rows) {
    const at = `Строка ${row.line}`;
    const problems: string[] = [];
    const lastName = cell(row, 'Фамилия');
    const firstName = cell(row, 'Имя');
    if (!lastName) problems.push('не указана фамилия');
    if (!firstName) problems.push('не указано имя');
    const g = gender(cell(row, 'Пол'));
    if (!g) problems.push('пол должен быть «М» или «Ж»');
    const birthText = cell(row, 'Дата рождения');
    const birthDate = birthText ? parseDate(birthText) : '';
    if (birthDate === null)
      problems.push(`неверная дата рождения «${birthText}» (ожидается ДД.ММ.ГГГГ)`);
    const className = cell(row, 'Класс');
    const schoolClass = className ? findClass(ctx, className) : undefined;
    if (!className) problems.push('не указан класс');
    else if (!schoolClass) problems.push(`класса «${className}» нет в школе`);
    const guardianName = cell(row, 'Родитель ФИО', 'ФИО родителя', 'Родитель');
    const guardianParts = guardianName ? splitFullName(guardianName) : null;
    if (guardianName && !guardianParts)
      problems.push(`ФИО родителя «${guardianName}» должно содержать фамилию и имя`);
    const middleName = cell(row, 'Отчество');
    // The forms' content rules (shared/roster-checks): names, a birth date for the grade, the phone.
    const named = nameProblems({ lastName, firstName, middleName });
    if (named.lastName) problems.push(`фамилия «${lastName}»: ${lowerFirst(named.lastName)}`);
    if (named.firstName) problems.push(`имя «${firstName}»: ${lowerFirst(named.firstName)}`);
    if (named.middleName)
      problems.push(`отчество «${middleName}»: ${lowerFirst(named.middleName)}`);
    if (birthDate && schoolClass) {
      const implausible = birthDateProblem(birthDate, schoolClass.grade, ctx.today ?? todayIso());
      if (implausible) problems.push(lowerFirst(implausible));
    }
    if (guardianParts) {
      const gn = nameProblems(guardianParts);
      const problem = gn.lastName ?? gn.firstName ?? gn.middleName;
      if (problem) problems.push(`ФИО родителя «${guardianName}»: ${lowerFirst(problem)}`);
    }
    const phone = normalizePhone(cell(row, 'Телефон'));
    if (!phone.ok) problems.push(`телефон «${cell(row, 'Телефон')}»: ${lowerFirst(phone.error)}`);
    const key = `${lastName} ${firstName} ${middleName}`.trim().replace(/\s+/g, ' ');
    if (lastName && firstName && seen.has(`${key}|${birthDate ?? ''}`.toLowerCase())) {
      problems.push('такой ученик уже есть (ФИО и дата рождения совпадают)');
    }
    if (problems.length > 0) {
      errors.push(`${at}: ${problems.join('; ')}`);
      continue;
    }
    seen.add(`${key}|${birthDate ?? ''}`.toLowerCase());
    const guardians: Record<string, unknown> = {};
    if (guardianParts) {
      const kind = /вна$/i.test(guardianParts.middleName)
        ? 'mother'
        : /вич$/i.test(guardianParts.middleName)
          ? 'father'
          : 'other';
      guardians[newGuardianId()] = {
        ...guardianParts,
        kind,
        phone: phone.ok ? phone.phone : '',
        email: cell(row, 'Email', 'Эл. почта'),
        address: cell(row, 'Адрес'),
      };
    }
    const doc: Record<string, unknown> = {
      id: newStudentId(),
      lastName,
      firstName,
      middleName,
      gender: g,
      classId: schoolClass!.id,
      status: 'active',
      birthDate: birthDate ?? '',
      guardians,
    };
    doc.stamps = stampAll('students', doc, ['guardians'], stamp);
    const checked = checkDoc('students', doc);
    if (!checked.success) errors.push(`${at}: ${zodProblem(checked.error)}`);
    else docs.push(doc);
  }
  return { collection: 'students', docs, errors };
}

const ROLE_WORDS: Record<string, Role> = {
  учитель: 'teacher',
  'классный руководитель': 'classTeacher',
  завуч: 'deputy',
  'заместитель директора': 'deputy',
  администратор: 'admin',
};

/** Фамилия;Имя;Отчество;Должность;Роли (через запятую: учитель, классный руководитель, завуч, администратор) */
export function planStaff(rows: TableRow[], ctx: SchoolContext): ImportPlan {
  const errors: string[] = [];
  const docs: Record<string, unknown>[] = [];
  const stamp = importStamp();
  const names = new Set(ctx.staff.map((s) => fullName(s).toLowerCase()));
  for (const row of rows) {
    const at = `Строка ${row.line}`;
    const problems: string[] = [];
    const lastName = cell(row, 'Фамилия');
    const firstName = cell(row, 'Имя');
    if (!lastName) problems.push('не указана фамилия');
    if (!firstName) problems.push('не указано имя');
    const roles: Role[] = [];
    for (const word of cell(row, 'Роли', 'Роль')
      .split(/[,;]/)
      .map((w) => w.trim().toLowerCase())
      .filter(Boolean)) {
      const role = ROLE_WORDS[word];
      if (role) roles.push(role);
      else problems.push(`неизвестная роль «${word}»`);
    }
    if (roles.length === 0 && problems.length === 0) roles.push('teacher');
    const doc: Record<string, unknown> = {
      id: newId('staff'),
      lastName,
      firstName,
      middleName: cell(row, 'Отчество'),
      position: cell(row, 'Должность'),
      roles: [...new Set(roles)],
      active: true,
    };
    const name = fullName(doc as never).toLowerCase();
    if (lastName && firstName && names.has(name)) problems.push('такой сотрудник уже есть');
    if (problems.length > 0) {
      errors.push(`${at}: ${problems.join('; ')}`);
      continue;
    }
    names.add(name);
    doc.stamps = stampAll('staff', doc, [], stamp);
    const checked = checkDoc('staff', doc);
    if (!checked.success) errors.push(`${at}: ${zodProblem(checked.error)}`);
    else docs.push(doc);
  }
  return { collection: 'staff', docs, errors };
}

/** Класс;Предмет;Учитель;Часов в неделю[;Группа] */
export function planCourses(rows: TableRow[], ctx: SchoolContext): ImportPlan {
  const errors: string[] = [];
  const docs: Record<string, unknown>[] = [];
  const stamp = importStamp();
  if (!ctx.school)
    return {
      collection: 'courses',
      docs,
      errors: ['Сначала загрузите сведения о школе (предметы, учебный год)'],
    };
  const school = ctx.school;
  const ids = new Set([...ctx.existingIds]);
  for (const row of rows) {
    const at = `Строка ${row.line}`;
    const problems: string[] = [];
    const className = cell(row, 'Класс');
    const schoolClass = className ? findClass(ctx, className) : undefined;
    if (!className) problems.push('не указан класс');
    else if (!schoolClass) problems.push(`класса «${className}» нет в школе`);
    const subjectName = cell(row, 'Предмет');
    const subject = school.subjects.find(
      (s) =>
        s.name.toLowerCase() === subjectName.toLowerCase() ||
        s.short.toLowerCase() === subjectName.toLowerCase(),
    );
    if (!subjectName) problems.push('не указан предмет');
    else if (!subject) problems.push(`предмета «${subjectName}» нет в учебном плане школы`);
    const teacherName = cell(row, 'Учитель');
    const teacher = teacherName ? findStaff(ctx, teacherName) : undefined;
    if (!teacherName) problems.push('не указан учитель');
    else if (!teacher) problems.push(`учителя «${teacherName}» нет в списке сотрудников`);
    const hours = Number(cell(row, 'Часов в неделю', 'Часы').replace(',', '.'));
    if (!(hours >= 0.5 && hours <= 10)) problems.push('часов в неделю должно быть от 0,5 до 10');
    const group = cell(row, 'Группа');
    const groupId = group ? (schoolClass?.groups.find((g) => g.name === group)?.id ?? null) : null;
    if (group && schoolClass && !groupId)
      problems.push(`группы «${group}» нет в классе ${schoolClass.name}`);
    const id =
      schoolClass && subject
        ? `crs-${schoolClass.id}-${subject.id}${groupId ? `-${groupId}` : ''}`
        : '';
    if (id && ids.has(`courses:${id}`)) problems.push('такой курс уже есть');
    if (problems.length > 0) {
      errors.push(`${at}: ${problems.join('; ')}`);
      continue;
    }
    ids.add(`courses:${id}`);
    const doc: Record<string, unknown> = {
      id,
      yearId: school.year.id,
      classId: schoolClass!.id,
      subjectId: subject!.id,
      groupId,
      teacherId: teacher!.id,
      assessment: 'marks',
      hoursPerWeek: hours,
      plannedByPeriod: {},
      plannedYear: Math.round(hours * 34),
      hasExam: false,
    };
    doc.stamps = stampAll('courses', doc, [], stamp);
    const checked = checkDoc('courses', doc);
    if (!checked.success) errors.push(`${at}: ${zodProblem(checked.error)}`);
    else docs.push(doc);
  }
  return { collection: 'courses', docs, errors };
}
