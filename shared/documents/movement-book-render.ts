// «Книга движения обучающихся» as a PDF (A4 landscape): per class every movement with its order and
// the class's totals, then the counts of every class and of the school; from shared/reports/movement-book.ts.
import {
  MOVEMENT_BOOK_HEADERS,
  MOVEMENT_BOOK_KINDS,
  movementLabel,
  OUTSIDE,
  type MovementBook,
  type MovementBookKind,
} from '../reports/movement-book';
import { FONT, PdfWriter } from './pdf';
import type { DocumentFonts } from './source';
import { formatDate, safeInfo } from './source';
import type { HeaderCell, TableColumn, TableRow } from './table';
import { drawTable } from './table';

/** What the print worker receives for the book. */
export interface MovementBookModel {
  kind: 'movementBook';
  book: MovementBook;
  schoolFullName: string;
  schoolShortName: string;
  /** "YYYY-MM-DD", printed at the end. */
  issuedOn: string;
}

export function buildMovementBookModel(
  book: MovementBook,
  school: { fullName: string; shortName: string },
  issuedOn: string,
): MovementBookModel {
  return {
    kind: 'movementBook',
    book,
    schoolFullName: school.fullName,
    schoolShortName: school.shortName,
    issuedOn,
  };
}

const TITLE = 'Книга движения обучающихся';
const BODY = 8.5;

/** "прибыли из других школ — 1, выбыли — 2"; «движения не было» when every count is 0. */
export function countsText(counts: Record<MovementBookKind, number>): string {
  const parts = MOVEMENT_BOOK_KINDS.filter((k) => counts[k] > 0).map(
    (k) => `${MOVEMENT_BOOK_HEADERS[k].toLocaleLowerCase('ru')} — ${counts[k]}`,
  );
  return parts.length > 0 ? parts.join(', ') : 'движения не было';
}

export async function renderMovementBook(
  model: MovementBookModel,
  fonts: DocumentFonts,
): Promise<Uint8Array> {
  const { book } = model;
  const w = new PdfWriter(
    fonts,
    {
      title: TITLE,
      subject: safeInfo(`${book.yearName} учебный год`),
      author: safeInfo(model.schoolShortName),
      keywords: 'движение обучающихся',
    },
    {
      layout: 'landscape',
      margins: { top: 28, bottom: 30, left: 28, right: 28 },
      footerLabel: `${model.schoolShortName}. ${TITLE}, ${book.yearName}`,
    },
  );
  w.section('');
  const doc = w.doc;
  w.font(FONT.bold, 13);
  doc.text(TITLE, w.left, w.top, { width: w.width, align: 'center' });
  w.font(FONT.regular, 9.5);
  doc.text(model.schoolFullName, w.left, doc.y + 2, { width: w.width, align: 'center' });
  doc.text(`${book.yearName} учебный год`, w.left, doc.y + 1, { width: w.width, align: 'center' });
  doc.y += 8;

  const widths = [4, 30, 26, 14, 30, 11, 12];
  const total = widths.reduce((a, b) => a + b, 0);
  const columns: TableColumn[] = widths.map((c, i) => ({
    width: (w.width * c) / total,
    align: i === 0 ? 'right' : 'left',
  }));
  const header: HeaderCell[] = [
    '№',
    'Обучающийся',
    'Движение',
    'Откуда / куда',
    'Академическая задолженность',
    'Приказ №',
    'Дата приказа',
  ].map((text, col) => ({ text, row: 0, col }));

  for (const cls of book.classes) {
    const heading = (continued: boolean) => {
      w.font(FONT.bold, 11);
      const text = `${cls.className} класс${continued ? ' (продолжение)' : ''}`;
      doc.text(text, w.left, continued ? w.top : doc.y, { width: w.width });
      doc.y += 3;
    };
    w.ensure(70);
    heading(false);
    const rows: TableRow[] = cls.entries.map((e, i) => ({
      cells: [
        String(i + 1),
        e.student,
        movementLabel(e.kind, e.gender),
        e.otherClass ?? OUTSIDE[e.kind],
        e.debts.join(', '),
        e.orderNumber,
        formatDate(e.date),
      ],
    }));
    if (rows.length === 0) {
      rows.push({ cells: [{ text: 'Движения не было', span: columns.length, italic: true }] });
    }
    drawTable(
      w,
      {
        columns,
        header,
        headerRows: 1,
        fontSize: BODY,
        headerFontSize: 8,
        tailReserve: 16,
        onPageBreak: () => heading(true),
      },
      rows,
    );
    w.font(FONT.regular, BODY);
    doc.text(`Итого по ${cls.className} классу: ${countsText(cls.counts)}.`, w.left, doc.y + 4, {
      width: w.width,
    });
    doc.y += 12;
  }

  // The counts of every class and the school's total.
  w.ensure(120);
  w.font(FONT.bold, 11);
  doc.text('Итоги движения по классам', w.left, doc.y, { width: w.width });
  doc.y += 3;
  const countColumns: TableColumn[] = [
    { width: w.width * 0.12, align: 'left' },
    ...MOVEMENT_BOOK_KINDS.map(() => ({
      width: (w.width * 0.88) / MOVEMENT_BOOK_KINDS.length,
      align: 'right' as const,
    })),
  ];
  const countHeader: HeaderCell[] = [
    { text: 'Класс', row: 0, col: 0 },
    ...MOVEMENT_BOOK_KINDS.map((k, i) => ({ text: MOVEMENT_BOOK_HEADERS[k], row: 0, col: i + 1 })),
  ];
  const countRow = (name: string, counts: Record<MovementBookKind, number>): TableRow => ({
    cells: [name, ...MOVEMENT_BOOK_KINDS.map((k) => String(counts[k]))],
  });
  drawTable(
    w,
    { columns: countColumns, header: countHeader, headerRows: 1, fontSize: BODY, tailReserve: 40 },
    [
      ...book.classes.map((c) => countRow(c.className, c.counts)),
      { ...countRow('Итого по школе', book.totals), bold: true, shade: true },
    ],
  );
  w.ensure(40);
  w.font(FONT.regular, 9);
  doc.text(`Дата формирования: ${formatDate(model.issuedOn)}.`, w.left, doc.y + 10, {
    width: w.width,
  });
  doc.text('Заместитель директора ____________________', w.left, doc.y + 10, { width: w.width });
  return w.finish();
}
