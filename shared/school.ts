// The school profile: names, director, personal-data operator, subjects, bell schedules, the academic year and its holidays, the grading policy.
import { z } from 'zod';
import { DocumentBaseSchema, IdSchema } from './common';
import { AcademicYearSchema } from './academic-year';
import { AttendanceCodeSchema } from './attendance-code';
import { BellScheduleSchema, BellSchema } from './bells';
import { GradingPolicySchema } from './grading-policy';

export {
  AcademicYearSchema,
  HolidaySchema,
  isHoliday,
  type AcademicYear,
  type Holiday,
} from './academic-year';
export { BellSchema, type Bell } from './bells';

export const SubjectSchema = z.object({
  id: IdSchema,
  /** "Русский язык" */
  name: z.string().trim().min(1, 'Укажите название предмета').max(120, 'Не длиннее 120 знаков'),
  /** "Рус. яз." for narrow columns of the summary sheet. */
  short: z.string().trim().min(1, 'Укажите краткое название').max(16, 'Не длиннее 16 знаков'),
});
export type Subject = z.infer<typeof SubjectSchema>;

/** Who processes the personal data — named in every consent form (152-ФЗ, art. 9). */
export const DataOperatorSchema = z.object({
  name: z.string().min(1).max(300),
  address: z.string().min(1).max(300),
  inn: z.string().max(12).default(''),
  ogrn: z.string().max(15).default(''),
});

/** A person or body processing personal data on the operator's behalf (e.g. the district's data centre). */
export const DataProcessorSchema = z.object({
  name: z.string().max(300).default(''),
  address: z.string().max(300).default(''),
});

export const SchoolSchema = DocumentBaseSchema.extend({
  /** "Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 7»" */
  fullName: z.string().min(1).max(400),
  /** "МБОУ СОШ № 7" */
  shortName: z.string().min(1).max(120),
  address: z.string().min(1).max(300),
  phone: z.string().max(40).default(''),
  email: z.string().max(120).default(''),
  /** Director's full name in the nominative ("Петрова Елена Викторовна"); forms address them in the dative. */
  directorName: z.string().min(1).max(200),
  /** The dative form used in "Директору … " headers, as the school writes it. */
  directorNameDative: z.string().max(200).default(''),
  operator: DataOperatorSchema,
  /** The information system named in the consent: "Электронный классный журнал МБОУ СОШ № 7". */
  informationSystem: z.string().min(1).max(300),
  /**
   * The full name in the genitive for "Директору Муниципального бюджетного … учреждения …", as the
   * school writes it; empty = declined by rule from `fullName` (shared/documents/declension.ts).
   */
  fullNameGenitive: z.string().max(400).default(''),
  /** Who processes the personal data on the operator's behalf (152-ФЗ art. 9 part 4 item 6); empty name = nobody. */
  dataProcessor: DataProcessorSchema.default({ name: '', address: '' }),
  /** Whether consent forms of pupils aged 14–17 get a place for the pupil's own signature. */
  consentPupilSignature: z.boolean().default(true),
  subjects: z.array(SubjectSchema).max(80),
  /** The main bell schedule: every weekday no entry of `bellSchedules` names. */
  bells: z.array(BellSchema).max(13),
  /** Other schedules by weekday (a shorter Saturday); absent = the main bells every day. */
  bellSchedules: z.array(BellScheduleSchema).max(6).optional(),
  year: AcademicYearSchema,
  policy: GradingPolicySchema,
  attendanceCodes: z.array(AttendanceCodeSchema).min(1).max(12),
  /** Minutes without input before the desktop locks (personal data on shared classroom PCs). */
  idleLockMinutes: z.number().int().min(1).max(240).default(10),
});
export type School = z.infer<typeof SchoolSchema>;
