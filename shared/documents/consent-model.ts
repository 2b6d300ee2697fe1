// Consent applications (заявление и согласие на обработку персональных данных, отказ, отзыв) as plain data: one per guardian.
import { getGender } from 'lvovich';
import { fullName, shortName } from '../common';
import type { Consent } from '../consent';
import type { Guardian, GuardianKind, IdentityDocument, Student } from '../student';
import { EMPTY_IDENTITY_DOCUMENT } from '../student';
import { declineName, directorDative, schoolGenitive } from './declension';
import type { DocumentSource } from './source';
import { classStudents, DocumentError, findClass, staffShortName } from './source';

export type ConsentVariant = 'consent' | 'refusal' | 'withdrawal';

export const CONSENT_VARIANTS: readonly ConsentVariant[] = ['consent', 'refusal', 'withdrawal'];

/** One guardian of one student (null: the student has no guardian on record, a blank form). */
export interface GuardianPick {
  studentId: string;
  guardianId: string | null;
}

export interface ConsentOptions {
  /** Class id or name. */
  classKey: string;
  variant: ConsentVariant;
  /** Only guardians with no registered answer (and students with no guardian on record). */
  onlyUnanswered?: boolean;
  /** Only these students (ids); absent = the whole class. */
  studentIds?: readonly string[];
  /** Exactly these guardians (the registry rows shown); overrides `studentIds`. */
  guardians?: readonly GuardianPick[];
  /** The date the forms are printed: decides which pupils are 14–17 (their own signature). */
  issuedOn: string;
}

export interface ConsentGuardian {
  lastName: string;
  firstName: string;
  middleName: string;
  /** "Иванова Мария Петровна" */
  fullName: string;
  /** "Ивановой Марии Петровны" for "от …". */
  genitive: string;
  kind: GuardianKind;
  /** Grammatical gender for "зарегистрированный / зарегистрированная"; null when unknown. */
  female: boolean | null;
  address: string;
  phone: string;
  email: string;
  identityDocument: IdentityDocument;
  authorityDocument: string;
  /** "Иванова М. П." for the transcript of the signature. */
  signature: string;
}

export interface ConsentChild {
  /** "Алиев Марк Глебович" */
  name: string;
  /** "Алиеву Марку Глебовичу" (прошу предоставить … моему ребёнку …) */
  dative: string;
  /** "Алиева Марка Глебовича" (являясь матерью …) */
  genitive: string;
  female: boolean;
  birthDate: string;
  address: string;
  /** "Алиев М. Г." for the pupil's own signature. */
  signature: string;
}

export interface ConsentApplication {
  studentId: string;
  guardianId: string | null;
  child: ConsentChild;
  className: string;
  /** Null when the student has no guardian on record: every field becomes a line to fill by hand. */
  guardian: ConsentGuardian | null;
  /** For a withdrawal: the date of the consent being withdrawn. */
  consentDate: string | null;
  /** A place for the pupil's own signature (aged 14–17 on the date of issue; school setting). */
  pupilSignature: boolean;
}

