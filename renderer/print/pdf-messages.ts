// Messages between the page and the PDF worker.
import type { DocumentFonts, DocumentModel } from '../../shared/documents';
import type { ReportModel } from '../../shared/documents/report-render';

/** A document model, or a flat table report ('report', shared/documents/report-render.ts). */
export type PrintableModel = DocumentModel | ReportModel;

export interface PdfRequest {
  id: number;
  kind: PrintableModel['kind'];
  model: PrintableModel;
  /** Sent with the first request only; the worker keeps them for the next ones. */
  fonts?: DocumentFonts;
}

export type PdfResponse =
  { id: number; ok: true; bytes: Uint8Array } | { id: number; ok: false; message: string };
