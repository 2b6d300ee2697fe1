// The left page of the paper journal: students × lesson dates, with keyboard entry.
import { memo, useLayoutEffect, useRef } from 'react';
import type { WorkType } from '../../shared/grading-policy';
import type { LessonEntry } from '../../shared/lesson';
import type { LessonColumn } from './columns';
import { GridRow, type GridStudent } from './GridRow';
import type { StudentSummary } from './student-summary';
import type { GridEditing } from './use-grid-editing';
import { WorkTypePicker } from './WorkTypePicker';

interface Props {
  caption: string;
  students: readonly GridStudent[];
  columns: readonly LessonColumn[];
  /** entries[row][col] */
  entries: readonly (readonly (LessonEntry | undefined)[])[];
  summaries: readonly StudentSummary[];
  workTypes: ReadonlyMap<string, WorkType>;
  workTypeList: readonly WorkType[];
  editing: GridEditing;
  /** Changes when the selected cell must be scrolled into view and focused (opening, «Сегодня»). */
  revealKey: number;
  /** «Средний балл округляется до сотых» or «…отбрасываются» (the school's setting). */
  averageNote: string;
}

const HeaderRow = memo(function HeaderRow(props: {
  columns: readonly LessonColumn[];
  selectedCol: number;
  onSelectColumn: (col: number) => void;
  averageNote: string;
}) {
  return (
    <tr role="row" aria-rowindex={1}>
      <th role="columnheader" className="student corner" scope="col">
        Ученик
      </th>
      {props.columns.map((c, col) => {
        const classes = ['date'];
        if (c.cancelled) classes.push('cancelled');
        if (c.readOnly) classes.push('read-only');
        if (c.isTest) classes.push('test');
        if (col === props.selectedCol) classes.push('selected-col');
        if (c.today) classes.push('today');
        return (
          <th
            key={c.lessonId}
            role="columnheader"
            scope="col"
            className={classes.join(' ')}
            title={c.today ? `Сегодня. ${c.title}` : c.title}
            aria-current={c.today ? 'date' : undefined}
            data-lesson-id={c.lessonId}
            onMouseDown={() => props.onSelectColumn(col)}
          >
            <span className="date-label">{c.label}</span>
            {c.repeatOfDate && (
              <span className="second" aria-label="второй урок">
                ²
              </span>
            )}
            {c.badge && <span className="badge">{c.badge}</span>}
            {c.cancelled && <span className="badge">отм.</span>}
          </th>
        );
      })}
      <th
        role="columnheader"
        scope="col"
        className="summary average"
        title={`Средневзвешенный балл за период. ${props.averageNote}; предложение считается по показанному баллу`}
      >
        Ср. балл
      </th>
      <th
        role="columnheader"
        scope="col"
        className="summary proposal"
        title="Предложение: отметка за период по средневзвешенному баллу"
      >
        Предл.
      </th>
      <th role="columnheader" scope="col" className="summary absences" title="Пропущено уроков">
        Пропуски
      </th>
    </tr>
  );
});

/**
 * After the view jumped to a lesson, no date column is left half under the sticky name column
 * (a teacher reads «7.11» for «27.11»): the view moves to show it whole, or, where that would
 * push the selected lesson under the averages on the right, to hide it whole.
 */
function clearHalfHiddenDate(selected: HTMLElement): void {
  const scroller = selected.closest<HTMLElement>('.grid-scroll');
  const nameHeader = scroller?.querySelector<HTMLElement>('thead th.student, thead th.corner');
  if (!scroller || !nameHeader) return;
  const box = scroller.getBoundingClientRect();
  const edge = nameHeader.getBoundingClientRect().right;
  const cut = [...scroller.querySelectorAll<HTMLElement>('thead th.date')]
    .map((th) => th.getBoundingClientRect())
    .find((r) => r.left < edge - 1 && r.right > edge + 1);
  if (!cut) return;
  const summaries = [...scroller.querySelectorAll<HTMLElement>('thead th.summary')];
  const rightLimit = Math.min(box.right, ...summaries.map((th) => th.getBoundingClientRect().left));
  const showBy = edge - cut.left;
  if (selected.getBoundingClientRect().right + showBy <= rightLimit) scroller.scrollLeft -= showBy;
  else scroller.scrollLeft += cut.right - edge;
}

export function JournalGrid(props: Props) {
  const { editing, columns, students } = props;
  const { row: selRow, col: selCol } = editing.selection;
  const gridRef = useRef<HTMLTableElement>(null);

  // Roving focus: the selected cell holds the focus while the grid has it.
  useLayoutEffect(() => {
    const grid = gridRef.current;
    if (!grid || !grid.contains(document.activeElement)) return;
    const cell = grid.querySelector<HTMLElement>(`[data-cell="${selRow}:${selCol}"]`);
    if (cell && document.activeElement !== cell && !editing.workTypePickerOpen) {
      cell.focus({ preventScroll: true });
      cell.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    }
  }, [selRow, selCol, editing.workTypePickerOpen]);

  // Opening the page and «Сегодня»: the selected lesson in view (clear of the sticky columns).
  const { revealKey } = props;
  useLayoutEffect(() => {
    if (revealKey === 0) return;
    const cell = gridRef.current?.querySelector<HTMLElement>(`[data-cell="${selRow}:${selCol}"]`);
    if (!cell) return;
    cell.scrollIntoView({ block: 'center', inline: 'nearest' });
    clearHalfHiddenDate(cell);
    cell.focus({ preventScroll: true });
    // Only the reveal request moves the view; the selection moving alone is handled above.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [revealKey]);

  const focusSelected = () =>
    gridRef.current?.querySelector<HTMLElement>(`[data-cell="${selRow}:${selCol}"]`)?.focus();

  if (columns.length === 0 || students.length === 0) {
    return (
      <p className="empty">
        {students.length === 0
          ? 'В этом классе нет учеников.'
          : 'В этом периоде ещё нет уроков. Добавьте урок.'}
      </p>
    );
  }

  return (
    <div className="grid-scroll">
      <table
        ref={gridRef}
        role="grid"
        aria-label={props.caption}
        aria-rowcount={students.length + 1}
        className="journal-grid"
        onKeyDown={editing.onKeyDown}
        onCopy={editing.onCopy}
        onPaste={editing.onPaste}
      >
        <thead>
          <HeaderRow
            columns={columns}
            selectedCol={selCol}
            onSelectColumn={(col) => editing.select(selRow, col)}
            averageNote={props.averageNote}
          />
        </thead>
        <tbody>
          {students.map((student, row) => (
            <GridRow
              key={student.id}
              row={row}
              student={student}
              columns={columns}
              entries={props.entries[row] ?? []}
              selectedCol={row === selRow ? selCol : -1}
              pending={row === selRow ? editing.pending : ''}
              summary={props.summaries[row] ?? EMPTY_SUMMARY}
              workTypes={props.workTypes}
              onSelect={editing.select}
            />
          ))}
        </tbody>
      </table>
      {editing.workTypePickerOpen && (
        <WorkTypePicker
          workTypes={props.workTypeList}
          onChoose={(id) => {
            editing.chooseWorkType(id);
            focusSelected();
          }}
          onClose={() => {
            editing.closeWorkTypePicker();
            focusSelected();
          }}
        />
      )}
    </div>
  );
}

const EMPTY_SUMMARY: StudentSummary = { average: '—', proposal: '—', explanation: '', absences: 0 };
