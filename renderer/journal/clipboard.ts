// Copy and paste in the journal grid: a cell's text out («н», «5 4»), and text in — one cell, or a
// column of cells pasted from Excel (one line per student, the first cell of each line).
import type { LessonMarkValue } from '../../shared/grading-policy';
import { MARK_LABELS } from '../../shared/grading-policy';
import type { LessonEntry } from '../../shared/lesson';

export type PastedCell =
  | { kind: 'marks'; attendance: string | null; marks: LessonMarkValue[] }
  | { kind: 'empty' }
  | { kind: 'invalid'; text: string };

const MARKS: Record<string, LessonMarkValue> = { '5': '5', '4': '4', '3': '3', '2': '2', '1': '1' };

/** «оп 5 4» — what the cell shows. */
export function cellText(entry: LessonEntry | undefined): string {
  if (!entry) return '';
  return [entry.attendance ?? '', ...entry.marks.map((m) => MARK_LABELS[m.value])]
    .filter(Boolean)
    .join(' ');
}

/** Pasted text → one parsed cell per line (Excel puts a tab between cells: the first is taken). */
export function parsePaste(text: string, codes: readonly string[]): PastedCell[] {
  const lines = text.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');
  return lines.map((line) => {
    const first = (line.split('\t')[0] ?? '').trim().toLocaleLowerCase('ru');
    if (first === '') return { kind: 'empty' };
    let attendance: string | null = null;
    const marks: LessonMarkValue[] = [];
    for (const token of first.split(/[\s,;]+/)) {
      const mark = MARKS[token];
      if (mark) marks.push(mark);
      else if (codes.includes(token) && attendance === null) attendance = token;
      else return { kind: 'invalid', text: first };
    }
    return { kind: 'marks', attendance, marks };
  });
}
