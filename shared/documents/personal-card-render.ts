// «Личная карта обучающегося» as a PDF (A4 portrait): the student, then each school year with its
// class, the movements, a table of the year, exam and final marks per subject and the open deferrals.
import { FONT, PdfWriter } from './pdf';
import type { PersonalCardModel } from './personal-card-model';
import type { DocumentFonts } from './source';
import { formatDate, safeInfo } from './source';
import type { HeaderCell, TableColumn, TableRow } from './table';
import { drawTable } from './table';

const TITLE = 'Личная карта обучающегося';

export async function renderPersonalCard(
  model: PersonalCardModel,
  fonts: DocumentFonts,
): Promise<Uint8Array> {
  const w = new PdfWriter(
    fonts,
    {
      title: TITLE,
      subject: safeInfo(model.student.fullName),
      author: safeInfo(model.schoolShortName),
      keywords: 'личная карта',
    },
    {
      layout: 'portrait',
      margins: { top: 40, bottom: 40, left: 50, right: 40 },
      footerLabel: `${model.schoolShortName}. ${TITLE}: ${model.student.fullName}`,
    },
  );
  w.section('');
  const doc = w.doc;
  w.font(FONT.regular, 9.5);
  doc.text(model.schoolFullName, w.left, w.top, { width: w.width, align: 'center' });
  w.font(FONT.bold, 14);
  doc.text(TITLE, w.left, doc.y + 8, { width: w.width, align: 'center' });
  doc.y += 10;
  w.font(FONT.regular, 11);
  doc.text(`Фамилия, имя, отчество: ${model.student.fullName}`, w.left, doc.y, { width: w.width });
  doc.text(
    `Дата рождения: ${model.student.birthDate ? formatDate(model.student.birthDate) : '—'}`,
    w.left,
    doc.y + 2,
    { width: w.width },
  );
  doc.text(`Пол: ${model.student.gender === 'female' ? 'женский' : 'мужской'}`, w.left, doc.y + 2, {
    width: w.width,
  });
  doc.y += 10;

  const columns: TableColumn[] = [
    { width: w.width * 0.52, align: 'left' },
    { width: w.width * 0.16, align: 'center' },
    { width: w.width * 0.16, align: 'center' },
    { width: w.width * 0.16, align: 'center' },
  ];
  const header: HeaderCell[] = ['Предмет', 'Годовая', 'Экзаменационная', 'Итоговая'].map(
    (text, col) => ({ text, row: 0, col }),
  );
  if (model.years.length === 0) {
    w.font(FONT.italic, 10);
    doc.text('Сведений об учебных годах нет.', w.left, doc.y, { width: w.width });
  }
  for (const y of model.years) {
    w.ensure(90);
    w.font(FONT.bold, 11.5);
    const cls = y.className
      ? ` — ${y.className} ${y.className.includes(',') ? 'классы' : 'класс'}`
      : '';
    doc.text(`${y.yearName} учебный год${cls}`, w.left, doc.y, { width: w.width });
    doc.y += 3;
    w.font(FONT.regular, 9.5);
    for (const line of y.movements) {
      w.ensure(14);
      doc.text(line, w.left + 8, doc.y, { width: w.width - 8 });
    }
    if (y.note) {
      w.font(FONT.italic, 9.5);
      doc.text(y.note, w.left, doc.y + 2, { width: w.width });
      doc.y += 12;
      continue;
    }
    doc.y += 4;
    const rows: TableRow[] = y.marks.map((m) => ({
      cells: [m.subject, m.year, m.exam, m.final],
    }));
    if (rows.length === 0) {
      rows.push({ cells: [{ text: 'Отметок нет', span: 4, italic: true }] });
    }
    drawTable(w, { columns, header, headerRows: 1, fontSize: 9.5, headerFontSize: 9 }, rows);
    w.font(FONT.regular, 9.5);
    for (const line of y.deferred) {
      w.ensure(14);
      doc.text(line, w.left, doc.y + 3, { width: w.width });
    }
    doc.y += 12;
  }
  w.ensure(50);
  w.font(FONT.regular, 10);
  doc.text(`Дата выдачи: ${formatDate(model.issuedOn)}`, w.left, doc.y + 8, { width: w.width });
  doc.text('Классный руководитель ____________________', w.left, doc.y + 12, { width: w.width });
  doc.text('Директор ____________________        М.П.', w.left, doc.y + 12, { width: w.width });
  return w.finish();
}
