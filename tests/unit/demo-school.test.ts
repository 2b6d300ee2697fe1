// The demo school generator: deterministic, valid against the schemas, referentially whole, and realistic where it matters.
import { describe, expect, it } from 'vitest';
import { COLLECTION_NAMES } from '../../shared/collections';
import { countSnapshot, generateSchool } from '../../shared/demo';
import { feminineSurname, patronymicOf, MALE_NAMES, surnameFor } from '../../shared/demo/names';
import { Rng } from '../../shared/demo/random';
import { isHoliday } from '../../shared/school';
import {
  parseSnapshot,
  snapshotDocuments,
  SnapshotError,
  type Snapshot,
} from '../../shared/snapshot';

const small = generateSchool({ students: 60, seed: 7 });
const medium = generateSchool({ students: 300, seed: 11, asOf: '2026-10-10' });

function coursesById(s: Snapshot) {
  return new Map(s.courses.map((c) => [c.id, c]));
}

describe('random', () => {
  it('is reproducible per seed and label, and forks are independent of use', () => {
    const a = new Rng(1, 'x');
    const b = new Rng(1, 'x');
    expect([a.next(), a.next(), a.int(1, 6)]).toEqual([b.next(), b.next(), b.int(1, 6)]);
    const fork1 = a.fork('y').next();
    b.next();
    expect(b.fork('y').next()).toBe(fork1);
    expect(new Rng(2, 'x').next()).not.toBe(new Rng(1, 'x').next());
  });
});

describe('determinism', () => {
  it('gives byte-identical JSON for the same seed and different JSON for another', () => {
    const again = generateSchool({ students: 60, seed: 7 });
    expect(JSON.stringify(again)).toBe(JSON.stringify(small));
    const other = generateSchool({ students: 60, seed: 8 });
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(small));
  });

  it('rejects bad options with Russian messages', () => {
    expect(() => generateSchool({ students: 10, seed: 1 })).toThrow(/от 30 до 5000/);
    expect(() => generateSchool({ students: 100, seed: 1.5 })).toThrow(/seed/);
    expect(() => generateSchool({ students: 100, seed: 1, asOf: '2027-02-30' })).toThrow(
      /ГГГГ-ММ-ДД/,
    );
    expect(() => generateSchool({ students: 100, seed: 1, asOf: '2027-07-01' })).toThrow(
      /учебного года/,
    );
  });
});

describe('snapshot format', () => {
  it('validates every document of a 60-student school', () => {
    const parsed = parseSnapshot(JSON.parse(JSON.stringify(small)));
    expect(parsed.lessons.length).toBe(small.lessons.length);
    const names = [...snapshotDocuments(parsed)].map(([name]) => name);
    expect(names).toEqual(COLLECTION_NAMES);
    for (const [, docs] of snapshotDocuments(parsed)) expect(docs.length).toBeGreaterThan(0);
  });

  it('names the failing path in Russian', () => {
    const broken = JSON.parse(JSON.stringify(small)) as { lessons: { date: string }[] };
    (broken.lessons[12] as { date: string }).date = '2026-13-45';
    expect(() => parseSnapshot(broken)).toThrow(SnapshotError);
    expect(() => parseSnapshot(broken)).toThrow(/^Файл школы повреждён: lessons\[12\]\.date: /);
    expect(() => parseSnapshot({ format: 'other' })).toThrow(/Это не файл школы/);
    expect(() => parseSnapshot([])).toThrow(/Это не файл школы/);
  });
});

