// Benchmark of the printed documents: the school-wide summary for the 1,000-student demo school, consent applications and
// diary extracts for a class of about 30. Each task runs in its own process (clean peak memory) and reports the median wall
// time of several runs, the peak RSS and heap, and a baseline measured in the same process: pdfkit with the same fonts
// writing the same number of pages of plain text. Run: npx tsx bench/pdf.ts [--runs 5]
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSchool } from '../shared/demo';
import type { DocumentModel } from '../shared/documents';
import {
  buildConsentModel,
  buildExtractModel,
  buildSummaryModel,
  renderDocument,
} from '../shared/documents';
import { loadDocumentFonts } from '../shared/documents/fonts.node.js';
import { FONT, PdfWriter } from '../shared/documents/pdf';
import type { Snapshot } from '../shared/snapshot';

type Task = 'summary' | 'consent' | 'extract';
const TASKS: { task: Task; label: string; target: number }[] = [
  { task: 'summary', label: 'Сводная ведомость, вся школа (1000 уч.)', target: 2 },
  { task: 'consent', label: 'Заявления, класс', target: 0.5 },
  { task: 'extract', label: 'Выписки, класс', target: 2 },
];
const ISSUED = '2026-12-20';

interface Result {
  task: Task;
  pages: number;
  units: number;
  medianMs: number;
  baselineMs: number;
  peakRssMb: number;
  /** RSS once the snapshot is parsed, before any document: the data's share of the peak. */
  loadedRssMb: number;
  peakHeapMb: number;
}

function pageCount(bytes: Uint8Array): number {
  const text = new TextDecoder('latin1').decode(bytes);
  return /\/Type \/Pages\s*\n?\/Count (\d+)/.exec(text)?.[1]
    ? Number(/\/Type \/Pages\s*\n?\/Count (\d+)/.exec(text)![1])
    : (text.match(/\/Type \/Page\b/g) ?? []).length;
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
  if (task === 'consent') return buildConsentModel(s, { classKey, variant: 'consent' });
  return buildExtractModel(s, { classKey, issuedOn: ISSUED });
}

/** Plain text, same fonts, same number of pages: 55 lines of 110 characters each. */
async function baseline(pages: number, layout: 'portrait' | 'landscape'): Promise<void> {
  const w = new PdfWriter(
    loadDocumentFonts(),
    { title: 'Базовый замер', subject: 'текст', author: 'bench' },
    { layout, margins: { top: 30, bottom: 30, left: 30, right: 30 } },
  );
  const line =
    'Иванов Иван Иванович 5 4 3 пропущено уроков 12 по болезни 3 Русский язык Математика История 1234567';
  for (let p = 0; p < pages; p++) {
    w.section(String(p));
    w.font(FONT.regular, 8);
    for (let i = 0; i < 55; i++) w.doc.text(line, w.left, w.top + i * 9.5, { lineBreak: false });
  }
  await w.finish();
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function child(task: Task, snapshotPath: string, runs: number): Promise<Result> {
  const s = JSON.parse(readFileSync(snapshotPath, 'utf8')) as Snapshot;
  const fonts = loadDocumentFonts();
  const loadedRss = process.memoryUsage().rss;
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const times: number[] = [];
  let bytes: Uint8Array = new Uint8Array();
  let units = 0;
  for (let r = 0; r < runs + 1; r++) {
    const t = performance.now();
    const model = buildModel(s, task);
    sample();
    bytes = await renderDocument(model, fonts);
    sample();
    if (r > 0) times.push(performance.now() - t); // the first run warms up the JIT
    units =
      model.kind === 'summary'
        ? model.classes.reduce((n, c) => n + c.rows.length, 0)
        : model.kind === 'consent'
          ? model.applications.length
          : model.kind === 'extract'
            ? model.students.length
            : 1;
  }
  const pages = pageCount(bytes);
  const layout = task === 'summary' ? 'landscape' : 'portrait';
  const base: number[] = [];
  for (let r = 0; r < runs + 1; r++) {
    const t = performance.now();
    await baseline(pages, layout);
    if (r > 0) base.push(performance.now() - t);
  }
  peakRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);
  return {
    task,
    pages,
    units,
    medianMs: median(times),
    baselineMs: median(base),
    peakRssMb: peakRss / 2 ** 20,
    loadedRssMb: loadedRss / 2 ** 20,
    peakHeapMb: peakHeap / 2 ** 20,
  };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const runs = Number(args[args.indexOf('--runs') + 1] ?? 3) || 3;
  if (args[0] === '--child') {
    const result = await child(args[1] as Task, args[2]!, runs);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const snapshotPath = join(tmpdir(), 'journal-bench-school-1000-42.json');
  if (!existsSync(snapshotPath)) {
    process.stdout.write('Создаю демо-школу на 1000 учеников…\n');
    writeFileSync(snapshotPath, JSON.stringify(generateSchool({ students: 1000, seed: 42 })));
  }
  const self = fileURLToPath(import.meta.url);
  const rows: string[] = [];
  for (const t of TASKS) {
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', self, '--child', t.task, snapshotPath, '--runs', String(runs)],
      { encoding: 'utf8', maxBuffer: 16 << 20 },
    );
    const r = JSON.parse(out.trim().split('\n').pop()!) as Result;
    const sec = r.medianMs / 1000;
    rows.push(
      [
        `${t.label} (${r.units})`.padEnd(44),
        String(r.pages).padStart(6),
        `${sec.toFixed(2)} с`.padStart(9),
        `${(r.baselineMs / 1000).toFixed(2)} с`.padStart(9),
        `×${(r.medianMs / r.baselineMs).toFixed(1)}`.padStart(7),
        `${r.peakRssMb.toFixed(0)} МБ`.padStart(8),
        `+${(r.peakRssMb - r.loadedRssMb).toFixed(0)} МБ`.padStart(8),
        `${r.peakHeapMb.toFixed(0)} МБ`.padStart(8),
        `≤ ${t.target} с ${sec <= t.target ? 'да' : 'НЕТ'}`.padStart(12),
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
    'Куча'.padStart(8),
    'Цель'.padStart(12),
  ].join(' ');
  process.stdout.write(`${head}\n${'-'.repeat(head.length)}\n${rows.join('\n')}\n`);
  process.stdout.write(
    `Медиана из ${runs} прогонов после прогрева (модель + PDF). База — pdfkit с теми же шрифтами, ` +
      'столько же страниц простого текста (55 строк). RSS — пик процесса (maxRSS), «RSS−данные» — прирост над RSS после чтения файла школы, куча — максимум по замерам.\n',
  );
}

void main();
