// Benchmark of the printed documents: the school-wide summary for the 1,000-student demo school, consent
// applications and diary extracts for a class of about 30, and the year-end journal for that class and for
// the whole school. Each task and each baseline runs in its own process (clean peak memory) and reports the
// median wall time of its runs, the peak RSS and heap. The baseline is pdfkit with the same fonts writing
// the same number of pages of plain text. The whole-school journal reads one class's data at a time, as
// the desktop's PDF worker gets it, so its peak memory is the worker's.
// Run: npx tsx bench/pdf.ts [--runs 3] [--only journal-class,journal-school]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSchool } from '../shared/demo';
import type { DocumentModel, DocumentSource } from '../shared/documents';
import {
  buildClassJournal,
  buildConsentModel,
  buildExtractModel,
  buildSummaryModel,
  classSource,
  JournalWriter,
  renderDocument,
} from '../shared/documents';
import { loadDocumentFonts } from '../shared/documents/fonts.node.js';
import { FONT, PdfWriter } from '../shared/documents/pdf';
import { sortedClasses } from '../shared/documents/source';
import type { Snapshot } from '../shared/snapshot';

type Task = 'summary' | 'consent' | 'extract' | 'journal-class' | 'journal-school';
const TASKS: { task: Task; label: string; target: number; runs?: number }[] = [
  { task: 'summary', label: 'Сводная ведомость, вся школа (1000 уч.)', target: 2 },
  { task: 'consent', label: 'Заявления, класс', target: 0.5 },
  { task: 'extract', label: 'Выписки, класс', target: 2 },
  { task: 'journal-class', label: 'Журнал за год, класс', target: 3 },
  { task: 'journal-school', label: 'Журнал за год, вся школа (1000 уч.)', target: 30, runs: 1 },
];
const ISSUED = '2026-12-20';
const YEAR_END = '2027-05-31';
const MEMORY_TARGET_MB = 1024;

interface Result {
  pages: number;
  units: number;
  medianMs: number;
  peakRssMb: number;
  /** RSS once the data is read, before any document: the data's share of the peak. */
  loadedRssMb: number;
  peakHeapMb: number;
  layout: 'portrait' | 'landscape';
  sheets: boolean;
}

function pageCount(bytes: Uint8Array): number {
  const text = new TextDecoder('latin1').decode(bytes);
  return (text.match(/\/Type \/Page\b/g) ?? []).length;
}

/** The class whose size is closest to 30. */
function classOf30(s: Snapshot): string {
  let best = s.classes[0]!;
  let bestDiff = Infinity;
  for (const c of s.classes) {
    const n = s.students.filter((x) => x.classId === c.id && x.status === 'active').length;
    if (Math.abs(n - 30) < bestDiff) [best, bestDiff] = [c, Math.abs(n - 30)];
  }
  return best.id;
}

function buildModel(s: Snapshot, task: Task): DocumentModel {
  if (task === 'summary') return buildSummaryModel(s, { asOf: ISSUED, issuedOn: ISSUED });
  const classKey = classOf30(s);
  if (task === 'consent')
    return buildConsentModel(s, { classKey, variant: 'consent', issuedOn: ISSUED });
  return buildExtractModel(s, { classKey, issuedOn: ISSUED });
}

function units(model: DocumentModel): number {
  switch (model.kind) {
    case 'summary':
      return model.classes.reduce((n, c) => n + c.rows.length, 0);
    case 'consent':
      return model.applications.length;
    case 'extract':
      return model.students.length;
    case 'journal':
      return model.classes.length;
    case 'loginSheet':
      return model.people.length;
    case 'loginSlip':
      return model.slips.length;
    case 'viewControl':
    case 'movementBook':
    case 'personalCard':
      return 1;
  }
}

