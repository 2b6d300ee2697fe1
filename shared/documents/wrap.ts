// Line breaking for hand-drawn tables: explicit lines, so a tall cell can continue on the next page and nothing is cut.
import { textWidth } from './fast-text';
import type { Doc } from './pdf';

export interface Line {
  text: string;
  width: number;
}

/**
 * Breaks `text` into lines no wider than `width` with the document's current font and size.
 * Newlines start new lines; a word wider than the line is broken after its hyphens
 * ("Римская-" / "Корсаковых"), and only a hyphen-free piece still wider than the line is split by
 * characters (never dropped). Layouts size their columns so that this last resort is not needed.
 */
export function wrapText(doc: Doc, text: string, width: number): Line[] {
  const lines: Line[] = [];
  const whole = textWidth(doc, text);
  if (whole <= width && !text.includes('\n')) return [{ text, width: whole }];
  for (const paragraph of text.split('\n')) {
    wrapParagraph(doc, paragraph.replace(/\s+/g, ' ').trim(), width, lines);
  }
  return lines;
}

function wrapParagraph(doc: Doc, text: string, width: number, out: Line[]): void {
  if (text === '') {
    out.push({ text: '', width: 0 });
    return;
  }
  const space = textWidth(doc, ' ');
  let current = '';
  let currentWidth = 0;
  for (const word of text.split(' ')) {
    const w = textWidth(doc, word);
    if (current !== '' && currentWidth + space + w <= width) {
      current += ` ${word}`;
      currentWidth += space + w;
      continue;
    }
    if (current !== '') out.push({ text: current, width: currentWidth });
    if (w <= width) {
      current = word;
      currentWidth = w;
      continue;
    }
    // A word longer than the line: break after hyphens where possible, else by characters.
    let rest = word;
    while (rest !== '') {
      const n = breakPoint(doc, rest, width);
      const piece = rest.slice(0, n);
      rest = rest.slice(n);
      if (rest === '') {
        current = piece;
        currentWidth = textWidth(doc, piece);
      } else {
        out.push({ text: piece, width: textWidth(doc, piece) });
      }
    }
  }
  if (current !== '') out.push({ text: current, width: currentWidth });
}

/** Where to break a too-long word: after its last hyphen that fits, else the longest fitting prefix. */
function breakPoint(doc: Doc, s: string, width: number): number {
  if (textWidth(doc, s) <= width) return s.length;
  for (let i = s.length - 2; i > 0; i--) {
    if (s[i] === '-' && textWidth(doc, s.slice(0, i + 1)) <= width) return i + 1;
  }
  return fittingPrefix(doc, s, width);
}

/** Whether a text fits `width` on lines broken only between words and after hyphens. */
export function wrapsWhole(doc: Doc, text: string, width: number): boolean {
  for (const word of text.split(/\s+/)) {
    for (const piece of word.split(/(?<=-)/)) if (textWidth(doc, piece) > width) return false;
  }
  return true;
}

/** The longest prefix (at least one character) of `s` no wider than `width`. */
function fittingPrefix(doc: Doc, s: string, width: number): number {
  let lo = 1;
  let hi = s.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (textWidth(doc, s.slice(0, mid)) <= width) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
