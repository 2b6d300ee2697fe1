// "PDF" and "XLSX" buttons of a table report, with a status line for the result.
import { useState } from 'react';
import type { TableReport } from '../../../shared/reports/table-report';
import { downloadReportXlsx, saveReportPdf } from './export';

export function ReportExportButtons({
  report,
  schoolShortName,
}: {
  report: TableReport;
  schoolShortName: string;
}) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const run = async (action: () => Promise<string>) => {
    setBusy(true);
    setMessage('Готовим файл…');
    try {
      setMessage(await action());
    } catch (error) {
      console.error(error);
      setMessage(
        `Не удалось сохранить отчёт: ${error instanceof Error ? error.message : String(error)}`,
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="export-buttons">
      <button
        type="button"
        disabled={busy}
        onClick={() => void run(() => saveReportPdf(report, schoolShortName))}
      >
        Сохранить PDF
      </button>
      <button
        type="button"
        disabled={busy}
        onClick={() => void run(() => downloadReportXlsx(report))}
      >
        Сохранить XLSX
      </button>
      <span className="export-status" role="status">
        {message ?? ''}
      </span>
    </span>
  );
}
