// The editable list of a set-up page (work types, attendance codes, subjects, holidays, bells,
// groups): a table of rows, each with «Убрать», and the button that adds a row below it.
import type { ReactNode } from 'react';

/** The list with row `i` changed by `p`. */
export function replaceAt<T>(rows: readonly T[], i: number, p: Partial<T>): T[] {
  return rows.map((r, j) => (j === i ? { ...r, ...p } : r));
}

/** The list without row `i`. */
export function removeAt<T>(rows: readonly T[], i: number): T[] {
  return rows.filter((_, j) => j !== i);
}

interface Props<T> {
  /** Column headings; none for a list whose cells say what they are. */
  headers?: readonly string[];
  rows: readonly T[];
  rowKey: (row: T, i: number) => string | number;
  onChange: (rows: T[]) => void;
  /** The cells of one row; `update` changes that row. */
  cells: (row: T, i: number, update: (p: Partial<T>) => void) => ReactNode;
  /** The row «Добавить …» adds, made from the rows there are (the rows alone set T). */
  newRow: (rows: readonly T[]) => NoInfer<T>;
  addLabel: string;
}

export function RowsTable<T>({
  headers,
  rows,
  rowKey,
  onChange,
  cells,
  newRow,
  addLabel,
}: Props<T>) {
  return (
    <>
      <table className="setup-table">
        {headers && (
          <thead>
            <tr>
              {headers.map((h) => (
                <th key={h}>{h}</th>
              ))}
              <th />
            </tr>
          </thead>
        )}
        <tbody>
          {rows.map((row, i) => (
            <tr key={rowKey(row, i)}>
              {cells(row, i, (p) => onChange(replaceAt(rows, i, p)))}
              <td>
                <button type="button" onClick={() => onChange(removeAt(rows, i))}>
                  Убрать
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={() => onChange([...rows, newRow(rows)])}>
        {addLabel}
      </button>
    </>
  );
}
