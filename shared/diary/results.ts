// The diary's final marks: per subject the mark of each reporting period, the year, the exam and
// the final mark as soon as the teacher sets them (deferrals shown as such).
import { yearPeriods } from '../documents/periods';
import { formatDate } from '../dates';
import { PERIOD_MARK_TEXT, type DocumentSource } from '../documents/source';
import { childContext } from './child';

export interface DiaryResults {
  /** Column headings: "I четверть" … "Годовая", "Экзаменационная", "Итоговая". */
  columns: { periodId: string; name: string }[];
  rows: { subject: string; cells: string[]; notes: string[] }[];
  /** Whether any mark is set at all (else the page says so). */
  anySet: boolean;
}

export function diaryResults(source: DocumentSource, studentId: string): DiaryResults {
  const ctx = childContext(source, studentId);
  const { reporting, year, exam, final } = yearPeriods(source, ctx.cls);
  const columns = [...reporting, year, exam, final]
    .filter((p) => p !== undefined)
    .map((p) => ({ periodId: p.id, name: p.name }));
  let anySet = false;
  const rows = ctx.courses.map(({ course, subject }) => {
    const notes: string[] = [];
    const cells = columns.map((c) => {
      const entry = ctx.data.periodMark(course.id, c.periodId, studentId);
      if (entry?.value) {
        anySet = true;
        return PERIOD_MARK_TEXT[entry.value];
      }
      if (entry?.deferral) {
        notes.push(
          `${c.name}: отсрочка до ${formatDate(entry.deferral.due)} (${entry.deferral.reason})`,
        );
        return 'отср.';
      }
      return '';
    });
    return { subject: subject.name, cells, notes };
  });
  // Subjects without any exam or final column value keep empty cells: the table stays regular.
  return { columns, rows, anySet };
}
