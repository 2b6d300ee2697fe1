// Renders consent applications, refusals and withdrawals: one guardian per form (one page, a second only
// for very long data), lines to fill by hand where data is missing, the school's registration block.
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

const HEAD_SIZE = 9.5;
const LINE_GAP = 1;
/** Body sizes tried in order until the form fits one page. */
const BODY_SIZES = [10, 9.5, 9, 8.5, 8, 7.5];

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
      margins: { top: 30, bottom: 34, left: 56, right: 36 },
      footerLabel: `${model.school.shortName}. ${FOOTERS[model.variant]}`,
    },
  );
  if (model.applications.length === 0) {
    w.section('');
    w.font(FONT.regular, 10);
    w.doc.text('Нет родителей, для которых нужно заявление.', w.left, w.top);
  }
  for (const a of model.applications) renderApplication(w, model, a);
  return w.finish();
}

/** The footer's label: short names, so that even 60-character surnames are printed whole. */
function sectionLabel(a: ConsentApplication): string {
  const who = a.guardian ? `${a.guardian.signature} — ` : '';
  return `${who}${a.child.signature}, ${a.className}`;
}

function renderApplication(w: PdfWriter, model: ConsentModel, a: ConsentApplication): void {
  w.section(sectionLabel(a));
  addressBlock(w, model, a);
  const text = consentText(model, a);
  const tail = tailHeight(w, text, a);
  const size = bodySize(w, text, tail);
  body(w, text, size, tail);
  signatures(w, text, a, size);
}

/** "Директору … от родителя …" in the top right, each field a line to fill. */
function addressBlock(w: PdfWriter, model: ConsentModel, a: ConsentApplication): void {
  const doc = w.doc;
  const x = w.left + w.width * 0.4;
  const width = w.right - x;
  w.font(FONT.regular, HEAD_SIZE);
  doc.text(`Директору ${model.school.fullNameGenitive}`, x, w.top, { width, lineGap: LINE_GAP });
  doc.text(model.school.directorDative, x, doc.y, { width, lineGap: LINE_GAP });
  doc.text('от родителя (законного представителя)', x, doc.y + 2, { width });
  const g = a.guardian;
  field(w, x, width, 'Фамилия', g?.lastName ?? '');
  field(w, x, width, 'Имя', g?.firstName ?? '');
  field(w, x, width, 'Отчество', g?.middleName ?? '');
  w.font(FONT.regular, HEAD_SIZE);
  doc.text('зарегистрированного(-ой) по адресу:', x, doc.y + 3, { width });
  underlined(w, x, width, g?.address ?? '', 2);
  field(w, x, width, 'контактный телефон', g?.phone ?? '');
  field(w, x, width, 'адрес электронной почты', g?.email ?? '');
  doc.y += 6;
}

/** A text written on ruled lines (as many as it needs), or `blankLines` empty lines to fill. */
function underlined(
  w: PdfWriter,
  x: number,
  width: number,
  text: string,
  blankLines: number,
): void {
  const doc = w.doc;
  w.font(FONT.regular, HEAD_SIZE);
  const step = doc.currentLineHeight() + 3;
  const top = doc.y + 2;
  let lines = blankLines;
  if (text) {
    doc.text(text, x, top, { width, lineGap: 3 });
    lines = Math.max(1, Math.round((doc.y - top) / step));
  }
  for (let i = 1; i <= lines; i++) w.fillLine(x, top + i * step - 1, width);
  doc.x = x;
  doc.y = top + lines * step + 2;
}

/** "Фамилия ______" with the value on the line: made smaller to fit one line, else on ruled lines. */
function field(w: PdfWriter, x: number, width: number, label: string, value: string): void {
  const doc = w.doc;
  w.font(FONT.regular, HEAD_SIZE);
  const y = doc.y + 4;
  doc.text(label, x, y, { lineBreak: false });
  const lx = x + doc.widthOfString(label) + 4;
  const lineY = y + doc.currentLineHeight();
  const room = x + width - lx - 3;
  const size = value ? w.fitSize(value, room, HEAD_SIZE, 7) : HEAD_SIZE;
  if (value && size === null) {
    // Too long for one line even in small type: the value goes on ruled lines under the label.
    doc.x = x;
    doc.y = lineY - 2;
    underlined(w, x, width, value, 1);
    return;
  }
  doc
    .save()
    .lineWidth(0.5)
    .moveTo(lx, lineY)
    .lineTo(x + width, lineY)
    .stroke()
    .restore();
  if (value && size !== null) {
    w.font(FONT.regular, size);
    doc.text(value, lx + 3, lineY - size * 1.2, { lineBreak: false });
  }
  doc.x = x;
  doc.y = lineY + 1;
}

