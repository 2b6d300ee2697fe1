// A hand-drawn table: header rows (spans, rotated text) repeated on every page, rows that wrap and continue across pages.
import type { FontName, PdfWriter } from './pdf';
import { putText } from './fast-text';
import { FONT } from './pdf';
import type { Line } from './wrap';
import { wrapText } from './wrap';

export type Align = 'left' | 'center' | 'right';

export interface TableColumn {
  width: number;
  align?: Align;
}

export interface TableCell {
  text: string;
  align?: Align;
  bold?: boolean;
  italic?: boolean;
  /** Number of columns the cell covers (default 1). */
  span?: number;
}

export type CellInput = string | TableCell;

export interface TableRow {
  cells: CellInput[];
  bold?: boolean;
  /** A light grey background (statistics rows, section rows). */
  shade?: boolean;
  /** Keep this row and the next `keepRows - 1` rows on one page when they fit on a page. */
  keepRows?: number;
}

export interface HeaderCell {
  text: string;
  row: number;
  col: number;
  rowSpan?: number;
  colSpan?: number;
  /** Text turned 90° (reads bottom to top), for narrow columns. */
  rotate?: boolean;
}

export interface TableSpec {
  columns: TableColumn[];
  header: HeaderCell[];
  headerRows: number;
  fontSize: number;
  headerFontSize?: number;
  padX?: number;
  padY?: number;
  /** Called after every page break the table makes, before the header is repeated (page titles). */
  onPageBreak?: () => void;
  /**
   * Points that must fit under the last row on its page (what follows the table: totals, signatures).
   * When they do not, the last row moves to the next page with them, so that page never holds them alone.
   */
  tailReserve?: number;
}

interface CellLayout {
  x: number;
  width: number;
  lines: Line[];
  align: Align;
  font: FontName;
}

interface HeaderLayout {
  heights: number[];
  cells: { cell: HeaderCell; x: number; width: number; lines: Line[] }[];
}

const LINE = 1.18;
const GRID = '#000000';
const SHADE = '#e8e8e8';

