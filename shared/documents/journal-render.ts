// Renders the year-end paper journal as one PDF/A: per class a title page with the contents, per course
// the left pages (students × lesson dates) and right pages (date, topic, homework, who held the lesson),
// lessons planned against held, the year summary sheet and the certification sheet; sheets numbered per
// class. Pages are planned before they are drawn, so the contents and the sheet count are exact, and
// each finished page leaves memory at once (a whole school is thousands of pages).
import { putText, textWidth } from './fast-text';
import { formatDate } from './source';
import type { ClassJournal, JournalColumn, JournalCourse, JournalModel } from './journal-model';
import { numberWords, pluralRu } from './number-words';
import type { PdfWriter } from './pdf';
import { FONT, PdfWriter as Writer } from './pdf';
import type { DocumentFonts } from './source';
import { drawClassSummary } from './summary-render';
import { drawTable } from './table';
import { wrapText, type Line } from './wrap';

const MARGINS = { top: 24, bottom: 30, left: 34, right: 20 };
const SIZE = 7;
const LINE = SIZE * 1.18;
const NO_W = 15;
const NAME_W = 150;
const LESSON_W = 17;
const MARK_W = 19;
/** A column never gets wider than this; a longer cell ("оп/4/5/5") is set smaller instead. */
const MAX_COL_W = 30;
const HEADER_H = 28;
const TITLE_H = 18;
const ROW_PAD = 2.4;

/** The right page's columns: №, date, topic, homework, who held it, signature. */
const RIGHT = { no: 18, date: 40, teacher: 100, sign: 46 };
/** The planned-vs-held block: its title, a header, five rows, the teacher's signature. */
const HOURS_HEIGHT = 128;

interface Spread {
  /** Indexes into course.columns shown on the left page(s). */
  columns: number[];
  /** Lesson indexes shown on the right page. */
  lessons: number[];
  /** The right page's rows: wrapped topic and homework per lesson. */
  rows: { topic: Line[]; homework: Line[]; teacher: Line[]; height: number }[];
}

interface CoursePlan {
  course: JournalCourse;
  /** Width of every column of `course.columns`: wide enough for its longest cell. */
  widths: number[];
  /** Wrapped names and row heights of the left pages. */
  names: Line[][];
  heights: number[];
  /** Student index ranges per left page [from, to). */
  chunks: [number, number][];
  spreads: Spread[];
  /** Whether the planned-vs-held block needs its own page after the last right page. */
  hoursPage: boolean;
  firstSheet: number;
  sheets: number;
}

/** A writer that takes class journals one by one (the desktop's worker gets them class by class). */
export class JournalWriter {
  private readonly w: PdfWriter;
  private classes = 0;

  constructor(
    fonts: DocumentFonts,
    meta: { schoolShortName: string; yearName: string; classes: string },
  ) {
    this.w = new Writer(
      fonts,
      {
        title: `Классный журнал за ${meta.yearName} учебный год, ${meta.schoolShortName}`,
        subject: meta.classes,
        author: meta.schoolShortName,
        keywords: 'классный журнал, архив, успеваемость, посещаемость',
      },
      {
        layout: 'landscape',
        margins: MARGINS,
        footerLabel: `${meta.schoolShortName}. Классный журнал ${meta.yearName}`,
        numbering: 'sheets',
      },
    );
  }

  /** Draws one class's whole journal; returns the number of its sheets. */
  addClass(journal: ClassJournal): number {
    const w = this.w;
    this.classes++;
    const plans = planCourses(w, journal);
    w.section(`${journal.className} класс`);
    titlePage(w, journal, plans);
    for (const plan of plans) drawCourse(w, journal, plan);
    w.newPage();
    const summaryClass = journal.summary.classes[0];
    if (summaryClass) drawClassSummary(w, journal.summary, summaryClass);
    w.newPage();
    certification(w, journal, w.sectionPage);
    return w.sectionPage;
  }