interface SignatureLayout {
  /** Whether the transcript needs its own row under the date and the signature. */
  twoRows: boolean;
  height: number;
}

const ROW = 30;

function signatureLayout(w: PdfWriter, transcript: string, size: number): SignatureLayout {
  const twoRows = transcript !== '' && !w.fits(transcript, w.width - 325, size);
  return { twoRows, height: twoRows ? 2 * ROW : ROW };
}

/** Everything under the body that must stay with it: signatures, receipt, the pupil, registration. */
function tailHeight(w: PdfWriter, text: ConsentText, a: ConsentApplication): number {
  const doc = w.doc;
  const size = 9;
  w.font(FONT.regular, size);
  let h = signatureLayout(w, a.guardian?.signature ?? '', size).height + 8;
  if (text.receipt) h += doc.heightOfString(text.receipt, { width: w.width }) + ROW + 10;
  if (text.pupilConsent) {
    h += doc.heightOfString(text.pupilConsent, { width: w.width }) + 10;
    h += signatureLayout(w, a.child.signature, size).height;
  }
  return h + REGISTRATION_HEIGHT + 10;
}

/** The body's height at a font size, to pick a size that keeps the application on one page. */
/** Heights of paragraphs already measured: most of the wording is the same on every form. */
const measured = new WeakMap<object, Map<string, number>>();

function heightOf(
  w: PdfWriter,
  text: string,
  font: typeof FONT.regular | typeof FONT.bold,
  size: number,
  options: { width: number; lineGap?: number; indent?: number },
): number {
  let cache = measured.get(w.doc);
  if (!cache) measured.set(w.doc, (cache = new Map()));
  const key = `${font}|${size}|${options.width}|${options.indent ?? 0}|${text}`;
  let h = cache.get(key);
  if (h === undefined) {
    w.font(font, size);
    h = w.doc.heightOfString(text, options);
    cache.set(key, h);
  }
  return h;
}

function bodyHeight(w: PdfWriter, text: ConsentText, size: number): number {
  let h = heightOf(w, text.title, FONT.bold, 12, { width: w.width }) + 8;
  h += heightOf(w, text.subtitle, FONT.bold, size, { width: w.width - 80 });
  for (const p of text.paragraphs) {
    h +=
      heightOf(w, `${p.label ?? ''}${p.text}`, FONT.regular, size, {
        width: w.width - (p.label ? 12 : 0),
        lineGap: LINE_GAP,
        indent: p.label ? 0 : 20,
      }) + 3;
  }
  if (text.paperRequest) {
    h += heightOf(w, text.paperRequest, FONT.regular, size, { width: w.width - 16 }) + 8;
  }
  return h;
}

function bodySize(w: PdfWriter, text: ConsentText, tail: number): number {
  const available = w.bottom - w.doc.y - tail;
  const largest = BODY_SIZES[0]!;
  const h = bodyHeight(w, text, largest);
  if (h <= available) return largest;
  // The height grows about with the square of the size (taller lines, and more of them): start
  // from that estimate and step down, so a form is measured two or three times, not six.
  const guess = largest * Math.sqrt(available / h);
  const sizes = BODY_SIZES.filter((size) => size <= guess + 0.5);
  for (const size of sizes) {
    if (bodyHeight(w, text, size) <= available) return size;
  }
  return BODY_SIZES[BODY_SIZES.length - 1]!;
}

