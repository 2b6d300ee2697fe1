// Module Web Worker: renders a document model to PDF bytes with pdfkit's browser build, off the UI thread.
import type { DocumentFonts } from '../../shared/documents';
import { renderDocument } from '../../shared/documents';
import { renderReport } from '../../shared/documents/report-render';
import type { PdfRequest, PdfResponse } from './pdf-messages';

let fonts: DocumentFonts | undefined;

self.onmessage = async (event: MessageEvent<PdfRequest>) => {
  const { id, kind, model } = event.data;
  const post = (message: PdfResponse, transfer: Transferable[] = []) =>
    self.postMessage(message, { transfer });
  try {
    if (event.data.fonts) fonts = event.data.fonts;
    if (!fonts) throw new Error('Шрифты для печати не загружены.');
    if (model.kind !== kind) throw new Error(`Вид документа «${kind}» не совпадает с моделью.`);
    const bytes =
      model.kind === 'report'
        ? await renderReport(model, fonts)
        : await renderDocument(model, fonts);
    post({ id, ok: true, bytes }, [bytes.buffer]);
  } catch (error) {
    post({ id, ok: false, message: error instanceof Error ? error.message : String(error) });
  }
};
