// The journal rules both ends call (shared/lesson-rights.ts, entry-rules.ts, closed-period.ts):
// who may write which part of a lesson, and what one student's cell may hold.
import { describe, expect, it } from 'vitest';
import { DEFAULT_ATTENDANCE_CODES } from '../../shared/attendance-code';
import { closedPeriodMessage } from '../../shared/closed-period';
import { entryRefusal, isAbsentCode } from '../../shared/entry-rules';
import {
  courseWriteRefusal,
  lessonPartRefusal,
  lessonRefusal,
  type Writer,
} from '../../shared/lesson-rights';

const courseTeacher: Writer = { staffId: 'staff-t', roles: ['teacher'] };
const substitute: Writer = { staffId: 'staff-s', roles: ['teacher'] };
const otherTeacher: Writer = { staffId: 'staff-o', roles: ['teacher', 'classTeacher'] };
const deputy: Writer = { staffId: 'staff-d', roles: ['deputy'] };
const admin: Writer = { staffId: null, roles: ['admin'] };
/** The course teacher's account that lost its teaching role. */
const formerTeacher: Writer = { staffId: 'staff-t', roles: [] };

const NOT_COURSE = 'Вы не ведёте этот курс';
const NOT_LESSON = 'Вы не ведёте этот курс и не заменяете на этом уроке';
const APPOINT = 'Назначать замену могут учитель курса и заместитель директора';

/** A lesson of staff-t's course held by the substitute staff-s. */
const held = { courseTeacherId: 'staff-t', holderId: 'staff-s' };
/** A lesson of the same course held by the course teacher. */
const own = { courseTeacherId: 'staff-t', holderId: 'staff-t' };

describe('who writes a lesson', () => {
  it('the course teacher and the deputy write every part, substitutes included', () => {
    for (const writer of [courseTeacher, deputy]) {
      for (const path of ['topic', 'entries.st-1', 'teacherId', 'status']) {
        expect(lessonPartRefusal(writer, held, path)).toBeNull();
        expect(lessonPartRefusal(writer, own, path)).toBeNull();
      }
    }
  });

  it('the substitute writes the lesson they hold, but appoints nobody', () => {
    expect(lessonPartRefusal(substitute, held, 'entries.st-1')).toBeNull();
    expect(lessonPartRefusal(substitute, held, 'homework')).toBeNull();
    expect(lessonPartRefusal(substitute, held, 'teacherId')).toBe(APPOINT);
    expect(lessonRefusal(substitute, held)).toBeNull();
    expect(lessonRefusal(substitute, own)).toBe(NOT_LESSON);
  });

  it('anyone else, and a staff member without a teaching role, may only read', () => {
    expect(lessonRefusal(otherTeacher, own)).toBe(NOT_LESSON);
    expect(lessonPartRefusal(otherTeacher, own, 'teacherId')).toBe(APPOINT);
    expect(lessonRefusal(formerTeacher, own)).toBe(NOT_LESSON);
    expect(lessonRefusal(admin, own)).toBe(NOT_LESSON);
  });

  it('only the course teacher and the deputy add lessons and set period marks', () => {
    expect(courseWriteRefusal(courseTeacher, 'staff-t')).toBeNull();
    expect(courseWriteRefusal(deputy, 'staff-t')).toBeNull();
    expect(courseWriteRefusal(substitute, 'staff-t')).toBe(NOT_COURSE);
    expect(courseWriteRefusal(otherTeacher, 'staff-t')).toBe(NOT_COURSE);
  });
});

describe('what a cell may hold', () => {
  const codes = DEFAULT_ATTENDANCE_CODES;
  const five = { value: '5' as const, workTypeId: 'oral', comment: '' };

  it('an absent student gets no mark; lateness is presence; an unknown code is an absence', () => {
    expect(entryRefusal({ marks: [five], attendance: 'н' }, codes)).toBe(
      'Ученик отмечен как отсутствующий («н»): отметку поставить нельзя',
    );
    expect(entryRefusal({ marks: [five], attendance: 'б' }, codes)).not.toBeNull();
    expect(entryRefusal({ marks: [five], attendance: 'оп' }, codes)).toBeNull();
    expect(entryRefusal({ marks: [five], attendance: 'ж' }, codes)).not.toBeNull();
    expect(entryRefusal({ marks: [], attendance: 'н' }, codes)).toBeNull();
    expect(entryRefusal({ marks: [five, five], attendance: null }, codes)).toBeNull();
    expect(isAbsentCode(null, codes)).toBe(false);
  });

  it('holds at most six marks', () => {
    expect(entryRefusal({ marks: Array(6).fill(five), attendance: null }, codes)).toBeNull();
    expect(entryRefusal({ marks: Array(7).fill(five), attendance: null }, codes)).toBe(
      'В одной клетке не больше 6 отметок',
    );
  });
});

it('words a closed period one way', () => {
  expect(closedPeriodMessage('II четверть')).toBe(
    'Период «II четверть» закрыт: изменения не приняты',
  );
});
