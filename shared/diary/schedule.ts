// The diary's schedule page: the tests of the current period in the child's courses (the test
// schedule of seed 002), the year's holidays, the teachers who work with the class, the bells.
import { classPeriod } from '../documents/periods';
import { formatDate } from '../dates';
import { fullName } from '../common';
import { isScheduledTest } from '../reports/test-schedule';
import type { DocumentSource } from '../documents/source';
import { LESSON_TYPE_LABELS } from '../lesson';
import { childContext, courseLessonsInRange } from './child';

export interface DiarySchedule {
  periodName: string;
  tests: {
    date: string;
    day: string;
    subject: string;
    kind: string;
    topic: string;
    past: boolean;
  }[];
  holidays: { name: string; dates: string; current: boolean }[];
  teachers: { subject: string; name: string; position: string }[];
  bells: { slot: number; time: string }[];
}

export function diarySchedule(
  source: DocumentSource,
  studentId: string,
  today: string,
): DiarySchedule {
  const ctx = childContext(source, studentId);
  const period = classPeriod(source, ctx.cls, undefined, today);
  const policy = source.school.policy;
  const tests: DiarySchedule['tests'] = [];
  for (const { course, subject } of ctx.courses) {
    for (const lesson of courseLessonsInRange(ctx, course.id, period.start, period.end)) {
      if (lesson.status !== 'held' || !isScheduledTest(lesson, policy)) continue;
      tests.push({
        date: lesson.date,
        day: formatDate(lesson.date),
        subject: subject.name,
        kind:
          lesson.lessonType === 'regular'
            ? (policy.workTypes.find((w) => w.id === lesson.workTypeId)?.name ??
              'Контрольная работа')
            : LESSON_TYPE_LABELS[lesson.lessonType],
        topic: lesson.topic,
        past: lesson.date < today,
      });
    }
  }
  tests.sort((a, b) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : a.subject.localeCompare(b.subject, 'ru'),
  );
  const staff = new Map(source.staff.map((s) => [s.id, s]));
  const teachers: DiarySchedule['teachers'] = [];
  const seen = new Set<string>();
  for (const { course, subject } of ctx.courses) {
    const key = `${subject.id}|${course.teacherId}`;
    const person = staff.get(course.teacherId);
    if (seen.has(key) || !person) continue;
    seen.add(key);
    teachers.push({ subject: subject.name, name: fullName(person), position: person.position });
  }
  const classTeacher = staff.get(ctx.cls.classTeacherId);
  if (classTeacher) {
    teachers.unshift({
      subject: 'Классный руководитель',
      name: fullName(classTeacher),
      position: classTeacher.position,
    });
  }
  return {
    periodName: period.name,
    tests,
    holidays: source.school.year.holidays.map((h) => ({
      name: h.name,
      dates:
        h.start === h.end ? formatDate(h.start) : `${formatDate(h.start)} – ${formatDate(h.end)}`,
      current: h.start <= today && today <= h.end,
    })),
    teachers,
    bells: [...source.school.bells]
      .sort((a, b) => a.slot - b.slot)
      .map((b) => ({ slot: b.slot, time: `${b.start}–${b.end}` })),
  };
}
