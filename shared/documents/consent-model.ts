// Consent applications (заявление и согласие на обработку персональных данных, отказ, отзыв) as plain data: one per family.
import { fullName, shortName } from '../common';
import type { Consent } from '../consent';
import type { Guardian, GuardianKind, Student } from '../student';
import type { DocumentSource } from './source';
import { classStudents, DocumentError, findClass, staffShortName } from './source';

export type ConsentVariant = 'consent' | 'refusal' | 'withdrawal';

export const CONSENT_VARIANTS: readonly ConsentVariant[] = ['consent', 'refusal', 'withdrawal'];

export interface ConsentOptions {
  /** Class id or name. */
  classKey: string;
  variant: ConsentVariant;
  /** Only families with no registered answer (no consent document for any of the child's guardians). */
  onlyUnanswered?: boolean;
  /** Only these students (ids); absent = the whole class. */
  studentIds?: readonly string[];
}

export interface ConsentGuardian {
  lastName: string;
  firstName: string;
  middleName: string;
  address: string;
  phone: string;
  /** "Иванова М. П." for the transcript of the signature. */
  signature: string;
}

export interface ConsentApplication {
  studentId: string;
  guardianId: string | null;
  childName: string;
  /** For agreement: "обучающейся" / "обучающегося". */
  childFemale: boolean;
  className: string;
  /** Null when the class has no guardian on record: every field becomes a line to fill by hand. */
  guardian: ConsentGuardian | null;
  /** For a withdrawal: the date of the consent being withdrawn, when registered. */
  consentDate: string | null;
}

export interface ConsentSchool {
  fullName: string;
  shortName: string;
  address: string;
  directorDative: string;
  operatorName: string;
  operatorAddress: string;
  operatorInn: string;
  operatorOgrn: string;
  informationSystem: string;
}

export interface ConsentModel {
  kind: 'consent';
  variant: ConsentVariant;
  school: ConsentSchool;
  className: string;
  classTeacher: string;
  applications: ConsentApplication[];
}

const KIND_ORDER: Record<GuardianKind, number> = { mother: 0, father: 1, guardian: 2, other: 3 };

/** The student's guardians, mother first, then father, guardian, others (stable by id). */
export function orderedGuardians(student: Student): [string, Guardian][] {
  return Object.entries(student.guardians).sort(
    ([ia, a], [ib, b]) =>
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || (ia < ib ? -1 : ia > ib ? 1 : 0),
  );
}

/** Whether any guardian of the student has a registered answer (consent, refusal or withdrawal). */
export function hasAnswer(source: DocumentSource, studentId: string): boolean {
  return source.consents.some((c) => c.studentId === studentId);
}

export function buildConsentModel(source: DocumentSource, options: ConsentOptions): ConsentModel {
  if (!(CONSENT_VARIANTS as readonly string[]).includes(options.variant)) {
    throw new DocumentError(
      `Неизвестный вид заявления «${options.variant}»: нужен consent, refusal или withdrawal.`,
    );
  }
  const cls = findClass(source, options.classKey);
  let students = classStudents(source, cls.id);
  if (options.studentIds) {
    const wanted = new Set(options.studentIds);
    students = students.filter((s) => wanted.has(s.id));
  }
  if (options.onlyUnanswered) students = students.filter((s) => !hasAnswer(source, s.id));
  const school = source.school;
  return {
    kind: 'consent',
    variant: options.variant,
    className: cls.name,
    classTeacher: staffShortName(source, cls.classTeacherId),
    school: {
      fullName: school.fullName,
      shortName: school.shortName,
      address: school.address,
      directorDative: school.directorNameDative || school.directorName,
      operatorName: school.operator.name,
      operatorAddress: school.operator.address,
      operatorInn: school.operator.inn,
      operatorOgrn: school.operator.ogrn,
      informationSystem: school.informationSystem,
    },
    applications: students.map((s) => application(source, s, cls.name, options.variant)),
  };
}

function application(
  source: DocumentSource,
  student: Student,
  className: string,
  variant: ConsentVariant,
): ConsentApplication {
  const consents = source.consents.filter((c) => c.studentId === student.id);
  const guardians = orderedGuardians(student);
  // A withdrawal comes from the guardian who consented; otherwise the first guardian on record.
  const consented: Consent | undefined = consents.find((c) => c.decision === 'consent');
  const chosen =
    (variant === 'withdrawal' && consented
      ? guardians.find(([id]) => id === consented.guardianId)
      : undefined) ?? guardians[0];
  const g = chosen?.[1];
  return {
    studentId: student.id,
    guardianId: chosen?.[0] ?? null,
    childName: fullName(student),
    childFemale: student.gender === 'female',
    className,
    guardian: g
      ? {
          lastName: g.lastName,
          firstName: g.firstName,
          middleName: g.middleName,
          address: g.address,
          phone: g.phone,
          signature: shortName(g),
        }
      : null,
    consentDate:
      variant === 'withdrawal' && consented && consented.guardianId === chosen?.[0]
        ? consented.date
        : null,
  };
}
