// Messages between the page and the PDF worker: a whole document in one request, or the year-end
// journal streamed class by class (begin, one class at a time, end), each request answered by id.
import type { DocumentFonts, DocumentModel } from '../../shared/documents';
import type { ReportModel } from '../../shared/documents/report-render';
import type { DocumentSource } from '../../shared/documents/source';

/** A document model, or a flat table report ('report', shared/documents/report-render.ts). */
export type PrintableModel = DocumentModel | ReportModel;

export interface JournalMeta {
  schoolShortName: string;
  yearName: string;
  /** "5А" or "все классы": the PDF's subject. */
  classes: string;
}

export type PdfRequest = { id: number; fonts?: DocumentFonts } & (
  | { type: 'render'; kind: PrintableModel['kind']; model: PrintableModel }
  /** Starts a journal in the worker; its id names the journal in the next messages. */
  | { type: 'journal-begin'; meta: JournalMeta }
  /** One class's data: the worker builds its journal and draws its pages, then answers. */
  | {
      type: 'journal-class';
      journal: number;
      source: DocumentSource;
      classId: string;
      issuedOn: string;
    }
  | { type: 'journal-end'; journal: number }
);

export type PdfResponse =
  | { id: number; ok: true; bytes: Uint8Array }
  | { id: number; ok: true; sheets: number }
  | { id: number; ok: false; message: string };
