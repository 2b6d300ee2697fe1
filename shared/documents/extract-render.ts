// Renders diary extracts: each student from a new page; marks table, attendance, the coming week, signatures.
import type { ExtractModel, StudentExtract } from './extract-model';
import type { PdfWriter } from './pdf';
import { FONT, PdfWriter as Writer } from './pdf';
import type { DocumentFonts } from './source';
import { addDays, formatDate } from './source';
import { drawTable } from './table';

const BODY = 9.5;

export async function renderExtract(
  model: ExtractModel,
  fonts: DocumentFonts,
): Promise<Uint8Array> {
  const w = new Writer(
    fonts,
    {
      title: `Выписка из электронного журнала, ${model.schoolShortName}`,
      subject: `${model.periodLabel}; обучающихся: ${model.students.length}`,
      author: model.schoolShortName,
      keywords: 'выписка, электронный журнал, успеваемость',
    },
    {
      layout: 'portrait',
      margins: { top: 40, bottom: 40, left: 45, right: 35 },
      footerLabel: `${model.schoolShortName}. Выписка из электронного журнала`,
    },
  );
  if (model.students.length === 0) {
    w.section('');
    w.font(FONT.regular, BODY);
    w.doc.text('Нет обучающихся, для которых нужна выписка.', w.left, w.top);
  }
  for (const s of model.students) renderStudent(w, model, s);
  return w.finish();
}

function heading(w: PdfWriter, text: string): void {
  w.ensure(40);
  w.font(FONT.bold, 10.5);
  w.doc.text(text, w.left, w.y + 8, { width: w.width });
  w.y += 3;
}

function labelled(w: PdfWriter, label: string, value: string): void {
  const doc = w.doc;
  w.font(FONT.bold, BODY);
  doc.text(`${label}: `, w.left, w.y, { continued: true, width: w.width });
  w.font(FONT.regular, BODY);
  doc.text(value, { width: w.width });
}

function renderStudent(w: PdfWriter, model: ExtractModel, s: StudentExtract): void {
  const doc = w.doc;
  w.section(`${s.studentName}, ${s.className}`);
  w.font(FONT.bold, 13);
  doc.text('ВЫПИСКА ИЗ ЭЛЕКТРОННОГО ЖУРНАЛА', w.left, w.top, { width: w.width, align: 'center' });
  w.font(FONT.regular, BODY);
  doc.text('(электронного дневника обучающегося)', { width: w.width, align: 'center' });
  w.y += 6;
  labelled(w, 'Образовательная организация', model.schoolFullName);
  labelled(w, 'Обучающийся', `${s.studentName}, ${s.className} класс`);
  labelled(w, 'Классный руководитель', s.classTeacher || '—');
  labelled(w, 'Период', s.periodLabel);
  labelled(w, 'Дата выдачи', formatDate(model.issuedOn));

  heading(w, '1. Успеваемость');
  const used = new Map<string, number>();
  const rows = s.subjects.map((sub, i) => {
    for (const m of sub.marks) used.set(m.workType, m.weight);
    const marks = sub.marks.length
      ? sub.marks.map((m) => `${m.date}: ${m.value} (${m.workType})`).join('; ')
      : 'отметок нет';
    return {
      cells: [
        String(i + 1),
        sub.teacher ? `${sub.name}\n${sub.teacher}` : sub.name,
        sub.explanation ? `${marks}\n${sub.explanation}` : marks,
        sub.average,
        sub.result,
        String(sub.lessonsMissed),
      ],
    };
  });
  if (rows.length === 0) rows.push({ cells: ['', 'Предметов нет', '', '', '', ''] });
  drawTable(
    w,
    {
      columns: [
        { width: 16, align: 'center' },
        { width: 100 },
        { width: w.width - 16 - 100 - 42 - 70 - 46 },
        { width: 42, align: 'center' },
        { width: 70, align: 'center' },
        { width: 46, align: 'center' },
      ],
      header: [
        { text: '№', row: 0, col: 0 },
        { text: 'Предмет, учитель', row: 0, col: 1 },
        { text: 'Отметки: дата, отметка (вид работы); расчёт прогноза', row: 0, col: 2 },
        { text: 'Средний балл', row: 0, col: 3 },
        { text: 'Отметка за период / прогноз', row: 0, col: 4 },
        { text: 'Пропущено уроков', row: 0, col: 5 },
      ],
      headerRows: 1,
      fontSize: 8,
      headerFontSize: 7.5,
    },
    rows,
  );
  if (used.size > 0) {
    w.font(FONT.italic, 7.5);
    const legend = [...used.entries()]
      .map(([short, weight]) => `${short} — вес ${weight}`)
      .join(', ');
    doc.text(
      `Средний балл — взвешенный: каждая отметка учитывается с весом вида работы (${legend}).`,
      w.left,
      w.y + 3,
      { width: w.width },
    );
  }

  heading(w, '2. Посещаемость');
  const a = s.absences;
  w.font(FONT.regular, BODY);
  doc.text(
    `Пропущено уроков: ${a.lessonsMissed}, из них по болезни — ${a.byReason.illness}, ` +
      `по уважительной причине — ${a.byReason.excused}, без уважительной причины — ${a.byReason.unexcused}. ` +
      `Пропущено дней: ${a.daysMissed}, из них по болезни — ${a.daysMissedByIllness}. Опозданий: ${a.lateCount}.`,
    w.left,
    w.y,
    { width: w.width },
  );

  if (model.upcomingDays > 0) {
    heading(
      w,
      `3. Темы уроков и домашние задания с ${formatDate(addDays(model.issuedOn, 1))} по ${formatDate(addDays(model.issuedOn, model.upcomingDays))}`,
    );
    if (s.upcoming.length === 0) {
      w.font(FONT.italic, BODY);
      doc.text('Уроки на эти дни в журнале ещё не запланированы.', w.left, w.y, { width: w.width });
    } else {
      drawTable(
        w,
        {
          columns: [
            { width: 52, align: 'center' },
            { width: 90 },
            { width: (w.width - 142) * 0.55 },
            { width: (w.width - 142) * 0.45 },
          ],
          header: [
            { text: 'Дата', row: 0, col: 0 },
            { text: 'Предмет', row: 0, col: 1 },
            { text: 'Тема урока', row: 0, col: 2 },
            { text: 'Домашнее задание', row: 0, col: 3 },
          ],
          headerRows: 1,
          fontSize: 8,
          headerFontSize: 7.5,
        },
        s.upcoming.map((u) => ({ cells: [u.date, u.subject, u.topic, u.homework] })),
      );
    }
  }
  signatures(w, s);
}

function signatures(w: PdfWriter, s: StudentExtract): void {
  const doc = w.doc;
  w.ensure(100);
  const y = w.y + 34;
  w.font(FONT.regular, BODY);
  doc.text('Классный руководитель', w.left, y - 12, { lineBreak: false });
  w.fillLine(w.left + 125, y, 110, '(подпись)');
  w.fillLine(w.left + 250, y, w.width - 250, '(расшифровка подписи)', s.classTeacherShort);
  const y2 = y + 34;
  w.font(FONT.regular, BODY);
  doc.text('Выписку получил(а)', w.left, y2 - 12, { lineBreak: false });
  w.fillLine(w.left + 125, y2, 110, '(подпись родителя)');
  w.fillLine(w.left + 250, y2, w.width - 330, '(расшифровка подписи)');
  w.fillLine(w.right - 70, y2, 70, '(дата)');
  doc.x = w.left;
  doc.y = y2 + 12;
}
