// What the journal held at the end of a given day, read from the per-part stamps: a document printed
// "as of 10.12" leaves out marks, absences, topics and period marks written after that day.
import type { Lesson, LessonEntry } from '../lesson';
import type { PeriodMarkEntry, PeriodMarks } from '../period-mark';
import type { Stamps } from '../stamp';

/**
 * The first moment after the day, in ms since the epoch, in the local time zone of the machine that
 * prints (the school's). Stamps carry the author's wall time first ("001790000000000-00000-node").
 */
export function endOfDayMs(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + 1).getTime();
}

/** The wall time of an encoded HLC stamp; NaN for a malformed one. */
export function stampMs(at: string): number {
  return Number(at.slice(0, at.indexOf('-')));
}

/** Whether a part existed before `limit`: a part without a stamp was there from the document's creation. */
export function existedBefore(stamps: Stamps, path: string, limit: number): boolean {
  const s = stamps[path];
  if (!s) return true;
  const ms = stampMs(s.at);
  return !Number.isFinite(ms) || ms < limit;
}

/** A student's lesson entry as it stood before `limit` (an entry written later is left out). */
export function entryAsOf(
  lesson: Lesson,
  studentId: string,
  limit: number,
): LessonEntry | undefined {
  const entry = lesson.entries[studentId];
  if (!entry) return undefined;
  return existedBefore(lesson.stamps, `entries.${studentId}`, limit) ? entry : undefined;
}

/**
 * The lessons with only the entries, topics and homework that existed before `limit`. Lessons
 * with nothing written later are returned as they are (no copy).
 */
export function lessonsAsOf(lessons: readonly Lesson[], limit: number): Lesson[] {
  return lessons.map((l) => {
    let later = false;
    for (const [path, stamp] of Object.entries(l.stamps)) {
      const ms = stampMs(stamp.at);
      if (
        Number.isFinite(ms) &&
        ms >= limit &&
        (path === 'topic' || path === 'homework' || path.startsWith('entries.'))
      ) {
        later = true;
        break;
      }
    }
    if (!later) return l;
    const entries: Lesson['entries'] = {};
    for (const [id, e] of Object.entries(l.entries)) {
      if (existedBefore(l.stamps, `entries.${id}`, limit)) entries[id] = e;
    }
    return {
      ...l,
      entries,
      topic: existedBefore(l.stamps, 'topic', limit) ? l.topic : '',
      homework: existedBefore(l.stamps, 'homework', limit) ? l.homework : '',
    };
  });
}

/** A period mark as it stood before `limit`: a mark (or deferral) set later did not exist yet. */
export function periodMarkAsOf(
  doc: PeriodMarks | undefined,
  studentId: string,
  limit: number,
): PeriodMarkEntry | undefined {
  const entry = doc?.marks[studentId];
  if (!doc || !entry) return undefined;
  return existedBefore(doc.stamps, `marks.${studentId}`, limit) ? entry : undefined;
}
