// A flat table report on screen (the same TableReport that goes to PDF and XLSX).
import type { TableCell, TableReport } from '../../../shared/reports/table-report';

/** As printed (report-render.ts does the same; importing it here would pull pdfkit into the page). */
function cellText(value: TableCell | undefined): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'number' ? String(value).replace('.', ',') : value;
}

interface Props {
  report: TableReport;
  /** Rows shown at most (the export always has all of them). */
  limit?: number;
}

export function ReportTable({ report, limit = 500 }: Props) {
  const rows = report.rows.slice(0, limit);
  return (
    <div className="report-table-wrap">
      <table className="report-table" aria-label={report.title}>
        <thead>
          <tr>
            {report.columns.map((c) => (
              <th key={c.key} scope="col">
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              {report.columns.map((c) => {
                const value = row[c.key];
                return (
                  <td key={c.key} className={typeof value === 'number' ? 'num' : undefined}>
                    {cellText(value)}
                  </td>
                );
              })}
            </tr>
          ))}
          {report.rows.length === 0 && (
            <tr>
              <td colSpan={report.columns.length} className="empty">
                Нет данных
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {report.rows.length > rows.length && (
        <p className="keys-help">
          Показаны первые {rows.length} строк из {report.rows.length}; в файле — все.
        </p>
      )}
    </div>
  );
}
