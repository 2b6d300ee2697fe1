// Day-to-day changes as pure steps: a substitute (and giving the lesson back), перенос to a new document linked both ways, a day's cancellation and its undoing.
import { describe, expect, it } from 'vitest';
import { generatedLessonDocument, GENERATION_AUTHOR } from '../../../shared/lesson-generation';
import {
  applyDayCancellation,
  applySubstitution,
  isReplaced,
  planMove,
} from '../../../shared/lesson-changes';
import { LessonSchema, type Lesson } from '../../../shared/lesson';
import { setPart } from '../../../shared/merge';
import { COURSES, YEAR } from './small-school';

let tick = 0;
const stamp = () => ({
  at: `00000179${String(++tick).padStart(7, '0')}-00000-srv`,
  by: 't-deputy',
});
const courses = new Map(COURSES.map((c) => [c.id, c]));
const lesson = (courseId: string, date: string, slot: number, classId = 'c5a'): Lesson =>
  generatedLessonDocument(
    {
      id: `${courseId}:${date}:${slot}`,
      courseId,
      classId,
      date,
      slot,
      teacherId: courses.get(courseId)!.teacherId,
      room: '',
    },
    { at: '000001780000000-00000-srv', by: GENERATION_AUTHOR },
  );

describe('applySubstitution', () => {
  it('gives the lesson to the substitute, records whose it was, and gives it back', () => {
    const l = lesson('k5-math', '2026-10-06', 2);
    const { changed, skipped } = applySubstitution(
      [l],
      { substituteId: 't5', reason: 'болезнь', courses },
      stamp,
    );
    expect(skipped).toEqual([]);
    const sub = changed[0]!;
    expect(sub.teacherId).toBe('t5');
    expect(sub.substitution).toEqual({ absentTeacherId: 't2', reason: 'болезнь' });
    expect(sub.stamps.teacherId?.by).toBe('t-deputy');
    expect(isReplaced(sub, courses.get('k5-math'))).toBe(true);
    expect(LessonSchema.parse(sub)).toEqual(sub);
    const back = applySubstitution([sub], { substituteId: null, reason: '', courses }, stamp)
      .changed[0]!;
    expect(back.teacherId).toBe('t2');
    expect(back.substitution).toBeNull();
    expect(isReplaced(back, courses.get('k5-math'))).toBe(false);
    // A second substitute replaces the first; the absent teacher stays the course's.
    const again = applySubstitution(
      [sub],
      { substituteId: 't1', reason: 'болезнь', courses },
      stamp,
    ).changed[0]!;
    expect(again.substitution?.absentTeacherId).toBe('t2');
  });

  it('skips cancelled lessons and slots where the substitute has a lesson of their own', () => {
    const cancelled = setPart(lesson('k5-math', '2026-10-06', 2), 'status', 'cancelled', stamp());
    const busy = lesson('k5-math', '2026-10-13', 2);
    const result = applySubstitution(
      [cancelled, busy],
      {
        substituteId: 't5',
        reason: '',
        courses,
        busyWith: (d, s) =>
          d === '2026-10-13' && s === 2 ? { id: 'other', classId: 'c1a' } : undefined,
      },
      stamp,
    );
    expect(result.changed).toEqual([]);
    expect(result.skipped.map((s) => s.reason)).toEqual([
      '06.10.2026, 2-й урок: урок отменён',
      '13.10.2026, 2-й урок: у замещающего учителя в это время свой урок',
    ]);
  });
});

