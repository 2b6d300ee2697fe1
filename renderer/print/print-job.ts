// What a "Печать" button hands to the print dialog, and the Russian words around a printed document.
import type { DocumentModel } from '../../shared/documents';
import { DocumentError } from '../../shared/documents/source';
import { pluralRu as plural } from '../../shared/documents/number-words';

/** Russian plural form for a count (one home: shared/documents/number-words.ts). */
export { plural };

/** How far a long document (the year-end journal) has got, for the dialog's progress bar. */
export interface BuildProgress {
  done: number;
  total: number;
  /** "Класс 5А" */
  text: string;
}

interface JobBase {
  /** Dialog heading: "Заявления о согласии — 5А". */
  title: string;
  /** Suggested file name without ".pdf". */
  fileName: string;
}

/** A document built from one model in the worker. */
export interface ModelJob extends JobBase {
  /** Builds the document model (reads the local database); may throw a DocumentError. */
  model: () => Promise<DocumentModel>;
  build?: undefined;
}

/** A document the job streams to the worker itself, reporting its progress (the year-end journal). */
export interface StreamJob extends JobBase {
  model?: undefined;
  /** Returns the PDF and the summary line ("5 журналов, 412 листов"); `cancelled` stops it. */
  build: (
    onProgress: (p: BuildProgress) => void,
    cancelled: () => boolean,
  ) => Promise<{ bytes: Uint8Array; summary: string; empty: boolean }>;
}

export type PrintJob = ModelJob | StreamJob;

/** How many documents (applications, extracts, class sheets) a model holds. */
export function documentCount(model: DocumentModel): number {
  switch (model.kind) {
    case 'consent':
      return model.applications.length;
    case 'extract':
      return model.students.length;
    case 'summary':
    case 'journal':
      return model.classes.length;
    case 'loginSheet':
      return model.people.length;
    case 'loginSlip':
      return model.slips.length;
    case 'viewControl':
    case 'movementBook':
    case 'personalCard':
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
    journal: ['журнал', 'журнала', 'журналов'],
    loginSheet: ['лист входа', 'листа входа', 'листов входа'],
    loginSlip: ['листок доступа', 'листка доступа', 'листков доступа'],
    viewControl: ['лист контроля', 'листа контроля', 'листов контроля'],
    movementBook: ['книга движения', 'книги движения', 'книг движения'],
    personalCard: ['личная карта', 'личные карты', 'личных карт'],
  };
  return `${n} ${plural(n, forms[model.kind])}`;
}

/** A message for the user: DocumentError and our own Russian errors as they are, others wrapped. */
export function printErrorText(error: unknown): string {
  if (error instanceof DocumentError) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  return /[а-яё]/i.test(message) ? message : `Не удалось подготовить документ: ${message}`;
}
