// What a "Печать" button hands to the print dialog, and the Russian words around a printed document.
import type { DocumentModel } from '../../shared/documents';
import { DocumentError } from '../../shared/documents/source';

export interface PrintJob {
  /** Dialog heading: "Заявления о согласии — 5А". */
  title: string;
  /** Suggested file name without ".pdf". */
  fileName: string;
  /** Builds the document model (reads the local database); may throw a DocumentError. */
  model: () => Promise<DocumentModel>;
}

/** How many documents (applications, extracts, class sheets) a model holds. */
export function documentCount(model: DocumentModel): number {
  switch (model.kind) {
    case 'consent':
      return model.applications.length;
    case 'extract':
      return model.students.length;
    case 'summary':
      return model.classes.length;
    case 'loginSlip':
      return model.slips.length;
    case 'viewControl':
      return 1;
  }
}

/** "3 заявления", "1 выписка", "5 ведомостей". */
export function documentCountText(model: DocumentModel): string {
  const n = documentCount(model);
  const forms: Record<DocumentModel['kind'], [string, string, string]> = {
    consent: ['заявление', 'заявления', 'заявлений'],
    extract: ['выписка', 'выписки', 'выписок'],
    summary: ['ведомость', 'ведомости', 'ведомостей'],
    loginSlip: ['листок доступа', 'листка доступа', 'листков доступа'],
    viewControl: ['лист контроля', 'листа контроля', 'листов контроля'],
  };
  return `${n} ${plural(n, forms[model.kind])}`;
}

/** Russian plural form for a count: one, few (2–4), many. */
export function plural(n: number, [one, few, many]: readonly [string, string, string]): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return one;
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return few;
  return many;
}

/** A message for the user: DocumentError and our own Russian errors as they are, others wrapped. */
export function printErrorText(error: unknown): string {
  if (error instanceof DocumentError) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  return /[а-яё]/i.test(message) ? message : `Не удалось подготовить документ: ${message}`;
}