  finish(): Promise<Uint8Array> {
    if (this.classes === 0) {
      this.w.section('');
      this.w.font(FONT.regular, 10);
      this.w.doc.text('Нет классов для журнала.', this.w.left, this.w.top);
    }
    return this.w.finish();
  }
}

export async function renderJournal(
  model: JournalModel,
  fonts: DocumentFonts,
): Promise<Uint8Array> {
  const writer = new JournalWriter(fonts, {
    schoolShortName: model.schoolShortName,
    yearName: model.yearName,
    classes: model.classes.map((c) => c.className).join(', '),
  });
  for (const c of model.classes) writer.addClass(c);
  return writer.finish();
}

function courseTitle(c: JournalCourse): string {
  return c.group ? `${c.subject} — ${c.group}` : c.subject;
}

/** Pages of every course, in order, with the sheet each starts on (the title page is sheet 1). */
function planCourses(w: PdfWriter, journal: ClassJournal): CoursePlan[] {
  let sheet = 2;
  return journal.courses.map((course) => {
    const plan = planCourse(w, course);
    plan.firstSheet = sheet;
    sheet += plan.sheets;
    return plan;
  });
}

function planCourse(w: PdfWriter, course: JournalCourse): CoursePlan {
  const doc = w.doc;
  w.font(FONT.regular, SIZE);
  const names = course.students.map((n) => wrapText(doc, n, NAME_W - 4));
  const heights = names.map((lines) => Math.max(1, lines.length) * LINE + ROW_PAD);
  const gridTop = w.top + TITLE_H + HEADER_H;
  const chunks: [number, number][] = [];
  let from = 0;
  let y = gridTop;
  heights.forEach((h, i) => {
    if (y + h > w.bottom && i > from) {
      chunks.push([from, i]);
      from = i;
      y = gridTop;
    }
    y += h;
  });
  chunks.push([from, heights.length]);

  const available = w.width - NO_W - NAME_W;
  // Each column as wide as its longest cell at the body size (within limits), so no cell is split.
  const widths = course.columns.map((col) => {
    let widest = 0;
    if (col.kind === 'lesson') {
      for (const row of course.cells) {
        const text = row[col.lesson]!;
        if (text.length > 1) widest = Math.max(widest, textWidth(doc, text));
      }
    } else {
      w.font(FONT.bold, SIZE);
      for (const text of col.values) if (text) widest = Math.max(widest, textWidth(doc, text));
      w.font(FONT.regular, SIZE);
    }
    return Math.min(MAX_COL_W, Math.max(col.kind === 'lesson' ? LESSON_W : MARK_W, widest + 3));
  });
  const topicW = (w.width - RIGHT.no - RIGHT.date - RIGHT.teacher - RIGHT.sign) * 0.57;
  const homeworkW = w.width - RIGHT.no - RIGHT.date - RIGHT.teacher - RIGHT.sign - topicW;
  const rightTop = w.top + TITLE_H + 14;
  const spreads: Spread[] = [];
  let i = 0;
  while (i < course.columns.length || spreads.length === 0) {
    const spread: Spread = { columns: [], lessons: [], rows: [] };
    let width = 0;
    let height = rightTop;
    while (i < course.columns.length) {
      const col = course.columns[i]!;
      const colW = widths[i]!;
      if (spread.columns.length > 0 && width + colW > available) break;
      if (col.kind === 'lesson') {
        const l = course.lessons[col.lesson]!;
        w.font(FONT.regular, SIZE);
        const topic = l.topic ? wrapText(doc, l.topic, topicW - 5) : [];
        const homework = l.homework ? wrapText(doc, l.homework, homeworkW - 5) : [];
        const teacher = wrapText(
          doc,
          l.substitute ? `${l.teacher} (замена)` : l.teacher,
          RIGHT.teacher - 5,
        );
        const h = Math.max(1, topic.length, homework.length, teacher.length) * LINE + 3;
        if (spread.lessons.length > 0 && height + h > w.bottom) break;
        spread.lessons.push(col.lesson);
        spread.rows.push({ topic, homework, teacher, height: h });
        height += h;
      }
      spread.columns.push(i);
      width += colW;
      i++;
    }
    spreads.push(spread);
    if (i >= course.columns.length) {
      const last = spread.rows.reduce((a, r) => a + r.height, rightTop);
      const hoursPage = last + HOURS_HEIGHT > w.bottom;
      const sheets = spreads.length * (chunks.length + 1) + (hoursPage ? 1 : 0);
      return { course, widths, names, heights, chunks, spreads, hoursPage, firstSheet: 0, sheets };
    }
  }
  // Unreachable: the loop returns when the columns are used up.
  return {
    course,
    widths,
    names,
    heights,
    chunks,
    spreads,
    hoursPage: true,
    firstSheet: 0,
    sheets: 0,
  };
}

