// Messages between the page and the PDF worker.
import type { DocumentFonts, DocumentModel } from '../../shared/documents';

export interface PdfRequest {
  id: number;
  kind: DocumentModel['kind'];
  model: DocumentModel;
  /** Sent with the first request only; the worker keeps them for the next ones. */
  fonts?: DocumentFonts;
}

export type PdfResponse =
  { id: number; ok: true; bytes: Uint8Array } | { id: number; ok: false; message: string };
