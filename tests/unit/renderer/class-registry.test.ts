// Pure parts of the class workspace: registry rows, filters and counts, families for printing,
// form validation with Russian messages, typed dates, overview risk, application addressing.
import { describe, expect, it } from 'vitest';
import { DEFAULT_ATTENDANCE_CODES } from '../../../shared/attendance-code';
import type { Consent } from '../../../shared/consent';
import type { Lesson } from '../../../shared/lesson';
import { buildConsentModel } from '../../../shared/documents/consent-model';
import type { DocumentSource } from '../../../shared/documents/source';
import { DEFAULT_GRADING_POLICY } from '../../../shared/grading-policy';
import type { StudentSubjectCell } from '../../../shared/reports/class-overview';
import { EMPTY_IDENTITY_DOCUMENT, type Guardian, type Student } from '../../../shared/student';
import { documentCountText, plural } from '../../../renderer/print/print-job';
import {
  formPicks,
  loginCell,
  studentPicks,
  filterRows,
  registryCounts,
  registryRows,
} from '../../../renderer/workspaces/class/consent-registry';
import {
  cellRisk,
  minMarksOf,
  missedTooMany,
} from '../../../renderer/workspaces/class/overview-risk';
import { formatDate } from '../../../shared/dates';
import { checkRuDate, parseRuDate } from '../../../renderer/workspaces/class/ru-date';
import { validateGuardian, validateStudent } from '../../../renderer/workspaces/class/student-form';

const guardian = (lastName: string, firstName: string, kind: Guardian['kind']): Guardian => ({
  lastName,
  firstName,
  middleName: '',
  kind,
  phone: '',
  email: '',
  address: '',
  identityDocument: EMPTY_IDENTITY_DOCUMENT,
  authorityDocument: '',
});

function student(id: string, lastName: string, guardians: Record<string, Guardian>): Student {
  return {
    id,
    stamps: {},
    lastName,
    firstName: 'Имя',
    middleName: '',
    gender: 'female',
    classId: 'cl-5a',
    status: 'active',
    birthDate: '',
    address: '',
    guardians,
  };
}

function consent(
  studentId: string,
  guardianId: string,
  decision: Consent['decision'],
  channel: Consent['channel'] = 'electronic',
): Consent {
  return {
    id: `${studentId}:${guardianId}`,
    stamps: {},
    studentId,
    guardianId,
    classId: 'cl-5a',
    decision,
    date: '2026-09-05',
    channel,
    registeredBy: 'staff-ct',
    loginIssued: decision === 'consent',
    note: '',
  };
}

// Борисова: mother consented, father no answer. Андреева: refusal by the father (listed after
// the mother). Волков: consent with paper. Гусева: no guardians. Дмитриев: left the class.
const STUDENTS: Student[] = [
  student('st-b', 'Борисова', {
    'gd-b-2': guardian('Борисов', 'Олег', 'father'),
    'gd-b-1': guardian('Борисова', 'Анна', 'mother'),
  }),
  student('st-a', 'Андреева', {
    'gd-a-1': guardian('Андреева', 'Мария', 'mother'),
    'gd-a-2': guardian('Андреев', 'Пётр', 'father'),
  }),
  student('st-v', 'Волков', { 'gd-v-1': guardian('Волкова', 'Ирина', 'mother') }),
  student('st-g', 'Гусева', {}),
  {
    ...student('st-d', 'Дмитриев', { 'gd-d-1': guardian('Дмитриева', 'Ольга', 'mother') }),
    status: 'left',
  },
];
const CONSENTS: Consent[] = [
  consent('st-b', 'gd-b-1', 'consent'),
  consent('st-a', 'gd-a-2', 'refusal'),
  consent('st-v', 'gd-v-1', 'consent', 'paper'),
  consent('st-d', 'gd-d-1', 'withdrawal'),
];

