// Printed documents: consent applications, diary extracts, term and year summary sheets, the year-end
// journal, the staff's login sheet, the e-diary's login slips and view-control sheets, the book of
// movements, the student's personal card. Each is model → PDF bytes.
import type { ConsentModel } from './consent-model';
import { renderConsent } from './consent-render';
import type { ExtractModel } from './extract-model';
import { renderExtract } from './extract-render';
import type { JournalModel } from './journal-model';
import type { LoginSheetModel } from './login-sheet-model';
import type { MovementBookModel } from './movement-book-render';
import type { PersonalCardModel } from './personal-card-model';
import { renderPersonalCard } from './personal-card-render';
import { renderMovementBook } from './movement-book-render';
import { renderLoginSheet } from './login-sheet-render';
import { renderJournal } from './journal-render';
import type { DocumentFonts } from './source';
import type { SummaryModel } from './summary-model';
import { renderSummary } from './summary-render';
import type { LoginSlipModel } from './login-slip-model';
import { renderLoginSlips } from './login-slip-render';
import type { ViewControlModel } from './view-control-model';
import { renderViewControl } from './view-control-render';

export * from './consent-model';
export * from './extract-model';
export * from './summary-model';
export * from './journal-model';
export * from './login-sheet-model';
export { renderLoginSheet } from './login-sheet-render';
export { buildMovementBookModel, renderMovementBook } from './movement-book-render';
export type { MovementBookModel } from './movement-book-render';
export * from './personal-card-model';
export { renderPersonalCard } from './personal-card-render';
export { JournalWriter, renderJournal } from './journal-render';
export * from './login-slip-model';
export * from './view-control-model';
export { renderConsent } from './consent-render';
export { renderExtract } from './extract-render';
export { renderSummary } from './summary-render';
export { renderLoginSlips } from './login-slip-render';
export { renderViewControl } from './view-control-render';
export type { DocumentFonts, DocumentSource } from './source';
export { DocumentError } from './source';

/** Any document model; `kind` tells which renderer draws it. */
export type DocumentModel =
  | ConsentModel
  | ExtractModel
  | SummaryModel
  | JournalModel
  | LoginSheetModel
  | LoginSlipModel
  | ViewControlModel
  | MovementBookModel
  | PersonalCardModel;

/** Renders any document model (what the print worker calls). */
export function renderDocument(model: DocumentModel, fonts: DocumentFonts): Promise<Uint8Array> {
  switch (model.kind) {
    case 'consent':
      return renderConsent(model, fonts);
    case 'extract':
      return renderExtract(model, fonts);
    case 'summary':
      return renderSummary(model, fonts);
    case 'journal':
      return renderJournal(model, fonts);
    case 'loginSheet':
      return renderLoginSheet(model, fonts);
    case 'loginSlip':
      return renderLoginSlips(model, fonts);
    case 'viewControl':
      return renderViewControl(model, fonts);
    case 'movementBook':
      return renderMovementBook(model, fonts);
    case 'personalCard':
      return renderPersonalCard(model, fonts);
  }
}
