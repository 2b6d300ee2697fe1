// Any flat table report (failing marks, missed lessons, test schedule, statistics…) as a PDF:
// A4 landscape, PDF/A-2b, the title and the table header repeated on every page, "Стр. N из M".
import type { TableCell as ReportCell, TableReport } from '../reports/table-report';
import { FONT, PdfWriter } from './pdf';
import type { DocumentFonts } from './source';
import { formatDate } from './source';
import type { Align, HeaderCell, TableColumn, TableRow } from './table';
import { drawTable } from './table';

/** What the print worker receives for a report. */
export interface ReportModel {
  kind: 'report';
  report: TableReport;
  schoolShortName: string;
  /** "YYYY-MM-DD", printed under the table. */
  issuedOn: string;
}

const BODY_SIZE = 8;
const HEADER_SIZE = 7.5;
/** Fallback width in characters of a column that names none. */
const DEFAULT_CHARS = 12;

/** Cell text: numbers with a decimal comma, empty for null. */
export function reportCellText(value: ReportCell | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value).replace('.', ',');
  return value;
}

/** Columns whose every value is a number (or empty) are right-aligned. */
function columnAligns(report: TableReport): Align[] {
  return report.columns.map((col) => {
    const values = report.rows.map((r) => r[col.key]).filter((v) => v !== null && v !== undefined);
    return values.length > 0 && values.every((v) => typeof v === 'number') ? 'right' : 'left';
  });
}

export async function renderReport(model: ReportModel, fonts: DocumentFonts): Promise<Uint8Array> {
  const { report } = model;
  const w = new PdfWriter(
    fonts,
    {
      title: report.title,
      subject: report.subtitle ?? '',
      author: model.schoolShortName,
      keywords: 'отчёт',
    },
    {
      layout: 'landscape',
      margins: { top: 28, bottom: 30, left: 28, right: 28 },
      footerLabel: `${model.schoolShortName}. ${report.title}`,
    },
  );
  w.section('');

  const heading = (continued: boolean) => {
    const doc = w.doc;
    w.font(FONT.bold, 11);
    doc.text(report.title + (continued ? ' (продолжение)' : ''), w.left, w.top, {
      width: w.width,
      align: 'center',
    });
    if (report.subtitle) {
      w.font(FONT.regular, 8.5);
      doc.text(report.subtitle, w.left, doc.y + 1, { width: w.width, align: 'center' });
    }
    doc.y += 6;
  };
  heading(false);

  const chars = report.columns.map((c) => Math.max(3, c.width ?? DEFAULT_CHARS));
  const totalChars = chars.reduce((a, b) => a + b, 0) || 1;
  const aligns = columnAligns(report);
  const columns: TableColumn[] = chars.map((c, i) => ({
    width: (w.width * c) / totalChars,
    align: aligns[i] ?? 'left',
  }));
  const header: HeaderCell[] = report.columns.map((c, i) => ({ text: c.header, row: 0, col: i }));
  const rows: TableRow[] = report.rows.map((row) => ({
    cells: report.columns.map((c) => reportCellText(row[c.key])),
  }));
  if (rows.length === 0) {
    rows.push({
      cells: [{ text: 'Нет данных', span: Math.max(1, columns.length), italic: true }],
    });
  }
  drawTable(
    w,
    {
      columns,
      header,
      headerRows: 1,
      fontSize: BODY_SIZE,
      headerFontSize: HEADER_SIZE,
      onPageBreak: () => heading(true),
    },
    rows,
  );

  w.ensure(24);
  w.font(FONT.regular, 8.5);
  w.doc.text(
    `Строк: ${report.rows.length}. Дата формирования: ${formatDate(model.issuedOn)}.`,
    w.left,
    w.doc.y + 6,
    { width: w.width },
  );
  return w.finish();
}
