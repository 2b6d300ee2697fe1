// The PDF writer the documents share: A4 PDF/A-2b setup with embedded fonts, sections with "Стр. N из M" footers, small drawing helpers.
import PDFDocument from 'pdfkit';
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
}

/** The sections of a batch (a family, a student, a class) are numbered separately. */
interface Section {
  start: number;
  label: string;
}

const FOOTER_SIZE = 7.5;

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

  constructor(fonts: DocumentFonts, meta: DocumentMeta, setup: PageSetup) {
    this.setup = setup;
    this.doc = new PDFDocument({
      size: 'A4',
      layout: setup.layout,
      margins: setup.margins,
      autoFirstPage: false,
      bufferPages: true,
      pdfVersion: '1.7',
      subset: 'PDF/A-2b',
      tagged: true,
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
    this.doc.registerFont(FONT.regular, fonts.regular);
    this.doc.registerFont(FONT.bold, fonts.bold);
    this.hasItalic = fonts.italic !== undefined;
    if (fonts.italic) this.doc.registerFont(FONT.italic, fonts.italic);
  }

  get margins(): Margins {
    return this.setup.margins;
  }
  get pageWidth(): number {
    return this.doc.page.width;
  }
  get pageHeight(): number {
    return this.doc.page.height;
  }
  get left(): number {
    return this.setup.margins.left;
  }
  get right(): number {
    return this.doc.page.width - this.setup.margins.right;
  }
  get width(): number {
    return this.right - this.left;
  }
  get top(): number {
    return this.setup.margins.top;
  }
  get bottom(): number {
    return this.doc.page.height - this.setup.margins.bottom;
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
    this.doc.addPage();
    this.sections.push({ start: this.pageCount() - 1, label });
  }

  /** Starts a new page of the current section. */
  newPage(): void {
    this.doc.addPage();
  }

  /** Moves to a new page unless `height` points still fit on this one. Returns whether it did. */
  ensure(height: number): boolean {
    if (this.doc.y + height <= this.bottom) return false;
    this.newPage();
    return true;
  }

  pageCount(): number {
    const r = this.doc.bufferedPageRange();
    return r.start + r.count;
  }

  /** Writes the footers, ends the document and returns its bytes. */
  async finish(): Promise<Uint8Array> {
    const doc = this.doc;
    if (this.pageCount() === 0) this.section('');
    const chunks: Uint8Array[] = [];
    const done = new Promise<Uint8Array>((resolve, reject) => {
      doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
      doc.on('end', () => resolve(concat(chunks)));
      doc.on('error', reject);
    });
    this.writeFooters();
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
        const saved = doc.page.margins.bottom;
        doc.page.margins.bottom = 0;
        const y = doc.page.height - this.setup.margins.bottom + 12;
        this.font(FONT.regular, FOOTER_SIZE);
        doc.fillColor('#444444');
        const label = [this.setup.footerLabel, s.label].filter(Boolean).join(' · ');
        if (label)
          doc.text(fitText(doc, label, this.width * 0.72), this.left, y, { lineBreak: false });
        let pageText = `Стр. ${p - s.start + 1} из ${end - s.start}`;
        if (sections.length > 1) pageText += ` (лист ${p + 1} из ${total})`;
        const w = doc.widthOfString(pageText);
        doc.text(pageText, this.right - w, y, { lineBreak: false });
        doc.fillColor('black');
        doc.page.margins.bottom = saved;
      }
    }
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

  /** A horizontal line to sign or write on, with a small caption under it. */
  fillLine(x: number, y: number, width: number, caption?: string, value?: string): void {
    const doc = this.doc;
    doc
      .save()
      .lineWidth(0.5)
      .moveTo(x, y)
      .lineTo(x + width, y)
      .stroke()
      .restore();
    if (value) {
      this.font(FONT.regular, 10);
      doc.text(value, x + 2, y - 12, { width: width - 4, lineBreak: false, ellipsis: false });
    }
    if (caption) {
      this.font(FONT.italic, 6.5);
      doc.text(caption, x, y + 1.5, { width, align: 'center', lineBreak: false });
    }
  }
}

/** Shortens a one-line text with "…" to fit `width` with the current font. */
function fitText(doc: Doc, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let s = text;
  while (s.length > 1 && doc.widthOfString(`${s}…`) > width) s = s.slice(0, -1);
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
