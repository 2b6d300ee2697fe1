// One journal page: a course in a period — the grid on the left, the selected lesson on the right.
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { closedPeriodMessage } from '../../shared/closed-period';
import type { Course } from '../../shared/course';
import type { Lesson, LessonEntry } from '../../shared/lesson';
import { courseWriteRefusal, lessonRefusal, type Writer } from '../../shared/lesson-rights';
import type { Period } from '../../shared/period';
import { useRepositories, useSession } from '../data/session';
import { useCourseJournal } from '../data/use-course-journal';
import type { SchoolData } from '../data/use-school-data';
import { distinctNames } from '../../shared/student-names';
import { ClosedPeriodNotice } from '../ui/ClosedPeriodNotice';
import { AddLessonForm } from './AddLessonForm';
import { CellHistory } from './CellHistory';
import { lessonColumns, nearestLessonIndex, type LessonColumn } from './columns';
import { formatDate, todayIso } from '../../shared/dates';
import { JournalGrid } from './JournalGrid';
import { LessonPanel } from './LessonPanel';
import { sameEntry } from './cell-edit';
import { summarizeStudent, type StudentSummary } from './student-summary';
import { useGridEditing } from './use-grid-editing';

interface Props {
  course: Course;
  period: Period;
  data: SchoolData;
  caption: string;
  /** Called once the page has data on screen (for the open benchmark). */
  onReady?: () => void;
}

type SummaryRow = {
  row: readonly (LessonEntry | undefined)[];
  columns: string;
  summary: StudentSummary;
};

/** F6 in the grid: the topic of the selected lesson (or the first field of the panel). */
function focusLessonPanel() {
  document
    .querySelector<HTMLElement>('.lesson-panel input:not(:disabled), .lesson-panel textarea')
    ?.focus();
}

/** Esc in the lesson panel: back to the selected cell of the grid. */
function focusGrid() {
  document.querySelector<HTMLElement>('.journal-grid td[tabindex="0"]')?.focus();
}

