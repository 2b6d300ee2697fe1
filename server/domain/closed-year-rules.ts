// A closed school year is read-only for every kind of write (push, import, set-up operations,
// admin paths, the compromise undo): a document of its year — by its own yearId, or for lessons
// and period marks by its class's year — is neither created nor changed. The school card may not
// change or drop a past year; only the year transition appends one, and only its undo (while the
// new year is not opened, shared/year-end/undo.ts) drops the last one, going back to that year.
import type { CollectionName } from '../../shared/collections';
import { closedYearMessage } from '../../shared/closed-year';
import { jsonEqual } from '../../shared/json';
import type { PastYear } from '../../shared/school-years';
import type { CollectionDescriptor, DocState, WriteKind } from '../sync/collections';
import type { SchoolIndex } from './school-index';

const OWN_YEAR: ReadonlySet<CollectionName> = new Set([
  'periods',
  'classes',
  'courses',
  'timetables',
]);
const CLASS_YEAR: ReadonlySet<CollectionName> = new Set(['lessons', 'periodMarks']);

export const PAST_YEARS_FIXED = 'Сведения о завершённых учебных годах не изменяются';

function pastYearsOf(doc: DocState | null): PastYear[] {
  return Array.isArray(doc?.pastYears) ? (doc.pastYears as PastYear[]) : [];
}

function schoolCheck(
  index: SchoolIndex,
  before: DocState | null,
  after: DocState,
  kind: WriteKind,
): string | null {
  if (before === null) return null;
  const was = pastYearsOf(before);
  const now = pastYearsOf(after);
  if (kind === 'year-undo') {
    const last = was.at(-1);
    const back =
      last !== undefined &&
      now.length === was.length - 1 &&
      now.every((p, i) => jsonEqual(p, was[i])) &&
      jsonEqual(after.year, last.year);
    return back ? null : PAST_YEARS_FIXED;
  }
  const kept = was.every((p, i) => jsonEqual(p, now[i]));
  if (!kept || (now.length > was.length && kind !== 'year-transition')) return PAST_YEARS_FIXED;
  const year = (after.year as { id?: unknown } | undefined)?.id;
  const closed = typeof year === 'string' ? index.closedYears.get(year) : undefined;
  // The year moves on only at the transition, which closes the old one in the same write.
  if (closed !== undefined && now.length === was.length) return closedYearMessage(closed);
  return null;
}

export function closedYearRule(
  name: CollectionName,
  index: SchoolIndex,
): NonNullable<CollectionDescriptor['frozen']> {
  const yearOf = (doc: DocState | null): string | undefined => {
    if (!doc) return undefined;
    if (OWN_YEAR.has(name)) return typeof doc.yearId === 'string' ? doc.yearId : undefined;
    if (CLASS_YEAR.has(name) && typeof doc.classId === 'string') {
      return index.classes.get(doc.classId)?.yearId;
    }
    return undefined;
  };
  return {
    prepare: (db) => index.refresh(db),
    check(before, after, kind) {
      if (name === 'school') return schoolCheck(index, before, after, kind);
      for (const doc of [before, after]) {
        const year = yearOf(doc);
        const closed = year === undefined ? undefined : index.closedYears.get(year);
        if (closed !== undefined) return closedYearMessage(closed);
      }
      return null;
    },
  };
}
