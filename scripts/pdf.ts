// CLI: prints consent applications, diary extracts, summary sheets or the year-end journal from a school snapshot to a PDF file.
//   npm run pdf -- consent|extract|summary|journal --snapshot school.json [--class 5А | --all] [--period <id>]
//     [--variant consent|refusal|withdrawal] [--only-unanswered] [--only-paper] [--year] [--date ГГГГ-ММ-ДД] --out file.pdf
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type {
  ConsentModel,
  ConsentVariant,
  DocumentModel,
  ExtractModel,
} from '../shared/documents';
import {
  buildClassJournal,
  buildConsentModel,
  buildExtractModel,
  buildSummaryModel,
  classSource,
  CONSENT_VARIANTS,
  DocumentError,
  JournalWriter,
  renderDocument,
} from '../shared/documents';
import { loadDocumentFonts } from '../shared/documents/fonts.node.js';
import { findClass, sortedClasses } from '../shared/documents/source';
import type { Snapshot } from '../shared/snapshot';
import { parseSnapshot, SnapshotError } from '../shared/snapshot';

const USAGE = `Печать документов из файла школы.

  npm run pdf -- consent --snapshot school.json --class 5А [--variant consent|refusal|withdrawal] [--only-unanswered] --out заявления.pdf
  npm run pdf -- extract --snapshot school.json --class 5А [--period q2 | --from 2026-12-01 --to 2026-12-25]
                 [--only-paper] [--full-topics] [--number 125] [--date 2026-12-10] --out выписки.pdf
  npm run pdf -- summary --snapshot school.json [--class 5А | --all] [--period q2 | --year]
                 [--council-number 7 --council-date 2027-05-28] --out ведомость.pdf
  npm run pdf -- journal --snapshot school.json (--class 5А | --all) --out журнал.pdf

  --class     класс (имя, например 5А, или идентификатор); --all — все классы школы
  --period    идентификатор отчётного периода (по умолчанию — период, идущий на дату)
  --from, --to  даты выписки (ГГГГ-ММ-ДД); прогноз — за период, в который они попадают
  --full-topics темы и задания на неделю полностью (иначе — первые 300 знаков)
  --number    номер первой выписки по журналу регистрации (по умолчанию — «5А-1», «5А-2»…)
  --council-number, --council-date  протокол педсовета для годовой ведомости
  journal     классный журнал за год для архива: по классу или все классы (--all), листы пронумерованы
  --date      дата выдачи: выписка показывает журнал на конец этого дня (по умолчанию — дата, до которой заполнен журнал)`;

class UsageError extends Error {}