function body(w: PdfWriter, text: ConsentText, size: number, tail: number): void {
  const doc = w.doc;
  w.font(FONT.bold, 12);
  doc.text(text.title, w.left, doc.y, { width: w.width, align: 'center' });
  w.font(FONT.bold, size);
  doc.text(text.subtitle, w.left + 40, doc.y + 1, { width: w.width - 80, align: 'center' });
  doc.y += 6;
  text.paragraphs.forEach((p, i) => {
    const opts = {
      width: w.width - (p.label ? 12 : 0),
      align: 'justify' as const,
      lineGap: LINE_GAP,
      indent: p.label ? 0 : 20,
    };
    const last = i === text.paragraphs.length - 1 && !text.paperRequest;
    const h = heightOf(w, `${p.label ?? ''}${p.text}`, FONT.regular, size, {
      width: opts.width,
      lineGap: LINE_GAP,
      indent: opts.indent,
    });
    w.font(FONT.regular, size);
    // The last paragraph goes with the signatures; any other starts a page only when it must.
    w.ensure(last ? h + tail : Math.min(h, 3 * size));
    if (p.label) {
      w.font(FONT.bold, size);
      doc.text(p.label, w.left + 12, doc.y, { ...opts, continued: true });
      w.font(FONT.regular, size);
      doc.text(p.text, opts);
    } else {
      doc.text(p.text, w.left, doc.y, opts);
    }
    doc.y += 3;
  });
  if (text.paperRequest) {
    const h = heightOf(w, text.paperRequest, FONT.regular, size, {
      width: w.width - 16,
      lineGap: LINE_GAP,
    });
    w.font(FONT.regular, size);
    w.ensure(h + 6 + tail);
    const y = doc.y + 3;
    w.checkbox(w.left + 2, y + 1, 9);
    doc.text(text.paperRequest, w.left + 16, y, { width: w.width - 16, lineGap: LINE_GAP });
    doc.y += 3;
  }
}

/** Date, signature and its transcript on one row; the transcript on a second row when it is long. */
function signatureRow(
  w: PdfWriter,
  top: number,
  transcript: string,
  size: number,
  who: string,
): number {
  const doc = w.doc;
  const layout = signatureLayout(w, transcript, size);
  const y = top + 20;
  w.font(FONT.regular, size);
  doc.text('Дата', w.left, y - size - 2, { lineBreak: false });
  w.fillLine(w.left + 28, y, 95, '(число, месяц, год)');
  w.font(FONT.regular, size);
  doc.text('Подпись', w.left + 150, y - size - 2, { lineBreak: false });
  w.fillLine(w.left + 195, y, 110, who);
  if (layout.twoRows) {
    w.fillLine(w.left, y + ROW, w.width, '(расшифровка подписи)', transcript, size + 1);
  } else {
    w.fillLine(w.left + 325, y, w.width - 325, '(расшифровка подписи)', transcript, size + 1);
  }
  doc.x = w.left;
  return top + layout.height;
}

const REGISTRATION_HEIGHT = 44;

/** The school's registration mark: incoming number, date, who accepted the form. */
function registration(w: PdfWriter, top: number): void {
  const doc = w.doc;
  doc
    .save()
    .lineWidth(0.5)
    .rect(w.left, top, w.width, REGISTRATION_HEIGHT - 6)
    .stroke()
    .restore();
  w.font(FONT.bold, 8);
  doc.text('Отметка о регистрации заявления (заполняет школа)', w.left + 6, top + 3, {
    lineBreak: false,
  });
  const y = top + 26;
  w.font(FONT.regular, 8.5);
  doc.text('Вх. №', w.left + 6, y - 10, { lineBreak: false });
  w.fillLine(w.left + 34, y, 60, '(номер)');
  w.font(FONT.regular, 8.5);
  doc.text('от', w.left + 102, y - 10, { lineBreak: false });
  w.fillLine(w.left + 116, y, 80, '(дата)');
  w.font(FONT.regular, 8.5);
  doc.text('Принял(а)', w.left + 206, y - 10, { lineBreak: false });
  w.fillLine(w.left + 250, y, 70, '(подпись)');
  w.fillLine(w.left + 330, y, w.width - 336, '(должность, фамилия, инициалы)');
}

/** Date, signature and its transcript; the receipt of the login; the pupil; the registration block. */
function signatures(w: PdfWriter, text: ConsentText, a: ConsentApplication, size: number): void {
  const doc = w.doc;
  const signSize = Math.min(size, 9.5);
  let y = doc.y + 4;
  y = signatureRow(w, y, a.guardian?.signature ?? '', signSize, '(подпись родителя)');
  if (text.receipt) {
    w.font(FONT.regular, signSize);
    doc.text(text.receipt, w.left, y + 8, { width: w.width, lineGap: LINE_GAP });
    y = signatureRow(w, doc.y, a.guardian?.signature ?? '', signSize, '(подпись родителя)');
  }
  if (text.pupilConsent) {
    w.font(FONT.regular, signSize);
    doc.text(text.pupilConsent, w.left, y + 8, { width: w.width, lineGap: LINE_GAP });
    y = signatureRow(w, doc.y, a.child.signature, signSize, '(подпись обучающегося)');
  }
  registration(w, Math.max(y + 10, Math.min(w.bottom - REGISTRATION_HEIGHT, y + 40)));
  doc.x = w.left;
}