export interface ConsentSchool {
  fullName: string;
  /** "Муниципального бюджетного … учреждения …" for "Директору …". */
  fullNameGenitive: string;
  shortName: string;
  address: string;
  directorDative: string;
  operatorName: string;
  operatorAddress: string;
  operatorInn: string;
  operatorOgrn: string;
  processorName: string;
  processorAddress: string;
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

/** Age in whole years on a date; null when the birth date is unknown. */
export function ageOn(birthDate: string, date: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) return null;
  const years = Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return date.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/**
 * Whether the pupil signs the form too: 14 to 17 years old on the date of issue. Without a birth
 * date, pupils from the 8th grade on (the usual age of 14) get the place.
 */
export function pupilSigns(birthDate: string, grade: number, issuedOn: string): boolean {
  const age = ageOn(birthDate, issuedOn);
  return age === null ? grade >= 8 : age >= 14 && age <= 17;
}

export function buildConsentModel(source: DocumentSource, options: ConsentOptions): ConsentModel {
  if (!(CONSENT_VARIANTS as readonly string[]).includes(options.variant)) {
    throw new DocumentError(
      `Неизвестный вид заявления «${options.variant}»: нужен consent, refusal или withdrawal.`,
    );
  }
  const cls = findClass(source, options.classKey);
  const school = source.school;
  const students = classStudents(source, cls.id);
  const answers = new Map(source.consents.map((c) => [`${c.studentId}|${c.guardianId}`, c]));
  const picks = selectGuardians(students, answers, options);
  const pupilSetting = school.consentPupilSignature ?? true;
  const byId = new Map(students.map((s) => [s.id, s]));
  const applications: ConsentApplication[] = [];
  for (const pick of picks) {
    const student = byId.get(pick.studentId);
    if (!student) continue;
    const guardian = pick.guardianId ? student.guardians[pick.guardianId] : undefined;
    const consent = pick.guardianId ? answers.get(`${student.id}|${pick.guardianId}`) : undefined;
    applications.push({
      studentId: student.id,
      guardianId: guardian ? pick.guardianId : null,
      child: consentChild(student),
      className: cls.name,
      guardian: guardian ? consentGuardian(guardian) : null,
      consentDate:
        options.variant === 'withdrawal' && consent?.decision === 'consent' ? consent.date : null,
      pupilSignature: pupilSetting && pupilSigns(student.birthDate, cls.grade, options.issuedOn),
    });
  }
  return {
    kind: 'consent',
    variant: options.variant,
    className: cls.name,
    classTeacher: staffShortName(source, cls.classTeacherId),
    school: {
      fullName: school.fullName,
      fullNameGenitive: schoolGenitive(school),
      shortName: school.shortName,
      address: school.address,
      directorDative: directorDative(school),
      operatorName: school.operator.name,
      operatorAddress: school.operator.address,
      operatorInn: school.operator.inn,
      operatorOgrn: school.operator.ogrn,
      processorName: school.dataProcessor?.name ?? '',
      processorAddress: school.dataProcessor?.address ?? '',
      informationSystem: school.informationSystem,
    },
    applications,
  };
}

/**
 * Which guardians get a form. Consent and refusal: every guardian (one form each; a student with
 * no guardian on record gets one blank form), or only those without an answer. Withdrawal: only
 * guardians with a registered consent. An explicit pick list is kept in its order, minus
 * withdrawals of guardians who never consented.
 */
function selectGuardians(
  students: readonly Student[],
  answers: ReadonlyMap<string, Consent>,
  options: ConsentOptions,
): GuardianPick[] {
  const consented = (studentId: string, guardianId: string | null) =>
    guardianId !== null && answers.get(`${studentId}|${guardianId}`)?.decision === 'consent';
  const keep = (p: GuardianPick) =>
    options.variant !== 'withdrawal' || consented(p.studentId, p.guardianId);
  if (options.guardians) return options.guardians.filter(keep);
  const wanted = options.studentIds ? new Set(options.studentIds) : null;
  const picks: GuardianPick[] = [];
  for (const s of students) {
    if (wanted && !wanted.has(s.id)) continue;
    const guardians = orderedGuardians(s);
    if (guardians.length === 0) {
      picks.push({ studentId: s.id, guardianId: null });
      continue;
    }
    for (const [id] of guardians) {
      if (options.onlyUnanswered && answers.has(`${s.id}|${id}`)) continue;
      picks.push({ studentId: s.id, guardianId: id });
    }
  }
  return picks.filter(keep);
}

function consentChild(s: Student): ConsentChild {
  return {
    name: fullName(s),
    dative: declineName(s, 'dative', s.gender),
    genitive: declineName(s, 'genitive', s.gender),
    female: s.gender === 'female',
    birthDate: s.birthDate,
    address: s.address ?? '',
    signature: shortName(s),
  };
}

function guardianFemale(g: Guardian): boolean | null {
  if (g.kind === 'mother') return true;
  if (g.kind === 'father') return false;
  const gender = getGender({ last: g.lastName, first: g.firstName, middle: g.middleName });
  return gender === 'female' ? true : gender === 'male' ? false : null;
}

export function consentGuardian(g: Guardian): ConsentGuardian {
  const female = guardianFemale(g);
  return {
    lastName: g.lastName,
    firstName: g.firstName,
    middleName: g.middleName,
    fullName: fullName(g),
    genitive: declineName(g, 'genitive', female === null ? undefined : female ? 'female' : 'male'),
    kind: g.kind,
    female,
    address: g.address,
    phone: g.phone,
    email: g.email,
    identityDocument: { ...EMPTY_IDENTITY_DOCUMENT, ...(g.identityDocument ?? {}) },
    authorityDocument: g.authorityDocument ?? '',
    signature: shortName(g),
  };
}
