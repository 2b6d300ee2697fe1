// Regeneration after a timetable change: future empty lessons follow the new timetable; a lesson holding data is never dropped (property-tested over random changes), only flagged.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  GENERATION_AUTHOR,
  generatedLessonDocument,
  generateLessons,
  type GenerationSchool,
} from '../../../shared/lesson-generation';
import {
  holdsData,
  mayGenerationRemove,
  planRegeneration,
  planSize,
  type RegenerationPlan,
  type StoredLesson,
} from '../../../shared/lesson-regeneration';
import { setPart } from '../../../shared/merge';
import type { Timetable, TimetableCell } from '../../../shared/timetable';
import { CLASSES, COURSES, PERIODS, TIMETABLES, YEAR, version } from './small-school';

const gen = { at: '000001788000000-00000-server', by: GENERATION_AUTHOR };
const teacher = (n: number) => ({ at: `00000179${String(n).padStart(7, '0')}-00000-pc`, by: 't2' });
const school = (timetables: Timetable[]): GenerationSchool => ({
  year: YEAR,
  classes: CLASSES,
  periods: PERIODS,
  courses: COURSES,
  timetables,
});

function stored(timetables: Timetable[]): StoredLesson[] {
  return generateLessons(school(timetables)).map((g) => generatedLessonDocument(g, gen));
}

/** Applies a plan the way the server writes it (generation/regeneration in server/domain/school/generation.ts). */
function apply(lessons: StoredLesson[], plan: RegenerationPlan, since: string): StoredLesson[] {
  const byId = new Map(lessons.map((l) => [l.id, l]));
  for (const g of plan.create) byId.set(g.id, generatedLessonDocument(g, gen));
  for (const { lesson } of plan.revive) byId.set(lesson.id, { ...lesson, _deleted: false });
  for (const l of plan.remove) byId.set(l.id, { ...l, _deleted: true });
  for (const l of plan.flag) byId.set(l.id, setPart(l, 'offTimetable', { since }, gen));
  for (const l of plan.unflag) byId.set(l.id, setPart(byId.get(l.id)!, 'offTimetable', null, gen));
  for (const { lesson, teacherId } of plan.retarget)
    byId.set(lesson.id, setPart(byId.get(lesson.id)!, 'teacherId', teacherId, gen));
  return [...byId.values()];
}

const v1 = TIMETABLES;
// From 12.10 5А's Monday English moves to Friday 1; maths stays on Tuesday 2.
const v2 = [
  ...TIMETABLES,
  version('c5a', '2026-10-12', [
    { weekday: 2, slot: 2, courseId: 'k5-math', room: '' },
    { weekday: 5, slot: 1, courseId: 'k5-eng1', room: '' },
    { weekday: 5, slot: 1, courseId: 'k5-eng2', room: '' },
    { weekday: 3, slot: 3, courseId: 'k5-trud', room: '' },
    { weekday: 3, slot: 4, courseId: 'k5-trud', room: '' },
  ]),
];
const range = { from: '2026-10-12', classIds: ['c5a'] };

/** The plan for 5А from 12.10 (today 20.10) when the timetable goes from `from` to `to`. */
const replan = (from: Timetable[], to: Timetable[], lessons: StoredLesson[]) =>
  planRegeneration({
    before: generateLessons(school(from), range),
    after: generateLessons(school(to), range),
    existing: lessons.filter((l) => l.classId === 'c5a' && l.date >= '2026-10-12'),
    today: '2026-10-20',
  });

