// A course's lessons for the whole year before any entries: dates and slots, lesson types (tests every 2.5–4 weeks), topics, homework, cancellations, substitutions.
import type { LessonType } from '../lesson';
import type { Rng } from './random';
import type { CourseDraft } from './staffing';
import { followUpTopic, homeworkFor, topicsFor } from './topics';

export interface Occurrence {
  dayIdx: number;
  slot: number;
  /** First or last lesson of the class's day: tests avoid them. */
  edge: boolean;
}

export interface PlannedLesson extends Occurrence {
  lessonType: LessonType;
  topic: string;
  homework: string;
  cancelled: boolean;
  /** Substitute teacher, or null when the course's teacher holds it. */
  substitute: string | null;
}

const NO_TESTS = new Set([
  'music',
  'art',
  'pe',
  'trud',
  'project',
  'orkse',
  'odnknr',
  'world',
  'litread',
]);
const LABS = new Set(['phys', 'chem', 'bio']);
const PRACTICALS = new Set(['geo', 'inf', 'trud']);
const SAFETY = new Set(['phys', 'chem', 'pe', 'trud', 'inf']);

/**
 * Plans every lesson of a course in the year. `testDays` ("classId|dayIdx") is shared by the
 * courses of a class so that a class has at most one test a day where possible. Substitutes are
 * picked among `substitutes` who have no lesson of their own in that slot.
 */
export function planCourse(
  rng: Rng,
  course: CourseDraft,
  occurrences: Occurrence[],
  testDays: Set<string>,
  substitutes: readonly string[],
  isFree: (teacherId: string, o: Occurrence) => boolean,
): PlannedLesson[] {
  const n = occurrences.length;
  const types: LessonType[] = new Array<LessonType>(n).fill('regular');
  const hasTests =
    course.assessment === 'marks' && course.grade >= 2 && !NO_TESTS.has(course.subjectId);

  if (hasTests) {
    // Tests: about every 2.5–4 weeks of the subject's lessons, at most 10 % of its hours.
    let next = Math.max(10, Math.round(course.hours * rng.real(2.5, 4))) - 1;
    let dictation = false;
    while (next < n - 1) {
      let chosen = -1;
      for (const delta of [0, 1, -1, 2, -2]) {
        const i = next + delta;
        const o = occurrences[i];
        if (!o || i < 3 || o.edge || testDays.has(`${course.classId}|${o.dayIdx}`)) continue;
        chosen = i;
        break;
      }
      if (chosen < 0) chosen = next;
      const o = occurrences[chosen];
      if (o) testDays.add(`${course.classId}|${o.dayIdx}`);
      dictation = course.subjectId === 'rus' && course.grade <= 9 && !dictation;
      types[chosen] = dictation ? 'dictation' : 'test';
      next = chosen + Math.max(10, Math.round(course.hours * rng.real(2.5, 4)));
    }
  }
  const labEvery = LABS.has(course.subjectId) && course.grade >= 7 ? rng.int(6, 9) : 0;
  const practicalEvery = PRACTICALS.has(course.subjectId) && course.grade >= 5 ? rng.int(5, 8) : 0;
  for (let i = 2; i < n; i++) {
    if (types[i] !== 'regular') continue;
    if (labEvery && i % labEvery === 0) types[i] = 'lab';
    else if (practicalEvery && i % practicalEvery === 0) types[i] = 'practical';
    else if (course.subjectId === 'world' && i % 17 === 9) types[i] = 'excursion';
    else if (hasTests && i >= n - Math.max(2, Math.round(n * 0.05))) types[i] = 'review';
  }

  const topics = topicsFor(course.subjectId, course.grade);
  const counters = { test: 0, dictation: 0, lab: 0, practical: 0 };
  let lastTopic = -1;
  return occurrences.map((o, i): PlannedLesson => {
    const type = types[i] ?? 'regular';
    const ti = Math.min(topics.length - 1, Math.floor((i * topics.length) / Math.max(1, n)));
    const topic = topics[ti] ?? 'Тема урока';
    const fresh = ti !== lastTopic;
    lastTopic = ti;
    const progress = i / Math.max(1, n);
    const cancelled = rng.chance(0.02);
    let substitute: string | null = null;
    if (!cancelled && rng.chance(0.03)) {
      const free = substitutes.filter((t) => isFree(t, o));
      if (free.length > 0) substitute = rng.pick(free);
    }
    let text: string;
    switch (type) {
      case 'test':
        text = `Контрольная работа № ${++counters.test} по теме «${topic}»`;
        break;
      case 'dictation':
        text = `Контрольный диктант № ${++counters.dictation} с грамматическим заданием`;
        break;
      case 'lab':
        text = `Лабораторная работа № ${++counters.lab}. ${topic}`;
        break;
      case 'practical':
        text = `Практическая работа № ${++counters.practical}. ${topic}`;
        break;
      case 'excursion':
        text = `Экскурсия. ${topic}`;
        break;
      case 'review':
        text = `Повторение: ${topics[rng.int(0, topics.length - 1)] ?? topic}`;
        break;
      default:
        text = fresh ? topic : followUpTopic(rng, course.subjectId, topic);
    }
    if (i === 0 && SAFETY.has(course.subjectId))
      text = `Инструктаж по технике безопасности. ${text}`;
    if (i === 0 && course.grade >= 2 && type === 'regular' && !SAFETY.has(course.subjectId)) {
      text = `Вводный урок. ${text}`;
    }
    const homework =
      cancelled || type === 'test' || type === 'dictation'
        ? ''
        : homeworkFor(rng, course.subjectId, course.grade, progress);
    return {
      ...o,
      lessonType: type,
      topic: cancelled ? '' : text,
      homework,
      cancelled,
      substitute,
    };
  });
}