/** Plain text, same fonts, same number of pages: 55 lines of 110 characters each. */
async function baseline(
  pages: number,
  layout: 'portrait' | 'landscape',
  sheets: boolean,
): Promise<void> {
  const w = new PdfWriter(
    loadDocumentFonts(),
    { title: 'Базовый замер', subject: 'текст', author: 'bench' },
    {
      layout,
      margins: { top: 30, bottom: 30, left: 30, right: 30 },
      numbering: sheets ? 'sheets' : 'pages',
    },
  );
  const line =
    'Иванов Иван Иванович 5 4 3 пропущено уроков 12 по болезни 3 Русский язык Математика История 1234567';
  for (let p = 0; p < pages; p++) {
    if (p % 100 === 0) w.section(String(p));
    else w.newPage();
    w.font(FONT.regular, 8);
    for (let i = 0; i < 55; i++) w.doc.text(line, w.left, w.top + i * 9.5, { lineBreak: false });
  }
  await w.finish();
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function memorySampler() {
  let peakRss = 0;
  let peakHeap = 0;
  return {
    sample() {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    },
    result() {
      peakRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);
      return { peakRssMb: peakRss / 2 ** 20, peakHeapMb: peakHeap / 2 ** 20 };
    },
  };
}

/** The journal of the given per-class source files, read one at a time (as the worker gets them). */
async function journal(files: readonly string[], sample: () => void): Promise<Uint8Array> {
  const first = JSON.parse(readFileSync(files[0]!, 'utf8')) as DocumentSource;
  const writer = new JournalWriter(loadDocumentFonts(), {
    schoolShortName: first.school.shortName,
    yearName: first.school.year.name,
    classes: files.length === 1 ? (first.classes[0]?.name ?? '') : 'все классы',
  });
  for (const file of files) {
    const source = JSON.parse(readFileSync(file, 'utf8')) as DocumentSource;
    const cls = source.classes[0]!;
    writer.addClass(buildClassJournal(source, { classKey: cls.id, issuedOn: YEAR_END }));
    sample();
  }
  return writer.finish();
}

async function child(task: Task, dataPath: string, runs: number): Promise<Result> {
  const isJournal = task === 'journal-class' || task === 'journal-school';
  const files = isJournal
    ? readdirSync(dataPath)
        .sort()
        .map((f) => join(dataPath, f))
    : [];
  const s = isJournal ? undefined : (JSON.parse(readFileSync(dataPath, 'utf8')) as Snapshot);
  loadDocumentFonts();
  const loadedRss = process.memoryUsage().rss;
  const mem = memorySampler();
  const times: number[] = [];
  let bytes: Uint8Array = new Uint8Array();
  let count = 0;
  const warmUp = runs > 1 ? 1 : 0;
  for (let r = 0; r < runs + warmUp; r++) {
    const t = performance.now();
    if (isJournal) {
      const chosen =
        task === 'journal-class'
          ? files.filter((f) => f.endsWith('-30.json'))
          : files.filter((f) => !f.endsWith('-30.json'));
      bytes = await journal(chosen, mem.sample);
      count = chosen.length;
    } else {
      const model = buildModel(s!, task);
      mem.sample();
      bytes = await renderDocument(model, loadDocumentFonts());
      count = units(model);
    }
    mem.sample();
    if (r >= warmUp) times.push(performance.now() - t); // the first run warms up the JIT
  }
  return {
    pages: pageCount(bytes),
    units: count,
    medianMs: median(times),
    loadedRssMb: loadedRss / 2 ** 20,
    ...mem.result(),
    layout: task === 'summary' || isJournal ? 'landscape' : 'portrait',
    sheets: isJournal,
  };
}

async function baselineChild(
  pages: number,
  layout: 'portrait' | 'landscape',
  sheets: boolean,
  runs: number,
) {
  const mem = memorySampler();
  const times: number[] = [];
  const warmUp = runs > 1 ? 1 : 0;
  for (let r = 0; r < runs + warmUp; r++) {
    const t = performance.now();
    await baseline(pages, layout, sheets);
    mem.sample();
    if (r >= warmUp) times.push(performance.now() - t);
  }
  return { medianMs: median(times), ...mem.result() };
}

function runChild(args: string[]): unknown {
  const self = fileURLToPath(import.meta.url);
  const out = execFileSync(process.execPath, ['--import', 'tsx', self, ...args], {
    encoding: 'utf8',
    maxBuffer: 16 << 20,
  });
  return JSON.parse(out.trim().split('\n').pop()!);
}

