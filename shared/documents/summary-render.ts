// Renders the term summary sheet: A4 landscape, each class from a new page, headers repeated, wide year sheets split by subjects.
import type { PdfWriter } from './pdf';
import { FONT, PdfWriter as Writer } from './pdf';
import type { DocumentFonts } from './source';
import { formatDate } from './source';
import type { ClassSummary, SummaryModel, SummarySubject } from './summary-model';
import type { HeaderCell, TableColumn, TableRow } from './table';
import { drawTable } from './table';

const NO_W = 18;
const NAME_W = 150;
const MISSED_W = 25;
const MIN_MARK_W = 15;
const BODY_SIZE = 7.5;
const HEADER_SIZE = 7;

export async function renderSummary(
  model: SummaryModel,
  fonts: DocumentFonts,
): Promise<Uint8Array> {
  const title = model.year
    ? 'Сводная ведомость учёта успеваемости (годовая)'
    : 'Сводная ведомость учёта успеваемости';
  const w = new Writer(
    fonts,
    {
      title: `${title}, ${model.schoolShortName}`,
      subject: model.classes.map((c) => c.className).join(', '),
      author: model.schoolShortName,
      keywords: 'сводная ведомость, успеваемость',
    },
    {
      layout: 'landscape',
      margins: { top: 28, bottom: 30, left: 28, right: 28 },
      footerLabel: `${model.schoolShortName}. ${title}`,
    },
  );
  for (const cls of model.classes) renderClass(w, model, cls);
  return w.finish();
}

function renderClass(w: PdfWriter, model: SummaryModel, cls: ClassSummary): void {
  w.section(`${cls.className} класс`);
  const chunks = chunkSubjects(cls.subjects, w.width - NO_W - NAME_W - 4 * MISSED_W);
  chunks.forEach((chunk, i) => {
    if (i > 0) w.newPage();
    const part =
      chunks.length > 1
        ? ` Предметы ${chunk.first + 1}–${chunk.first + chunk.subjects.length} из ${cls.subjects.length}.`
        : '';
    pageTitle(w, model, cls, false, part);
    drawClassTable(w, model, cls, chunk, () => pageTitle(w, model, cls, true, part));
  });
  afterTable(w, model, cls);
}

function pageTitle(
  w: PdfWriter,
  model: SummaryModel,
  cls: ClassSummary,
  continued: boolean,
  part: string,
): void {
  const doc = w.doc;
  w.font(FONT.bold, 11);
  const what = model.year ? `за ${cls.periodLabel}` : `за ${cls.periodLabel}`;
  doc.text(
    `Сводная ведомость учёта успеваемости обучающихся ${cls.className} класса ${what}` +
      (continued ? ' (продолжение)' : ''),
    w.left,
    w.top,
    { width: w.width, align: 'center' },
  );
  w.font(FONT.regular, 8.5);
  doc.text(
    `${model.schoolFullName}. Классный руководитель: ${sentence(cls.classTeacher || '________________')}${part}`,
    w.left,
    doc.y + 1,
    { width: w.width, align: 'center' },
  );
  doc.y += 6;
}

interface Chunk {
  first: number;
  subjects: SummarySubject[];
  /** Offset of the chunk's first sub-column in a row's `marks`. */
  markOffset: number;
  colWidth: number;
}

/** Splits the subjects so that every mark column is at least MIN_MARK_W wide. */
function chunkSubjects(subjects: SummarySubject[], available: number): Chunk[] {
  const perChunk = Math.max(1, Math.floor(available / MIN_MARK_W));
  const chunks: Chunk[] = [];
  let current: SummarySubject[] = [];
  let cols = 0;
  let first = 0;
  let offset = 0;
  let chunkOffset = 0;
  const close = () => {
    if (current.length === 0) return;
    chunks.push({
      first,
      subjects: current,
      markOffset: chunkOffset,
      colWidth: Math.min(48, available / cols),
    });
  };
  subjects.forEach((s, i) => {
    if (cols + s.columns.length > perChunk && current.length > 0) {
      close();
      current = [];
      cols = 0;
      first = i;
      chunkOffset = offset;
    }
    current.push(s);
    cols += s.columns.length;
    offset += s.columns.length;
  });
  close();
  if (chunks.length === 0) chunks.push({ first: 0, subjects: [], markOffset: 0, colWidth: 0 });
  return chunks;
}

