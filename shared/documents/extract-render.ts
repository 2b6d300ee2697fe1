// Renders diary extracts: each student from a new page; marks table with its legend, attendance, the coming
// week, signatures with the stamp's place. The signatures always share a page with the content above them.
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

/** Height of the signature block (class teacher, family, the stamp's place). */
const SIGNATURES_HEIGHT = 96;

function renderStudent(w: PdfWriter, model: ExtractModel, s: StudentExtract): void {
  const doc = w.doc;
  w.section(`${s.studentShort}, ${s.className}`);
  w.font(FONT.bold, 13);
  doc.text(`ВЫПИСКА № ${s.number}`, w.left, w.top, { width: w.width, align: 'center' });
  doc.text('ИЗ ЭЛЕКТРОННОГО ЖУРНАЛА', { width: w.width, align: 'center' });
  w.font(FONT.regular, BODY);
  doc.text('(электронного дневника обучающегося)', { width: w.width, align: 'center' });
  w.y += 6;
  labelled(w, 'Образовательная организация', model.schoolFullName);
  labelled(w, 'Обучающийся', `${s.studentName}, ${s.className} класс`);
  labelled(w, 'Классный руководитель', s.classTeacher || '—');
  labelled(w, 'Период', s.periodLabel);
  if (s.forecastLabel !== s.periodLabel) {
    labelled(w, 'Отметка за период и прогноз', s.forecastLabel);
  }
  labelled(w, 'Дата выдачи', `${formatDate(model.issuedOn)} (сведения журнала на конец этого дня)`);

  heading(w, '1. Успеваемость');
  const rows = s.subjects.map((sub, i) => {
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
  w.font(FONT.italic, 7.5);
  doc.text(s.legend.join(' '), w.left, w.y + 3, { width: w.width });

  const a = s.absences;
  const attendance =
    `Пропущено уроков: ${a.lessonsMissed}, из них по болезни — ${a.byReason.illness}, ` +
    `по уважительной причине — ${a.byReason.excused}, без уважительной причины — ${a.byReason.unexcused}. ` +
    `Пропущено дней: ${a.daysMissed}, из них по болезни — ${a.daysMissedByIllness}. Опозданий: ${a.lateCount}.`;
  w.font(FONT.regular, BODY);
  const attendanceHeight = doc.heightOfString(attendance, { width: w.width }) + 30;
  // Without the coming week, the attendance is what the signatures stay with.
  w.ensure(model.upcomingDays > 0 ? attendanceHeight : attendanceHeight + SIGNATURES_HEIGHT);
  heading(w, '2. Посещаемость');
  w.font(FONT.regular, BODY);
  doc.text(attendance, w.left, w.y, { width: w.width });

  if (model.upcomingDays > 0) {
    const title = `3. Темы уроков и домашние задания с ${formatDate(addDays(model.issuedOn, 1))} по ${formatDate(addDays(model.issuedOn, model.upcomingDays))}`;
    if (s.upcoming.length === 0) {
      w.ensure(60 + SIGNATURES_HEIGHT);
      heading(w, title);
      w.font(FONT.italic, BODY);
      doc.text('Уроки на эти дни в журнале ещё не запланированы.', w.left, w.y, { width: w.width });
    } else {
      // The heading goes with the table's header and first row (and the signatures when that is all).
      const first = s.upcoming[0]!;
      w.font(FONT.regular, 8);
      const firstRow = Math.min(
        120,
        doc.heightOfString(`${first.topic}`, { width: (w.width - 142) * 0.55 - 5 }) + 4,
      );
      w.ensure(45 + 22 + firstRow + (s.upcoming.length === 1 ? SIGNATURES_HEIGHT : 0));
      heading(w, title);
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
          tailReserve: SIGNATURES_HEIGHT,
        },
        s.upcoming.map((u) => ({ cells: [u.date, u.subject, u.topic, u.homework] })),
      );
    }
  }
  signatures(w, s);
}

/** The class teacher's signature with the stamp's place (М.П.), and the family's receipt. */
function signatures(w: PdfWriter, s: StudentExtract): void {
  const doc = w.doc;
  w.ensure(SIGNATURES_HEIGHT);
  const y = w.y + 34;
  w.font(FONT.regular, BODY);
  doc.text('Классный руководитель', w.left, y - 12, { lineBreak: false });
  w.fillLine(w.left + 125, y, 100, '(подпись)');
  w.fillLine(w.left + 235, y, w.width - 235 - 80, '(расшифровка подписи)', s.classTeacherShort);
  w.sealPlace(w.right - 34, y - 4);
  const y2 = y + 40;
  w.font(FONT.regular, BODY);
  doc.text('Выписку получил(а)', w.left, y2 - 12, { lineBreak: false });
  w.fillLine(w.left + 125, y2, 100, '(подпись родителя)');
  w.fillLine(w.left + 235, y2, w.width - 235 - 80, '(расшифровка подписи)');
  w.fillLine(w.right - 70, y2, 70, '(дата)');
  doc.x = w.left;
  doc.y = y2 + 12;
}