describe('planRegeneration', () => {
  it('removes untouched future lessons, flags those with data or in the past, creates the new ones', () => {
    let lessons = stored(v1);
    const marked = lessons.find((l) => l.id === 'k5-eng1:2026-11-09:2')!;
    const topic = lessons.find((l) => l.id === 'k5-eng2:2026-11-16:2')!;
    lessons = lessons.map((l) =>
      l.id === marked.id
        ? setPart(
            l,
            'entries.st1',
            { marks: [{ value: '5', workTypeId: 'oral', comment: '' }], attendance: null },
            teacher(1),
          )
        : l.id === topic.id
          ? setPart(l, 'topic', 'Present Simple', teacher(2))
          : l,
    );
    const plan = replan(v1, v2, lessons);
    // Mondays from 12.10 with English for two groups: 12.10 and 19.10 are past (flagged), 26.10 holiday.
    const mondays = [
      '2026-10-12',
      '2026-10-19',
      '2026-11-02',
      '2026-11-09',
      '2026-11-16',
      '2026-11-23',
      '2026-11-30',
      '2026-12-07',
      '2026-12-14',
      '2026-12-21',
      '2026-12-28',
    ];
    const flagged = plan.flag.map((l) => l.id).sort();
    expect(flagged).toEqual(
      [
        'k5-eng1:2026-10-12:2',
        'k5-eng1:2026-10-19:2',
        'k5-eng2:2026-10-12:2',
        'k5-eng2:2026-10-19:2',
        marked.id,
        topic.id,
      ].sort(),
    );
    expect(plan.remove).toHaveLength(mondays.length * 2 - flagged.length);
    expect(plan.remove.every((l) => l.date >= '2026-10-20' && !holdsData(l))).toBe(true);
    // Fridays from 12.10 (16.10 … 25.12, none in the holidays except 30.10): two groups each.
    const fridays = [
      '2026-10-16',
      '2026-10-23',
      '2026-11-06',
      '2026-11-13',
      '2026-11-20',
      '2026-11-27',
      '2026-12-04',
      '2026-12-11',
      '2026-12-18',
      '2026-12-25',
    ];
    expect(plan.create.map((g) => g.id).sort()).toEqual(
      fridays.flatMap((f) => [`k5-eng1:${f}:1`, `k5-eng2:${f}:1`]).sort(),
    );
    expect(plan.unflag).toEqual([]);
    expect(plan.retarget).toEqual([]);
  });

  it('brings back removed lessons and unflags flagged ones when the timetable returns to them', () => {
    let lessons = stored(v1);
    const forward = replan(v1, v2, lessons);
    lessons = apply(lessons, forward, '2026-10-12');
    const back = replan(v2, v1, lessons);
    expect(back.revive.map((r) => r.lesson.id).sort()).toEqual(
      forward.remove.map((l) => l.id).sort(),
    );
    expect(back.unflag.map((l) => l.id).sort()).toEqual(forward.flag.map((l) => l.id).sort());
    // Friday lessons made by the change: the future ones go, the past one (16.10) stays, flagged.
    const created = forward.create.map((g) => g.id);
    expect(back.remove.map((l) => l.id).sort()).toEqual(
      created.filter((id) => !id.includes('2026-10-16')).sort(),
    );
    expect(back.flag.map((l) => l.id).sort()).toEqual(
      created.filter((id) => id.includes('2026-10-16')).sort(),
    );
    expect(back.create).toEqual([]);
  });

  it('leaves lessons added by hand alone and hands untouched future lessons to a new course teacher', () => {
    const lessons = stored(v1).filter((l) => l.classId === 'c5a');
    const extra = {
      ...generatedLessonDocument(
        {
          id: 'k5-math:2026-11-07:5',
          courseId: 'k5-math',
          classId: 'c5a',
          date: '2026-11-07',
          slot: 5,
          teacherId: 't2',
          room: '',
        },
        teacher(3),
      ),
    };
    const maths = lessons.filter((l) => l.courseId === 'k5-math');
    const edited = setPart(maths[5]!, 'lessonType', 'test', teacher(4));
    const courses = COURSES.map((c) => (c.id === 'k5-math' ? { ...c, teacherId: 't9' } : c));
    const all = [...lessons.map((l) => (l.id === edited.id ? edited : l)), extra];
    const plan = planRegeneration({
      before: generateLessons(school(v1), { classIds: ['c5a'] }),
      after: generateLessons({ ...school(v1), courses }, { classIds: ['c5a'] }),
      existing: all,
      today: '2026-10-01',
    });
    expect(planSize({ ...plan, retarget: [] })).toBe(0);
    const retargeted = plan.retarget.map((r) => r.lesson.id);
    expect(retargeted).not.toContain(edited.id);
    expect(retargeted).not.toContain(extra.id);
    expect(retargeted.length).toBe(
      maths.filter((l) => l.date >= '2026-10-01').length - (edited.date >= '2026-10-01' ? 1 : 0),
    );
    expect(plan.retarget.every((r) => r.teacherId === 't9' && r.lesson.date >= '2026-10-01')).toBe(
      true,
    );
  });

  it('mayGenerationRemove: only untouched, empty, not moved in, not in the past', () => {
    const [l] = stored(v1).filter((x) => x.date === '2026-11-02' && x.courseId === 'k5-eng1');
    expect(mayGenerationRemove(l!, '2026-11-01')).toBe(true);
    expect(mayGenerationRemove(l!, '2026-11-03')).toBe(false);
    expect(mayGenerationRemove(setPart(l!, 'status', 'cancelled', teacher(5)), '2026-11-01')).toBe(
      false,
    );
    expect(mayGenerationRemove({ ...l!, movedFrom: 'x' }, '2026-11-01')).toBe(false);
    expect(mayGenerationRemove({ ...l!, homework: '§ 3' }, '2026-11-01')).toBe(false);
    expect(mayGenerationRemove({ ...l!, _deleted: true }, '2026-11-01')).toBe(false);
  });
});

