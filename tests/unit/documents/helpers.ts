// Test helpers: a demo school with hard cases added, and the poppler/qpdf tools to check the PDFs.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSchool } from '../../../shared/demo';
import type { Snapshot } from '../../../shared/snapshot';

const dir = mkdtempSync(join(tmpdir(), 'journal-pdf-'));
let seq = 0;

/** Writes the bytes to a temporary file and returns its path. */
export function savePdf(bytes: Uint8Array, name = 'doc'): string {
  const path = join(dir, `${name}-${++seq}.pdf`);
  writeFileSync(path, bytes);
  return path;
}

/** `qpdf --check`: exit code 0 and "No syntax or stream encoding errors". */
export function qpdfCheck(path: string): { ok: boolean; output: string } {
  const r = spawnSync('qpdf', ['--check', path], { encoding: 'utf8' });
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

/** Rows of `pdffonts`: name and the emb/sub/uni flags. */
export function pdfFonts(path: string): { name: string; emb: string; sub: string; uni: string }[] {
  const out = execFileSync('pdffonts', [path], { encoding: 'utf8' });
  return out
    .split('\n')
    .slice(2)
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const cols = l.trim().split(/\s+/);
      // The last five columns: emb sub uni objectId generation.
      const n = cols.length;
      return {
        name: cols[0] ?? '',
        emb: cols[n - 5] ?? '',
        sub: cols[n - 4] ?? '',
        uni: cols[n - 3] ?? '',
      };
    });
}

export function pdfText(path: string, mode: 'layout' | 'raw' = 'layout'): string {
  return execFileSync('pdftotext', [`-${mode}`, path, '-'], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
}

export function pdfInfo(path: string): { pages: number; pageSize: string; meta: string } {
  const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  const meta = execFileSync('pdfinfo', ['-meta', path], { encoding: 'utf8' });
  return {
    pages: Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0),
    pageSize: /Page size:\s+(.*)/.exec(info)?.[1] ?? '',
    meta,
  };
}

/**
 * The text without page furniture: footers ("… Стр. N из M") and the given repeated table-header
 * lines, so that a cell continued on the next page reads as one text.
 */
export function withoutFurniture(raw: string, headerLines: readonly string[] = []): string {
  return raw
    .split('\n')
    .filter((l) => !/Стр\. \d+ из \d+/.test(l) && !headerLines.includes(l.trim()))
    .join('\n');
}

/** Whitespace removed: text printed across lines and columns compares equal. */
export function squash(s: string): string {
  return s.replace(/\s+/g, '');
}

/** Asserts that the squashed text contains the phrase, without dumping the whole text on failure. */
export function assertHas(flat: string, phrase: string): void {
  if (!flat.includes(squash(phrase))) throw new Error(`the PDF text lacks «${phrase}»`);
}