function titlePage(w: PdfWriter, j: ClassJournal, plans: CoursePlan[]): void {
  const doc = w.doc;
  w.font(FONT.regular, 10);
  doc.text(j.schoolFullName, w.left + 60, w.top + 10, { width: w.width - 120, align: 'center' });
  w.font(FONT.bold, 26);
  doc.text('КЛАССНЫЙ ЖУРНАЛ', w.left, doc.y + 24, { width: w.width, align: 'center' });
  w.font(FONT.bold, 16);
  doc.text(`${j.className} класса`, w.left, doc.y + 4, { width: w.width, align: 'center' });
  doc.text(`на ${j.yearName} учебный год`, w.left, doc.y + 2, { width: w.width, align: 'center' });
  w.font(FONT.regular, 10);
  doc.text(`Классный руководитель: ${j.classTeacher || '________________'}`, w.left, doc.y + 14, {
    width: w.width,
    align: 'center',
  });
  doc.text(
    `Журнал начат ${formatDate(j.from)}, окончен ${formatDate(j.to)}. Напечатан из электронного журнала ${formatDate(j.issuedOn)}.`,
    w.left,
    doc.y + 2,
    { width: w.width, align: 'center' },
  );
  doc.y += 10;
  w.font(FONT.bold, 11);
  doc.text('Содержание', w.left, doc.y, { width: w.width, align: 'center' });
  doc.y += 4;
  const summarySheet = plans.reduce((n, p) => n + p.sheets, 2);
  const rows = plans.map((p, i) => ({
    cells: [
      String(i + 1),
      courseTitle(p.course),
      p.course.teacher,
      p.sheets > 1 ? `${p.firstSheet}–${p.firstSheet + p.sheets - 1}` : String(p.firstSheet),
    ],
  }));
  rows.push({ cells: ['', 'Сводная ведомость учёта успеваемости', '', `с ${summarySheet}`] });
  rows.push({ cells: ['', 'Лист заверения', '', 'последний'] });
  drawTable(
    w,
    {
      columns: [
        { width: 24, align: 'center' },
        { width: w.width - 24 - 230 - 90 },
        { width: 230 },
        { width: 90, align: 'center' },
      ],
      header: [
        { text: '№', row: 0, col: 0 },
        { text: 'Учебный предмет', row: 0, col: 1 },
        { text: 'Учитель', row: 0, col: 2 },
        { text: 'Листы', row: 0, col: 3 },
      ],
      headerRows: 1,
      fontSize: 8,
      headerFontSize: 8,
    },
    rows,
  );
}

function pageHeading(w: PdfWriter, j: ClassJournal, course: JournalCourse, what: string): void {
  const doc = w.doc;
  w.font(FONT.bold, 9.5);
  const left = `${courseTitle(course)} · ${j.className} класс · учитель ${course.teacherShort || '—'}`;
  const rightText = what;
  const rw = textWidth(doc, rightText);
  const size = w.fitSize(left, w.width - rw - 20, 9.5, 6.5, FONT.bold) ?? 6.5;
  w.font(FONT.bold, size);
  putText(doc, left, w.left, w.top);
  w.font(FONT.bold, 9.5);
  putText(doc, rightText, w.right - rw, w.top);
}

