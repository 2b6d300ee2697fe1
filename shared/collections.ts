// The replicated collections: name, zod schema, schema version, indexes and personal fields — one registry for the desktop database, the server and the tests.
import type { z } from 'zod';
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
    version: 1,
    indexes: [],
    personalFields: [],
    label: 'сведения о школе',
  }),
  periods: describe({
    schema: PeriodSchema,
    version: 0,
    indexes: [['yearId', 'start']],
    personalFields: [],
    label: 'учебные периоды',
  }),
  classes: describe({
    schema: SchoolClassSchema,
    version: 0,
    indexes: [['grade', 'letter']],
    personalFields: [],
    label: 'классы',
  }),
  staff: describe({
    schema: StaffMemberSchema,
    version: 0,
    indexes: [['lastName', 'firstName']],
    personalFields: [],
    label: 'сотрудники',
  }),
  students: describe({
    schema: StudentSchema,
    // 1: address; guardians' identityDocument and authorityDocument (consent forms).
    // 2: optional movements (date and order number of leaving or a transfer).
    version: 2,
    indexes: [['classId', 'lastName', 'firstName']],
    personalFields: ['birthDate', 'address', 'guardians'],
    label: 'обучающиеся',
  }),
  courses: describe({
    schema: CourseSchema,
    version: 0,
    indexes: [['classId'], ['teacherId']],
    personalFields: [],
    label: 'курсы',
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
  }),
  periodMarks: describe({
    schema: PeriodMarksSchema,
    version: 0,
    indexes: [['courseId'], ['classId', 'periodId']],
    personalFields: [],
    label: 'отметки за периоды',
  }),
  consents: describe({
    schema: ConsentSchema,
    version: 0,
    indexes: [['classId'], ['studentId']],
    personalFields: [],
    label: 'согласия',
  }),
  /** Per class and "valid from" one document; versions and classes share the collection. */
  timetables: describe({
    schema: TimetableSchema,
    version: 0,
    indexes: [['classId', 'validFrom']],
    personalFields: [],
    label: 'расписание',
  }),
} as const;

export type CollectionName = keyof typeof COLLECTIONS;
export const COLLECTION_NAMES = Object.keys(COLLECTIONS) as CollectionName[];

export type DocumentOf<N extends CollectionName> = z.infer<(typeof COLLECTIONS)[N]['schema']>;

export function isCollectionName(name: string): name is CollectionName {
  return Object.prototype.hasOwnProperty.call(COLLECTIONS, name);
}
