// Renders term and year summary sheets: A4 landscape, each class from a new page as one table (a wide year
// sheet continues on the next page with the same rows), the font size chosen so nothing is cut or split,
// totals kept with the table, the school totals page; `drawClassSummary` is reused by the year-end journal.
import type { PdfWriter } from './pdf';
import { FONT, PdfWriter as Writer } from './pdf';
import type { DocumentFonts } from './source';
import { formatDate } from './source';
import type { ClassSummary, ClassTotals, SummaryModel } from './summary-model';
import type { HeaderCell, TableColumn, TableRow } from './table';
import { drawTable } from './table';
import { formatPercent } from '../statistics';
import { wrapText } from './wrap';

const NO_W = 16;
const PAD = 1.6;
const PAD_Y = 0.9;
/** Font sizes tried, largest first: the first that fits the class on the fewest pages wins. */
const TERM_SIZES = [8, 7.5, 7, 6.5, 6];
const YEAR_SIZES = [7.5, 7, 6.5, 6];
const ABSENCE_HEADERS = ['всего', 'по бол.', 'уважит.', 'без уваж.', 'всего', 'по бол.'];

export async function renderSummary(
  model: SummaryModel,
  fonts: DocumentFonts,
): Promise<Uint8Array> {
  const title = summaryTitle(model);
  const w = new Writer(
    fonts,
    {
      title: `${title}, ${model.schoolShortName}`,
      subject: model.classes.map((c) => c.className).join(', '),
      author: model.schoolShortName,
      keywords: 'сводная ведомость, успеваемость',
    },
    {
      layout: 'landscape',
      margins: SUMMARY_MARGINS,
      footerLabel: `${model.schoolShortName}. ${title}`,
    },
  );
  for (const cls of model.classes) {
    w.section(`${cls.className} класс`);
    drawClassSummary(w, model, cls);
  }
  if (model.schoolTotals) {
    w.section('Итоги по школе');
    drawSchoolTotals(w, model, model.schoolTotals.rows, model.schoolTotals.total);
  }
  if (model.classes.length === 0) {
    w.section('');
    w.font(FONT.regular, 10);
    w.doc.text('Нет классов для ведомости.', w.left, w.top);
  }
  return w.finish();
}

export const SUMMARY_MARGINS = { top: 26, bottom: 30, left: 26, right: 26 };

export function summaryTitle(model: Pick<SummaryModel, 'year'>): string {
  return model.year
    ? 'Сводная ведомость учёта успеваемости (годовая)'
    : 'Сводная ведомость учёта успеваемости';
}

interface Part {
  /** Subject indexes in this part. */
  subjects: number[];
  /** Widths of the part's sub-columns, in order. */
  widths: number[];
  /** Offset of the part's first sub-column in a row's marks. */
  offset: number;
}

interface Layout {
  size: number;
  headerSize: number;
  nameWidth: number;
  absenceWidths: number[];
  parts: Part[];
  /** Whether students and statistics of a part fit one page at this size. */
  fitsHeight: boolean;
}

/** The widest word of a text at a size (what a column must hold so no word is split). */
function widestWord(w: PdfWriter, text: string, size: number, bold: boolean): number {
  w.font(bold ? FONT.bold : FONT.regular, size);
  let max = 0;
  for (const word of text.split(/\s+/)) max = Math.max(max, w.doc.widthOfString(word));
  return max;
}