function drawCourse(w: PdfWriter, j: ClassJournal, plan: CoursePlan): void {
  const { course } = plan;
  let lessonNo = 0;
  plan.spreads.forEach((spread, s) => {
    plan.chunks.forEach((chunk, c) => {
      w.newPage();
      const part = plan.chunks.length > 1 ? `, список ${c + 1} из ${plan.chunks.length}` : '';
      pageHeading(w, j, course, `Отметки и посещаемость${part}`);
      leftPage(w, plan, spread, chunk);
    });
    w.newPage();
    pageHeading(w, j, course, 'Темы уроков и домашние задания');
    const last = s === plan.spreads.length - 1;
    lessonNo = rightPage(w, plan, spread, lessonNo);
    if (last) {
      if (plan.hoursPage) {
        w.newPage();
        pageHeading(w, j, course, 'Учёт проведённых уроков');
        hoursBlock(w, course, w.top + TITLE_H + 4);
      } else {
        hoursBlock(w, course, w.y + 10);
      }
    }
  });
}

function columnLabel(course: JournalCourse, col: JournalColumn): string {
  if (col.kind === 'mark') return col.label;
  const date = course.lessons[col.lesson]!.date;
  return `${date.slice(8, 10)}.${date.slice(5, 7)}`;
}

/** Text centred in a cell, made smaller when long, on two lines (split at "/") when still too long. */
/** Fitted cell font sizes per document (the same few texts fill thousands of cells). */
const fittedByDoc = new WeakMap<object, Map<string, number | null>>();

function cellText(
  w: PdfWriter,
  text: string,
  x: number,
  y: number,
  width: number,
  height: number,
  bold = false,
): void {
  const doc = w.doc;
  const font = bold ? FONT.bold : FONT.regular;
  // Most cells hold "5", "4", "н": their fitted size is looked up, not measured again.
  const key = `${font}|${width}|${text}`;
  let fitted = fittedByDoc.get(doc);
  if (!fitted) fittedByDoc.set(doc, (fitted = new Map()));
  let size = fitted.get(key);
  if (size === undefined) {
    size = w.fitSize(text, width - 2, SIZE, 5, font);
    fitted.set(key, size);
  }
  if (size !== null) {
    w.font(font, size);
    const tw = textWidth(doc, text);
    putText(doc, text, x + (width - tw) / 2, y + (height - size * 1.15) / 2);
    return;
  }
  const parts = text.split('/');
  const half = Math.ceil(parts.length / 2);
  const lines = [`${parts.slice(0, half).join('/')}/`, parts.slice(half).join('/')];
  w.font(font, 5);
  lines.forEach((line, i) => {
    const tw = textWidth(doc, line);
    putText(doc, line, x + (width - tw) / 2, y + height / 2 - 6 + i * 6);
  });
}