describe('referential integrity', () => {
  for (const [label, s] of [
    ['60 students', small],
    ['300 students', medium],
  ] as const) {
    it(`holds in the ${label} school`, () => {
      const ids = (list: { id: string }[]) => new Set(list.map((d) => d.id));
      const staff = ids(s.staff);
      const classes = new Map(s.classes.map((c) => [c.id, c]));
      const courses = coursesById(s);
      const students = new Map(s.students.map((st) => [st.id, st]));
      const periods = ids(s.periods);
      const all = [
        s.periods,
        s.classes,
        s.staff,
        s.students,
        s.courses,
        s.lessons,
        s.periodMarks,
        s.consents,
      ];
      for (const list of all) expect(ids(list).size).toBe(list.length);
      for (const c of s.classes) expect(staff.has(c.classTeacherId)).toBe(true);
      for (const st of s.students) expect(classes.has(st.classId)).toBe(true);
      for (const c of s.courses) {
        expect(staff.has(c.teacherId) && classes.has(c.classId)).toBe(true);
        if (c.groupId)
          expect(classes.get(c.classId)?.groups.some((g) => g.id === c.groupId)).toBe(true);
        for (const p of Object.keys(c.plannedByPeriod)) expect(periods.has(p)).toBe(true);
      }
      for (const l of s.lessons) {
        const c = courses.get(l.courseId);
        expect(c?.classId).toBe(l.classId);
        expect(staff.has(l.teacherId)).toBe(true);
        const group = classes.get(l.classId)?.groups.find((g) => g.id === c?.groupId);
        for (const sid of Object.keys(l.entries)) {
          expect(students.get(sid)?.classId).toBe(l.classId);
          if (group) expect(group.studentIds).toContain(sid);
          expect(l.stamps[`entries.${sid}`]).toBeDefined();
        }
        expect(isHoliday(s.school.year, l.date)).toBe(false);
        expect(new Date(`${l.date}T12:00:00Z`).getUTCDay() % 6).not.toBe(0);
      }
      for (const pm of s.periodMarks) {
        expect(courses.get(pm.courseId)?.classId).toBe(pm.classId);
        expect(periods.has(pm.periodId)).toBe(true);
        for (const sid of Object.keys(pm.marks))
          expect(students.get(sid)?.classId).toBe(pm.classId);
      }
      for (const c of s.consents) {
        const st = students.get(c.studentId);
        expect(st?.guardians[c.guardianId]).toBeDefined();
        expect(st?.classId).toBe(c.classId);
        expect(staff.has(c.registeredBy)).toBe(true);
      }
    });
  }
});

describe('people', () => {
  it('derives gender forms of surnames and patronymics', () => {
    expect(feminineSurname('Иванов')).toBe('Иванова');
    expect(feminineSurname('Вишневский')).toBe('Вишневская');
    expect(feminineSurname('Толстой')).toBe('Толстая');
    expect(feminineSurname('Черных')).toBe('Черных');
    expect(feminineSurname('Шевченко')).toBe('Шевченко');
    const ilya = MALE_NAMES.find(([n]) => n === 'Илья');
    expect(ilya && [patronymicOf(ilya, 'male'), patronymicOf(ilya, 'female')]).toEqual([
      'Ильич',
      'Ильинична',
    ]);
  });

  it('gives students and guardians consistent gender forms and plausible data', () => {
    for (const st of [...small.students, ...medium.students]) {
      expect(st.middleName).toMatch(st.gender === 'male' ? /(ич)$/ : /(на)$/);
      const father = Object.values(st.guardians).find((g) => g.kind === 'father');
      if (father) {
        expect(st.lastName).toBe(surnameFor(father.lastName, st.gender));
        expect(st.middleName.slice(0, 3)).toBe(
          MALE_NAMES.find(([n]) => n === father.firstName)?.[1].slice(0, 3),
        );
      }
      for (const g of Object.values(st.guardians)) {
        expect(g.middleName).toMatch(g.kind === 'father' ? /ич$/ : /на$/);
        expect(g.phone).toMatch(/^\+7 9\d\d \d{3}-\d{2}-\d{2}$/);
      }
      const n = Object.keys(st.guardians).length;
      expect(n >= 1 && n <= 2).toBe(true);
      const grade = Number(/cl-(\d\d)/.exec(st.classId)?.[1]);
      const age = (Date.parse('2026-09-01') - Date.parse(st.birthDate)) / (365.25 * 86_400_000);
      expect(age).toBeGreaterThan(grade + 5);
      expect(age).toBeLessThan(grade + 7);
    }
    const girls =
      medium.students.filter((s) => s.gender === 'female').length / medium.students.length;
    expect(girls).toBeGreaterThan(0.35);
    expect(girls).toBeLessThan(0.65);
  });

  it('has the known demo staff with the right roles', () => {
    for (const s of [small, medium]) {
      const byId = new Map(s.staff.map((t) => [t.id, t]));
      expect(byId.get('staff-deputy')?.roles).toContain('deputy');
      expect(byId.get('staff-teacher')?.roles).toContain('teacher');
      const ct = byId.get('staff-class-teacher');
      expect(ct?.roles).toEqual(expect.arrayContaining(['teacher', 'classTeacher']));
      const led = s.classes.find((c) => c.classTeacherId === 'staff-class-teacher');
      expect(led).toBeDefined();
      expect(
        s.courses.some((c) => c.classId === led?.id && c.teacherId === 'staff-class-teacher'),
      ).toBe(true);
      expect(s.staff.every((t) => /^staff-(deputy|class-teacher|teacher|\d{4})$/.test(t.id))).toBe(
        true,
      );
    }
  });
});

