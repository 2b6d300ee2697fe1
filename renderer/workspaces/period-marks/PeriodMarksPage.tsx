// One course in one period: proposals beside set marks, accept one (Enter) or all (Ctrl+Enter),
// set a mark by keyboard, defer a mark; read-only with a notice while the period is closed.
import { useCallback, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { fullName } from '../../../shared/common';
import type { Course } from '../../../shared/course';
import { closedPeriodMessage } from '../../../shared/closed-period';
import { addDays, formatDate, todayIso } from '../../../shared/dates';
import { courseWriteRefusal } from '../../../shared/lesson-rights';
import type { PeriodMarkValue } from '../../../shared/grading-policy';
import type { Period } from '../../../shared/period';
import type { Deferral, PeriodMarkEntry } from '../../../shared/period-mark';
import { useRepositories, useSession } from '../../data/session';
import { useCourseJournal } from '../../data/use-course-journal';
import { useCoursePeriodMarks } from '../../data/use-period-marks';
import type { SchoolData } from '../../data/use-school-data';
import { ClosedPeriodNotice } from '../../ui/ClosedPeriodNotice';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { DeferralForm } from './DeferralForm';
import { markKeyCommand, MARK_KEYS_HELP, type MarkCommand } from './keys';
import { MarksTable } from './MarksTable';
import {
  acceptAllPlan,
  entryWithValue,
  markRows,
  type AcceptAllPlan,
  type MarkRow,
} from './proposals';

interface Props {
  course: Course;
  period: Period;
  /** The class's reporting periods, year, exam (for the year and final proposals). */
  reportingPeriods: readonly Period[];
  yearPeriod: Period | undefined;
  examPeriod: Period | undefined;
  data: SchoolData;
  caption: string;
}

/** Per student: the entry before «Принять все предложения» and the mark it set. */
type AcceptedBatch = Record<
  string,
  { before: PeriodMarkEntry | null; set: PeriodMarkValue | null }
>;

export function PeriodMarksPage(props: Props) {
  const { course, period, data, caption } = props;
  const { staffId } = useSession();
  const { periodMarks: repository } = useRepositories();
  const klass = data.classes.get(course.classId);
  const group = course.groupId ? klass?.groups.find((g) => g.id === course.groupId) : undefined;
  const journal = useCourseJournal(course, period, group ? group.studentIds : null);
  const courseMarks = useCoursePeriodMarks(course.id);
  const [selected, setSelected] = useState(0);
  const [hint, setHint] = useState<string | null>(null);
  const [deferring, setDeferring] = useState<MarkRow | null>(null);
  const tableWrap = useRef<HTMLDivElement>(null);

  const rows = useMemo(
    () =>
      journal && courseMarks
        ? markRows({
            period,
            students: journal.students,
            lessons: journal.lessons,
            courseMarks,
            reportingPeriods: props.reportingPeriods,
            yearPeriod: props.yearPeriod,
            examPeriod: props.examPeriod,
            policy: data.school.policy,
            codes: data.school.attendanceCodes,
            assessment: course.assessment,
          })
        : null,
    [
      journal,
      courseMarks,
      period,
      props.reportingPeriods,
      props.yearPeriod,
      props.examPeriod,
      data,
      course,
    ],
  );
  // Closed by the deputy, or a course the signed-in person only substitutes in (shared rules).
  const refusal = courseWriteRefusal(
    { staffId, roles: data.staff.get(staffId)?.roles ?? [] },
    course.teacherId,
  );
  const readOnly = period.closed
    ? closedPeriodMessage(period.name)
    : refusal && `${refusal}: отметки за период выставляют учитель курса и заместитель директора.`;
  const target = useMemo(() => ({ course, periodId: period.id }), [course, period.id]);

  const write = useCallback(
    (entries: Record<string, PeriodMarkEntry | null>, done?: string) => {
      if (readOnly) return setHint(readOnly);
      void repository
        .setEntries(target, entries)
        .then(() => setHint(done ?? null))
        .catch((error: unknown) => setHint(error instanceof Error ? error.message : String(error)));
    },
    [readOnly, repository, target],
  );

  // «Принять все предложения» asks first (what will be set), and can be undone as one step.
  const [confirming, setConfirming] = useState<AcceptAllPlan | null>(null);
  const [undoBatch, setUndoBatch] = useState<AcceptedBatch | null>(null);
  const acceptAll = useCallback(() => {
    if (!rows) return;
    if (readOnly) return setHint(readOnly);
    const plan = acceptAllPlan(rows);
    if (plan.rows.length === 0)
      return setHint('Все предложения уже приняты или отметки выставлены.');
    setConfirming(plan);
  }, [rows, readOnly]);
  const confirmAcceptAll = (plan: AcceptAllPlan) => {
    setConfirming(null);
    setUndoBatch(
      Object.fromEntries(
        plan.rows.map((r) => [r.student.id, { before: r.entry ?? null, set: r.proposal.value }]),
      ),
    );
    write(
      Object.fromEntries(plan.rows.map((r) => [r.student.id, entryWithValue(r, r.proposal.value)])),
      `Принято предложений: ${plan.rows.length}. Отменить: Ctrl+Z или кнопка «Отменить принятие».`,
    );
    tableWrap.current?.querySelector<HTMLElement>('table')?.focus();
  };
  const undoAcceptAll = useCallback(() => {
    if (!undoBatch || !rows) return setHint('Нечего отменять.');
    setUndoBatch(null);
    // A mark changed by hand since then stays as it is.
    const back = Object.fromEntries(
      rows
        .filter((r) => {
          const was = undoBatch[r.student.id];
          return was !== undefined && (r.entry?.value ?? null) === was.set;
        })
        .map((r) => [r.student.id, undoBatch[r.student.id]!.before]),
    );
    write(back, `Принятие предложений отменено: ${Object.keys(back).length}.`);
  }, [undoBatch, rows, write]);

  const run = useCallback(
    (command: MarkCommand) => {
      if (!rows) return;
      const row = rows[selected];
      switch (command.kind) {
        case 'move':
          return setSelected((s) => Math.max(0, Math.min(rows.length - 1, s + command.delta)));
        case 'acceptAll':
          return acceptAll();
        case 'undo':
          return undoAcceptAll();
        case 'unknown':
          return setHint(`Клавиша «${command.key}» здесь не используется. ${MARK_KEYS_HELP}`);
      }
      if (!row) return;
      if (readOnly) return setHint(readOnly);
      switch (command.kind) {
        case 'accept':
          if (row.proposal.value === null) return setHint('Предложения нет: выставьте отметку.');
          write({ [row.student.id]: entryWithValue(row, row.proposal.value) });
          return setSelected((s) => Math.min(rows.length - 1, s + 1));
        case 'set':
          // The row stays selected (as in the journal grid); Enter or ↓ moves on.
          return write({ [row.student.id]: entryWithValue(row, command.value) });
        case 'clear':
          return write({ [row.student.id]: row.entry ? entryWithValue(row, null) : null });
        case 'defer':
          return setDeferring(row);
      }
    },
    [rows, selected, readOnly, write, acceptAll, undoAcceptAll],
  );

  const onKeyDown = useCallback(
    (event: KeyboardEvent) => {
      const command = markKeyCommand(event, {
        passFail: course.assessment === 'passFail',
        allowOne: data.school.policy.allowOne,
      });
      if (!command) return;
      event.preventDefault();
      run(command);
    },
    [course.assessment, data.school.policy.allowOne, run],
  );

  const saveDeferral = (row: MarkRow, deferral: Deferral) => {
    setDeferring(null);
    write(
      { [row.student.id]: { ...entryWithValue(row, null), deferral } },
      `Отсрочка сохранена: ${fullName(row.student)}.`,
    );
    tableWrap.current?.querySelector<HTMLElement>('table')?.focus();
  };

  if (!rows) return <p className="loading">Считаем предложения…</p>;
  const current = rows[selected];
  return (
    <div className="period-marks-page">
      <ClosedPeriodNotice period={period} locked="отметки" />
      {readOnly && !period.closed && (
        <p className="read-only-notice" role="status">
          {readOnly}
        </p>
      )}
      <div className="period-marks-actions">
        <button
          type="button"
          className="primary"
          disabled={readOnly !== null}
          onClick={acceptAll}
          title="Ctrl+Enter: выставить предложенные отметки, где отметки ещё нет"
        >
          Принять все предложения
        </button>
        <button
          type="button"
          disabled={readOnly !== null || !current}
          onClick={() => current && setDeferring(current)}
        >
          Отсрочка…
        </button>
        {undoBatch && (
          <button type="button" onClick={undoAcceptAll} title="Ctrl+Z">
            Отменить принятие
          </button>
        )}
      </div>
      <div className="period-marks-body" ref={tableWrap}>
        <MarksTable
          caption={caption}
          rows={rows}
          selected={Math.min(selected, Math.max(0, rows.length - 1))}
          onSelect={setSelected}
          onKeyDown={onKeyDown}
          readOnly={readOnly !== null}
        />
      </div>
      {confirming && (
        <ConfirmDialog
          title="Принять все предложения?"
          confirmLabel={`Выставить отметок: ${confirming.rows.length}`}
          onConfirm={() => confirmAcceptAll(confirming)}
          onCancel={() => setConfirming(null)}
        >
          <p>
            Будут выставлены отметки за период «{period.name}» ученикам без отметки:{' '}
            {confirming.counts.map((c) => `«${c.label}» — ${c.count}`).join(', ')}.
          </p>
          {confirming.notAttested > 0 && (
            <p className="warning">
              Из них «н/а» (не аттестован): {confirming.notAttested}. Это официальная отметка за
              период.
            </p>
          )}
          {period.end > todayIso() && (
            <p className="warning">
              Период ещё не закончился (до {formatDate(period.end)}): отметки, поставленные позже,
              изменят предложения.
            </p>
          )}
          <p>Выставленные отметки не меняются. Принятие можно отменить (Ctrl+Z).</p>
        </ConfirmDialog>
      )}
      {deferring && (
        <DeferralForm
          key={deferring.student.id}
          studentName={fullName(deferring.student)}
          initial={deferring.entry?.deferral ?? null}
          defaultDue={addDays(period.end, 14)}
          onSave={(d) => saveDeferral(deferring, d)}
          onCancel={() => setDeferring(null)}
        />
      )}
      <p className="hint" role="status" aria-live="polite">
        {hint ?? ''}
      </p>
      <p className="keys-help">{MARK_KEYS_HELP}</p>
    </div>
  );
}
