// The PDF writer the documents share: A4 PDF/A-2b setup with embedded fonts, sections with "Стр. N из M"
// (or, for the bound year-end journal, "Лист N") footers, text fitting and small drawing helpers.
import PDFDocument from 'pdfkit';
import { putText, textWidth } from './fast-text';
import type { DocumentFonts } from './source';
import { safeInfo } from './source';

export type Doc = PDFKit.PDFDocument;

/** Registered font names. Always select fonts by these names: pdfkit caches them, raw bytes are re-parsed. */
export const FONT = { regular: 'doc-regular', bold: 'doc-bold', italic: 'doc-italic' } as const;
export type FontName = (typeof FONT)[keyof typeof FONT];

/** 1 mm in PDF points. */
export const MM = 72 / 25.4;

export interface Margins {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export interface DocumentMeta {
  title: string;
  subject: string;
  author: string;
  keywords?: string;
}

export interface PageSetup {
  layout: 'portrait' | 'landscape';
  margins: Margins;
  /** Printed at the left of every footer (e.g. the document's name); the page number goes right. */
  footerLabel?: string;
  /**
   * 'pages' (default): "Стр. N из M" per section, written at the end (pages stay in memory).
   * 'sheets': "Лист N" per section, written as each page starts, so finished pages leave memory
   * at once (the year-end journal of a whole school has thousands of pages).
   */
  numbering?: 'pages' | 'sheets';
}

/** The sections of a batch (a family, a student, a class) are numbered separately. */
interface Section {
  start: number;
  label: string;
}

const FOOTER_SIZE = 7.5;
const A4_LONG = 841.89;
const A4_SHORT = 595.28;

/**
 * Wraps a pdfkit document: pages belong to sections, each numbered "Стр. N из M" at the end.
 * Content is drawn between `top` and `bottom`; `ensure(h)` starts a new page when `h` points
 * do not fit.
 */
export class PdfWriter {
  readonly doc: Doc;
  private readonly sections: Section[] = [];
  private readonly setup: PageSetup;
  private readonly hasItalic: boolean;
  private readonly sheets: boolean;
  /** Sheets mode: the number of the current page in its section. */
  private sheet = 0;
  private pages = 0;
  private readonly chunks: Uint8Array[] = [];

  constructor(fonts: DocumentFonts, meta: DocumentMeta, setup: PageSetup) {
    this.setup = setup;
    this.sheets = setup.numbering === 'sheets';
    this.doc = new PDFDocument({
      size: 'A4',
      layout: setup.layout,
      margins: setup.margins,
      autoFirstPage: false,
      bufferPages: !this.sheets,
      pdfVersion: '1.7',
      subset: 'PDF/A-2b',
      // No structure tree is written (PDF/A-2b does not need one), so the file does not claim to be tagged.
      tagged: false,
      lang: 'ru-RU',
      displayTitle: true,
      // No default Helvetica: a standard font would not be embedded, which PDF/A forbids.
      font: null as unknown as string,
      info: {
        Title: safeInfo(meta.title),
        Author: safeInfo(meta.author),
        Subject: safeInfo(meta.subject),
        Keywords: safeInfo(meta.keywords ?? ''),
        Creator: 'Классный журнал',
        Producer: 'Классный журнал (PDFKit)',
      },
    });
    // Collect the output as pdfkit writes it (pages are written as they end in sheets mode).
    this.doc.on('data', (chunk: Uint8Array) => this.chunks.push(chunk));
    this.doc.registerFont(FONT.regular, fonts.regular);
    this.doc.registerFont(FONT.bold, fonts.bold);
    this.hasItalic = fonts.italic !== undefined;
    if (fonts.italic) this.doc.registerFont(FONT.italic, fonts.italic);
  }

  get margins(): Margins {
    return this.setup.margins;
  }
  /** A4 in points, as laid out (known before the first page exists, for planning). */
  get pageWidth(): number {
    return this.setup.layout === 'landscape' ? A4_LONG : A4_SHORT;
  }
  get pageHeight(): number {
    return this.setup.layout === 'landscape' ? A4_SHORT : A4_LONG;
  }
  get left(): number {
    return this.setup.margins.left;
  }
  get right(): number {
    return this.pageWidth - this.setup.margins.right;
  }
  get width(): number {
    return this.right - this.left;
  }
  get top(): number {
    return this.setup.margins.top;
  }
  get bottom(): number {
    return this.pageHeight - this.setup.margins.bottom;
  }
  get y(): number {
    return this.doc.y;
  }
  set y(v: number) {
    this.doc.y = v;
  }

  /** Selects a registered font (italic falls back to regular) and a size. */
  font(name: FontName, size: number): this {
    const resolved = name === FONT.italic && !this.hasItalic ? FONT.regular : name;
    this.doc.font(resolved).fontSize(size);
    return this;
  }

  /** Starts a new section (family, student, class) on a new page. */
  section(label: string): void {
    this.sections.push({ start: this.pageCount(), label });
    this.sheet = 0;
    this.addPage();
  }

  /** Starts a new page of the current section. */
  newPage(): void {
    this.addPage();
  }

  /** The current page's number in its section (sheets mode: the sheet number printed on it). */
  get sectionPage(): number {
    return this.sheets ? this.sheet : this.pageCount() - (this.sections.at(-1)?.start ?? 0);
  }

  private addPage(): void {
    this.doc.addPage();
    this.pages++;
    if (!this.sheets) return;
    this.sheet++;
    this.footer(this.sections.at(-1)?.label ?? '', `Лист ${this.sheet}`);
    this.doc.x = this.left;
    this.doc.y = this.top;
  }

