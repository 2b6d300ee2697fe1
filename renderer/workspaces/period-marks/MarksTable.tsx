// The period-marks table: one row per student, the proposal with its explanation beside the set mark.
// Keyboard-driven like the journal grid: the table holds focus, the selected row is highlighted.
import { useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { MARK_LABELS } from '../../../shared/grading-policy';
import { formatAverage } from '../../../shared/statistics';
import { formatDate } from '../../../shared/dates';
import { distinctNames } from '../../../shared/student-names';
import { staleProposal, type MarkRow } from './proposals';

interface Props {
  caption: string;
  rows: readonly MarkRow[];
  selected: number;
  onSelect: (index: number) => void;
  onKeyDown: (event: KeyboardEvent) => void;
  readOnly: boolean;
}

function setMarkText(row: MarkRow): string {
  const value = row.entry?.value ?? null;
  if (value !== null) return MARK_LABELS[value];
  return row.entry?.deferral ? 'отср.' : '';
}

function noteText(row: MarkRow): string {
  const e = row.entry;
  if (!e) return '';
  if (e.deferral && e.value === null) {
    return `Отсрочка до ${formatDate(e.deferral.due)}: ${e.deferral.reason}`;
  }
  const parts: string[] = [];
  const now = staleProposal(row);
  if (now !== null) parts.push(`≠ предложению: сейчас предлагается ${now}`);
  if (e.value !== null && e.proposed !== null && e.value !== e.proposed) {
    parts.push(`при выставлении предлагалось ${MARK_LABELS[e.proposed]}`);
  }
  if (e.comment) parts.push(e.comment);
  return parts.join('; ');
}

export function MarksTable({ caption, rows, selected, onSelect, onKeyDown, readOnly }: Props) {
  const tableRef = useRef<HTMLTableElement>(null);
  const names = useMemo(() => distinctNames(rows.map((r) => r.student)), [rows]);
  useEffect(() => {
    tableRef.current
      ?.querySelector<HTMLElement>(`tr[data-index="${selected}"]`)
      ?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  return (
    <table
      ref={tableRef}
      className="period-marks-table"
      role="grid"
      aria-label={caption}
      aria-readonly={readOnly}
      aria-activedescendant={`pm-row-${selected}`}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">№</th>
          <th scope="col">Ученик</th>
          <th scope="col">Средний балл</th>
          <th scope="col">Предложение</th>
          <th scope="col">Как вычислено</th>
          <th scope="col">Отметка</th>
          <th scope="col">Примечание</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => {
          const proposal = row.proposal.value === null ? '—' : MARK_LABELS[row.proposal.value];
          const set = setMarkText(row);
          const differs = staleProposal(row) !== null;
          return (
            <tr
              key={row.student.id}
              id={`pm-row-${i}`}
              data-index={i}
              data-student-id={row.student.id}
              aria-selected={i === selected}
              className={i === selected ? 'selected' : undefined}
              onMouseDown={() => onSelect(i)}
            >
              <td className="num">{i + 1}</td>
              <th scope="row" className="name">
                {names.get(row.student.id)}
              </th>
              <td className="num">{formatAverage(row.proposal.average)}</td>
              <td className="mark proposal">{proposal}</td>
              <td className="explanation">{row.proposal.explanation}</td>
              <td
                className={`mark set${differs ? ' differs' : ''}${set === 'отср.' ? ' deferred' : ''}`}
                data-testid="set-mark"
              >
                {set}
              </td>
              <td className={differs ? 'note differs' : 'note'}>{noteText(row)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