export function JournalPage({ course, period, data, caption, onReady }: Props) {
  const { staffId } = useSession();
  const { lessons: repository } = useRepositories();
  const klass = data.classes.get(course.classId);
  const group = course.groupId ? klass?.groups.find((g) => g.id === course.groupId) : undefined;
  const journal = useCourseJournal(course, period, group ? group.studentIds : null);
  const { policy, attendanceCodes } = data.school;

  const students = journal?.students ?? EMPTY;
  const lessons = journal?.lessons ?? EMPTY;
  const workTypes = useMemo(() => new Map(policy.workTypes.map((w) => [w.id, w])), [policy]);

  // What the signed-in person may write here (shared/lesson-rights.ts), known before any write.
  const roles = data.staff.get(staffId)?.roles;
  const writer = useMemo((): Writer => ({ staffId, roles: roles ?? [] }), [staffId, roles]);
  const refusalOf = useCallback(
    (lesson: Lesson) =>
      lessonRefusal(writer, { courseTeacherId: course.teacherId, holderId: lesson.teacherId }),
    [writer, course.teacherId],
  );

  // Columns keep their identity while their headers look the same, so rows can skip rendering
  // (lessonColumns builds every column with its keys in one order, so the text compares them).
  const columnsText = JSON.stringify(lessonColumns(lessons, policy, refusalOf));
  const columns = useMemo(() => JSON.parse(columnsText) as LessonColumn[], [columnsText]);

  const entries = useMemo(
    () => students.map((s) => lessons.map((l): LessonEntry | undefined => l.entries[s.id])),
    [students, lessons],
  );
  // Only rows whose cells changed are summarized again: one keystroke, one proposal to recompute.
  // A new cache for every policy, code list or kind of period; rows are checked against it.
  const summaryCache = useMemo(
    () => ({
      ctx: {
        policy,
        codes: attendanceCodes,
        periodKind: period.kind,
        assessment: course.assessment,
      },
      rows: new Map<string, SummaryRow>(),
    }),
    [policy, attendanceCodes, period.kind, course.assessment],
  );
  const summaries = useMemo(
    () =>
      students.map((s, i) => {
        const row = entries[i] ?? [];
        const cached = summaryCache.rows.get(s.id);
        if (cached && cached.columns === columnsText && sameRowEntries(cached.row, row)) {
          return cached.summary;
        }
        const summary = summarizeStudent(lessons, s.id, summaryCache.ctx);
        summaryCache.rows.set(s.id, { row, columns: columnsText, summary });
        return summary;
      }),
    [summaryCache, students, entries, lessons, columnsText],
  );
  const studentIds = useMemo(() => students.map((s) => s.id), [students]);
  // Namesakes get what tells them apart (shared/student-names.ts).
  const gridStudents = useMemo(() => {
    const names = distinctNames(students);
    return students.map((s) => ({ id: s.id, name: names.get(s.id) ?? s.lastName }));
  }, [students]);

  const editing = useGridEditing({
    studentIds,
    lessons,
    codes: attendanceCodes,
    policy,
    passFail: course.assessment === 'passFail',
    repository,
    readOnly: period.closed ? closedPeriodMessage(period.name) : null,
    refusalOf,
    onLessonPanel: focusLessonPanel,
  });

  const [historyOpen, setHistoryOpen] = useState(false);
  const ready = journal !== null;
  useLayoutEffect(() => {
    if (ready) onReady?.();
  }, [ready, onReady]);

  // The page opens on today's (or the nearest) lesson; «Сегодня» goes back to it.
  const [revealKey, setRevealKey] = useState(0);
  const todayCol = nearestLessonIndex(lessons, todayIso());
  const { select } = editing;
  const goToday = useCallback(() => {
    if (todayCol < 0) return;
    select(editing.selection.row, todayCol);
    setRevealKey((k) => k + 1);
  }, [select, todayCol, editing.selection.row]);
  // A lesson just added (or found already there) is selected as soon as its column exists.
  const [wanted, setWanted] = useState<string | null>(null);
  useLayoutEffect(() => {
    if (!wanted) return;
    const col = lessons.findIndex((l) => l.id === wanted);
    if (col < 0) return;
    setWanted(null);
    select(editing.selection.row, col);
    setRevealKey((k) => k + 1);
  }, [wanted, lessons, select, editing.selection.row]);
  const opened = useRef(false);
  useLayoutEffect(() => {
    if (opened.current || !ready || todayCol < 0) return;
    opened.current = true;
    select(0, todayCol);
    setRevealKey((k) => k + 1);
  }, [ready, todayCol, select]);

  if (!journal) return <p className="loading">Открываем страницу журнала…</p>;
  const selectedLesson = lessons[editing.selection.col];
  const selectedStudent = gridStudents[editing.selection.row];

  return (
    <div className="journal-page">
      <section className="journal-left">
        <ClosedPeriodNotice period={period} locked="отметки, пропуски и уроки" />
        <div className="grid-toolbar">
          <button
            type="button"
            onClick={goToday}
            disabled={todayCol < 0}
            title="Перейти к сегодняшнему уроку (или ближайшему к сегодняшнему дню)"
          >
            Сегодня
          </button>
          <span className="today-note">
            Сегодня {formatDate(todayIso())}
            {todayCol >= 0 && lessons[todayCol]?.date !== todayIso()
              ? ': уроков нет, выбран ближайший'
              : ''}
          </span>
        </div>
        <JournalGrid
          caption={caption}
          students={gridStudents}
          columns={columns}
          entries={entries}
          summaries={summaries}
          workTypes={workTypes}
          workTypeList={policy.workTypes}
          editing={editing}
          revealKey={revealKey}
        />
        <p className="hint" role="status" aria-live="polite">
          {editing.hint ?? ''}
        </p>
        {/* The proposal's calculation for the selected student: reachable by keyboard and touch. */}
        {selectedStudent && summaries[editing.selection.row]?.explanation && (
          <p className="proposal-explanation" aria-live="polite">
            Предложение для: {selectedStudent.name} — {summaries[editing.selection.row]?.proposal}.{' '}
            {summaries[editing.selection.row]?.explanation}
          </p>
        )}
        {selectedLesson && selectedStudent && (
          <button type="button" className="cell-history-open" onClick={() => setHistoryOpen(true)}>
            История клетки
          </button>
        )}
        {historyOpen && selectedLesson && selectedStudent && (
          <CellHistory
            lessonId={selectedLesson.id}
            studentId={selectedStudent.id}
            title={`${selectedStudent.name}, ${columns[editing.selection.col]?.label ?? selectedLesson.date}`}
            onClose={() => setHistoryOpen(false)}
          />
        )}
        <p className="keys-help">
          Клавиши: 5 4 3 2 1 — отметка (можно несколько в клетке),{' '}
          {attendanceCodes.map((c) => c.code).join(', ')} — пропуск, Backspace — убрать последнюю,
          Delete — очистить, / — вид работы, Ctrl+Z / Ctrl+Y — отменить / повторить; стрелки, Home /
          End, Ctrl+Home / Ctrl+End, PageUp / PageDown — по журналу; F6 — тема и домашнее задание
          урока, Esc — обратно в журнал; Tab — из журнала к панели урока.
        </p>
      </section>
      <aside
        className="journal-right"
        onKeyDown={(e) => {
          if (e.key === 'Escape' && !e.defaultPrevented) {
            e.preventDefault();
            focusGrid();
          }
        }}
      >
        {/* A closed period: every field of the lesson panel and the new-lesson form is disabled. */}
        <fieldset className="closed-guard" disabled={period.closed}>
          {selectedLesson && (
            <LessonPanel
              key={selectedLesson.id}
              lesson={selectedLesson}
              data={data}
              readOnly={refusalOf(selectedLesson)}
              canAppoint={courseWriteRefusal(writer, course.teacherId) === null}
            />
          )}
          <AddLessonForm
            course={course}
            period={period}
            staffId={staffId}
            bells={data.school.bells}
            year={data.school.year}
            grade={klass?.grade ?? 1}
            refusal={courseWriteRefusal(writer, course.teacherId)}
            onAdded={setWanted}
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
