// One student's row of the journal grid. Memoized with a structural comparison, so a keystroke
// re-renders only the row whose cell changed (and the rows the selection left or entered).
import { memo, useLayoutEffect } from 'react';
import { MARK_LABELS, type WorkType } from '../../shared/grading-policy';
import type { LessonEntry } from '../../shared/lesson';
import { sameEntry } from './cell-edit';
import type { LessonColumn } from './columns';
import { entryProbe } from './entry-probe';
import { sameSummary, type StudentSummary } from './student-summary';

export interface GridStudent {
  id: string;
  /** «Фамилия Имя», with what tells namesakes apart (shared/student-names.ts). */
  name: string;
}

interface Props {
  row: number;
  student: GridStudent;
  columns: readonly LessonColumn[];
  entries: readonly (LessonEntry | undefined)[];
  /** Column of the selected cell when it is in this row, otherwise -1. */
  selectedCol: number;
  /** Letters typed towards a multi-letter attendance code, shown in the selected cell. */
  pending: string;
  summary: StudentSummary;
  workTypes: ReadonlyMap<string, WorkType>;
  onSelect: (row: number, col: number) => void;
}

function markTitle(
  entry: LessonEntry,
  workTypes: ReadonlyMap<string, WorkType>,
): string | undefined {
  if (entry.marks.length === 0) return undefined;
  return entry.marks
    .map((m) => `${MARK_LABELS[m.value]} — ${workTypes.get(m.workTypeId)?.name ?? m.workTypeId}`)
    .join('; ');
}

/** "оп 5 4": the code, then the marks, separated by spaces (so the cell's text reads naturally). */
function cellParts(entry: LessonEntry | undefined, workTypes: ReadonlyMap<string, WorkType>) {
  if (!entry) return null;
  const parts = [];
  if (entry.attendance) {
    parts.push(
      <span key="code" className="code">
        {entry.attendance}
      </span>,
    );
  }
  entry.marks.forEach((m, i) => {
    if (parts.length > 0) parts.push(' ');
    parts.push(
      <span key={i} className={workTypes.get(m.workTypeId)?.isTest ? 'mark mark-test' : 'mark'}>
        {MARK_LABELS[m.value]}
      </span>,
    );
  });
  return parts;
}

function Cell(props: {
  row: number;
  col: number;
  label: string;
  studentId: string;
  column: LessonColumn;
  entry: LessonEntry | undefined;
  selected: boolean;
  pending: string;
  workTypes: ReadonlyMap<string, WorkType>;
  onSelect: (row: number, col: number) => void;
}) {
  const { entry, column, selected } = props;
  useLayoutEffect(() => {
    entryProbe()?.rendered(column.lessonId, props.studentId);
  }, [entry, column.lessonId, props.studentId]);
  const classes = ['cell'];
  if (column.cancelled) classes.push('cancelled');
  if (column.readOnly) classes.push('read-only');
  if (column.isTest) classes.push('test');
  if (selected) classes.push('selected');
  if (entry?.attendance) classes.push('attendance');
  return (
    <td
      role="gridcell"
      aria-label={props.label}
      aria-selected={selected}
      aria-readonly={column.cancelled || column.readOnly !== null || undefined}
      tabIndex={selected ? 0 : -1}
      className={classes.join(' ')}
      data-cell={`${props.row}:${props.col}`}
      title={entry ? markTitle(entry, props.workTypes) : undefined}
      onMouseDown={() => props.onSelect(props.row, props.col)}
    >
      {cellParts(entry, props.workTypes)}
      {selected && props.pending && <span className="pending">{props.pending}…</span>}
    </td>
  );
}

function GridRowView(props: Props) {
  const { row, student, columns, entries, selectedCol, summary } = props;
  const name = student.name;
  return (
    <tr role="row" aria-rowindex={row + 2}>
      <th role="rowheader" scope="row" className="student" title={name}>
        <span className="number">{row + 1}</span> {name}
      </th>
      {columns.map((column, col) => (
        <Cell
          key={column.lessonId}
          row={row}
          col={col}
          label={`${name}, ${column.label}`}
          studentId={student.id}
          column={column}
          entry={entries[col]}
          selected={col === selectedCol}
          pending={col === selectedCol ? props.pending : ''}
          workTypes={props.workTypes}
          onSelect={props.onSelect}
        />
      ))}
      <td role="gridcell" className="summary average" aria-label={`${name}, средний балл`}>
        {summary.average}
      </td>
      <td
        role="gridcell"
        className="summary proposal"
        aria-label={`${name}, предложение`}
        aria-description={summary.explanation}
        title={summary.explanation}
        tabIndex={-1}
      >
        {summary.proposal}
      </td>
      <td role="gridcell" className="summary absences" aria-label={`${name}, пропуски`}>
        {summary.absences || ''}
      </td>
    </tr>
  );
}

function sameRow(a: Props, b: Props): boolean {
  return (
    a.row === b.row &&
    a.student === b.student &&
    a.columns === b.columns &&
    a.selectedCol === b.selectedCol &&
    a.pending === b.pending &&
    a.workTypes === b.workTypes &&
    a.onSelect === b.onSelect &&
    sameSummary(a.summary, b.summary) &&
    a.entries.length === b.entries.length &&
    a.entries.every((e, i) => sameEntry(e, b.entries[i]))
  );
}

export const GridRow = memo(GridRowView, sameRow);
