// The generic report renderer: a valid PDF/A-2b (qpdf, embedded fonts), landscape A4, rows findable
// by pdftotext, the header repeated on every page and "Стр. N из M" footers.
import { describe, expect, it } from 'vitest';
import { loadDocumentFonts } from '../../../shared/documents/fonts.node.js';
import { renderReport, reportCellText } from '../../../shared/documents/report-render';
import type { TableReport } from '../../../shared/reports/table-report';
import { checkPdf, pdfInfo, pdfText, savePdf, squash } from './helpers';

function failingReport(rows: number): TableReport {
  return {
    title: 'Неудовлетворительные отметки',
    subtitle: 'с 04.11.2026 по 28.12.2026',
    columns: [
      { key: 'student', header: 'Обучающийся', width: 24 },
      { key: 'subject', header: 'Предмет', width: 20 },
      { key: 'date', header: 'Дата', width: 11 },
      { key: 'mark', header: 'Отметка', width: 9 },
      { key: 'share', header: 'Доля', width: 8 },
      { key: 'topic', header: 'Тема урока', width: 50 },
    ],
    rows: Array.from({ length: rows }, (_, i) => ({
      student: `Ученикова${i} Мария`,
      subject: i % 2 ? 'Математика' : 'Русский язык',
      date: '12.11.2026',
      mark: '2',
      share: 12.5,
      topic: i === 3 ? 'Длинная тема урока '.repeat(40).trim() : `Тема номер ${i}`,
    })),
  };
}

describe('report renderer', () => {
  it('writes a landscape PDF/A-2b whose text has every row, with header and footers on each page', async () => {
    const fonts = loadDocumentFonts();
    const bytes = await renderReport(
      {
        kind: 'report',
        report: failingReport(120),
        schoolShortName: 'МБОУ СОШ № 1',
        issuedOn: '2026-11-23',
      },
      fonts,
    );
    const path = savePdf(bytes, 'report');
    checkPdf(path);
    const info = pdfInfo(path);
    expect(info.pages).toBeGreaterThan(2);
    expect(info.pageSize).toMatch(/841\.\d+ x 595\.\d+/);
    const text = pdfText(path);
    const flat = squash(text);
    for (let i = 0; i < 120; i++) expect(flat).toContain(squash(`Ученикова${i} Мария`));
    expect(flat).toContain(squash('Тема номер 119'));
    expect(flat).toContain('12,5');
    const pages = text.split('\f').filter((p) => p.trim() !== '');
    expect(pages.length).toBe(info.pages);
    pages.forEach((page, i) => {
      expect(page).toContain('Обучающийся');
      expect(page).toContain(`Стр. ${i + 1} из ${info.pages}`);
    });
    expect(flat).toContain(squash('Неудовлетворительные отметки (продолжение)'));
  });

  it('prints an empty report with a "no data" row', async () => {
    const bytes = await renderReport(
      {
        kind: 'report',
        report: failingReport(0),
        schoolShortName: 'Школа',
        issuedOn: '2026-11-23',
      },
      loadDocumentFonts(),
    );
    const path = savePdf(bytes, 'report-empty');
    checkPdf(path);
    expect(pdfText(path)).toContain('Нет данных');
  });

  it('formats cells', () => {
    expect(reportCellText(87.5)).toBe('87,5');
    expect(reportCellText(null)).toBe('');
    expect(reportCellText('н/а')).toBe('н/а');
  });
});