describe('planMove', () => {
  const ctx = {
    year: YEAR,
    grade: 5,
    existing: undefined,
    classLessons: [],
    teacherLessons: [],
    groupOf: (id: string) => courses.get(id)?.groupId,
  };

  it('makes a new lesson at the target with the old one’s content and links both', () => {
    const l = setPart(
      setPart(lesson('k5-math', '2026-10-06', 2), 'topic', 'Дроби', stamp()),
      'entries.st1',
      { marks: [{ value: '5', workTypeId: 'oral', comment: '' }], attendance: null },
      stamp(),
    );
    const planned = planMove(l, { date: '2026-10-08', slot: 5 }, ctx, stamp);
    if ('error' in planned) throw new Error(planned.error);
    expect(planned.moved.id).toBe('k5-math:2026-10-08:5');
    expect(planned.moved).toMatchObject({
      date: '2026-10-08',
      slot: 5,
      movedFrom: l.id,
      topic: 'Дроби',
      status: 'held',
      entries: l.entries,
    });
    expect(planned.moved.stamps['entries.st1']).toEqual(l.stamps['entries.st1']);
    expect(planned.old).toMatchObject({
      status: 'cancelled',
      movedTo: planned.moved.id,
      cancelReason: 'Перенесён на 08.10.2026, 5-й урок',
      entries: l.entries,
    });
    expect(LessonSchema.parse(planned.moved)).toEqual(planned.moved);
  });

  it('refuses a holiday, a non-working day, a taken slot of the class or the teacher, an existing lesson', () => {
    const l = lesson('k5-math', '2026-10-06', 2);
    const err = (target: { date: string; slot: number }, over = {}) => {
      const r = planMove(l, target, { ...ctx, ...over }, stamp);
      return 'error' in r ? r.error : null;
    };
    expect(err({ date: '2026-10-27', slot: 1 })).toBe(
      '27.10.2026 — не учебный день для этого класса',
    );
    expect(err({ date: '2026-11-04', slot: 1 })).toBe(
      '04.11.2026 — не учебный день для этого класса',
    );
    expect(err({ date: '2026-10-11', slot: 1 })).toBe(
      '11.10.2026 — не учебный день для этого класса',
    );
    expect(
      err({ date: '2026-10-07', slot: 3 }, { classLessons: [{ id: 'x', courseId: 'k5-trud' }] }),
    ).toBe('У класса уже есть урок 07.10.2026, 3-й урок');
    // One group's lesson next to the other group's is allowed; next to a whole-class lesson it is not.
    const eng = lesson('k5-eng1', '2026-10-05', 2);
    expect(
      'moved' in
        planMove(
          eng,
          { date: '2026-10-07', slot: 5 },
          { ...ctx, classLessons: [{ id: 'y', courseId: 'k5-eng2' }] },
          stamp,
        ),
    ).toBe(true);
    expect(
      err({ date: '2026-10-07', slot: 5 }, { teacherLessons: [{ id: 'z', classId: 'c10a' }] }),
    ).toBe('У учителя уже есть урок 07.10.2026, 5-й урок');
    expect(
      err({ date: '2026-10-07', slot: 5 }, { existing: lesson('k5-math', '2026-10-07', 5) }),
    ).toBe('У этого курса уже есть урок 07.10.2026, 5-й урок');
    expect(
      'moved' in
        planMove(
          l,
          { date: '2026-10-07', slot: 5 },
          { ...ctx, existing: { ...lesson('k5-math', '2026-10-07', 5), _deleted: true } },
          stamp,
        ),
    ).toBe(true);
  });
});

describe('applyDayCancellation', () => {
  it('cancels held lessons with the reason and brings back only those', () => {
    const a = lesson('k5-math', '2026-10-06', 2);
    const b = setPart(lesson('k10-math', '2026-10-06', 1, 'c10a'), 'status', 'cancelled', stamp());
    const cancelled = applyDayCancellation(
      [a, b],
      { cancel: true, reason: 'Актированный день: мороз' },
      stamp,
    );
    expect(cancelled.map((l) => [l.id, l.status, l.cancelReason])).toEqual([
      [a.id, 'cancelled', 'Актированный день: мороз'],
    ]);
    const restored = applyDayCancellation([...cancelled, b], { cancel: false, reason: '' }, stamp);
    expect(restored.map((l) => [l.id, l.status])).toEqual([[a.id, 'held']]);
  });
});