export interface WordBox {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Every word of every page with its box (`pdftotext -bbox`), page by page. */
export function wordBoxes(path: string, first?: number, last?: number): WordBox[][] {
  const args = ['-bbox'];
  if (first) args.push('-f', String(first));
  if (last) args.push('-l', String(last));
  const html = execFileSync('pdftotext', [...args, path, '-'], {
    encoding: 'utf8',
    maxBuffer: 256 << 20,
  });
  const pages: WordBox[][] = [];
  for (const page of html.split('<page ').slice(1)) {
    const words: WordBox[] = [];
    const re =
      /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g;
    for (let m = re.exec(page); m; m = re.exec(page)) {
      words.push({
        xMin: Number(m[1]),
        yMin: Number(m[2]),
        xMax: Number(m[3]),
        yMax: Number(m[4]),
        text: m[5]!
          .replace(/&amp;/g, '&')
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>')
          .replace(/&quot;/g, '"'),
      });
    }
    pages.push(words);
  }
  return pages;
}

/**
 * Pairs of words printed over each other: boxes whose intersection covers more than a quarter of
 * the smaller box (lines set closer than the font's box height touch by a sliver, never by that much).
 */
export function overlappingWords(pages: readonly WordBox[][]): string[] {
  const found: string[] = [];
  pages.forEach((words, p) => {
    const sorted = [...words].sort((a, b) => a.yMin - b.yMin);
    for (let i = 0; i < sorted.length; i++) {
      const a = sorted[i]!;
      for (let j = i + 1; j < sorted.length; j++) {
        const b = sorted[j]!;
        if (b.yMin >= a.yMax) break;
        const w = Math.min(a.xMax, b.xMax) - Math.max(a.xMin, b.xMin);
        const h = Math.min(a.yMax, b.yMax) - Math.max(a.yMin, b.yMin);
        if (w <= 0 || h <= 0) continue;
        const area = (x: WordBox) => (x.xMax - x.xMin) * (x.yMax - x.yMin);
        if (w * h > 0.25 * Math.min(area(a), area(b))) {
          found.push(`page ${p + 1}: «${a.text}» over «${b.text}»`);
        }
      }
    }
  });
  return found;
}

/** Renders pages to PNG at 80 dpi (as a person would look at them) and returns the files. */
export function renderPng(path: string, first = 1, last = first): string[] {
  const prefix = path.replace(/\.pdf$/, '');
  execFileSync('pdftoppm', [
    '-r',
    '80',
    '-png',
    '-f',
    String(first),
    '-l',
    String(last),
    path,
    prefix,
  ]);
  const out: string[] = [];
  const digits = String(pdfInfo(path).pages).length;
  for (let p = first; p <= last; p++) out.push(`${prefix}-${String(p).padStart(digits, '0')}.png`);
  return out;
}

/** Every common check: qpdf, embedded Unicode fonts, PDF/A-2b metadata. */
export function checkPdf(path: string): void {
  const q = qpdfCheck(path);
  if (!q.ok) throw new Error(`qpdf --check failed:\n${q.output}`);
  const fonts = pdfFonts(path);
  if (fonts.length === 0) throw new Error('no fonts');
  for (const f of fonts) {
    if (f.emb !== 'yes' || f.sub !== 'yes' || f.uni !== 'yes')
      throw new Error(`font ${f.name}: ${JSON.stringify(f)}`);
  }
  const { meta } = pdfInfo(path);
  if (
    !/<pdfaid:part>2<\/pdfaid:part>/.test(meta) ||
    !/<pdfaid:conformance>B<\/pdfaid:conformance>/.test(meta)
  ) {
    throw new Error(`no PDF/A-2b in XMP:\n${meta}`);
  }
  // No structure tree is written, so the file must not claim to be tagged.
  const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  if (!/Tagged:\s+no/.test(info)) throw new Error(`the PDF claims to be tagged:\n${info}`);
}

/** A stamp's HLC text at a wall time (what the desktop writes). */
export function hlcOf(ms: number): string {
  return `${String(Math.floor(ms)).padStart(15, '0')}-00000-test`;
}

export const LONG_NAME = {
  lastName: 'Преображенская-Римская-Корсаковых',
  firstName: 'Аполлинария',
  middleName: 'Константиновна',
};

/** 2,000 characters of a lesson topic made of real words. */
export const LONG_TOPIC = (() => {
  const words =
    'Повторение и обобщение изученного материала по теме четверти с разбором типичных ошибок контрольной работы'.split(
      ' ',
    );
  let s = '';
  let i = 0;
  while (s.length < 2000) s += `${words[i++ % words.length]}${i} `;
  return s.slice(0, 2000).trim();
})();

/**
 * A demo school of 60 students (classes 5А and 7А), with: a student whose full name is 60
 * characters, a lesson after the issue date with a 2,000-character topic, a deferred period mark.
 */
export function testSchool(): { school: Snapshot; longStudentId: string; issuedOn: string } {
  const school = generateSchool({ students: 60, seed: 42 });
  const cls = school.classes.find((c) => c.name === '5А')!;
  const student = school.students.find((s) => s.classId === cls.id && s.status === 'active')!;
  Object.assign(student, LONG_NAME);
  const issuedOn = '2026-12-10';
  const lesson = school.lessons
    .filter((l) => l.classId === cls.id && l.date > issuedOn && l.status === 'held')
    .sort((a, b) => (a.date < b.date ? -1 : 1))[0]!;
  lesson.topic = LONG_TOPIC;
  lesson.homework = '';
  // Planned ahead: written on the day before the extract is issued.
  lesson.stamps.topic = { at: hlcOf(Date.parse('2026-12-09T10:00:00Z')), by: lesson.teacherId };
  return { school, longStudentId: student.id, issuedOn };
}