// Random weekly templates of 5А from its courses, and random edits of the lessons in between.
const courseIds = COURSES.filter((c) => c.classId === 'c5a').map((c) => c.id);
const cellArb = fc.record({
  weekday: fc.integer({ min: 1, max: 6 }),
  slot: fc.integer({ min: 1, max: 6 }),
  courseId: fc.constantFrom(...courseIds),
  room: fc.constant(''),
});
const templateArb = fc.uniqueArray(cellArb, {
  maxLength: 12,
  selector: (c: TimetableCell) => `${c.weekday}|${c.slot}|${c.courseId}`,
});
const dateArb = fc
  .integer({ min: 0, max: 120 })
  .map((n) => new Date(Date.UTC(2026, 8, 1 + n)).toISOString().slice(0, 10));
const editArb = fc.record({
  index: fc.nat(),
  kind: fc.constantFrom('mark', 'absence', 'topic', 'homework', 'cancel', 'type', 'none'),
});

describe('regeneration never drops a lesson holding data (property)', () => {
  it('holds over random timetable changes, edits and dates', () => {
    fc.assert(
      fc.property(
        templateArb,
        templateArb,
        dateArb,
        dateArb,
        fc.array(editArb, { maxLength: 25 }),
        (a, b, from, today, edits) => {
          const before = [version('c5a', '2026-09-01', a)];
          const after = [...before, version('c5a', from, b)];
          let lessons = stored(before).filter((l) => l.classId === 'c5a');
          let n = 0;
          for (const e of edits) {
            if (lessons.length === 0) break;
            const i = e.index % lessons.length;
            const l = lessons[i]!;
            const s = teacher(++n);
            const edited =
              e.kind === 'mark'
                ? setPart(
                    l,
                    'entries.st1',
                    { marks: [{ value: '4', workTypeId: 'oral', comment: '' }], attendance: null },
                    s,
                  )
                : e.kind === 'absence'
                  ? setPart(l, 'entries.st2', { marks: [], attendance: 'н' }, s)
                  : e.kind === 'topic'
                    ? setPart(l, 'topic', 'Тема', s)
                    : e.kind === 'homework'
                      ? setPart(l, 'homework', '№ 5', s)
                      : e.kind === 'cancel'
                        ? setPart(l, 'status', 'cancelled', s)
                        : e.kind === 'type'
                          ? setPart(l, 'lessonType', 'test', s)
                          : l;
            lessons = lessons.map((x, k) => (k === i ? edited : x));
          }
          const window = { from, classIds: ['c5a'] };
          const plan = planRegeneration({
            before: generateLessons(school(before), window),
            after: generateLessons(school(after), window),
            existing: lessons.filter((l) => l.date >= from),
            today,
          });
          const result = apply(lessons, plan, from);
          const byId = new Map(result.map((l) => [l.id, l]));
          const wanted = new Set(generateLessons(school(after)).map((g) => g.id));
          for (const l of lessons) {
            const now = byId.get(l.id)!;
            // Data, a person's edit, or a past date: never removed.
            if (
              holdsData(l) ||
              l.date < today ||
              Object.values(l.stamps).some((s) => s.by !== GENERATION_AUTHOR)
            ) {
              expect(now._deleted).not.toBe(true);
              expect(now.entries).toEqual(l.entries);
              expect(now.topic).toBe(l.topic);
              expect(now.homework).toBe(l.homework);
            }
            // A held lesson the new timetable no longer has is either gone (untouched, future) or flagged.
            if (!now._deleted && !wanted.has(l.id) && l.date >= from && l.status === 'held') {
              expect(now.offTimetable).toEqual({ since: from });
            }
          }
          // Every lesson of the new timetable from the change on exists, nothing more was created.
          for (const id of wanted) {
            const l = byId.get(id);
            if (l && l.date >= from) expect(l._deleted).not.toBe(true);
            else if (!l)
              expect(generateLessons(school(after)).find((g) => g.id === id)!.date < from).toBe(
                true,
              );
          }
          // Planning again changes nothing.
          const again = planRegeneration({
            before: generateLessons(school(after), window),
            after: generateLessons(school(after), window),
            existing: result.filter((l) => l.date >= from),
            today,
          });
          expect(planSize(again)).toBe(0);
        },
      ),
      { numRuns: 120 },
    );
  });
});