/** Draws the table from the writer's current y; returns nothing, leaves `w.y` under the table. */
export function drawTable(w: PdfWriter, spec: TableSpec, rows: readonly TableRow[]): void {
  const doc = w.doc;
  const padX = spec.padX ?? 2.5;
  const padY = spec.padY ?? 1.5;
  const lineH = spec.fontSize * LINE;
  const headerSize = spec.headerFontSize ?? spec.fontSize;
  const x0 = w.left;
  const colX: number[] = [];
  let acc = x0;
  for (const c of spec.columns) {
    colX.push(acc);
    acc += c.width;
  }
  const totalWidth = acc - x0;
  const header = layoutHeader();
  const headerHeight = header.heights.reduce((a, b) => a + b, 0);
  let y = w.y;
  let rowsOnPage = 0;
  let currentFont = '';

  function setFont(name: FontName, size: number): void {
    const key = `${name}@${size}`;
    if (key === currentFont) return;
    w.font(name, size);
    currentFont = key;
  }

  function layoutHeader(): HeaderLayout {
    const hLine = headerSize * LINE;
    const heights = Array.from({ length: spec.headerRows }, () => hLine + 2 * padY);
    const cells: HeaderLayout['cells'] = [];
    w.font(FONT.bold, headerSize);
    for (const cell of spec.header) {
      const span = cell.colSpan ?? 1;
      const x = colX[cell.col] ?? x0;
      let width = 0;
      for (let i = cell.col; i < cell.col + span; i++) width += spec.columns[i]?.width ?? 0;
      const lines = cell.rotate
        ? wrapText(doc, cell.text, 90)
        : wrapText(doc, cell.text, Math.max(4, width - 2 * padX));
      const need = cell.rotate
        ? Math.max(...lines.map((l) => l.width)) + 2 * padY + 2
        : lines.length * hLine + 2 * padY;
      const last = cell.row + (cell.rowSpan ?? 1) - 1;
      let have = 0;
      for (let r = cell.row; r <= last; r++) have += heights[r] ?? 0;
      if (need > have && heights[last] !== undefined) heights[last] += need - have;
      cells.push({ cell, x, width, lines });
    }
    return { heights, cells };
  }

  function drawHeader(): void {
    if (spec.headerRows === 0) return;
    const hLine = headerSize * LINE;
    setFont(FONT.bold, headerSize);
    const rowY: number[] = [];
    let ry = y;
    for (const h of header.heights) {
      rowY.push(ry);
      ry += h;
    }
    doc.save().rect(x0, y, totalWidth, headerHeight).fill(SHADE).restore();
    const cellHeight = (cell: HeaderCell): number => {
      let height = 0;
      for (let r = cell.row; r < cell.row + (cell.rowSpan ?? 1); r++)
        height += header.heights[r] ?? 0;
      return height;
    };
    doc.save().lineWidth(0.6).strokeColor(GRID);
    for (const { cell, x, width } of header.cells)
      doc.rect(x, rowY[cell.row] ?? y, width, cellHeight(cell));
    doc.stroke().restore();
    for (const { cell, x, width, lines } of header.cells) {
      const top = rowY[cell.row] ?? y;
      const height = cellHeight(cell);
      if (cell.rotate) {
        const stack = lines.length * hLine;
        lines.forEach((line, i) => {
          const ox = x + (width - stack) / 2 + i * hLine;
          const oy = top + (height + line.width) / 2;
          doc.save().rotate(-90, { origin: [ox, oy] });
          putText(doc, line.text, ox, oy);
          doc.restore();
        });
      } else {
        const textTop = top + (height - lines.length * hLine) / 2;
        lines.forEach((line, i) => {
          const lx = x + Math.max(padX, (width - line.width) / 2);
          putText(doc, line.text, lx, textTop + i * hLine);
        });
      }
    }
    y += headerHeight;
  }

  function pageBreak(): void {
    w.newPage();
    currentFont = '';
    spec.onPageBreak?.();
    currentFont = '';
    y = w.y;
    rowsOnPage = 0;
    drawHeader();
  }

  function layoutRow(row: TableRow): CellLayout[] {
    const out: CellLayout[] = [];
    let col = 0;
    for (const input of row.cells) {
      const cell: TableCell = typeof input === 'string' ? { text: input } : input;
      const span = cell.span ?? 1;
      let width = 0;
      for (let i = col; i < col + span; i++) width += spec.columns[i]?.width ?? 0;
      const font: FontName =
        cell.bold || row.bold ? FONT.bold : cell.italic ? FONT.italic : FONT.regular;
      setFont(font, spec.fontSize);
      const lines = cell.text === '' ? [] : wrapText(doc, cell.text, Math.max(4, width - 2 * padX));
      out.push({
        x: colX[col] ?? x0,
        width,
        lines,
        align: cell.align ?? spec.columns[col]?.align ?? 'left',
        font,
      });
      col += span;
    }
    return out;
  }

  function drawChunk(cells: CellLayout[], row: TableRow, from: number, count: number): void {
    const height = count * lineH + 2 * padY;
    if (row.shade) doc.save().rect(x0, y, totalWidth, height).fill(SHADE).restore();
    for (const c of cells) {
      const end = Math.min(c.lines.length, from + count);
      if (from >= end) continue;
      setFont(c.font, spec.fontSize);
      for (let i = from; i < end; i++) {
        const line = c.lines[i]!;
        const lx =
          c.align === 'left'
            ? c.x + padX
            : c.align === 'right'
              ? c.x + c.width - padX - line.width
              : c.x + (c.width - line.width) / 2;
        putText(doc, line.text, lx, y + padY + (i - from) * lineH);
      }
    }
    doc.save().lineWidth(0.5).strokeColor(GRID);
    doc.rect(x0, y, totalWidth, height);
    for (const c of cells.slice(1)) doc.moveTo(c.x, y).lineTo(c.x, y + height);
    doc.stroke().restore();
    y += height;
    rowsOnPage++;
  }

  const bodyHeight = w.bottom - w.top;
  const heightOf = (r: TableRow) =>
    Math.max(1, ...layoutRow(r).map((c) => c.lines.length)) * lineH + 2 * padY;
  const tail = spec.tailReserve ?? 0;

  // Keep the header together with at least one line of the first row (with the whole row and
  // the tail when that row is the only one).
  const only = rows.length === 1 ? heightOf(rows[0]!) + tail : 0;
  const firstNeed = headerHeight + (only > 0 && only <= bodyHeight * 0.8 ? only : lineH + 2 * padY);
  if (y + firstNeed > w.bottom && y > w.top + 1) pageBreak();
  else drawHeader();
  rows.forEach((row, rowIndex) => {
    const isLast = rowIndex === rows.length - 1;
    if (row.keepRows && row.keepRows > 1 && rowsOnPage > 0) {
      let groupHeight = 0;
      const group = rows.slice(rowIndex, rowIndex + row.keepRows);
      for (const r of group) groupHeight += heightOf(r);
      // A group that ends the table takes the tail with it.
      if (rowIndex + row.keepRows >= rows.length) groupHeight += tail;
      if (y + groupHeight > w.bottom && groupHeight <= bodyHeight * 0.8) pageBreak();
    }
    const cells = layoutRow(row);
    const n = Math.max(1, ...cells.map((c) => c.lines.length));
    if (isLast && tail > 0 && rowsOnPage > 0) {
      const h = n * lineH + 2 * padY;
      if (y + h <= w.bottom && y + h + tail > w.bottom && h + tail <= bodyHeight * 0.8) pageBreak();
    }
    let from = 0;
    while (from < n) {
      const restHeight = (n - from) * lineH + 2 * padY;
      if (y + restHeight <= w.bottom) {
        drawChunk(cells, row, from, n - from);
        break;
      }
      const avail = Math.floor((w.bottom - y - 2 * padY) / lineH);
      // A row that fits a page moves whole; a taller one is split, never cut.
      if (rowsOnPage > 0 && ((from === 0 && restHeight <= bodyHeight * 0.6) || avail < 2)) {
        pageBreak();
        continue;
      }
      const take = Math.min(Math.max(1, avail), n - from);
      drawChunk(cells, row, from, take);
      from += take;
      if (from < n) pageBreak();
    }
  });
  w.y = y;
  w.doc.x = w.left;
}