describe('consent registry rows', () => {
  const rows = registryRows(STUDENTS, CONSENTS);

  it('lists every guardian of the active students in journal order, mother first', () => {
    expect(rows.map((r) => [r.number, r.student.lastName, r.guardianId, r.state])).toEqual([
      [1, 'Андреева', 'gd-a-1', 'none'],
      [1, 'Андреева', 'gd-a-2', 'refusal'],
      [2, 'Борисова', 'gd-b-1', 'consent'],
      [2, 'Борисова', 'gd-b-2', 'none'],
      [3, 'Волков', 'gd-v-1', 'consent'],
      [4, 'Гусева', null, 'none'],
    ]);
  });

  it('filters "нет ответа", "бумажные выписки" (refusal, withdrawal or paper) and "все"', () => {
    expect(filterRows(rows, 'none').map((r) => r.guardianId)).toEqual(['gd-a-1', 'gd-b-2', null]);
    expect(filterRows(rows, 'paper').map((r) => r.guardianId)).toEqual(['gd-a-2', 'gd-v-1']);
    expect(filterRows(rows, 'all')).toHaveLength(6);
  });

  it('counts rows per state and per filter', () => {
    expect(registryCounts(rows)).toEqual({
      consent: 2,
      refusal: 1,
      withdrawal: 0,
      none: 3,
      paper: 2,
      all: 6,
    });
  });

  it('registering an answer moves the row out of "нет ответа"', () => {
    const after = registryRows(STUDENTS, [...CONSENTS, consent('st-a', 'gd-a-1', 'consent')]);
    expect(registryCounts(after).none).toBe(2);
    expect(registryCounts(after).consent).toBe(3);
  });

  it('picks one form per guardian row; a withdrawal only where a consent is registered', () => {
    expect(formPicks(filterRows(rows, 'none'), 'consent')).toEqual([
      { studentId: 'st-a', guardianId: 'gd-a-1' },
      { studentId: 'st-b', guardianId: 'gd-b-2' },
      { studentId: 'st-g', guardianId: null },
    ]);
    expect(formPicks(rows, 'consent')).toHaveLength(6);
    expect(formPicks(rows, 'withdrawal')).toEqual([
      { studentId: 'st-b', guardianId: 'gd-b-1' },
      { studentId: 'st-v', guardianId: 'gd-v-1' },
    ]);
    // A refusal never goes to a guardian whose consent is registered, whatever the filter: with
    // «Бумажные выписки» only the father who refused (Волкова consented, on paper).
    expect(formPicks(filterRows(rows, 'paper'), 'refusal')).toEqual([
      { studentId: 'st-a', guardianId: 'gd-a-2' },
    ]);
    expect(formPicks(rows, 'refusal').map((p) => p.guardianId)).toEqual([
      'gd-a-1',
      'gd-a-2',
      'gd-b-2',
      null,
    ]);
    const andreeva = STUDENTS.find((s) => s.id === 'st-a')!;
    expect(studentPicks(andreeva).map((p) => p.guardianId)).toEqual(['gd-a-1', 'gd-a-2']);
  });
});

describe('the «Логин выдан» cell', () => {
  it('asks to close a login still marked issued after a refusal or withdrawal', () => {
    expect(loginCell(null)).toEqual({ text: '—', needsClosing: false });
    expect(loginCell({ decision: 'consent', loginIssued: true })).toEqual({
      text: 'да',
      needsClosing: false,
    });
    expect(loginCell({ decision: 'withdrawal', loginIssued: true })).toEqual({
      text: 'да — закройте доступ',
      needsClosing: true,
    });
    expect(loginCell({ decision: 'withdrawal', loginIssued: false }).text).toBe('нет');
  });
});