/** Per-class source files of the school, as the desktop would send them to the worker. */
function writeClassFiles(s: Snapshot, dir: string): void {
  if (existsSync(dir) && readdirSync(dir).length > 0) return;
  mkdirSync(dir, { recursive: true });
  const c30 = classOf30(s);
  sortedClasses(s).forEach((c, i) => {
    const source = classSource(s, c.id);
    writeFileSync(join(dir, `${String(i).padStart(3, '0')}.json`), JSON.stringify(source));
    if (c.id === c30)
      writeFileSync(join(dir, `${String(i).padStart(3, '0')}-30.json`), JSON.stringify(source));
  });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const runsArg = args.indexOf('--runs');
  const runs = (runsArg >= 0 ? Number(args[runsArg + 1]) : 3) || 3;
  if (args[0] === '--child') {
    process.stdout.write(`${JSON.stringify(await child(args[1] as Task, args[2]!, runs))}\n`);
    return;
  }
  if (args[0] === '--baseline') {
    const result = await baselineChild(
      Number(args[1]),
      args[2] as 'portrait' | 'landscape',
      args[3] === 'sheets',
      runs,
    );
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const snapshotPath = join(tmpdir(), 'journal-bench-school-1000-42.json');
  if (!existsSync(snapshotPath)) {
    process.stdout.write('Создаю демо-школу на 1000 учеников…\n');
    writeFileSync(snapshotPath, JSON.stringify(generateSchool({ students: 1000, seed: 42 })));
  }
  const classDir = join(tmpdir(), 'journal-bench-school-1000-42-classes');
  writeClassFiles(JSON.parse(readFileSync(snapshotPath, 'utf8')) as Snapshot, classDir);
  const onlyArg = args.indexOf('--only');
  const only = onlyArg >= 0 ? args[onlyArg + 1]?.split(',') : undefined;
  const rows: string[] = [];
  for (const t of TASKS.filter((x) => !only || only.includes(x.task))) {
    const taskRuns = t.runs ?? runs;
    const data = t.task.startsWith('journal') ? classDir : snapshotPath;
    const r = runChild(['--child', t.task, data, '--runs', String(taskRuns)]) as Result;
    const b = runChild([
      '--baseline',
      String(r.pages),
      r.layout,
      r.sheets ? 'sheets' : 'pages',
      '--runs',
      String(taskRuns),
    ]) as {
      medianMs: number;
      peakRssMb: number;
    };
    const sec = r.medianMs / 1000;
    const memoryOk = !t.task.startsWith('journal-school') || r.peakRssMb <= MEMORY_TARGET_MB;
    rows.push(
      [
        `${t.label} (${r.units})`.padEnd(44),
        String(r.pages).padStart(6),
        `${sec.toFixed(2)} с`.padStart(9),
        `${(b.medianMs / 1000).toFixed(2)} с`.padStart(9),
        `×${(r.medianMs / b.medianMs).toFixed(1)}`.padStart(7),
        `${r.peakRssMb.toFixed(0)} МБ`.padStart(8),
        `+${(r.peakRssMb - r.loadedRssMb).toFixed(0)} МБ`.padStart(8),
        `${b.peakRssMb.toFixed(0)} МБ`.padStart(8),
        `${r.peakHeapMb.toFixed(0)} МБ`.padStart(8),
        `≤ ${t.target} с ${sec <= t.target && memoryOk ? 'да' : 'НЕТ'}`.padStart(12),
      ].join(' '),
    );
  }
  const head = [
    'Задача (единиц)'.padEnd(44),
    'Стр.'.padStart(6),
    'Медиана'.padStart(9),
    'База'.padStart(9),
    'Отнош.'.padStart(7),
    'RSS'.padStart(8),
    'RSS−данные'.padStart(8),
    'RSS базы'.padStart(8),
    'Куча'.padStart(8),
    'Цель'.padStart(12),
  ].join(' ');
  process.stdout.write(`${head}\n${'-'.repeat(head.length)}\n${rows.join('\n')}\n`);
  process.stdout.write(
    `Медиана из ${runs} прогонов после прогрева (журнал школы — один прогон). База — pdfkit с теми же шрифтами, ` +
      'столько же страниц простого текста (55 строк), в отдельном процессе. RSS — пик процесса (maxRSS), ' +
      '«RSS−данные» — прирост над RSS после чтения данных; журнал читает данные по одному классу, как PDF-модуль ' +
      `приложения. Цель журнала школы: ≤ 30 с и ≤ ${MEMORY_TARGET_MB} МБ.\n`,
  );
}

void main();
