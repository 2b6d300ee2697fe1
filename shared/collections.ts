// The replicated collections: name, zod schema, schema version, indexes, personal fields and identity fields — one registry for the desktop database, the server and the tests.
import type { z } from 'zod';
import { consentId, ConsentSchema } from './consent';
import { CourseSchema } from './course';
import { LessonSchema } from './lesson';
import { PeriodSchema } from './period';
import { periodMarksId, PeriodMarksSchema } from './period-mark';
import { SchoolSchema } from './school';
import { SchoolClassSchema } from './school-class';
import { StaffMemberSchema } from './staff';
import { StudentSchema } from './student';
import { TimetableSchema } from './timetable';

export interface CollectionDescriptor<S extends z.ZodType = z.ZodType> {
  schema: S;
  /** Bumped with a migration strategy in the desktop database whenever the stored shape changes. */
  version: number;
  /** Compound indexes the screens filter and sort on (RxDB appends the primary key itself). */
  indexes: string[][];
  /** Personal data (152-ФЗ) encrypted at rest on the desktop; never indexed. */
  personalFields: string[];
  /** Russian name for messages ("уроки"). */
  label: string;
  /**
   * Identity fields: fixed when the document is created and never changed by anyone, whatever
   * stamps arrive (the server strips stamps on them and refuses a different value). The id is
   * always identity. Every other field is an independently stamped part.
   */
  identity: readonly string[];
  /** Where the id is derived from the identity fields, the rule (the server checks it). */
  identityId?: (doc: z.infer<S>) => string;
}

function describe<S extends z.ZodType>(d: CollectionDescriptor<S>): CollectionDescriptor<S> {
  return d;
}

/** Ten collections: RxDB's free edition opens at most 13 per process (NOTES.md). */
export const COLLECTIONS = {
  school: describe({
    schema: SchoolSchema,
    // 1: optional bellSchedules, year.nonWorkingDays/schemeByGrade/weeklyHoursByGrade, holiday grades;
    //    fullNameGenitive, dataProcessor, consentPupilSignature (consent forms).
    // 2: optional policy.averageRounding and policy.workTypeByLessonType (absent = the defaults).
    // 3: optional pastYears (the closed years).
    version: 3,
    indexes: [],
    personalFields: [],
    label: 'сведения о школе',
    identity: [],
  }),
  periods: describe({
    schema: PeriodSchema,
    // 1: optional closedAt (the wall time of the last close or reopen act).
    version: 1,
    indexes: [['yearId', 'start']],
    personalFields: [],
    label: 'учебные периоды',
    identity: ['yearId', 'kind', 'scheme', 'number'],
  }),
  classes: describe({
    schema: SchoolClassSchema,
    version: 0,
    indexes: [['grade', 'letter']],
    personalFields: [],
    label: 'классы',
    identity: ['yearId', 'grade'],
  }),
  staff: describe({
    schema: StaffMemberSchema,
    version: 0,
    indexes: [['lastName', 'firstName']],
    personalFields: [],
    label: 'сотрудники',
    identity: [],
  }),
  students: describe({
    schema: StudentSchema,
    // 1: address; guardians' identityDocument and authorityDocument (consent forms).
    // 2: optional movements (date and order number of leaving or a transfer).
    // 3: year-end movement kinds, optional debts.
    // 4: `enrolled` (arrived from another school), a movement's fromClassId may be null.
    version: 4,
    indexes: [['classId', 'lastName', 'firstName']],
    personalFields: ['birthDate', 'address', 'guardians'],
    label: 'обучающиеся',
    // Moving a student to another class is a change of `classId`, not a new student.
    identity: [],
  }),
  courses: describe({
    schema: CourseSchema,
    version: 0,
    indexes: [['classId'], ['teacherId']],
    personalFields: [],
    label: 'курсы',
    identity: ['yearId', 'classId', 'subjectId', 'groupId'],
  }),
  lessons: describe({
    schema: LessonSchema,
    // 1: optional offTimetable, substitution, cancelReason, movedFrom, movedTo.
    version: 1,
    indexes: [
      ['courseId', 'date', 'slot'],
      ['classId', 'date'],
      ['teacherId', 'date'],
    ],
    personalFields: [],
    label: 'уроки',
    identity: ['courseId', 'classId', 'date', 'slot'],
  }),
  periodMarks: describe({
    schema: PeriodMarksSchema,
    version: 0,
    indexes: [['courseId'], ['classId', 'periodId']],
    personalFields: [],
    label: 'отметки за периоды',
    identity: ['courseId', 'periodId', 'classId'],
    identityId: (doc) => periodMarksId(doc.courseId, doc.periodId),
  }),
  consents: describe({
    schema: ConsentSchema,
    version: 0,
    indexes: [['classId'], ['studentId']],
    personalFields: [],
    label: 'согласия',
    identity: ['studentId', 'guardianId', 'classId'],
    identityId: (doc) => consentId(doc.studentId, doc.guardianId),
  }),
  /** Per class and "valid from" one document; versions and classes share the collection. */
  timetables: describe({
    schema: TimetableSchema,
    version: 0,
    indexes: [['classId', 'validFrom']],
    personalFields: [],
    label: 'расписание',
    identity: ['yearId', 'classId', 'validFrom'],
  }),
} as const;

export type CollectionName = keyof typeof COLLECTIONS;
export const COLLECTION_NAMES = Object.keys(COLLECTIONS) as CollectionName[];

export type DocumentOf<N extends CollectionName> = z.infer<(typeof COLLECTIONS)[N]['schema']>;

export function isCollectionName(name: string): name is CollectionName {
  return Object.prototype.hasOwnProperty.call(COLLECTIONS, name);
}
