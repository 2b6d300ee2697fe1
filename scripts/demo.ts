// `npm run demo -- --students 1000 --seed 42 --out school.json [--as-of 2026-11-20]`: writes a deterministic synthetic school.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { checkDemoOptions, countSnapshot, generateSchool } from '../shared/demo';
import type { DemoSchoolOptions } from '../shared/demo';

const USAGE = `Использование / usage:
  npm run demo -- --students <30..5000> --seed <целое> --out <файл.json> [--as-of ГГГГ-ММ-ДД]

  --students  число учеников / number of students (по умолчанию 1000)
  --seed      зерно генератора / random seed (по умолчанию 42); same seed ⇒ same bytes
  --out       куда записать файл школы / output file (по умолчанию school.json)
  --as-of     журнал заполнен по эту дату / fill the journal up to this date (по умолчанию 2027-05-31)`;

function fail(message: string): never {
  console.error(`Ошибка: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function parseArgs(argv: string[]): DemoSchoolOptions & { out: string } {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    }
    const m = /^--(students|seed|out|as-of)(?:=(.*))?$/.exec(arg);
    if (!m) fail(`неизвестный аргумент «${arg}» / unknown argument`);
    const key = m[1] ?? '';
    const value = m[2] ?? argv[++i];
    if (value === undefined || value.startsWith('--'))
      fail(`у --${key} нет значения / --${key} needs a value`);
    if (values.has(key)) fail(`--${key} указан дважды / given twice`);
    values.set(key, value);
  }
  const int = (key: string, fallback: number): number => {
    const raw = values.get(key);
    if (raw === undefined) return fallback;
    if (!/^-?\d+$/.test(raw))
      fail(`--${key} должен быть целым числом, получено «${raw}» / --${key} must be an integer`);
    return Number(raw);
  };
  const options: DemoSchoolOptions & { out: string } = {
    students: int('students', 1000),
    seed: int('seed', 42),
    out: values.get('out') ?? 'school.json',
  };
  const asOf = values.get('as-of');
  if (asOf !== undefined) options.asOf = asOf;
  const problem = checkDemoOptions(options);
  if (problem) fail(problem);
  return options;
}

const options = parseArgs(process.argv.slice(2));
const t0 = performance.now();
const snapshot = generateSchool(options);
const t1 = performance.now();
const json = JSON.stringify(snapshot);
const path = resolve(options.out);
writeFileSync(path, json);
const t2 = performance.now();

const c = countSnapshot(snapshot);
const mb = (Buffer.byteLength(json) / 1024 / 1024).toFixed(1);
console.log(
  `Школа «${snapshot.school.shortName}», seed ${options.seed}, по ${snapshot.meta?.asOf ?? ''}: ` +
    `${c.classes} классов, ${c.students} учеников, ${c.staff} сотрудников, ${c.courses} курсов, ` +
    `${c.lessons} уроков, ${c.marks} отметок, ${c.absences} пропусков, ` +
    `${c.periodMarks} ведомостей за периоды, ${c.consents} согласий.`,
);
console.log(
  `Записано ${mb} МБ в ${path} за ${((t2 - t0) / 1000).toFixed(1)} с ` +
    `(генерация ${((t1 - t0) / 1000).toFixed(1)} с, запись ${((t2 - t1) / 1000).toFixed(1)} с).`,
);