describe('classes and curriculum', () => {
  it('sizes classes 20–32 and gives each 12–16 subjects (grades 5+) and 20–34 lessons a week', () => {
    for (const s of [small, medium]) {
      for (const c of s.classes) {
        const size = s.students.filter((st) => st.classId === c.id).length;
        expect(size).toBeGreaterThanOrEqual(20);
        expect(size).toBeLessThanOrEqual(32);
        const hours = new Map(
          s.courses.filter((x) => x.classId === c.id).map((x) => [x.subjectId, x.hoursPerWeek]),
        );
        if (c.grade >= 5) {
          expect(hours.size).toBeGreaterThanOrEqual(12);
          expect(hours.size).toBeLessThanOrEqual(16);
          expect(c.groups.length).toBe(4);
        }
        const week = [...hours.values()].reduce((a, b) => a + b, 0);
        expect(week).toBeGreaterThanOrEqual(20);
        expect(week).toBeLessThanOrEqual(34);
      }
    }
    expect(medium.classes.length).toBe(12);
    expect(new Set(medium.classes.map((c) => c.grade)).size).toBe(11);
  });

  it('plans hours per period and marks exams only in grades 9 and 11', () => {
    for (const c of small.courses) {
      const sum = Object.values(c.plannedByPeriod).reduce((a, b) => a + b, 0);
      expect(sum).toBe(c.plannedYear);
      expect(c.plannedYear).toBeGreaterThanOrEqual(Math.round(c.hoursPerWeek * 32));
    }
    for (const c of medium.courses) {
      const grade = Number(c.classId.slice(3, 5));
      if (c.hasExam) expect([9, 11]).toContain(grade);
      expect(c.assessment === 'none').toBe(grade === 1);
    }
  });
});