function fail(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

function loadSnapshot(path: string): Snapshot {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new DocumentError(
      code === 'ENOENT'
        ? `Файл школы «${path}» не найден.`
        : `Не удалось прочитать файл школы «${path}» (${code ?? String(e)}).`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new DocumentError(
      `Файл «${path}» не является файлом JSON (повреждён или это другой файл).`,
    );
  }
  return parseSnapshot(json);
}

/** The date the journal is filled up to: the snapshot's asOf, else the last lesson, else today. */
function journalDate(s: Snapshot): string {
  if (s.meta?.asOf) return s.meta.asOf;
  let last = '';
  for (const l of s.lessons) if (l.date > last) last = l.date;
  return last || new Date().toISOString().slice(0, 10);
}

function main(): void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      snapshot: { type: 'string' },
      class: { type: 'string' },
      all: { type: 'boolean', default: false },
      period: { type: 'string' },
      variant: { type: 'string', default: 'consent' },
      'only-unanswered': { type: 'boolean', default: false },
      'only-paper': { type: 'boolean', default: false },
      year: { type: 'boolean', default: false },
      date: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      'full-topics': { type: 'boolean', default: false },
      number: { type: 'string' },
      'council-number': { type: 'string' },
      'council-date': { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) fail(USAGE, 0);
  const kind = positionals[0];
  if (kind !== 'consent' && kind !== 'extract' && kind !== 'summary' && kind !== 'journal') {
    throw new UsageError(`Укажите документ: consent, extract, summary или journal.`);
  }
  if (!values.snapshot) throw new UsageError('Укажите файл школы: --snapshot school.json.');
  if (!values.out) throw new UsageError('Укажите файл для результата: --out файл.pdf.');
  if (values.class && values.all) throw new UsageError('Укажите либо --class, либо --all.');
  if (!values.class && !values.all && kind !== 'summary') {
    throw new UsageError('Укажите класс (--class 5А) или все классы (--all).');
  }
  for (const [flag, value] of [
    ['--date', values.date],
    ['--from', values.from],
    ['--to', values.to],
    ['--council-date', values['council-date']],
  ] as const) {
    if (value && !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
      throw new UsageError(`Дата ${flag} «${value}» должна быть в формате ГГГГ-ММ-ДД.`);
    }
  }
  if ((values.from || values.to) && values.period) {
    throw new UsageError('Укажите либо --period, либо даты --from и --to.');
  }
  if (values.number !== undefined && !/^\d{1,9}$/.test(values.number)) {
    throw new UsageError(`Номер первой выписки «${values.number}» должен быть целым числом.`);
  }
  const variant = values.variant as ConsentVariant;
  if (!CONSENT_VARIANTS.includes(variant)) {
    throw new UsageError(
      `Вид заявления «${values.variant}» неизвестен: consent, refusal или withdrawal.`,
    );
  }

  const started = performance.now();
  const snapshot = loadSnapshot(values.snapshot);
  const date = values.date ?? journalDate(snapshot);
  const classKeys = values.class ? [values.class] : sortedClasses(snapshot).map((c) => c.id);
  if (classKeys.length === 0) throw new DocumentError('В файле школы нет ни одного класса.');
  if (kind === 'journal') {
    printJournal(snapshot, classKeys, date, values.out, started).catch((e: unknown) => {
      if (e instanceof DocumentError) fail(e.message, 1);
      throw e;
    });
    return;
  }
  let model: DocumentModel;
  if (kind === 'summary') {
    model = buildSummaryModel(snapshot, {
      classes: values.class ? [values.class] : [],
      periodId: values.period,
      year: values.year,
      asOf: date,
      issuedOn: date,
      council: { number: values['council-number'] ?? '', date: values['council-date'] ?? '' },
    });
  } else if (kind === 'extract') {
    let next = values.number === undefined ? undefined : Number(values.number);
    const parts = classKeys.map((classKey) => {
      const part = buildExtractModel(snapshot, {
        classKey,
        periodId: values.period,
        ...(values.from ? { from: values.from } : {}),
        ...(values.to ? { to: values.to } : {}),
        onlyPaper: values['only-paper'],
        fullTopics: values['full-topics'],
        ...(next !== undefined ? { firstNumber: next } : {}),
        issuedOn: date,
      });
      if (next !== undefined) next += part.students.length;
      return part;
    });
    model = mergeExtracts(parts);
  } else {
    const parts = classKeys.map((classKey) =>
      buildConsentModel(snapshot, {
        classKey,
        variant,
        onlyUnanswered: values['only-unanswered'],
        issuedOn: date,
      }),
    );
    model = mergeConsents(parts);
  }
  void renderDocument(model, loadDocumentFonts()).then((bytes) => {
    writeFileSync(values.out!, bytes);
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    process.stdout.write(
      `Готово: ${values.out} (${Math.round(bytes.length / 1024)} КБ, ${seconds} с).\n`,
    );
  });
}

/** The year-end journal, class by class into one file (memory stays that of one class). */
async function printJournal(
  snapshot: Snapshot,
  classKeys: readonly string[],
  date: string,
  out: string,
  started: number,
): Promise<void> {
  const classes = classKeys.map((key) => findClass(snapshot, key));
  const writer = new JournalWriter(loadDocumentFonts(), {
    schoolShortName: snapshot.school.shortName,
    yearName: snapshot.school.year.name,
    classes: classes.length === 1 ? classes[0]!.name : 'все классы',
  });
  let sheets = 0;
  for (const cls of classes) {
    const n = writer.addClass(
      buildClassJournal(classSource(snapshot, cls.id), { classKey: cls.id, issuedOn: date }),
    );
    sheets += n;
    process.stdout.write(`${cls.name}: ${n} листов\n`);
  }
  const bytes = await writer.finish();
  writeFileSync(out, bytes);
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  process.stdout.write(
    `Готово: ${out} (журналов: ${classes.length}, листов: ${sheets}, ${Math.round(bytes.length / 1024)} КБ, ${seconds} с).\n`,
  );
}

function mergeExtracts(parts: ExtractModel[]): ExtractModel {
  const first = parts[0]!;
  return { ...first, students: parts.flatMap((p) => p.students) };
}

function mergeConsents(parts: ConsentModel[]): ConsentModel {
  const first = parts[0]!;
  return {
    ...first,
    className: parts.length > 1 ? 'все классы' : first.className,
    applications: parts.flatMap((p) => p.applications),
  };
}

try {
  main();
} catch (e) {
  if (e instanceof UsageError) fail(`${e.message}\n\n${USAGE}`, 2);
  if (e instanceof DocumentError || e instanceof SnapshotError) fail(e.message, 1);
  throw e;
}
