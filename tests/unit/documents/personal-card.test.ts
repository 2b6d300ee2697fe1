// The personal card of one pupil over four years, worked out by hand: a year the archive could not
// give (a note), 4А with two year marks, 5А → 5Б by a transfer and a conditional promotion (marks
// of the class she finished in, an exam subject, the group course she attends, not the other
// group's), and the new 6А with the debt as an open deferred mark; the PDF has it all (pdftotext).
import { describe, expect, it } from 'vitest';
import type { Course } from '../../../shared/course';
import { loadDocumentFonts } from '../../../shared/documents/fonts.node.js';
import {
  ARCHIVE_MARKS_HIDDEN,
  ARCHIVE_UNAVAILABLE,
  buildPersonalCardModel,
  type PersonalCardInput,
} from '../../../shared/documents/personal-card-model';
import { renderPersonalCard } from '../../../shared/documents/personal-card-render';
import type { PeriodMarkValue } from '../../../shared/grading-policy';
import type { Period } from '../../../shared/period';
import type { PeriodMarks } from '../../../shared/period-mark';
import type { SchoolClass } from '../../../shared/school-class';
import type { Student } from '../../../shared/student';
import { assertHas, pdfInfo, pdfText, qpdfCheck, savePdf, squash } from './helpers';

function cls(id: string, yearId: string, name: string, groups: SchoolClass['groups'] = []) {
  const grade = Number.parseInt(name, 10);
  return {
    id,
    stamps: {},
    yearId,
    grade,
    letter: name.slice(String(grade).length),
    name,
    periodScheme: 'quarters',
    classTeacherId: 't',
    groups,
  } satisfies SchoolClass;
}
function period(
  yearId: string,
  kind: 'year' | 'exam' | 'final' | 'quarter',
  name: string = kind,
): Period {
  return {
    id: `${yearId}-${kind}`,
    stamps: {},
    yearId,
    kind,
    scheme: kind === 'quarter' ? 'quarters' : null,
    number: 1,
    name,
    start: '2026-09-01',
    end: '2027-05-31',
    closed: true,
  };
}
function course(id: string, classId: string, subjectId: string, extra: Partial<Course> = {}) {
  return {
    id,
    stamps: {},
    yearId: 'y',
    classId,
    subjectId,
    groupId: null,
    teacherId: 't',
    assessment: 'marks',
    hoursPerWeek: 2,
    plannedByPeriod: {},
    plannedYear: 68,
    hasExam: false,
    ...extra,
  } as Course;
}
function marks(
  courseId: string,
  periodId: string,
  classId: string,
  entries: Record<string, PeriodMarkValue | 'deferred'>,
): PeriodMarks {
  return {
    id: `${courseId}:${periodId}`,
    stamps: {},
    courseId,
    periodId,
    classId,
    marks: Object.fromEntries(
      Object.entries(entries).map(([id, v]) => [
        id,
        {
          value: v === 'deferred' ? null : v,
          proposed: null,
          average: null,
          deferral: v === 'deferred' ? { reason: 'Условный перевод', due: '2027-10-15' } : null,
          comment: '',
        },
      ]),
    ),
  };
}

const anna: Student = {
  id: 's1',
  stamps: {},
  lastName: 'Петрова',
  firstName: 'Анна',
  middleName: 'Сергеевна',
  gender: 'female',
  classId: 'n6a',
  status: 'active',
  birthDate: '2015-03-08',
  address: '',
  guardians: {},
  movements: [
    {
      kind: 'promoted',
      date: '2026-06-20',
      orderNumber: '98-о',
      fromClassId: 'o4a',
      toClassId: 'c5a',
    },
    {
      kind: 'transfer',
      date: '2026-11-10',
      orderNumber: '45-о',
      fromClassId: 'c5a',
      toClassId: 'c5b',
    },
    {
      kind: 'conditional',
      date: '2027-06-20',
      orderNumber: '112-о',
      fromClassId: 'c5b',
      toClassId: 'n6a',
      debts: ['math'],
    },
  ],
};

