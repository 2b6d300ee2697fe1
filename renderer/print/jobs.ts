// The app's print jobs: consent applications and extracts of a class, and a subject teacher's
// extract of one course. Each reads the local database when the dialog opens, never before.
import { fullName, shortName } from '../../shared/common';
import type { Course } from '../../shared/course';
// Model builders only: the renderers (and pdfkit) stay in the worker's chunk.
import {
  buildConsentModel,
  orderedGuardians,
  type ConsentModel,
  type ConsentVariant,
} from '../../shared/documents/consent-model';
import { buildExtractModel } from '../../shared/documents/extract-model';
import { buildLoginSlipModel } from '../../shared/documents/login-slip-model';
import {
  buildViewControlModel,
  type ViewControlModel,
} from '../../shared/documents/view-control-model';
import type { IssuedLogin } from '../../shared/family-access';
import type { DocumentSource } from '../../shared/documents/source';
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
 * Addresses each family's application to the chosen guardian (the one the registry row names)
 * instead of the first guardian on record; students not in the map keep the default.
 */
export function addressApplications(
  model: ConsentModel,
  source: DocumentSource,
  guardianOf: ReadonlyMap<string, string>,
): ConsentModel {
  return {
    ...model,
    applications: model.applications.map((app) => {
      const wanted = guardianOf.get(app.studentId);
      const student = source.students.find((s) => s.id === app.studentId);
      const entry = student && orderedGuardians(student).find(([id]) => id === wanted);
      if (!wanted || !entry || wanted === app.guardianId) return app;
      const [id, g] = entry;
      const consented = source.consents.find(
        (c) => c.studentId === app.studentId && c.guardianId === id && c.decision === 'consent',
      );
      return {
        ...app,
        guardianId: id,
        guardian: {
          lastName: g.lastName,
          firstName: g.firstName,
          middleName: g.middleName,
          address: g.address,
          phone: g.phone,
          signature: shortName(g),
        },
        consentDate: model.variant === 'withdrawal' ? (consented?.date ?? null) : null,
      };
    }),
  };
}

/** Applications of the given families, each addressed to the guardian picked for it. */
export function consentApplicationsJob(
  db: JournalDatabase,
  cls: SchoolClass,
  variant: ConsentVariant,
  guardianOf: ReadonlyMap<string, string>,
): PrintJob {
  return {
    title: `${CONSENT_VARIANT_TITLES[variant]} — ${cls.name}`,
    fileName: `${CONSENT_VARIANT_TITLES[variant]} ${cls.name}`,
    model: async () => {
      const source = await readDocumentSource(db, cls.id, { consents: true });
      const model = buildConsentModel(source, {
        classKey: cls.id,
        variant,
        studentIds: [...guardianOf.keys()],
      });
      return addressApplications(model, source, guardianOf);
    },
  };
}

/** Extracts for the families who get paper (refusal, withdrawal or the paper channel). */
export function paperExtractsJob(db: JournalDatabase, cls: SchoolClass, period: Period): PrintJob {
  return {
    title: `Выписки для бумажных семей — ${cls.name}, ${period.name}`,
    fileName: `Выписки ${cls.name} ${period.name}`,
    model: async () =>
      buildExtractModel(await readDocumentSource(db, cls.id, { consents: true }), {
        classKey: cls.id,
        periodId: period.id,
        onlyPaper: true,
        issuedOn: todayIso(),
      }),
  };
}

/** One student's extract (from the roster). */
export function studentExtractJob(
  db: JournalDatabase,
  cls: SchoolClass,
  period: Period,
  student: { id: string; lastName: string; firstName: string; middleName: string },
): PrintJob {
  return {
    title: `Выписка: ${fullName(student)}, ${period.name}`,
    fileName: `Выписка ${student.lastName} ${cls.name} ${period.name}`,
    model: async () =>
      buildExtractModel(await readDocumentSource(db, cls.id, { consents: true }), {
        classKey: cls.id,
        periodId: period.id,
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
