// Roster/staff/course imports: encodings, separators, XLSX, Russian row errors, nothing half-planned.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { planCourses, planRoster, planStaff } from '../../../server/domain/import/importers';
import type { SchoolContext } from '../../../server/domain/import/school-context';
import {
  decodeText,
  parseCsv,
  parseDate,
  parseXlsx,
} from '../../../server/domain/import/table-file';
import { generateSchool } from '../../../shared/demo';

const school = generateSchool({ students: 60, seed: 3 });
const ctx: SchoolContext = {
  school: school.school,
  classes: school.classes,
  staff: school.staff,
  students: school.students,
  existingIds: new Set(school.courses.map((c) => `courses:${c.id}`)),
};
const className = school.classes[0]!.name;

/** Windows-1251 bytes of a Cyrillic string (Excel's CSV export on a Russian Windows). */
function cp1251(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 128) out.push(code);
    else if (ch === 'Ё') out.push(0xa8);
    else if (ch === 'ё') out.push(0xb8);
    else if (code >= 0x410 && code <= 0x44f) out.push(code - 0x410 + 0xc0);
    else throw new Error(`no cp1251 for ${ch}`);
  }
  return new Uint8Array(out);
}

const header = 'Фамилия;Имя;Отчество;Пол;Дата рождения;Класс;Родитель ФИО;Телефон;Адрес';

describe('table files', () => {
  it('detects Windows-1251 and UTF-8 (with BOM), and the ; separator', () => {
    const csv = `${header}\r\nЁлкина;Дарья;Сергеевна;Ж;14.03.2015;${className};Ёлкина Ольга Ивановна;+7 900 000-00-00;ул. Ленина, 1\r\n`;
    expect(decodeText(cp1251(csv)).encoding).toBe('windows-1251');
    const fromCp = parseCsv(cp1251(csv));
    const fromUtf = parseCsv(new TextEncoder().encode('\uFEFF' + csv));
    expect(fromCp).toEqual(fromUtf);
    expect(fromCp[0]!.cells['Фамилия']).toBe('Ёлкина');
    expect(fromCp[0]!.cells['Адрес']).toBe('ул. Ленина, 1');
  });

  it('reads XLSX with dates', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Ученики');
    ws.addRow(header.split(';'));
    ws.addRow([
      'Петров',
      'Иван',
      'Олегович',
      'М',
      new Date(Date.UTC(2014, 1, 3)),
      className,
      '',
      '',
      '',
    ]);
    const rows = await parseXlsx(new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(rows[0]!.cells['Дата рождения']).toBe('2014-02-03');
    expect(planRoster(rows, ctx).errors).toEqual([]);
  });

  it('parses Russian and ISO dates, refuses impossible ones', () => {
    expect(parseDate('1.9.2014')).toBe('2014-09-01');
    expect(parseDate('2014-09-01')).toBe('2014-09-01');
    expect(parseDate('31.02.2014')).toBeNull();
  });
});

describe('roster import', () => {
  it('reports every bad row with its line number and plans nothing from them', () => {
    const csv = [
      header,
      `Иванов;Пётр;;М;01.02.2015;${className};Иванова Анна Павловна;89001234567;`,
      `Сидорова;Ольга;;Ж;01.02.2015;;;;`,
      `;Павел;;X;99.99.2015;12Я;Кто;;`,
    ].join('\n');
    const plan = planRoster(parseCsv(new TextEncoder().encode(csv)), ctx);
    expect(plan.errors).toEqual([
      'Строка 3: не указан класс',
      'Строка 4: не указана фамилия; пол должен быть «М» или «Ж»; неверная дата рождения «99.99.2015» (ожидается ДД.ММ.ГГГГ); класса «12Я» нет в школе; ФИО родителя «Кто» должно содержать фамилию и имя',
    ]);
    expect(plan.docs).toHaveLength(1);
    const guardian = Object.values(plan.docs[0]!.guardians as Record<string, { kind: string }>)[0]!;
    expect(guardian.kind).toBe('mother');
    // The phone is stored in the one form the class teacher's form writes.
    expect((guardian as unknown as { phone: string }).phone).toBe('+7 900 123-45-67');
  });

  it("refuses what the class teacher's form refuses: names, birth dates for the grade, phones", () => {
    const csv = [
      header,
      `Иванов123;Пётр;;М;01.02.2015;${className};;;`,
      `Петров;<b>Ёж</b>;;М;01.02.1950;${className};Петрова Анна;12-34;`,
    ].join('\n');
    const plan = planRoster(parseCsv(new TextEncoder().encode(csv)), {
      ...ctx,
      today: '2026-12-01',
    });
    expect(plan.docs).toEqual([]);
    expect(plan.errors[0]).toBe('Строка 2: фамилия «Иванов123»: в имени не должно быть цифр');
    expect(plan.errors[1]).toMatch(/^Строка 3: имя «<b>Ёж<\/b>»: только буквы/);
    expect(plan.errors[1]).toContain('дата рождения не подходит для 5 класса');
    expect(plan.errors[1]).toContain('телефон «12-34»: номер телефона: 10 цифр');
  });

  it('refuses a student already in the school', () => {
    const s = school.students.find((x) => x.birthDate !== '')!;
    const [y, m, d] = s.birthDate.split('-');
    const csv = `${header}\n${s.lastName};${s.firstName};${s.middleName};${s.gender === 'male' ? 'М' : 'Ж'};${d}.${m}.${y};${className};;;`;
    expect(planRoster(parseCsv(new TextEncoder().encode(csv)), ctx).errors[0]).toMatch(
      /^Строка 2: такой ученик уже есть/,
    );
  });
});

describe('staff and course imports', () => {
  it('plans staff with roles and courses by names', () => {
    const staff = planStaff(
      parseCsv(
        new TextEncoder().encode(
          'Фамилия;Имя;Отчество;Должность;Роли\nКовалёва;Нина;Петровна;учитель химии;учитель, классный руководитель\nБезымянный;;;;повар',
        ),
      ),
      ctx,
    );
    expect(staff.errors).toEqual(['Строка 3: не указано имя; неизвестная роль «повар»']);
    expect(staff.docs[0]).toMatchObject({
      roles: ['teacher', 'classTeacher'],
      position: 'учитель химии',
    });
    const teacher = school.staff.find((s) => s.id === 'staff-teacher')!;
    const subject = school.school.subjects.find(
      (s) =>
        !school.courses.some((c) => c.classId === school.classes[0]!.id && c.subjectId === s.id),
    )!;
    const courses = planCourses(
      parseCsv(
        new TextEncoder().encode(
          `Класс;Предмет;Учитель;Часов в неделю\n${className};${subject.name};${teacher.lastName} ${teacher.firstName} ${teacher.middleName};1,5\n${className};Алхимия;Никто Никак;20`,
        ),
      ),
      ctx,
    );
    expect(courses.errors).toEqual([
      'Строка 3: предмета «Алхимия» нет в учебном плане школы; учителя «Никто Никак» нет в списке сотрудников; часов в неделю должно быть от 0,5 до 10',
    ]);
    expect(courses.docs[0]).toMatchObject({ teacherId: 'staff-teacher', hoursPerWeek: 1.5 });
  });
});
