// One journal page: a course in a period — the grid on the left, the selected lesson on the right.
import { useLayoutEffect, useMemo, useState } from 'react';
import type { Course } from '../../shared/course';
import type { LessonEntry } from '../../shared/lesson';
import type { Period } from '../../shared/period';
import { useSession } from '../app/session';
import { AddLessonForm } from './AddLessonForm';
import { CellHistory } from './CellHistory';
import { columnsKey, lessonColumns, type LessonColumn } from './columns';
import { JournalGrid } from './JournalGrid';
import { LessonPanel } from './LessonPanel';
import { sameEntry } from './cell-edit';
import { summarizeStudent, type StudentSummary } from './student-summary';
import { useCourseJournal } from './use-course-journal';
import { useGridEditing } from './use-grid-editing';
import type { SchoolData } from './use-school-data';

interface Props {
  course: Course;
  period: Period;
  data: SchoolData;
  caption: string;
  /** Called once the page has data on screen (for the open benchmark). */
  onReady?: () => void;
}

export function JournalPage({ course, period, data, caption, onReady }: Props) {
  const { lessons: repository, staffId } = useSession();
  const klass = data.classes.get(course.classId);
  const group = course.groupId ? klass?.groups.find((g) => g.id === course.groupId) : undefined;
  const journal = useCourseJournal(course, period, group ? group.studentIds : null);
  const { policy, attendanceCodes } = data.school;

  const students = journal?.students ?? EMPTY;
  const lessons = journal?.lessons ?? EMPTY;
  const workTypes = useMemo(() => new Map(policy.workTypes.map((w) => [w.id, w])), [policy]);

  // Columns keep their identity while their headers look the same, so rows can skip rendering.
  const freshColumns = lessonColumns(lessons, policy);
  const key = columnsKey(freshColumns);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const columns: LessonColumn[] = useMemo(() => freshColumns, [key]);

  const entries = useMemo(
    () => students.map((s) => lessons.map((l): LessonEntry | undefined => l.entries[s.id])),
    [students, lessons],
  );
  // Only rows whose cells changed are summarized again: one keystroke, one proposal to recompute.
  // A new cache for every policy, code list or kind of period; rows are checked against it.
  const summaryCache = useMemo(
    () =>
      new Map<
        string,
        { row: readonly (LessonEntry | undefined)[]; key: string; summary: StudentSummary }
      >(),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [policy, attendanceCodes, period.kind, course.assessment],
  );
  const summaries = useMemo(() => {
    const cache = summaryCache;
    const ctx = {
      policy,
      codes: attendanceCodes,
      periodKind: period.kind,
      assessment: course.assessment,
    };
    return students.map((s, i) => {
      const row = entries[i] ?? [];
      const cached = cache.get(s.id);
      if (cached && cached.key === key && sameRowEntries(cached.row, row)) return cached.summary;
      const summary = summarizeStudent(lessons, s.id, ctx);
      cache.set(s.id, { row, key, summary });
      return summary;
    });
  }, [
    summaryCache,
    students,
    entries,
    lessons,
    key,
    policy,
    attendanceCodes,
    period.kind,
    course.assessment,
  ]);
  const studentIds = useMemo(() => students.map((s) => s.id), [students]);

  const editing = useGridEditing({
    studentIds,
    lessons,
    codes: attendanceCodes,
    policy,
    passFail: course.assessment === 'passFail',
    repository,
    readOnly: period.closed
      ? 'Период закрыт заместителем директора: изменения не принимаются.'
      : null,
  });

  const [historyOpen, setHistoryOpen] = useState(false);
  const ready = journal !== null;
  useLayoutEffect(() => {
    if (ready) onReady?.();
  }, [ready, onReady]);

  if (!journal) return <p className="loading">Открываем страницу журнала…</p>;
  const selectedLesson = lessons[editing.selection.col];
  const selectedStudent = students[editing.selection.row];

  return (
    <div className="journal-page">
      <section className="journal-left">
        {period.closed && (
          <p className="period-closed-notice" role="status">
            <strong>Период закрыт.</strong> Заместитель директора закрыл период «{period.name}»:
            отметки, пропуски и уроки изменить нельзя.
          </p>
        )}
        <JournalGrid
          caption={caption}
          students={students}
          columns={columns}
          entries={entries}
          summaries={summaries}
          workTypes={workTypes}
          workTypeList={policy.workTypes}
          editing={editing}
        />
        <p className="hint" role="status" aria-live="polite">
          {editing.hint ?? ''}
        </p>
        {selectedLesson && selectedStudent && (
          <button type="button" className="cell-history-open" onClick={() => setHistoryOpen(true)}>
            История клетки
          </button>
        )}
        {historyOpen && selectedLesson && selectedStudent && (
          <CellHistory
            lessonId={selectedLesson.id}
            studentId={selectedStudent.id}
            title={`${selectedStudent.lastName} ${selectedStudent.firstName}, ${columns[editing.selection.col]?.label ?? selectedLesson.date}`}
            onClose={() => setHistoryOpen(false)}
          />
        )}
        <p className="keys-help">
          Клавиши: 5 4 3 2 1 — отметка (можно несколько в клетке),{' '}
          {attendanceCodes.map((c) => c.code).join(', ')} — пропуск, Backspace — убрать последнюю,
          Delete — очистить, / — вид работы, Ctrl+Z / Ctrl+Y — отменить / повторить.
        </p>
      </section>
      <aside className="journal-right">
        {/* A closed period: every field of the lesson panel and the new-lesson form is disabled. */}
        <fieldset className="closed-guard" disabled={period.closed}>
          {selectedLesson && (
            <LessonPanel key={selectedLesson.id} lesson={selectedLesson} data={data} />
          )}
          <AddLessonForm
            course={course}
            period={period}
            staffId={staffId}
            bells={data.school.bells}
          />
        </fieldset>
      </aside>
    </div>
  );
}

const EMPTY: never[] = [];

/** Same cells in the same columns (a status or column change also changes the lessons' ids/length). */
function sameRowEntries(
  a: readonly (LessonEntry | undefined)[],
  b: readonly (LessonEntry | undefined)[],
): boolean {
  return a.length === b.length && a.every((e, i) => sameEntry(e, b[i]));
}