function leftPage(
  w: PdfWriter,
  plan: CoursePlan,
  spread: Spread,
  [from, to]: [number, number],
): void {
  const doc = w.doc;
  const { course } = plan;
  const top = w.top + TITLE_H;
  const x0 = w.left;
  const xs: number[] = [x0, x0 + NO_W, x0 + NO_W + NAME_W];
  for (const ci of spread.columns) xs.push(xs[xs.length - 1]! + plan.widths[ci]!);
  const right = xs[xs.length - 1]!;
  const ys: number[] = [top, top + HEADER_H];
  for (let r = from; r < to; r++) ys.push(ys[ys.length - 1]! + plan.heights[r]!);
  const bottom = ys[ys.length - 1]!;
  // Header and period-mark columns shaded.
  doc
    .save()
    .rect(x0, top, right - x0, HEADER_H)
    .fill('#e8e8e8')
    .restore();
  spread.columns.forEach((ci, k) => {
    if (course.columns[ci]!.kind === 'mark') {
      doc
        .save()
        .rect(xs[k + 2]!, top + HEADER_H, xs[k + 3]! - xs[k + 2]!, bottom - top - HEADER_H)
        .fill('#f1f1f1')
        .restore();
    }
  });
  // The grid: one path.
  doc.save().lineWidth(0.4).strokeColor('#000000');
  for (const y of ys) doc.moveTo(x0, y).lineTo(right, y);
  for (const x of xs) doc.moveTo(x, top).lineTo(x, bottom);
  doc.stroke().restore();
  // Header: №, name, dates turned 90°.
  w.font(FONT.bold, 6.5);
  doc.text('№', x0 + 4, top + HEADER_H / 2 - 4, { lineBreak: false });
  doc.text('Фамилия, имя, отчество обучающегося', xs[1]! + 3, top + HEADER_H / 2 - 4, {
    lineBreak: false,
  });
  spread.columns.forEach((ci, k) => {
    const label = columnLabel(course, course.columns[ci]!);
    const lw = textWidth(doc, label);
    const cx = xs[k + 2]! + (xs[k + 3]! - xs[k + 2]!) / 2 - 3.5;
    const cy = top + (HEADER_H + lw) / 2;
    doc.save().rotate(-90, { origin: [cx, cy] });
    putText(doc, label, cx, cy);
    doc.restore();
  });
  // Rows.
  for (let r = from; r < to; r++) {
    const y = ys[r - from + 1]!;
    const h = plan.heights[r]!;
    w.font(FONT.regular, SIZE);
    const no = String(r + 1);
    putText(doc, no, x0 + (NO_W - textWidth(doc, no)) / 2, y + ROW_PAD / 2);
    plan.names[r]!.forEach((line, i) => {
      putText(doc, line.text, xs[1]! + 2, y + ROW_PAD / 2 + i * LINE);
    });
    spread.columns.forEach((ci, k) => {
      const col = course.columns[ci]!;
      const text = col.kind === 'lesson' ? course.cells[r]![col.lesson]! : col.values[r]!;
      if (text) cellText(w, text, xs[k + 2]!, y, xs[k + 3]! - xs[k + 2]!, h, col.kind === 'mark');
    });
  }
  doc.x = w.left;
  doc.y = bottom;
}

function rightPage(w: PdfWriter, plan: CoursePlan, spread: Spread, lessonNo: number): number {
  const doc = w.doc;
  const { course } = plan;
  const top = w.top + TITLE_H;
  const topicW = (w.width - RIGHT.no - RIGHT.date - RIGHT.teacher - RIGHT.sign) * 0.57;
  const homeworkW = w.width - RIGHT.no - RIGHT.date - RIGHT.teacher - RIGHT.sign - topicW;
  const widths = [RIGHT.no, RIGHT.date, topicW, homeworkW, RIGHT.teacher, RIGHT.sign];
  const xs = [w.left];
  for (const cw of widths) xs.push(xs[xs.length - 1]! + cw);
  const headH = 14;
  const ys = [top, top + headH];
  for (const row of spread.rows) ys.push(ys[ys.length - 1]! + row.height);
  const bottom = ys[ys.length - 1]!;
  doc.save().rect(w.left, top, w.width, headH).fill('#e8e8e8').restore();
  doc.save().lineWidth(0.4).strokeColor('#000000');
  for (const y of ys) doc.moveTo(w.left, y).lineTo(w.right, y);
  for (const x of xs) doc.moveTo(x, top).lineTo(x, bottom);
  doc.stroke().restore();
  w.font(FONT.bold, 6.5);
  ['№', 'Дата', 'Тема урока', 'Домашнее задание', 'Кто провёл урок', 'Подпись'].forEach((t, i) => {
    const tw = textWidth(doc, t);
    putText(doc, t, xs[i]! + (widths[i]! - tw) / 2, top + 4);
  });
  w.font(FONT.regular, SIZE);
  spread.rows.forEach((row, i) => {
    const y = ys[i + 1]! + 1.5;
    const l = course.lessons[spread.lessons[i]!]!;
    lessonNo++;
    putText(doc, String(lessonNo), xs[0]! + 2, y);
    putText(doc, formatDate(l.date), xs[1]! + 2, y);
    row.topic.forEach((line, k) => putText(doc, line.text, xs[2]! + 2.5, y + k * LINE));
    row.homework.forEach((line, k) => putText(doc, line.text, xs[3]! + 2.5, y + k * LINE));
    row.teacher.forEach((line, k) => putText(doc, line.text, xs[4]! + 2.5, y + k * LINE));
  });
  if (spread.rows.length === 0) {
    w.font(FONT.italic, SIZE);
    putText(doc, 'Уроков нет.', w.left + 4, top + headH + 3);
    doc.y = top + headH + 14;
  } else doc.y = bottom;
  doc.x = w.left;
  return lessonNo;
}

