// The month's replacement and cancellation report for the payroll: replaced only when the teacher changed, not held, moved, per teacher totals.
import { describe, expect, it } from 'vitest';
import { buildSubstitutionReport } from '../../../shared/reports/substitutions';
import { toTableReport } from '../../../shared/reports/table-report';
import { generatedLessonDocument, GENERATION_AUTHOR } from '../../../shared/lesson-generation';
import type { Lesson } from '../../../shared/lesson';
import { CLASSES, COURSES, SCHOOL, STAFF } from './small-school';

const gen = { at: '000001780000000-00000-srv', by: GENERATION_AUTHOR };
const l = (courseId: string, date: string, slot: number, extra: Partial<Lesson> = {}): Lesson => ({
  ...generatedLessonDocument(
    {
      id: `${courseId}:${date}:${slot}`,
      courseId,
      classId: COURSES.find((c) => c.id === courseId)!.classId,
      date,
      slot,
      teacherId: COURSES.find((c) => c.id === courseId)!.teacherId,
      room: '',
    },
    gen,
  ),
  ...extra,
});

const lessons: Lesson[] = [
  l('k5-math', '2026-10-06', 2),
  l('k5-math', '2026-10-13', 2, {
    teacherId: 't5',
    substitution: { absentTeacherId: 't2', reason: 'болезнь' },
  }),
  // A substitution record whose substitute is the teacher themselves: not a replacement.
  l('k5-math', '2026-10-20', 2, { substitution: { absentTeacherId: 't2', reason: '' } }),
  // Set on the desktop without a record: the course's teacher was t2.
  l('k10-math', '2026-10-06', 1, { teacherId: 't1' }),
  l('k5-trud', '2026-10-07', 3, { status: 'cancelled', cancelReason: 'карантин' }),
  l('k5-trud', '2026-10-07', 4, {
    status: 'cancelled',
    movedTo: 'k5-trud:2026-10-09:1',
    cancelReason: 'Перенесён на 09.10.2026, 1-й урок',
  }),
  l('k5-trud', '2026-10-09', 1, { movedFrom: 'k5-trud:2026-10-07:4' }),
  // Outside the month, and after the report's last day.
  l('k5-math', '2026-09-29', 2, { status: 'cancelled' }),
  l('k5-math', '2026-10-27', 2, {
    teacherId: 't5',
    substitution: { absentTeacherId: 't2', reason: 'курсы' },
  }),
];

const report = buildSubstitutionReport({
  month: '2026-10',
  until: '2026-10-21',
  lessons,
  courses: COURSES,
  classes: CLASSES,
  subjects: SCHOOL.subjects,
  staff: STAFF,
});

describe('buildSubstitutionReport', () => {
  it('lists replaced, not held and moved lessons of the month up to the given day', () => {
    expect(report.from).toBe('2026-10-01');
    expect(report.to).toBe('2026-10-21');
    expect(
      report.rows.map((r) => [
        r.kind,
        r.date,
        r.slot,
        r.className,
        r.subject,
        r.teacher,
        r.substitute,
        r.reason,
      ]),
    ).toEqual([
      ['replaced', '2026-10-06', 1, '10А', 'Математика', 'Петров Б. И.', 'Иванова А. П.', ''],
      ['notHeld', '2026-10-07', 3, '5А', 'Труд (технология)', 'Орлов В. П.', '', 'карантин'],
      [
        'moved',
        '2026-10-07',
        4,
        '5А',
        'Труд (технология)',
        'Орлов В. П.',
        '',
        'Перенесён на 09.10.2026, 1-й урок',
      ],
      ['replaced', '2026-10-13', 2, '5А', 'Математика', 'Петров Б. И.', 'Орлов В. П.', 'болезнь'],
    ]);
  });

  it('sums per teacher what the payroll needs', () => {
    const byName = Object.fromEntries(
      report.teachers.map((t) => [t.teacher, [t.heldOwn, t.heldForOthers, t.replaced, t.notHeld]]),
    );
    expect(byName).toEqual({
      'Иванова А. П.': [0, 1, 0, 0],
      'Орлов В. П.': [1, 1, 0, 1],
      'Петров Б. И.': [2, 0, 2, 0],
    });
  });

  it('becomes two tables for export, and refuses a malformed month', () => {
    expect(toTableReport({ kind: 'substitutions', report }).rows[0]).toMatchObject({
      date: '06.10.2026',
      kind: 'замена',
    });
    expect(toTableReport({ kind: 'teacherMonth', report }).rows).toHaveLength(3);
    expect(() =>
      buildSubstitutionReport({
        month: '2026-13',
        lessons: [],
        courses: [],
        classes: [],
        subjects: [],
        staff: [],
      }),
    ).toThrow(/ГГГГ-ММ/);
  });
});