  /** Moves to a new page unless `height` points still fit on this one. Returns whether it did. */
  ensure(height: number): boolean {
    if (this.doc.y + height <= this.bottom) return false;
    this.newPage();
    return true;
  }

  pageCount(): number {
    return this.pages;
  }

  /** Writes the footers, ends the document and returns its bytes. */
  async finish(): Promise<Uint8Array> {
    const doc = this.doc;
    if (this.pageCount() === 0) this.section('');
    const chunks = this.chunks;
    const done = new Promise<Uint8Array>((resolve, reject) => {
      doc.on('end', () => resolve(concat(chunks)));
      doc.on('error', reject);
    });
    if (!this.sheets) this.writeFooters();
    doc.end();
    return done;
  }

  private writeFooters(): void {
    const doc = this.doc;
    const total = this.pageCount();
    const sections = this.sections.length ? this.sections : [{ start: 0, label: '' }];
    for (let i = 0; i < sections.length; i++) {
      const s = sections[i]!;
      const end = sections[i + 1]?.start ?? total;
      for (let p = s.start; p < end; p++) {
        doc.switchToPage(p);
        let pageText = `Стр. ${p - s.start + 1} из ${end - s.start}`;
        if (sections.length > 1) pageText += ` (лист ${p + 1} из ${total})`;
        this.footer(s.label, pageText);
      }
    }
  }

  /** The footer of the current page: the labels left, the page or sheet number right. */
  private footer(sectionLabel: string, pageText: string): void {
    const doc = this.doc;
    const saved = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - this.setup.margins.bottom + 12;
    this.font(FONT.regular, FOOTER_SIZE);
    doc.fillColor('#444444');
    const label = [this.setup.footerLabel, sectionLabel].filter(Boolean).join(' · ');
    if (label) {
      // Smaller type before any cut: a name in the label stays whole where it can.
      const size = this.fitSize(label, this.width * 0.72, FOOTER_SIZE, 5.5) ?? 5.5;
      this.font(FONT.regular, size);
      putText(doc, fitText(doc, label, this.width * 0.72), this.left, y + (FOOTER_SIZE - size));
      this.font(FONT.regular, FOOTER_SIZE);
    }
    putText(doc, pageText, this.right - textWidth(doc, pageText), y);
    doc.fillColor('black');
    doc.page.margins.bottom = saved;
  }

  /**
   * The largest font size from `size` down to `minSize` (steps of 0.5) at which `text` fits
   * `width` on one line; null when it does not fit even at `minSize`. Leaves that font selected.
   */
  fitSize(
    text: string,
    width: number,
    size: number,
    minSize: number,
    font: FontName = FONT.regular,
  ): number | null {
    this.font(font, size);
    const natural = textWidth(this.doc, text);
    if (natural <= width) return size;
    // Width scales linearly with the size: start from the estimate, then step down.
    let s = Math.floor(((size * width) / natural) * 2) / 2;
    for (; s >= minSize; s -= 0.5) {
      this.font(font, s);
      if (textWidth(this.doc, text) <= width) return s;
    }
    this.font(font, size);
    return null;
  }

  /** A check box drawn as a square (no font has ☐), optionally ticked. */
  checkbox(x: number, y: number, size = 9, ticked = false): void {
    const doc = this.doc;
    doc.save().lineWidth(0.8).rect(x, y, size, size).stroke();
    if (ticked) {
      doc
        .moveTo(x + size * 0.2, y + size * 0.55)
        .lineTo(x + size * 0.42, y + size * 0.8)
        .lineTo(x + size * 0.82, y + size * 0.2)
        .stroke();
    }
    doc.restore();
  }

  /**
   * A horizontal line to sign or write on, with a small caption under it. The value stands on the
   * line in one line of text, made smaller when long (down to 6.5 pt); it never wraps onto the
   * caption. `fits` tells beforehand whether a value will fit.
   */
  fillLine(x: number, y: number, width: number, caption?: string, value?: string, size = 10): void {
    const doc = this.doc;
    doc
      .save()
      .lineWidth(0.5)
      .moveTo(x, y)
      .lineTo(x + width, y)
      .stroke()
      .restore();
    if (value) {
      const fitted = this.fitSize(value, width - 4, size, 6.5) ?? 6.5;
      this.font(FONT.regular, fitted);
      doc.text(value, x + 2, y - fitted * 1.2, { lineBreak: false });
    }
    if (caption) {
      this.font(FONT.italic, 6.5);
      doc.text(caption, x, y + 1.5, { width, align: 'center', lineBreak: false });
    }
  }

  /** Whether `value` fits on a fill line of `width` (see fillLine). */
  fits(value: string, width: number, size = 10): boolean {
    return this.fitSize(value, width - 4, size, 6.5) !== null;
  }

  /** "М.П." — the place for the school's stamp, a dashed circle with the letters in it. */
  sealPlace(cx: number, cy: number, r = 26): void {
    const doc = this.doc;
    doc
      .save()
      .lineWidth(0.4)
      .dash(2, { space: 2 })
      .strokeColor('#777777')
      .circle(cx, cy, r)
      .stroke()
      .restore();
    this.font(FONT.regular, 9);
    const w = doc.widthOfString('М.П.');
    doc.text('М.П.', cx - w / 2, cy - 5, { lineBreak: false });
  }
}

/** Shortens a one-line text with "…" to fit `width` with the current font. */
function fitText(doc: Doc, text: string, width: number): string {
  if (textWidth(doc, text) <= width) return text;
  let s = text;
  while (s.length > 1 && textWidth(doc, `${s}…`) > width) s = s.slice(0, -1);
  return `${s.trimEnd()}…`;
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const c of chunks) length += c.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}