describe('applications addressed to the registry row guardian', () => {
  const source: DocumentSource = {
    school: {
      fullName: 'Школа',
      shortName: 'Школа',
      address: '',
      directorName: 'Директор',
      directorNameDative: '',
      operator: { name: '', address: '', inn: '', ogrn: '' },
      informationSystem: '',
    } as unknown as DocumentSource['school'],
    periods: [],
    classes: [
      {
        id: 'cl-5a',
        stamps: {},
        yearId: 'y',
        grade: 5,
        letter: 'А',
        name: '5А',
        periodScheme: 'quarters',
        classTeacherId: 'staff-ct',
        groups: [],
      },
    ],
    staff: [],
    students: STUDENTS,
    courses: [],
    lessons: [],
    periodMarks: [],
    consents: CONSENTS,
  };

  it('prints one application per picked guardian, addressed to that guardian', () => {
    const model = buildConsentModel(source, {
      classKey: 'cl-5a',
      variant: 'consent',
      guardians: [
        { studentId: 'st-b', guardianId: 'gd-b-2' },
        { studentId: 'st-a', guardianId: 'gd-a-1' },
        { studentId: 'st-a', guardianId: 'gd-a-2' },
      ],
      issuedOn: '2026-11-23',
    });
    expect(
      model.applications.map((a) => [a.studentId, a.guardianId, a.guardian?.firstName]),
    ).toEqual([
      ['st-b', 'gd-b-2', 'Олег'],
      ['st-a', 'gd-a-1', 'Мария'],
      ['st-a', 'gd-a-2', 'Пётр'],
    ]);
    expect(model.applications[0]?.guardian?.signature).toBe('Борисов О.');
    expect(documentCountText(model)).toBe('3 заявления');
  });
});

