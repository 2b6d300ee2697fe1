// The snapshot file: a whole school (profile, periods, classes, staff, students, courses, lessons, period marks, consents, timetables) in one JSON document.
import { z } from 'zod';
import { COLLECTION_NAMES, type CollectionName, type DocumentOf } from './collections';
import { ConsentSchema } from './consent';
import { CourseSchema } from './course';
import { LessonSchema } from './lesson';
import { PeriodSchema } from './period';
import { PeriodMarksSchema } from './period-mark';
import { SchoolSchema } from './school';
import { SchoolClassSchema } from './school-class';
import { StaffMemberSchema } from './staff';
import { StudentSchema } from './student';
import { TimetableSchema } from './timetable';

export const SNAPSHOT_FORMAT = 'class-journal-snapshot';
export const SNAPSHOT_VERSION = 1;

/** How a generated snapshot was made (absent in exported real schools). */
export const SnapshotMetaSchema = z.object({
  seed: z.number().int(),
  students: z.number().int().min(0),
  /** Last date the journal was filled up to, "YYYY-MM-DD". */
  asOf: z.string(),
  /** Name and version of the program that wrote the file. */
  generator: z.string().min(1).max(80),
});
export type SnapshotMeta = z.infer<typeof SnapshotMetaSchema>;

/** The keys besides format/version/meta are the collection names of collections.ts. */
export const SnapshotSchema = z.object({
  format: z.literal(SNAPSHOT_FORMAT),
  version: z.literal(SNAPSHOT_VERSION),
  meta: SnapshotMetaSchema.optional(),
  school: SchoolSchema,
  periods: z.array(PeriodSchema),
  classes: z.array(SchoolClassSchema),
  staff: z.array(StaffMemberSchema),
  students: z.array(StudentSchema),
  courses: z.array(CourseSchema),
  lessons: z.array(LessonSchema),
  periodMarks: z.array(PeriodMarksSchema),
  consents: z.array(ConsentSchema),
  /** Absent in files written before the timetable existed. */
  timetables: z.array(TimetableSchema).default([]),
});
export type Snapshot = z.infer<typeof SnapshotSchema>;

/** Thrown by `parseSnapshot`; `message` is ready to show to the user. */
export class SnapshotError extends Error {
  constructor(
    message: string,
    /** Each failing path with its message, e.g. "lessons[12].date: Дата должна быть…". */
    readonly problems: string[],
  ) {
    super(message);
    this.name = 'SnapshotError';
  }
}

/** "lessons[12].entries.st-00001.marks[0].value" */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out || '(корень файла)';
}

/** At most this many problems are listed in the message; all of them are in `problems`. */
const MAX_LISTED = 5;

let russianErrors: z.core.$ZodErrorMap | undefined;

function russianErrorMap(): z.core.$ZodErrorMap {
  russianErrors ??= z.locales.ru().localeError;
  return russianErrors;
}

/**
 * Validates a parsed JSON value as a school snapshot. Throws a `SnapshotError` with a Russian
 * message naming the failing paths: "Файл школы повреждён: lessons[12].date: …".
 */
export function parseSnapshot(json: unknown): Snapshot {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new SnapshotError('Это не файл школы: ожидался объект JSON.', []);
  }
  const head = json as { format?: unknown; version?: unknown };
  if (head.format !== SNAPSHOT_FORMAT) {
    throw new SnapshotError(
      `Это не файл школы: поле format равно ${JSON.stringify(head.format) ?? 'undefined'}, ` +
        `ожидалось "${SNAPSHOT_FORMAT}".`,
      [],
    );
  }
  if (head.version !== SNAPSHOT_VERSION) {
    throw new SnapshotError(
      `Файл школы версии ${JSON.stringify(head.version) ?? 'undefined'} не поддерживается ` +
        `(эта программа читает версию ${SNAPSHOT_VERSION}).`,
      [],
    );
  }
  const result = SnapshotSchema.safeParse(json, { error: russianErrorMap() });
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${formatIssuePath(i.path)}: ${i.message}`);
  const listed = problems.slice(0, MAX_LISTED).join('; ');
  const more =
    problems.length > MAX_LISTED ? ` (и ещё ошибок: ${problems.length - MAX_LISTED})` : '';
  throw new SnapshotError(`Файл школы повреждён: ${listed}${more}`, problems);
}

/** A collection name with its documents, typed per collection. */
export type SnapshotCollection = {
  [N in CollectionName]: [N, DocumentOf<N>[]];
}[CollectionName];

/** The snapshot's documents per collection, in the order of collections.ts (the school as a one-doc list). */
export function* snapshotDocuments(snapshot: Snapshot): Generator<SnapshotCollection> {
  for (const name of COLLECTION_NAMES) {
    yield collectionOf(snapshot, name);
  }
}

function collectionOf(snapshot: Snapshot, name: CollectionName): SnapshotCollection {
  switch (name) {
    case 'school':
      return [name, [snapshot.school]];
    case 'periods':
      return [name, snapshot.periods];
    case 'classes':
      return [name, snapshot.classes];
    case 'staff':
      return [name, snapshot.staff];
    case 'students':
      return [name, snapshot.students];
    case 'courses':
      return [name, snapshot.courses];
    case 'lessons':
      return [name, snapshot.lessons];
    case 'periodMarks':
      return [name, snapshot.periodMarks];
    case 'consents':
      return [name, snapshot.consents];
    case 'timetables':
      return [name, snapshot.timetables];
  }
}