function drawClassTable(
  w: PdfWriter,
  model: SummaryModel,
  cls: ClassSummary,
  chunk: Chunk,
  onPageBreak: () => void,
): void {
  const doc = w.doc;
  const columns: TableColumn[] = [{ width: NO_W, align: 'center' }, { width: NAME_W }];
  const header: HeaderCell[] = [
    { text: '№', row: 0, col: 0, rowSpan: 2 },
    { text: 'Фамилия, имя, отчество обучающегося', row: 0, col: 1, rowSpan: 2 },
  ];
  w.font(FONT.bold, HEADER_SIZE);
  const rotate =
    !model.year && chunk.subjects.some((s) => doc.widthOfString(s.short) > chunk.colWidth - 5);
  let col = 2;
  let subCols = 0;
  for (const s of chunk.subjects) {
    const span = s.columns.length;
    if (model.year) {
      header.push({ text: s.short, row: 0, col, colSpan: span });
      s.columns.forEach((label, i) => header.push({ text: label, row: 1, col: col + i }));
    } else {
      header.push({ text: s.short, row: 0, col, rowSpan: 2, rotate });
    }
    for (let i = 0; i < span; i++) columns.push({ width: chunk.colWidth, align: 'center' });
    col += span;
    subCols += span;
  }
  header.push(
    { text: 'Пропущено уроков', row: 0, col, colSpan: 2 },
    { text: 'всего', row: 1, col },
    { text: 'по бол.', row: 1, col: col + 1 },
    { text: 'Пропущено дней', row: 0, col: col + 2, colSpan: 2 },
    { text: 'всего', row: 1, col: col + 2 },
    { text: 'по бол.', row: 1, col: col + 3 },
  );
  for (let i = 0; i < 4; i++) columns.push({ width: MISSED_W, align: 'center' });

  const rows: TableRow[] = cls.rows.map((r) => ({
    cells: [
      String(r.no),
      r.name,
      ...r.marks.slice(chunk.markOffset, chunk.markOffset + subCols),
      String(r.lessonsMissed),
      String(r.lessonsByIllness),
      String(r.daysMissed),
      String(r.daysByIllness),
    ],
  }));
  const firstSubject = chunk.first;
  cls.stats.forEach((stat, i) => {
    rows.push({
      shade: true,
      keepRows: i === 0 ? cls.stats.length : undefined,
      cells: [
        { text: stat.label, span: 2, bold: true, align: 'left' },
        ...chunk.subjects.map((s, i) => ({
          text: stat.values[firstSubject + i] ?? '',
          span: s.columns.length,
          align: 'center' as const,
        })),
        { text: '', span: 4 },
      ],
    });
  });
  if (cls.rows.length === 0) {
    rows.unshift({
      cells: [{ text: 'В классе нет обучающихся', span: columns.length, italic: true }],
    });
  }
  drawTable(
    w,
    {
      columns,
      header,
      headerRows: 2,
      fontSize: BODY_SIZE,
      headerFontSize: HEADER_SIZE,
      padY: 1.2,
      onPageBreak,
    },
    rows,
  );
}

function afterTable(w: PdfWriter, model: SummaryModel, cls: ClassSummary): void {
  const doc = w.doc;
  w.ensure(70);
  w.font(FONT.regular, 8.5);
  doc.text(cls.totals, w.left, doc.y + 6, { width: w.width });
  doc.text(
    'Условные обозначения: н/а — не аттестован, осв. — освобождён, отср. — отсрочка выставления отметки, зач. — зачёт.',
    w.left,
    doc.y + 2,
    {
      width: w.width,
    },
  );
  const y = doc.y + 30;
  w.font(FONT.regular, 9);
  doc.text('Классный руководитель', w.left, y - 11, { lineBreak: false });
  w.fillLine(w.left + 120, y, 110, '(подпись)');
  w.fillLine(w.left + 240, y, 130, '(расшифровка)', cls.classTeacher);
  w.font(FONT.regular, 9);
  doc.text('Заместитель директора по УВР', w.left + 400, y - 11, { lineBreak: false });
  w.fillLine(w.left + 540, y, 90, '(подпись)');
  w.fillLine(w.left + 640, y, w.width - 640, '(расшифровка)', model.deputy);
  w.font(FONT.regular, 9);
  doc.text(`Дата: ${formatDate(model.issuedOn)}`, w.left, y + 16, { lineBreak: false });
  doc.x = w.left;
}

/** Ends a phrase with a period unless it already ends with one ("Волкова Н. Д."). */
function sentence(s: string): string {
  return s.endsWith('.') ? s : `${s}.`;
}
