import { describe, expect, it } from 'vitest';
import { missedLessonsReport } from '../../../shared/reports/missed-lessons';
import { periodCompletionReport } from '../../../shared/reports/period-completion';
import { toTableReport } from '../../../shared/reports/table-report';
import { cell, classes, codes, courses, lesson, periodMarks, students, subjects } from './fixtures';

describe('toTableReport', () => {
  it('turns missed lessons into rows with Russian headers and dates', () => {
    const report = missedLessonsReport({
      lessons: [
        lesson('c-rus', '2026-09-10', 2, {
          topic: 'Безударные гласные',
          entries: { 'st-4': cell([], 'н') },
        }),
      ],
      students,
      courses,
      subjects,
      codes,
      from: '2026-09-01',
    });
    const table = toTableReport({ kind: 'missedLessons', report, title: 'Пропуски 5А' });
    expect(table.title).toBe('Пропуски 5А');
    expect(table.subtitle).toBe('с 01.09.2026');
    expect(table.columns.map((c) => c.header)).toEqual([
      'Обучающийся',
      'Предмет',
      'Дата',
      'Урок',
      'Отметка',
      'Причина',
      'Тема урока',
    ]);
    expect(table.rows).toEqual([
      {
        student: 'Васильев Глеб',
        subject: 'Русский язык',
        date: '10.09.2026',
        slot: 2,
        code: 'н',
        reason: 'без уважительной причины',
        topic: 'Безударные гласные',
      },
    ]);
  });

  it('turns period completion into rows', () => {
    const report = periodCompletionReport({
      periodId: 'q1',
      courses,
      periodMarks: [periodMarks('c-math6', { 'st-6': 'notAttested' })],
      students,
      classes,
      subjects,
      classId: '6b',
    });
    const table = toTableReport({ kind: 'periodCompletion', report });
    expect(table.rows).toEqual([
      {
        className: '6Б',
        subject: 'Математика',
        students: 1,
        set: 1,
        notAttested: 1,
        deferred: 0,
        missing: 0,
      },
    ]);
  });
});
