// The app's print jobs: consent applications and extracts of a class, a subject teacher's
// extract of one course, the staff's login sheets. Each reads the local database when the dialog opens, never before.
import { fullName } from '../../shared/common';
import type { Course } from '../../shared/course';
// Model builders only: the renderers (and pdfkit) stay in the worker's chunk.
import {
  buildConsentModel,
  type ConsentVariant,
  type GuardianPick,
} from '../../shared/documents/consent-model';
import { buildExtractModel } from '../../shared/documents/extract-model';
import {
  buildLoginSheetModel,
  type LoginSheetEntry,
  type LoginSheetOptions,
} from '../../shared/documents/login-sheet-model';
import type { Period } from '../../shared/period';
import type { SchoolClass } from '../../shared/school-class';
import type { JournalDatabase } from '../db/types';
import { todayIso } from '../../shared/dates';
import { readDocumentSource } from '../data/document-source';
import { courseOnlySource } from './gather-source';
import type { PrintJob } from './print-job';

export const CONSENT_VARIANT_TITLES: Record<ConsentVariant, string> = {
  consent: 'Заявления о согласии',
  refusal: 'Заявления об отказе',
  withdrawal: 'Заявления об отзыве согласия',
};

/**
 * One application per guardian picked (the registry rows shown); a pick without a guardian prints
 * a blank form. Withdrawals are printed only for guardians with a registered consent.
 */
export function consentApplicationsJob(
  db: JournalDatabase,
  cls: SchoolClass,
  variant: ConsentVariant,
  picks: readonly GuardianPick[],
): PrintJob {
  return {
    title: `${CONSENT_VARIANT_TITLES[variant]} — ${cls.name}`,
    fileName: `${CONSENT_VARIANT_TITLES[variant]} ${cls.name}`,
    model: async () =>
      buildConsentModel(await readDocumentSource(db, cls.id, { consents: true }), {
        classKey: cls.id,
        variant,
        guardians: picks,
        issuedOn: todayIso(),
      }),
  };
}

/** What an extract covers, as options: a period id or checked dates. */
export type ExtractSpanOptions = { periodId: string } | { from: string; to: string };

/** "II четверть" or "с 01.12.2026 по 25.12.2026". */
function spanText(span: ExtractSpanOptions, periods: readonly Period[]): string {
  if ('periodId' in span) return periods.find((p) => p.id === span.periodId)?.name ?? '';
  const ru = (iso: string) => iso.split('-').reverse().join('.');
  return `с ${ru(span.from)} по ${ru(span.to)}`;
}

/** Extracts for the families who get paper (refusal, withdrawal or the paper channel). */
export function paperExtractsJob(
  db: JournalDatabase,
  cls: SchoolClass,
  span: ExtractSpanOptions,
  periods: readonly Period[],
): PrintJob {
  const what = spanText(span, periods);
  return {
    title: `Выписки для семей без электронного дневника — ${cls.name}, ${what}`,
    fileName: `Выписки ${cls.name} ${what}`,
    model: async () =>
      buildExtractModel(await readDocumentSource(db, cls.id, { consents: true }), {
        classKey: cls.id,
        ...span,
        onlyPaper: true,
        issuedOn: todayIso(),
      }),
  };
}

/** One student's extract (from the roster). */
export function studentExtractJob(
  db: JournalDatabase,
  cls: SchoolClass,
  span: ExtractSpanOptions,
  periods: readonly Period[],
  student: { id: string; lastName: string; firstName: string; middleName: string },
): PrintJob {
  const what = spanText(span, periods);
  return {
    title: `Выписка: ${fullName(student)}, ${what}`,
    fileName: `Выписка ${student.lastName} ${cls.name} ${what}`,
    model: async () =>
      buildExtractModel(await readDocumentSource(db, cls.id, { consents: true }), {
        classKey: cls.id,
        ...span,
        studentIds: [student.id],
        issuedOn: todayIso(),
      }),
  };
}

/**
 * A subject teacher's extracts for the students of one course (the class, or the course's group):
 * the source is narrowed to the course, so the extract shows this subject's marks and the
 * absences from its lessons only.
 */
export function courseExtractJob(
  db: JournalDatabase,
  course: Course,
  title: string,
  period: Period,
  studentIds: readonly string[] | null,
): PrintJob {
  return {
    title: `Выписки: ${title}, ${period.name}`,
    fileName: `Выписки ${title.replace(/·/g, '')} ${period.name}`,
    model: async () =>
      buildExtractModel(courseOnlySource(await readDocumentSource(db, course.classId), course), {
        classKey: course.classId,
        periodId: period.id,
        ...(studentIds ? { studentIds } : {}),
        issuedOn: todayIso(),
      }),
  };
}

/**
 * Login sheets for the accounts just created or reset (one page per person). The passwords live
 * only in this job's memory: nothing stores them.
 */
export function loginSheetJob(
  entries: readonly LoginSheetEntry[],
  options: Omit<LoginSheetOptions, 'issuedOn'>,
): PrintJob {
  const one = entries.length === 1 ? entries[0] : undefined;
  return {
    title: one ? `Лист входа: ${fullName(one.person)}` : `Листы входа (${entries.length})`,
    fileName: one ? `Лист входа ${one.person.lastName}` : 'Листы входа',
    model: async () => buildLoginSheetModel(entries, { ...options, issuedOn: todayIso() }),
  };
}
