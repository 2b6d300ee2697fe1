// Renders consent applications, refusals and withdrawals: one family per page, lines to fill by hand where data is missing.
import type { ConsentApplication, ConsentModel } from './consent-model';
import type { ConsentText } from './consent-text';
import { consentText } from './consent-text';
import type { PdfWriter } from './pdf';
import { FONT, PdfWriter as Writer } from './pdf';
import type { DocumentFonts } from './source';

const TITLES = {
  consent:
    'Заявление о предоставлении доступа к электронному журналу и согласие на обработку персональных данных',
  refusal: 'Заявление об отказе от электронного дневника',
  withdrawal: 'Заявление об отзыве согласия на обработку персональных данных',
};

const FOOTERS = {
  consent: 'Заявление и согласие на обработку персональных данных',
  refusal: 'Заявление об отказе',
  withdrawal: 'Заявление об отзыве согласия',
};

const HEAD_SIZE = 10;
const LINE_GAP = 1;

export async function renderConsent(
  model: ConsentModel,
  fonts: DocumentFonts,
): Promise<Uint8Array> {
  const w = new Writer(
    fonts,
    {
      title: TITLES[model.variant],
      subject: `${model.school.shortName}, ${model.className} класс; заявлений: ${model.applications.length}`,
      author: model.school.shortName,
      keywords: 'заявление, согласие, персональные данные, 152-ФЗ',
    },
    {
      layout: 'portrait',
      margins: { top: 34, bottom: 36, left: 56, right: 36 },
      footerLabel: `${model.school.shortName}. ${FOOTERS[model.variant]}`,
    },
  );
  if (model.applications.length === 0) {
    w.section('');
    w.font(FONT.regular, 10);
    w.doc.text('Нет семей, для которых нужно заявление.', w.left, w.top);
  }
  for (const a of model.applications) renderApplication(w, model, a);
  return w.finish();
}

function renderApplication(w: PdfWriter, model: ConsentModel, a: ConsentApplication): void {
  w.section(`${a.childName}, ${a.className}`);
  addressBlock(w, model, a);
  const text = consentText(model, a);
  const size = bodySize(w, text);
  body(w, text, size);
  signatures(w, text, a, size);
}

/** "Директору … от родителя …" in the top right, each field a line to fill. */
function addressBlock(w: PdfWriter, model: ConsentModel, a: ConsentApplication): void {
  const doc = w.doc;
  const x = w.left + w.width * 0.42;
  const width = w.right - x;
  w.font(FONT.regular, HEAD_SIZE);
  doc.text(`Директору ${model.school.fullName}`, x, w.top, { width, lineGap: LINE_GAP });
  doc.text(model.school.directorDative, x, doc.y, { width, lineGap: LINE_GAP });
  doc.text('от родителя (законного представителя)', x, doc.y + 2, { width });
  const g = a.guardian;
  field(w, x, width, 'Фамилия', g?.lastName ?? '');
  field(w, x, width, 'Имя', g?.firstName ?? '');
  field(w, x, width, 'Отчество', g?.middleName ?? '');
  w.font(FONT.regular, HEAD_SIZE);
  doc.text('зарегистрированного(-ой) по адресу:', x, doc.y + 3, { width });
  const address = g?.address ?? '';
  if (address) {
    w.font(FONT.regular, HEAD_SIZE);
    const top = doc.y + 2;
    doc.text(address, x, top, { width, lineGap: 3 });
    const lines = Math.max(1, Math.round((doc.y - top) / (doc.currentLineHeight() + 3)));
    for (let i = 1; i <= lines; i++)
      w.fillLine(x, top + i * (doc.currentLineHeight() + 3) - 1, width);
    doc.y = top + lines * (doc.currentLineHeight() + 3) + 2;
  } else {
    for (let i = 0; i < 2; i++) {
      const y = doc.y + 16;
      w.fillLine(x, y, width);
      doc.y = y + 2;
    }
  }
  field(w, x, width, 'контактный телефон', g?.phone ?? '');
  doc.y += 8;
}