const c5b = cls('c5b', 'y2026', '5Б', [
  { id: 'g1', name: '1 группа', studentIds: ['s1'] },
  { id: 'g2', name: '2 группа', studentIds: ['s2'] },
]);
const input: PersonalCardInput = {
  school: {
    fullName: 'Муниципальное бюджетное общеобразовательное учреждение «Школа № 1»',
    shortName: 'МБОУ «Школа № 1»',
    subjects: [
      { id: 'math', name: 'Математика', short: 'Мат.' },
      { id: 'rus', name: 'Русский язык', short: 'Рус.' },
      { id: 'eng', name: 'Английский язык', short: 'Англ.' },
    ],
  },
  student: anna,
  years: [
    { year: { id: 'y2024', name: '2024/2025' }, documents: null },
    {
      year: { id: 'y2025', name: '2025/2026' },
      documents: {
        classes: [cls('o4a', 'y2025', '4А'), cls('o4b', 'y2025', '4Б')],
        periods: [period('y2025', 'year')],
        courses: [course('o4a-rus', 'o4a', 'rus'), course('o4a-math', 'o4a', 'math')],
        periodMarks: [
          marks('o4a-math', 'y2025-year', 'o4a', { s1: '5', s2: '3' }),
          marks('o4a-rus', 'y2025-year', 'o4a', { s1: '4' }),
        ],
      },
    },
    {
      year: { id: 'y2026', name: '2026/2027' },
      documents: {
        classes: [cls('c5a', 'y2026', '5А'), c5b],
        periods: [
          period('y2026', 'quarter'),
          period('y2026', 'year'),
          period('y2026', 'exam'),
          period('y2026', 'final'),
        ],
        courses: [
          course('c5a-math', 'c5a', 'math'),
          course('c5b-math', 'c5b', 'math'),
          course('c5b-rus', 'c5b', 'rus', { hasExam: true }),
          course('c5b-eng1', 'c5b', 'eng', { groupId: 'g1' }),
          course('c5b-eng2', 'c5b', 'eng', { groupId: 'g2' }),
        ],
        periodMarks: [
          // A quarter mark is not on the card; the year's are.
          marks('c5a-math', 'y2026-quarter', 'c5a', { s1: '4' }),
          marks('c5b-math', 'y2026-year', 'c5b', { s1: '2' }),
          marks('c5b-rus', 'y2026-year', 'c5b', { s1: '4' }),
          marks('c5b-rus', 'y2026-exam', 'c5b', { s1: '5' }),
          marks('c5b-rus', 'y2026-final', 'c5b', { s1: '5' }),
          marks('c5b-eng1', 'y2026-year', 'c5b', { s1: '3' }),
          marks('c5b-eng2', 'y2026-year', 'c5b', { s1: '5', s2: '4' }),
        ],
      },
    },
    {
      year: { id: 'y2027', name: '2027/2028' },
      documents: {
        classes: [cls('n6a', 'y2027', '6А')],
        periods: [period('y2027', 'year'), period('y2027', 'quarter', 'I четверть')],
        courses: [course('n6a-math', 'n6a', 'math'), course('n6a-rus', 'n6a', 'rus')],
        periodMarks: [
          marks('n6a-math', 'y2027-quarter', 'n6a', { s1: 'deferred' }),
          marks('n6a-rus', 'y2027-quarter', 'n6a', { s1: '4', s2: 'deferred' }),
        ],
      },
    },
  ],
  classNames: new Map([
    ['o4a', '4А'],
    ['c5a', '5А'],
    ['c5b', '5Б'],
    ['n6a', '6А'],
  ]),
  issuedOn: '2027-09-10',
};
const model = buildPersonalCardModel(input);