/** Lessons planned by the curriculum against those held, per period and for the year, and the teacher's signature. */
function hoursBlock(w: PdfWriter, course: JournalCourse, top: number): void {
  const doc = w.doc;
  doc.y = top;
  w.font(FONT.bold, 8);
  doc.text('Учёт проведённых уроков', w.left, top, { lineBreak: false });
  doc.y = top + 12;
  drawTable(
    w,
    {
      columns: [
        { width: 110 },
        { width: 90, align: 'center' },
        { width: 90, align: 'center' },
        { width: 90, align: 'center' },
      ],
      header: [
        { text: 'Период', row: 0, col: 0 },
        { text: 'По учебному плану', row: 0, col: 1 },
        { text: 'Фактически проведено', row: 0, col: 2 },
        { text: 'Отставание', row: 0, col: 3 },
      ],
      headerRows: 1,
      fontSize: 7.5,
      headerFontSize: 7,
    },
    course.hours.map((h, i) => ({
      bold: i === course.hours.length - 1,
      cells: [h.label, String(h.planned), String(h.held), String(h.backlog)],
    })),
  );
  const y = doc.y + 24;
  w.font(FONT.regular, 8);
  doc.text('Учитель', w.left, y - 10, { lineBreak: false });
  w.fillLine(w.left + 45, y, 90, '(подпись)');
  w.fillLine(w.left + 145, y, 150, '(расшифровка)', course.teacherShort, 8.5);
  doc.x = w.left;
  doc.y = y + 12;
}

/** «В журнале пронумеровано и прошнуровано N листов», the director's signature and the stamp. */
function certification(w: PdfWriter, j: ClassJournal, sheets: number): void {
  const doc = w.doc;
  const top = w.top + 120;
  w.font(FONT.bold, 14);
  doc.text('Лист заверения', w.left, top, { width: w.width, align: 'center' });
  w.font(FONT.regular, 12);
  doc.text(
    `Классный журнал ${j.className} класса на ${j.yearName} учебный год (${j.schoolShortName}).`,
    w.left + 120,
    doc.y + 18,
    { width: w.width - 240, align: 'center' },
  );
  doc.text(
    `В журнале пронумеровано и прошнуровано ${sheets} (${numberWords(sheets)}) ${pluralRu(sheets, ['лист', 'листа', 'листов'])}.`,
    w.left + 120,
    doc.y + 10,
    { width: w.width - 240, align: 'center' },
  );
  const y = doc.y + 60;
  const x = w.left + 160;
  w.font(FONT.regular, 11);
  doc.text('Директор', x, y - 14, { lineBreak: false });
  w.fillLine(x + 70, y, 140, '(подпись)');
  w.fillLine(x + 225, y, 170, '(расшифровка подписи)', j.director, 11);
  w.sealPlace(x + 470, y - 6, 32);
  w.font(FONT.regular, 11);
  doc.text('«____» ______________ 20____ г.', x, y + 40, { lineBreak: false });
}