function field(w: PdfWriter, x: number, width: number, label: string, value: string): void {
  const doc = w.doc;
  w.font(FONT.regular, HEAD_SIZE);
  const y = doc.y + 4;
  doc.text(label, x, y, { lineBreak: false });
  const lx = x + doc.widthOfString(label) + 4;
  const lineY = y + doc.currentLineHeight();
  doc
    .save()
    .lineWidth(0.5)
    .moveTo(lx, lineY)
    .lineTo(x + width, lineY)
    .stroke()
    .restore();
  if (value)
    doc.text(value, lx + 3, y, { width: x + width - lx - 3, lineBreak: false, height: 12 });
  doc.x = x;
  doc.y = lineY + 1;
}

/** The body's height at a font size, to pick a size that keeps the application on one page. */
function bodyHeight(w: PdfWriter, text: ConsentText, size: number): number {
  const doc = w.doc;
  let h = 40;
  for (const p of text.paragraphs) {
    w.font(FONT.regular, size);
    h += doc.heightOfString(`${p.label ?? ''}${p.text}`, { width: w.width, lineGap: LINE_GAP }) + 3;
  }
  if (text.paperRequest) h += doc.heightOfString(text.paperRequest, { width: w.width - 16 }) + 8;
  return h;
}

function bodySize(w: PdfWriter, text: ConsentText): number {
  const reserved = text.receipt ? 120 : 70;
  const available = w.bottom - w.doc.y - reserved;
  for (const size of [10, 9.5, 9, 8.5, 8]) {
    if (bodyHeight(w, text, size) <= available) return size;
  }
  return 8;
}

function body(w: PdfWriter, text: ConsentText, size: number): void {
  const doc = w.doc;
  w.font(FONT.bold, 12);
  doc.text(text.title, w.left, doc.y, { width: w.width, align: 'center' });
  w.font(FONT.bold, size);
  doc.text(text.subtitle, w.left + 40, doc.y + 1, { width: w.width - 80, align: 'center' });
  doc.y += 6;
  for (const p of text.paragraphs) {
    const opts = {
      width: w.width,
      align: 'justify' as const,
      lineGap: LINE_GAP,
      indent: p.label ? 0 : 20,
    };
    if (p.label) {
      w.font(FONT.bold, size);
      doc.text(p.label, w.left + (p.label ? 12 : 0), doc.y, {
        ...opts,
        width: w.width - 12,
        continued: true,
      });
      w.font(FONT.regular, size);
      doc.text(p.text, { ...opts, width: w.width - 12 });
    } else {
      w.font(FONT.regular, size);
      doc.text(p.text, w.left, doc.y, opts);
    }
    doc.y += 3;
  }
  if (text.paperRequest) {
    const y = doc.y + 3;
    w.checkbox(w.left + 2, y + 1, 9);
    w.font(FONT.regular, size);
    doc.text(text.paperRequest, w.left + 16, y, { width: w.width - 16, lineGap: LINE_GAP });
    doc.y += 3;
  }
}

/** Date, signature and its transcript; for a consent also the signed receipt of the login. */
function signatures(w: PdfWriter, text: ConsentText, a: ConsentApplication, size: number): void {
  const doc = w.doc;
  const transcript = a.guardian?.signature ?? '';
  const line = (y: number) => {
    w.font(FONT.regular, size);
    doc.text('Дата', w.left, y - 11, { lineBreak: false });
    w.fillLine(w.left + 28, y, 95, '(число, месяц, год)');
    w.font(FONT.regular, size);
    doc.text('Подпись', w.left + 150, y - 11, { lineBreak: false });
    w.fillLine(w.left + 195, y, 110, '(подпись)');
    w.fillLine(w.left + 325, y, w.width - 325, '(расшифровка подписи)', transcript);
  };
  const y = Math.min(doc.y + 26, w.bottom - (text.receipt ? 62 : 8));
  line(y);
  if (text.receipt) {
    w.font(FONT.regular, size);
    doc.text(text.receipt, w.left, y + 22, { width: w.width, lineGap: LINE_GAP });
    line(doc.y + 22);
  }
  doc.x = w.left;
}