describe('the personal card across years', () => {
  it('has each year with its class, movements and year / exam / final marks', () => {
    expect(model.student).toEqual({
      fullName: 'Петрова Анна Сергеевна',
      birthDate: '2015-03-08',
      gender: 'female',
    });
    expect(model.years.map((y) => [y.yearName, y.className, y.note])).toEqual([
      ['2024/2025', '', ARCHIVE_UNAVAILABLE],
      ['2025/2026', '4А', null],
      ['2026/2027', '5А, 5Б', null],
      ['2027/2028', '6А', null],
    ]);
    expect(model.years[1]!.movements).toEqual([
      '20.06.2026 — переведена в следующий класс (из 4А в 5А), приказ № 98-о',
    ]);
    expect(model.years[1]!.marks).toEqual([
      { subject: 'Математика', year: '5', exam: '', final: '' },
      { subject: 'Русский язык', year: '4', exam: '', final: '' },
    ]);
    expect(model.years[2]!.movements).toEqual([
      '10.11.2026 — переведена в другой класс (из 5А в 5Б), приказ № 45-о',
      '20.06.2027 — переведена условно (из 5Б в 6А), академическая задолженность: Математика, приказ № 112-о',
    ]);
    expect(model.years[2]!.marks).toEqual([
      { subject: 'Математика', year: '2', exam: '', final: '' },
      { subject: 'Русский язык', year: '4', exam: '5', final: '5' },
      { subject: 'Английский язык', year: '3', exam: '', final: '' },
    ]);
    expect(model.years[3]!.movements).toEqual([]);
    expect(model.years[3]!.marks).toEqual([
      { subject: 'Математика', year: '', exam: '', final: '' },
      { subject: 'Русский язык', year: '', exam: '', final: '' },
    ]);
    // The debt as a deferred mark of the new year's first quarter; another pupil's is not hers.
    expect(model.years[3]!.deferred).toEqual([
      'Математика, I четверть: отметка отсрочена до 15.10.2027 (Условный перевод)',
    ]);
    expect(model.years[2]!.deferred).toEqual([]);
  });

  it('leaves out a year the student was not at the school', () => {
    const before = buildPersonalCardModel({
      ...input,
      years: [
        {
          year: { id: 'y2023', name: '2023/2024' },
          documents: {
            classes: [cls('x3a', 'y2023', '3А')],
            periods: [],
            courses: [],
            periodMarks: [],
          },
        },
        ...input.years.slice(1, 2),
      ],
    });
    expect(before.years.map((y) => y.yearName)).toEqual(['2025/2026']);
  });

  it('says so when the archive gave the class but none of its marks', () => {
    const hidden = buildPersonalCardModel({
      ...input,
      years: [{ ...input.years[1]!, note: ARCHIVE_MARKS_HIDDEN }],
    });
    expect(hidden.years).toEqual([
      expect.objectContaining({ className: '4А', marks: [], note: ARCHIVE_MARKS_HIDDEN }),
    ]);
    expect(hidden.years[0]!.movements).toHaveLength(1);
  });

  it('prints every year on an A4 page', async () => {
    const path = savePdf(await renderPersonalCard(model, loadDocumentFonts()), 'personal-card');
    expect(qpdfCheck(path).ok).toBe(true);
    const info = pdfInfo(path);
    expect(info.pages).toBe(1);
    expect(info.pageSize).toMatch(/595\.28 x 841\.89/);
    const flat = squash(pdfText(path));
    for (const phrase of [
      'Личная карта обучающегося',
      'Фамилия, имя, отчество: Петрова Анна Сергеевна',
      'Дата рождения: 08.03.2015',
      '2024/2025 учебный год',
      ARCHIVE_UNAVAILABLE,
      '2025/2026 учебный год — 4А класс',
      '2026/2027 учебный год — 5А, 5Б классы',
      'Русский язык 4 5 5',
      'Английский язык 3',
      '20.06.2027 — переведена условно (из 5Б в 6А), академическая задолженность: Математика, приказ № 112-о',
      '2027/2028 учебный год — 6А класс',
      'Математика, I четверть: отметка отсрочена до 15.10.2027 (Условный перевод)',
      'Дата выдачи: 10.09.2027',
    ]) {
      assertHas(flat, phrase);
    }
  });
});
