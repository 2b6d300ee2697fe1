// What a change of a journal cell did, in the teacher's words, for the cell history: the marks and
// code before → after, or, when only a mark's work type (or comment) changed, that change by name.
import { MARK_LABELS, type LessonMarkValue, type WorkType } from '../../shared/grading-policy';

interface StoredMark {
  value?: unknown;
  workTypeId?: unknown;
  comment?: unknown;
}
interface StoredEntry {
  marks?: StoredMark[];
  attendance?: unknown;
}

function markLabel(value: unknown): string {
  const v = String(value ?? '');
  return v in MARK_LABELS ? MARK_LABELS[v as LessonMarkValue] : v;
}

function marksOf(value: unknown): StoredMark[] {
  if (value === null || typeof value !== 'object') return [];
  return (value as StoredEntry).marks ?? [];
}

function attendanceOf(value: unknown): string | null {
  if (value === null || typeof value !== 'object') return null;
  const a = (value as StoredEntry).attendance;
  return typeof a === 'string' ? a : null;
}

/** "5 4 н" — a cell value as the grid shows it; "пусто" for an empty one. */
export function cellValueText(value: unknown): string {
  const parts = marksOf(value).map((m) => markLabel(m.value));
  const code = attendanceOf(value);
  if (code !== null) parts.push(code);
  return parts.length > 0 ? parts.join(' ') : 'пусто';
}

/**
 * "5 → 5 4", or for the same marks with another work type "вид работы: Ответ на уроке →
 * Контрольная работа" (naming the mark when the cell holds several).
 */
export function cellChangeText(
  before: unknown,
  after: unknown,
  workTypes: ReadonlyMap<string, Pick<WorkType, 'name'>>,
): string {
  const was = marksOf(before);
  const now = marksOf(after);
  const sameMarks =
    was.length === now.length &&
    was.every((m, i) => String(m.value) === String(now[i]?.value)) &&
    attendanceOf(before) === attendanceOf(after);
  if (!sameMarks) return `${cellValueText(before)} → ${cellValueText(after)}`;
  const name = (id: unknown) => workTypes.get(String(id))?.name ?? String(id ?? '—');
  const changes: string[] = [];
  now.forEach((m, i) => {
    const old = was[i]!;
    const which = now.length > 1 ? ` отметки «${markLabel(m.value)}»` : '';
    if (String(old.workTypeId) !== String(m.workTypeId)) {
      changes.push(`вид работы${which}: ${name(old.workTypeId)} → ${name(m.workTypeId)}`);
    }
    if (String(old.comment ?? '') !== String(m.comment ?? '')) {
      changes.push(
        `комментарий${which}: «${String(old.comment ?? '')}» → «${String(m.comment ?? '')}»`,
      );
    }
  });
  return changes.length > 0 ? changes.join('; ') : `${cellValueText(after)} (без изменений)`;
}