function layoutAt(
  w: PdfWriter,
  model: SummaryModel,
  cls: ClassSummary,
  size: number,
  /** Title above and totals under the table: what shares the page with it. */
  around: number,
): Layout {
  const doc = w.doc;
  const headerSize = Math.max(5.5, size - 0.5);
  // Sub-column widths: the widest mark, statistic and label in each.
  const subColumns = cls.subjects.flatMap((s) => s.columns);
  const widths = subColumns.map(() => 0);
  w.font(FONT.regular, size);
  for (const r of cls.rows) {
    r.marks.forEach((m, c) => {
      if (m) widths[c] = Math.max(widths[c]!, doc.widthOfString(m));
    });
  }
  for (const st of cls.stats) {
    st.values.forEach((v, c) => {
      if (v) widths[c] = Math.max(widths[c]!, doc.widthOfString(v));
    });
  }
  w.font(FONT.bold, headerSize);
  subColumns.forEach((label, c) => {
    widths[c] = Math.max(widths[c]!, doc.widthOfString(label), headerSize * 1.25);
  });
  for (let c = 0; c < widths.length; c++) widths[c] = widths[c]! + 2 * PAD + 1;
  // A year sheet's subject header spans its columns: its widest word must fit the span.
  let offset = 0;
  for (const s of cls.subjects) {
    const n = s.columns.length;
    if (model.year) {
      const span = widths.slice(offset, offset + n).reduce((a, b) => a + b, 0);
      const need = widestWord(w, s.short, headerSize, true) + 2 * PAD + 1;
      if (need > span) for (let i = 0; i < n; i++) widths[offset + i]! += (need - span) / n;
    }
    offset += n;
  }
  // Absence columns: numbers and rotated labels; the group labels' words must fit their spans.
  w.font(FONT.regular, size);
  const absence = Math.max(doc.widthOfString('8888') + 2 * PAD, headerSize * 1.3 + 2 * PAD);
  const lessonsGroup = Math.max(
    absence * 4,
    widestWord(w, 'Пропущено уроков', headerSize, true) + 2 * PAD,
  );
  const daysGroup = Math.max(
    absence * 2,
    widestWord(w, 'Пропущено дней', headerSize, true) + 2 * PAD,
  );
  const absenceWidths = [
    ...Array<number>(4).fill(lessonsGroup / 4),
    ...Array<number>(2).fill(daysGroup / 2),
  ];
  const absenceTotal = absenceWidths.reduce((a, b) => a + b, 0);
  // Name column: the longest name on at most two lines, within limits.
  w.font(FONT.regular, size);
  const longest = Math.max(0, ...cls.rows.map((r) => doc.widthOfString(r.name)));
  const baseName = Math.min(
    size * 22,
    Math.max(size * 14, longest / 2 + 2 * PAD + 4, widestStatLabel(w, cls, size) - NO_W),
  );
  // Parts: subjects in order, the fewest parts that fit the page width (the absences close the
  // last one), balanced so the parts are about equally wide.
  const budget = w.width - NO_W - baseName;
  const subjectWidths: number[][] = [];
  offset = 0;
  for (const s of cls.subjects) {
    subjectWidths.push(widths.slice(offset, offset + s.columns.length));
    offset += s.columns.length;
  }
  const parts = partition(subjectWidths, budget, absenceTotal);
  if (cls.subjects.length === 0)
    parts.splice(0, parts.length, { subjects: [], widths: [], offset: 0 });
  // One part: the room left widens the name column so names stay on one line where they can.
  let nameWidth = baseName;
  if (parts.length === 1) {
    const used = parts[0]!.widths.reduce((a, b) => a + b, 0) + absenceTotal;
    nameWidth = Math.max(
      baseName,
      Math.min(longest + 2 * PAD + 2, budget + baseName - used, size * 34),
    );
  }
  // Height of one part: header, students (names wrapped), statistics, the totals under it.
  const lineH = size * 1.18;
  w.font(FONT.regular, size);
  let rowsHeight = 0;
  for (const r of cls.rows) {
    rowsHeight += wrapText(doc, r.name, nameWidth - 2 * PAD).length * lineH + 2 * PAD_Y;
  }
  rowsHeight += cls.stats.length * (lineH + 2 * PAD_Y);
  // The header as the table draws it: a row of labels and a row of rotated ones.
  w.font(FONT.bold, headerSize);
  const rotated = [...ABSENCE_HEADERS, ...(model.year ? [] : cls.subjects.map((x) => x.short))];
  const tallest = Math.max(...rotated.map((t) => doc.widthOfString(t))) + 2 * PAD_Y + 2;
  const headerHeight = headerSize * 1.18 * 2 + 2 * PAD_Y + tallest;
  const fitsHeight = around + headerHeight + rowsHeight + 6 <= w.bottom - w.top;
  return { size, headerSize, nameWidth, absenceWidths, parts, fitsHeight };
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** Subjects packed left to right into parts no wider than `cap`; null when one does not fit. */
function pack(
  subjects: readonly number[][],
  cap: number,
  budget: number,
  tail: number,
): Part[] | null {
  const parts: Part[] = [];
  let current: Part = { subjects: [], widths: [], offset: 0 };
  let offset = 0;
  subjects.forEach((own, si) => {
    if (current.subjects.length > 0 && sum(current.widths) + sum(own) > cap) {
      parts.push(current);
      current = { subjects: [], widths: [], offset };
    }
    current.subjects.push(si);
    current.widths.push(...own);
    offset += own.length;
  });
  parts.push(current);
  if (parts.some((p) => sum(p.widths) > budget)) return null;
  if (sum(parts[parts.length - 1]!.widths) + tail > budget) return null;
  return parts;
}

/** The fewest parts, then the narrowest widest part (balanced), found by bisecting the cap. */
function partition(subjects: readonly number[][], budget: number, tail: number): Part[] {
  if (subjects.length === 0) return [{ subjects: [], widths: [], offset: 0 }];
  let fewest: Part[] | null = null;
  for (let cap = budget; cap >= 0 && !fewest; cap -= 8) fewest = pack(subjects, cap, budget, tail);
  // Every subject on its own part when nothing else fits (never expected on A4 landscape).
  fewest ??= subjects.map((own, si) => ({
    subjects: [si],
    widths: [...own],
    offset: sum(subjects.slice(0, si).flat()),
  }));
  let lo = Math.max(...subjects.map(sum));
  let hi = budget;
  let best = fewest;
  for (let i = 0; i < 30 && hi - lo > 1; i++) {
    const mid = (lo + hi) / 2;
    const p = pack(subjects, mid, budget, tail);
    if (p && p.length <= fewest.length) {
      best = p;
      hi = mid;
    } else lo = mid;
  }
  return best;
}

function widestStatLabel(w: PdfWriter, cls: ClassSummary, size: number): number {
  w.font(FONT.bold, size);
  return Math.max(0, ...cls.stats.map((s) => w.doc.widthOfString(s.label))) + 2 * PAD + 2;
}

/** The largest size that prints the class on the fewest pages across, students and statistics together. */
function chooseLayout(w: PdfWriter, model: SummaryModel, cls: ClassSummary): Layout {
  const sizes = model.year ? YEAR_SIZES : TERM_SIZES;
  const around = 34 + afterTableHeight(w, model, cls);
  const candidates = sizes.map((size) => layoutAt(w, model, cls, size, around));
  const fewest = Math.min(...candidates.map((c) => c.parts.length));
  // When no size keeps a part on one page, the smallest one spills the fewest rows.
  return (
    candidates.find((c) => c.parts.length === fewest && c.fitsHeight) ??
    candidates.filter((c) => c.parts.length === fewest).at(-1)!
  );
}

/** One class's sheet from the writer's current page: the table (in parts when wide), totals, signatures. */
export function drawClassSummary(w: PdfWriter, model: SummaryModel, cls: ClassSummary): void {
  const layout = chooseLayout(w, model, cls);
  const tail = afterTableHeight(w, model, cls);
  layout.parts.forEach((part, i) => {
    if (i > 0) w.newPage();
    const first = cls.subjects[part.subjects[0] ?? 0];
    const lastSubject = cls.subjects[part.subjects[part.subjects.length - 1] ?? 0];
    const label =
      layout.parts.length > 1
        ? ` Часть ${i + 1} из ${layout.parts.length} таблицы: ${first?.short ?? ''} — ${sentence(lastSubject?.short ?? '')}`
        : '';
    pageTitle(w, model, cls, false, label);
    drawPart(w, model, cls, layout, part, i === layout.parts.length - 1 ? tail : 0, () =>
      pageTitle(w, model, cls, true, label),
    );
  });
  afterTable(w, model, cls);
}

function pageTitle(
  w: PdfWriter,
  model: SummaryModel,
  cls: ClassSummary,
  continued: boolean,
  part: string,
): void {
  const doc = w.doc;
  w.font(FONT.bold, 11);
  doc.text(
    `Сводная ведомость учёта успеваемости обучающихся ${cls.className} класса за ${cls.periodLabel}` +
      (continued ? ' (продолжение)' : ''),
    w.left,
    w.top,
    { width: w.width, align: 'center' },
  );
  w.font(FONT.regular, 8.5);
  doc.text(
    `${model.schoolFullName}. Классный руководитель: ${sentence(cls.classTeacher || '________________')}${part}`,
    w.left,
    doc.y + 1,
    { width: w.width, align: 'center' },
  );
  doc.y += 5;
}

function drawPart(
  w: PdfWriter,
  model: SummaryModel,
  cls: ClassSummary,
  layout: Layout,
  part: Part,
  tailReserve: number,
  onPageBreak: () => void,
): void {
  const withAbsences = tailReserve > 0 || part === layout.parts[layout.parts.length - 1];
  const columns: TableColumn[] = [{ width: NO_W, align: 'center' }, { width: layout.nameWidth }];
  const header: HeaderCell[] = [
    { text: '№', row: 0, col: 0, rowSpan: 2 },
    { text: 'Фамилия, имя, отчество обучающегося', row: 0, col: 1, rowSpan: 2 },
  ];
  let col = 2;
  let k = 0;
  for (const si of part.subjects) {
    const s = cls.subjects[si]!;
    const span = s.columns.length;
    if (model.year) {
      header.push({ text: s.short, row: 0, col, colSpan: span });
      s.columns.forEach((label, i) => header.push({ text: label, row: 1, col: col + i }));
    } else {
      header.push({ text: s.short, row: 0, col, rowSpan: 2, rotate: true });
    }
    for (let i = 0; i < span; i++) columns.push({ width: part.widths[k++]!, align: 'center' });
    col += span;
  }
  if (withAbsences) {
    header.push(
      { text: 'Пропущено уроков', row: 0, col, colSpan: 4 },
      { text: 'Пропущено дней', row: 0, col: col + 4, colSpan: 2 },
    );
    ABSENCE_HEADERS.forEach((text, i) => header.push({ text, row: 1, col: col + i, rotate: true }));
    for (const width of layout.absenceWidths) columns.push({ width, align: 'center' });
  }
  const subCols = part.widths.length;
  const rows: TableRow[] = cls.rows.map((r) => ({
    cells: [
      String(r.no),
      r.name,
      ...r.marks.slice(part.offset, part.offset + subCols),
      ...(withAbsences
        ? [
            r.lessonsMissed,
            r.lessonsByIllness,
            r.lessonsExcused,
            r.lessonsUnexcused,
            r.daysMissed,
            r.daysByIllness,
          ].map(String)
        : []),
    ],
  }));
  cls.stats.forEach((stat, i) => {
    rows.push({
      shade: true,
      keepRows: i === 0 ? cls.stats.length : undefined,
      cells: [
        { text: stat.label, span: 2, bold: true, align: 'left' },
        ...(model.year
          ? stat.values
              .slice(part.offset, part.offset + subCols)
              .map((v) => ({ text: v, align: 'center' as const }))
          : part.subjects.map((si) => ({ text: stat.values[si] ?? '', align: 'center' as const }))),
        ...(withAbsences ? [{ text: '', span: 6 }] : []),
      ],
    });
  });
  if (cls.rows.length === 0) {
    rows.unshift({
      cells: [{ text: 'В классе нет обучающихся', span: columns.length, italic: true }],
    });
  }
  drawTable(
    w,
    {
      columns,
      header,
      headerRows: 2,
      fontSize: layout.size,
      headerFontSize: layout.headerSize,
      padX: PAD,
      padY: PAD_Y,
      onPageBreak,
      tailReserve,
    },
    rows,
  );
}

const LEGEND =
  'Условные обозначения: н/а — не аттестован, осв. — освобождён, отср. — отсрочка выставления отметки, ' +
  'по бол. — по болезни, уважит. — по уважительной причине, без уваж. — без уважительной причины, ' +
  'зач. — зачёт, незач. — незачёт, — — предмет не оценивается. Аттестованы — все отметки выставлены и нет «н/а»; ' +
  'качество знаний — доля обучающихся только с «4» и «5» по предметам с отметками (зачёт не учитывается).';

function councilText(model: SummaryModel): string {
  const c = model.council;
  const number = c?.number.trim() || '________';
  const date = c?.date ? formatDate(c.date) : '«____» ______________ 20____ г.';
  const end = date.endsWith('.') ? '' : '.';
  return `Решение педагогического совета о результатах промежуточной аттестации и переводе обучающихся: протокол № ${number} от ${date}${end}`;
}

function afterTableHeight(w: PdfWriter, model: SummaryModel, cls: ClassSummary): number {
  const doc = w.doc;
  w.font(FONT.regular, 8.5);
  let h = doc.heightOfString(cls.totalsText, { width: w.width }) + 6;
  w.font(FONT.italic, 7.5);
  h += doc.heightOfString(LEGEND, { width: w.width }) + 2;
  if (model.year) {
    w.font(FONT.regular, 8.5);
    h += doc.heightOfString(councilText(model), { width: w.width }) + 4;
  }
  return h + 34;
}

function afterTable(w: PdfWriter, model: SummaryModel, cls: ClassSummary): void {
  const doc = w.doc;
  w.ensure(afterTableHeight(w, model, cls));
  w.font(FONT.regular, 8.5);
  doc.text(cls.totalsText, w.left, doc.y + 6, { width: w.width });
  w.font(FONT.italic, 7.5);
  doc.text(LEGEND, w.left, doc.y + 2, { width: w.width });
  if (model.year) {
    w.font(FONT.regular, 8.5);
    doc.text(councilText(model), w.left, doc.y + 4, { width: w.width });
  }
  signatures(w, model, cls.classTeacher, doc.y + 24);
}

/** One row: the class teacher's and the deputy's signatures, and the date. */
function signatures(
  w: PdfWriter,
  model: SummaryModel,
  classTeacher: string | null,
  y: number,
): void {
  const doc = w.doc;
  w.font(FONT.regular, 9);
  if (classTeacher !== null) {
    doc.text('Классный руководитель', w.left, y - 11, { lineBreak: false });
    w.fillLine(w.left + 112, y, 80, '(подпись)');
    w.fillLine(w.left + 200, y, 120, '(расшифровка)', classTeacher);
  }
  w.font(FONT.regular, 9);
  doc.text('Заместитель директора по УВР', w.left + 338, y - 11, { lineBreak: false });
  w.fillLine(w.left + 474, y, 80, '(подпись)');
  w.fillLine(w.left + 562, y, 120, '(расшифровка)', model.deputy);
  w.font(FONT.regular, 9);
  doc.text(`Дата: ${formatDate(model.issuedOn)}`, w.right - 80, y - 11, { lineBreak: false });
  doc.x = w.left;
  doc.y = y + 12;
}

function pct(v: number | null): string {
  return formatPercent(v).replace(' %', '');
}

/** The school's totals: per class and for the school, н/а counted apart from the failing. */
export function drawSchoolTotals(
  w: PdfWriter,
  model: SummaryModel,
  rows: readonly ClassTotals[],
  total: ClassTotals,
): void {
  const doc = w.doc;
  const heading = (continued: boolean) => {
    w.font(FONT.bold, 11);
    doc.text(
      `Итоги успеваемости по школе за ${model.year ? `${model.yearName} учебный год` : (model.classes[0]?.periodLabel ?? '')}` +
        (continued ? ' (продолжение)' : ''),
      w.left,
      w.top,
      { width: w.width, align: 'center' },
    );
    w.font(FONT.regular, 8.5);
    doc.text(model.schoolFullName, w.left, doc.y + 1, { width: w.width, align: 'center' });
    doc.y += 5;
  };
  heading(false);
  const labels = [
    'Класс',
    'Обучающихся',
    'Аттестовано',
    'Не аттестовано (н/а)',
    'Отсрочка',
    'Успевают',
    'Успеваемость, %',
    'Отличников',
    'На «4» и «5» (с отличниками)',
    'Качество, %',
    'Неуспевающих («2», «1», незачёт)',
    'Пропущено уроков',
    'по болезни',
    'по уваж. причине',
    'без уваж. причины',
  ];
  const width = (w.width - 70) / (labels.length - 1);
  const columns: TableColumn[] = labels.map((_, i) => ({
    width: i === 0 ? 70 : width,
    align: i === 0 ? 'left' : 'center',
  }));
  const header: HeaderCell[] = labels.map((text, col) => ({ text, row: 0, col }));
  const line = (t: ClassTotals, bold = false): TableRow => ({
    bold,
    shade: bold,
    cells: [
      t.className,
      ...[t.students, t.attested, t.notAttested, t.deferred, t.successful].map(String),
      pct(t.successPercent),
      String(t.excellent),
      String(t.good),
      pct(t.qualityPercent),
      String(t.failing),
      ...[t.lessonsMissed, t.lessonsByIllness, t.lessonsExcused, t.lessonsUnexcused].map(String),
    ],
  });
  drawTable(
    w,
    {
      columns,
      header,
      headerRows: 1,
      fontSize: 8,
      headerFontSize: 7,
      onPageBreak: () => heading(true),
      tailReserve: 70,
    },
    [...rows.map((r) => line(r)), line(total, true)],
  );
  w.ensure(70);
  w.font(FONT.italic, 7.5);
  doc.text(LEGEND, w.left, doc.y + 4, { width: w.width });
  if (model.year) {
    w.font(FONT.regular, 8.5);
    doc.text(councilText(model), w.left, doc.y + 4, { width: w.width });
  }
  signatures(w, model, null, doc.y + 30);
}

/** Ends a phrase with a period unless it already ends with one ("Волкова Н. Д."). */
function sentence(s: string): string {
  return s.endsWith('.') ? s : `${s}.`;
}
