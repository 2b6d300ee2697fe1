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
import { buildLoginSlipModel } from '../../shared/documents/login-slip-model';
import {
  buildViewControlModel,
  type ViewControlModel,
} from '../../shared/documents/view-control-model';
import type { IssuedLogin } from '../../shared/family-access';
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

/** The login slip of a login just issued (the one-time password exists only in this answer). */
export function loginSlipJob(issued: IssuedLogin, serverUrl: string): PrintJob {
  return {
    title: `Листок доступа к дневнику: ${issued.holderName}`,
    fileName: `Листок доступа ${issued.login}`,
    model: async () => buildLoginSlipModel([issued], { serverUrl, issuedOn: todayIso() }),
  };
}

/** The class's view-control sheet, from the rows the tab shows. */
export function viewControlJob(
  cls: SchoolClass,
  input: Omit<Parameters<typeof buildViewControlModel>[0], 'className'>,
): PrintJob {
  return {
    title: `Контроль за просмотром дневника — ${cls.name}`,
    fileName: `Контроль просмотра ${cls.name} ${input.to}`,
    model: async (): Promise<ViewControlModel> =>
      buildViewControlModel({ ...input, className: cls.name }),
  };
}

/** Extracts for the families who have not opened the diary (the view-control tab's one click). */
export function staleFamiliesExtractsJob(
  db: JournalDatabase,
  cls: SchoolClass,
  period: Period,
  studentIds: readonly string[],
  days: number,
): PrintJob {
  return {
    title: `Выписки семьям, не открывавшим дневник ${days} дн. — ${cls.name}, ${period.name}`,
    fileName: `Выписки ${cls.name} ${period.name} не открывали дневник`,
    model: async () =>
      buildExtractModel(await readDocumentSource(db, cls.id, { consents: true }), {
        classKey: cls.id,
        periodId: period.id,
        studentIds,
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
