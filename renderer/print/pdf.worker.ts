// Module Web Worker: renders a document model to PDF bytes with pdfkit's browser build, off the UI
// thread; the year-end journal is drawn class by class as the page sends each class's data.
import type { DocumentFonts } from '../../shared/documents';
import { buildClassJournal, JournalWriter, renderDocument } from '../../shared/documents';
import { renderReport } from '../../shared/documents/report-render';
import type { PdfRequest, PdfResponse } from './pdf-messages';

let fonts: DocumentFonts | undefined;
const journals = new Map<number, JournalWriter>();

self.onmessage = async (event: MessageEvent<PdfRequest>) => {
  const request = event.data;
  const { id } = request;
  const post = (message: PdfResponse, transfer: Transferable[] = []) =>
    self.postMessage(message, { transfer });
  try {
    if (request.fonts) fonts = request.fonts;
    if (!fonts) throw new Error('Шрифты для печати не загружены.');
    switch (request.type) {
      case 'render': {
        const { kind, model } = request;
        if (model.kind !== kind) throw new Error(`Вид документа «${kind}» не совпадает с моделью.`);
        const bytes =
          model.kind === 'report'
            ? await renderReport(model, fonts)
            : await renderDocument(model, fonts);
        post({ id, ok: true, bytes }, [bytes.buffer]);
        return;
      }
      case 'journal-begin':
        journals.set(id, new JournalWriter(fonts, request.meta));
        post({ id, ok: true, sheets: 0 });
        return;
      case 'journal-class': {
        const writer = journals.get(request.journal);
        if (!writer) throw new Error('Печать журнала прервана: начните заново.');
        const journal = buildClassJournal(request.source, {
          classKey: request.classId,
          issuedOn: request.issuedOn,
        });
        post({ id, ok: true, sheets: writer.addClass(journal) });
        return;
      }
      case 'journal-end': {
        const writer = journals.get(request.journal);
        if (!writer) throw new Error('Печать журнала прервана: начните заново.');
        journals.delete(request.journal);
        const bytes = await writer.finish();
        post({ id, ok: true, bytes }, [bytes.buffer]);
        return;
      }
    }
  } catch (error) {
    if (request.type === 'journal-class') journals.delete(request.journal);
    post({ id, ok: false, message: error instanceof Error ? error.message : String(error) });
  }
};