describe('lessons and marks', () => {
  it('gives no marks to absent students and a realistic density of marks and absences', () => {
    const c = countSnapshot(small);
    let cells = 0;
    const courses = coursesById(small);
    for (const l of small.lessons) {
      if (l.status !== 'held') {
        expect(Object.keys(l.entries)).toHaveLength(0);
        continue;
      }
      const course = courses.get(l.courseId);
      const cls = small.classes.find((x) => x.id === l.classId);
      cells += course?.groupId
        ? (cls?.groups.find((g) => g.id === course.groupId)?.studentIds.length ?? 0)
        : small.students.filter((s) => s.classId === l.classId).length;
      for (const e of Object.values(l.entries)) {
        if (e.attendance && e.attendance !== 'оп') expect(e.marks).toHaveLength(0);
        expect(e.marks.length > 0 || e.attendance !== null).toBe(true);
      }
    }
    expect(c.absences / cells).toBeGreaterThan(0.03);
    expect(c.absences / cells).toBeLessThan(0.1);
    expect(c.marks / c.lessons).toBeGreaterThan(3);
    expect(c.marks / c.lessons).toBeLessThan(12);
  });

  it('has tests now and then, not every lesson', () => {
    const byCourse = new Map<string, string[]>();
    for (const l of small.lessons)
      byCourse.set(l.courseId, [...(byCourse.get(l.courseId) ?? []), l.lessonType]);
    const types = small.lessons.map((l) => l.lessonType);
    const tests = types.filter((t) => t === 'test' || t === 'dictation').length;
    expect(tests).toBeGreaterThan(0);
    expect(tests / types.length).toBeLessThan(0.12);
    for (const list of byCourse.values()) {
      for (let i = 1; i < list.length; i++) {
        expect(list[i] === 'test' && list[i - 1] === 'test').toBe(false);
      }
    }
    const testLessons = small.lessons.filter((l) => l.lessonType === 'test' && l.status === 'held');
    for (const l of testLessons) expect(l.workTypeId).toBe('test');
    const cancelled =
      small.lessons.filter((l) => l.status === 'cancelled').length / small.lessons.length;
    expect(cancelled).toBeLessThan(0.05);
  });

  it('cuts the journal at asOf without changing what came before', () => {
    const early = generateSchool({ students: 60, seed: 7, asOf: '2026-11-20' });
    expect(early.lessons.every((l) => l.date <= '2026-11-20')).toBe(true);
    expect(early.lessons.length).toBeLessThan(small.lessons.length / 2);
    const full = new Map(small.lessons.map((l) => [l.id, JSON.stringify(l)]));
    for (const l of early.lessons) expect(JSON.stringify(l)).toBe(full.get(l.id));
    const periodIds = new Set(early.periodMarks.map((p) => p.periodId));
    expect([...periodIds]).toEqual(['per-2026-q1']);
    expect(early.periods.find((p) => p.id === 'per-2026-q1')?.closed).toBe(true);
    expect(early.periods.find((p) => p.id === 'per-2026-q2')?.closed).toBe(false);
  });

  it('proposes period marks from the weighted average, with a few deferrals', () => {
    let entries = 0;
    let deferred = 0;
    for (const pm of small.periodMarks) {
      for (const e of Object.values(pm.marks)) {
        entries++;
        if (e.deferral) {
          deferred++;
          expect(e.value).toBeNull();
          expect(e.deferral.reason).toBe('болезнь');
        }
        if (e.average !== null && e.proposed && /^[2-5]$/.test(e.proposed)) {
          const t = small.school.policy.thresholds;
          const expected =
            e.average >= t.five
              ? '5'
              : e.average >= t.four
                ? '4'
                : e.average >= t.three
                  ? '3'
                  : '2';
          expect(e.proposed).toBe(expected);
        }
      }
    }
    expect(entries).toBeGreaterThan(1000);
    expect(deferred / entries).toBeLessThan(0.05);
    expect(small.periodMarks.some((p) => p.periodId === 'per-2026-year')).toBe(true);
  });

  it('records consents in mixed states', () => {
    const year = generateSchool({ students: 300, seed: 11 });
    const decisions = new Set(year.consents.map((c) => c.decision));
    expect(decisions).toEqual(new Set(['consent', 'refusal', 'withdrawal']));
    const withConsent = new Set(year.consents.map((c) => c.studentId)).size / year.students.length;
    expect(withConsent).toBeGreaterThan(0.6);
    expect(withConsent).toBeLessThan(0.95);
    for (const c of year.consents) if (c.decision === 'refusal') expect(c.channel).toBe('paper');
    // Consents signed after asOf are not in an earlier snapshot.
    expect(medium.consents.every((c) => c.date <= '2026-10-10')).toBe(true);
  });
});

describe('size', () => {
  // About 2 s on the 2-core machine (the CLI prints its time); no timing assertion, so a busy CI can't flake.
  it('generates a realistic 1000-student year', () => {
    const big = generateSchool({ students: 1000, seed: 42 });
    const c = countSnapshot(big);
    expect(c.classes).toBeGreaterThanOrEqual(36);
    expect(c.classes).toBeLessThanOrEqual(44);
    expect(c.lessons).toBeGreaterThan(30_000);
    expect(c.lessons).toBeLessThan(50_000);
    expect(c.marks).toBeGreaterThan(200_000);
    const perTeacher = new Map<string, number>();
    for (const course of big.courses)
      perTeacher.set(course.teacherId, (perTeacher.get(course.teacherId) ?? 0) + 1);
    expect(Math.max(...perTeacher.values())).toBeLessThanOrEqual(10);
    const typical = [...perTeacher.values()].filter((n) => n >= 5).length / perTeacher.size;
    expect(typical).toBeGreaterThan(0.9);
  });
});
