// Exports of a table report: PDF through the print worker and the bridge (native dialog in the
// desktop app, a download in the browser); XLSX as a blob download (the bridge takes PDFs only).
import type { ReportModel } from '../../../shared/documents/report-render';
import type { TableReport } from '../../../shared/reports/table-report';
import { getBridge } from '../../bridge';
import { buildPdfInWorker } from '../../print/build-pdf';
import { todayIso } from '../../../shared/dates';

/** "Неудовлетворительные отметки, II четверть" → a file name without the extension. */
export function reportFileName(report: TableReport): string {
  return (
    [report.title, report.subtitle]
      .filter(Boolean)
      .join(' — ')
      // eslint-disable-next-line no-control-regex
      .replace(/[<>:"/\\|?*\u0000-\u001f]/g, '_')
      .slice(0, 120)
  );
}

/** Renders the report in the worker and saves it; returns a Russian message for the status line. */
export async function saveReportPdf(report: TableReport, schoolShortName: string): Promise<string> {
  const model: ReportModel = { kind: 'report', report, schoolShortName, issuedOn: todayIso() };
  const bytes = await buildPdfInWorker({ kind: 'report', model });
  const result = await getBridge().savePdf({
    suggestedName: `${reportFileName(report)}.pdf`,
    bytes,
  });
  switch (result.status) {
    case 'saved':
      return `Сохранено: ${result.path}`;
    case 'downloaded':
      return `Файл «${result.fileName}» сохранён в загрузки.`;
    case 'cancelled':
      return 'Сохранение отменено.';
  }
}

/** Builds the workbook (exceljs loads on first use) and hands it to the browser's downloads. */
export async function downloadReportXlsx(report: TableReport): Promise<string> {
  const { reportToWorkbook } = await import('../../../shared/reports/export-xlsx');
  const bytes = await reportToWorkbook(report);
  const fileName = `${reportFileName(report)}.xlsx`;
  const url = URL.createObjectURL(
    new Blob([bytes.slice()], {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    }),
  );
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return `Файл «${fileName}» сохранён в загрузки.`;
}