describe('forms', () => {
  const today = '2026-11-23';

  it('reports empty names, gender and impossible or future birth dates in Russian', () => {
    const r = validateStudent(
      {
        lastName: ' ',
        firstName: '',
        middleName: '',
        gender: '',
        birthDate: '31.02.2015',
        address: '',
      },
      today,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual({
      lastName: 'Поле не заполнено',
      firstName: 'Поле не заполнено',
      gender: 'Укажите пол',
      birthDate: 'Такой даты нет в календаре',
    });
    const future = validateStudent(
      {
        lastName: 'А',
        firstName: 'Б',
        middleName: '',
        gender: 'male',
        birthDate: '01.01.2027',
        address: '',
      },
      today,
    );
    expect(!future.ok && future.errors.birthDate).toBe('Дата рождения не может быть в будущем');
  });

  it('accepts a student with a typed Russian date and trims names', () => {
    const r = validateStudent(
      {
        lastName: ' Ёлкина ',
        firstName: 'Алиса',
        middleName: '',
        gender: 'female',
        birthDate: '8.3.2015',
        address: ' г. Кимры, ул. Мира, д. 5 ',
      },
      today,
    );
    expect(r).toEqual({
      ok: true,
      value: {
        lastName: 'Ёлкина',
        firstName: 'Алиса',
        middleName: '',
        gender: 'female',
        birthDate: '2015-03-08',
        address: 'г. Кимры, ул. Мира, д. 5',
      },
    });
  });

  it('checks guardian phone and e-mail', () => {
    const base = {
      lastName: 'Ёлкина',
      firstName: 'Ольга',
      middleName: '',
      kind: 'mother' as const,
      address: '',
      docKind: '',
      docSeries: '',
      docNumber: '',
      docIssuedOn: '',
      docIssuedBy: '',
      authorityDocument: '',
    };
    const bad = validateGuardian({ ...base, phone: '12-34', email: 'почта' }, today);
    expect(!bad.ok && bad.errors).toEqual({
      phone: 'Номер телефона: 10 цифр после +7 или 8, например +7 912 345-67-89',
      email: 'Неверный адрес электронной почты',
    });
    expect(
      validateGuardian({ ...base, phone: '+7 (912) 345-67-89', email: 'a@b.ru' }, today).ok,
    ).toBe(true);
    expect(validateGuardian({ ...base, phone: '', email: '' }, today).ok).toBe(true);
    // A 10-digit number is stored in the one form; a name with markup is refused next to the field.
    const typed = validateGuardian({ ...base, phone: '9123456789', email: '' }, today);
    expect(typed.ok && typed.value.phone).toBe('+7 912 345-67-89');
    const markup = validateGuardian(
      { ...base, firstName: '<b>Ёж</b>', phone: '', email: '' },
      today,
    );
    expect(!markup.ok && markup.errors.firstName).toMatch(/^Только буквы/);
  });

  it('refuses digits in a name and a birth date implausible for the grade', () => {
    const values = {
      lastName: 'Иванов123',
      firstName: 'Пётр',
      middleName: '',
      gender: 'male' as const,
      birthDate: '01.01.1950',
      address: '',
    };
    const r = validateStudent(values, today, 5);
    expect(!r.ok && r.errors).toEqual({
      lastName: 'В имени не должно быть цифр',
      birthDate:
        'Дата рождения не подходит для 5 класса: на 01.09.2026 обучающемуся 76 лет (ожидается от 9 до 15 лет)',
    });
    expect(
      validateStudent({ ...values, lastName: 'Иванов', birthDate: '10.05.2015' }, today, 5).ok,
    ).toBe(true);
  });

  it('converts dates between the screen and the database', () => {
    expect(formatDate('2015-03-08')).toBe('08.03.2015');
    expect(parseRuDate('08.03.2015')).toBe('2015-03-08');
    expect(parseRuDate('8/3/2015')).toBe('2015-03-08');
    expect(parseRuDate('2015-03-08')).toBe('2015-03-08');
    expect(parseRuDate('март 2015')).toBeNull();
    expect(checkRuDate('', { required: true })).toEqual({ ok: false, error: 'Укажите дату' });
    expect(checkRuDate('1.2', { required: false })).toEqual({
      ok: false,
      error: 'Дата должна быть в формате ДД.ММ.ГГГГ',
    });
  });
});

describe('overview risk', () => {
  const cell = (over: Partial<StudentSubjectCell>): StudentSubjectCell => ({
    courseId: 'c',
    average: 4,
    marksCount: 1,
    proposal: 'notAttested',
    explanation: '',
    set: null,
    deferred: false,
    atRisk: true,
    ...over,
  });
  const min = minMarksOf(DEFAULT_GRADING_POLICY, 'quarter');

  it('tells "too few marks so far" from a real risk while the period runs', () => {
    expect(min).toBe(3);
    const running = { minMarks: min, periodOver: false, missedTooMany: new Set<string>() };
    expect(cellRisk(cell({}), 'st', running)).toBe('fewMarks');
    expect(cellRisk(cell({}), 'st', { ...running, periodOver: true })).toBe('risk');
    expect(cellRisk(cell({}), 'st', { ...running, missedTooMany: new Set(['c|st']) })).toBe('risk');
    expect(cellRisk(cell({ proposal: '2', marksCount: 4 }), 'st', running)).toBe('risk');
    expect(cellRisk(cell({ marksCount: 5 }), 'st', running)).toBe('risk');
    expect(cellRisk(cell({ set: 'notAttested' }), 'st', running)).toBe('risk');
    expect(cellRisk(cell({ atRisk: false, proposal: '4' }), 'st', running)).toBe('none');
    expect(cellRisk(undefined, 'st', running)).toBe('none');
  });

  it('finds students over the allowed share of missed lessons per course', () => {
    const lesson = (id: string, entries: Record<string, string>): Lesson =>
      ({
        id,
        courseId: 'c',
        classId: 'cl-5a',
        date: '2026-11-10',
        slot: 1,
        status: 'held',
        entries: Object.fromEntries(
          Object.entries(entries).map(([s, code]) => [s, { marks: [], attendance: code }]),
        ),
      }) as unknown as Lesson;
    const lessons = [
      lesson('l1', { a: 'б', b: 'н' }),
      lesson('l2', { a: 'н' }),
      lesson('l3', { a: 'оп' }),
    ];
    const set = missedTooMany(
      lessons,
      ['a', 'b'],
      DEFAULT_ATTENDANCE_CODES,
      DEFAULT_GRADING_POLICY,
    );
    expect([...set]).toEqual(['c|a']);
  });
});

describe('Russian plurals', () => {
  it('uses one / few / many', () => {
    const forms = ['заявление', 'заявления', 'заявлений'] as const;
    expect([1, 2, 5, 11, 12, 21, 22, 25, 111].map((n) => plural(n, forms))).toEqual([
      'заявление',
      'заявления',
      'заявлений',
      'заявлений',
      'заявлений',
      'заявление',
      'заявления',
      'заявлений',
      'заявлений',
    ]);
  });
});
