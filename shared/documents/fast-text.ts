// Text measured and written with the glyph layout done once per distinct string: the big tables (a whole
// school's year-end journal is thousands of pages of short cell texts) repeat the same few strings.
/** The pdfkit document (pdf.ts re-exports this type). */
type Doc = PDFKit.PDFDocument;

/** The bits of pdfkit's embedded font these helpers use (internal API of pdfkit 0.20). */
interface EmbeddedFont {
  id: string;
  ascender: number;
  ref(): unknown;
  encode(
    text: string,
  ): [string[], { xAdvance: number; advanceWidth: number; xOffset: number; yOffset: number }[]];
}

interface DocInternals {
  _font: EmbeddedFont;
  _fontSize: number;
  page: { fonts: Record<string, unknown> };
  addContent(s: string): void;
}

/** Width at size 1 per font and text. */
const widths = new WeakMap<Doc, Map<string, number>>();
/** The TJ operand per font and text; null where glyph offsets need pdfkit's own path. */
const runs = new WeakMap<Doc, Map<string, string | null>>();

function cacheOf<T>(map: WeakMap<Doc, Map<string, T>>, doc: Doc): Map<string, T> {
  let m = map.get(doc);
  if (!m) map.set(doc, (m = new Map()));
  return m;
}

/** `doc.widthOfString(text)` with the current font and size, cached. */
export function textWidth(doc: Doc, text: string): number {
  const d = doc as unknown as DocInternals;
  const key = `${d._font.id}\u0001${text}`;
  const cache = cacheOf(widths, doc);
  let unit = cache.get(key);
  if (unit === undefined) {
    unit = doc.widthOfString(text) / d._fontSize;
    cache.set(key, unit);
  }
  return unit * d._fontSize;
}

const num = (n: number) => Math.round(n * 1e6) / 1e6;

/**
 * One line of text with its top-left corner at (x, y), in the current font, size and colour: what
 * `doc.text(text, x, y, { lineBreak: false })` draws, without re-laying out a string seen before.
 */
export function putText(doc: Doc, text: string, x: number, y: number): void {
  if (text === '') return;
  const d = doc as unknown as DocInternals;
  const font = d._font;
  const key = `${font.id}\u0001${text}`;
  const cache = cacheOf(runs, doc);
  let run = cache.get(key);
  if (run === undefined) {
    const [encoded, positions] = font.encode(text);
    if (positions.some((p) => p.xOffset || p.yOffset)) {
      run = null;
    } else {
      const parts: string[] = [];
      let last = 0;
      for (let i = 0; i < positions.length; i++) {
        const p = positions[i]!;
        if (p.xAdvance - p.advanceWidth !== 0) {
          parts.push(
            `<${encoded.slice(last, i + 1).join('')}> ${num(-(p.xAdvance - p.advanceWidth))}`,
          );
          last = i + 1;
        }
      }
      if (last < encoded.length) parts.push(`<${encoded.slice(last).join('')}> 0`);
      run = `[${parts.join(' ')}] TJ`;
    }
    cache.set(key, run);
  }
  if (run === null) {
    doc.text(text, x, y, { lineBreak: false });
    return;
  }
  if (d.page.fonts[font.id] == null) d.page.fonts[font.id] = font.ref();
  const size = d._fontSize;
  const baseline = y + (font.ascender / 1000) * size;
  // The page's matrix is flipped (top-left origin); the text matrix flips back.
  d.addContent(
    `BT\n1 0 0 -1 ${num(x)} ${num(baseline)} Tm\n/${font.id} ${num(size)} Tf\n${run}\nET`,
  );
}
