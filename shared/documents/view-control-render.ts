// Renders the view-control sheet: A4 landscape, the class's table with the header repeated on
// every page, a column to note the paper extract handed over, the class teacher's signature.
import type { ViewControlModel } from './view-control-model';
import { FONT, PdfWriter as Writer } from './pdf';
import type { DocumentFonts } from './source';
import { formatDate } from './source';
import { drawTable, type TableRow } from './table';

const BODY = 8.5;

export async function renderViewControl(
  model: ViewControlModel,
  fonts: DocumentFonts,
): Promise<Uint8Array> {
  const w = new Writer(
    fonts,
    {
      title: `Контроль за просмотром электронного дневника, ${model.className}`,
      subject: `${model.schoolName}, ${model.className}, ${model.rangeLabel}`,
      author: model.schoolName,
      keywords: 'электронный дневник, контроль за просмотром',
    },
    {
      layout: 'landscape',
      margins: { top: 36, bottom: 36, left: 40, right: 32 },
      footerLabel: `${model.schoolName}. Контроль за просмотром электронного дневника, ${model.className}`,
    },
  );
  w.section('');
  const doc = w.doc;
  w.font(FONT.bold, 12);
  doc.text('ЛИСТ КОНТРОЛЯ ЗА ПРОСМОТРОМ ЭЛЕКТРОННОГО ДНЕВНИКА', w.left, w.top, {
    width: w.width,
    align: 'center',
  });
  w.font(FONT.regular, 9.5);
  doc.text(
    `${model.schoolName}. Класс ${model.className}. Классный руководитель: ${model.classTeacher || '—'}. Период: ${model.rangeLabel}.`,
    { width: w.width, align: 'center' },
  );
  doc.text(
    `Бумажная выписка выдаётся семьям, выбравшим бумажные выписки, и семьям, не открывавшим дневник ${model.paperAfterDays} дн. и более (отмечены «выписка»). Таких семей: ${model.paperCount}.`,
    { width: w.width, align: 'center' },
  );
  w.y += 8;
  const widths = [22, 120, 170, 78, 76, 48, 120];
  const used = widths.reduce((a, b) => a + b, 0);
  widths.push(w.width - used);
  const header = [
    '№',
    'Обучающийся',
    'Родитель (законный представитель), ответ в реестре',
    'Логин',
    'Последний просмотр',
    'Просмотров за период',
    'Состояние',
    'Бумажная выписка выдана (дата, подпись)',
  ];
  const rows: TableRow[] = model.rows.map((r) => ({
    cells: [
      r.number,
      r.studentName,
      r.holder,
      r.login,
      r.lastView,
      { text: r.views, align: 'center' },
      r.needsPaper ? { text: `${r.status}; выписка`, bold: true } : r.status,
      '',
    ],
  }));
  if (rows.length === 0) rows.push({ cells: [{ text: 'В классе нет обучающихся', span: 8 }] });
  drawTable(
    w,
    {
      columns: widths.map((width) => ({ width })),
      header: header.map((text, col) => ({ text, row: 0, col })),
      headerRows: 1,
      fontSize: BODY,
      headerFontSize: 8,
      padY: 3,
    },
    rows,
  );
  w.ensure(50);
  const y = w.y + 30;
  w.font(FONT.regular, 9.5);
  doc.text('Классный руководитель', w.left, y - 12, { lineBreak: false });
  w.fillLine(w.left + 125, y, 110, '(подпись)');
  w.fillLine(w.left + 250, y, 200, '(расшифровка подписи)', model.classTeacher);
  w.fillLine(w.left + 470, y, 90, '(дата)', formatDate(model.issuedOn));
  return w.finish();
}
