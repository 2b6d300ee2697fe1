// Hostile and awkward table files given to the imports, through the running server's console over
// real HTTP (as `npm run admin` sends them) and through the CLI on a stopped server: zip bombs
// (honest, over-compressed, lying about their sizes), an oversized file, an empty CSV, a NUL, too
// many rows, a roster given to import-staff, UTF-16 and KOI8-R files. Each refusal is a Russian
// message and exit code 1, with nothing written; the odd encodings are read correctly.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendConsoleCommand } from '../../../server/console/client';
import type { ConsoleRequest, ConsoleResult } from '../../../server/console/protocol';
import { loadSnapshot } from '../../../server/domain/load-snapshot';
import { createDomainRegistry } from '../../../server/domain/registry';
import { smallSchool } from './domain-fixture';
import { startServer, type TestServer } from './helpers';
import { buildZip, deflatedZeros } from './zip-builder';

const TOKEN = 'console-token-for-the-import-tests-0123456789';
const MiB = 1024 * 1024;
let server: TestServer;

beforeAll(async () => {
  server = await startServer({
    registry: createDomainRegistry(),
    console: { token: TOKEN, publicUrl: () => 'https://school.example' },
  });
  await loadSnapshot(server.app.syncEngine, smallSchool());
});

afterAll(async () => {
  await server?.close();
});

const className = () => smallSchool().classes[0]!.name;
const ROSTER_HEADER = 'Фамилия;Имя;Отчество;Пол;Дата рождения;Класс;Родитель ФИО;Телефон;Адрес';
const roster = () =>
  [
    ROSTER_HEADER,
    `Ёлкина;Дарья;Сергеевна;Ж;14.03.2015;${className()};Ёлкина Ольга Ивановна;+7 900 000-00-00;ул. Ленина, 1`,
    `Щукин;Фёдор;Ильич;М;02.09.2014;${className()};;;`,
  ].join('\r\n');

async function run(
  command: string,
  file: { name: string; bytes: Uint8Array },
  options: ConsoleRequest['options'] = {},
): Promise<ConsoleResult & { text: string }> {
  const result = await sendConsoleCommand(
    {
      url: server.url,
      token: TOKEN,
      fingerprint256: null,
      pid: process.pid,
      host: 'test',
      startedAt: new Date().toISOString(),
    },
    {
      command,
      args: [],
      options,
      file: { name: file.name, base64: Buffer.from(file.bytes).toString('base64') },
    },
  );
  const text = result.lines.map((l) => ('text' in l ? l.text : JSON.stringify(l.table))).join('\n');
  return { ...result, text };
}

async function documentCount(): Promise<number> {
  const r = await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM documents');
  return Number(r.rows[0]!.n);
}

function expectRefused(result: { exitCode: number; text: string }, pattern: RegExp): void {
  expect(result.exitCode, result.text).toBe(1);
  expect(result.text).toMatch(pattern);
  expect(result.text).toContain('Ничего не загружено');
  // No English left over from zlib, exceljs, zod or PostgreSQL.
  expect(result.text, result.text).not.toMatch(/Invalid|Error|invalid|unsupported|expected/);
}

/** KOI8-R bytes of a Russian string (Node can decode KOI8-R but not encode it). */
function koi8r(text: string): Uint8Array {
  const decoder = new TextDecoder('koi8-r');
  const table = new Map<string, number>();
  for (let b = 0; b < 256; b += 1) table.set(decoder.decode(new Uint8Array([b])), b);
  return new Uint8Array([...text].map((ch) => table.get(ch) ?? 0x3f));
}

const xlsxParts = (sheet: Parameters<typeof buildZip>[0][number]) => [
  { name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0"?><Types/>') },
  sheet,
];

describe('zip bombs disguised as XLSX are refused before they are unpacked', () => {
  it('an honest one: 80 MiB unpacked', async () => {
    const before = await documentCount();
    const bomb = buildZip(
      xlsxParts({ name: 'xl/worksheets/sheet1.xml', deflated: deflatedZeros(80 * MiB) }),
    );
    expect(bomb.length).toBeLessThan(MiB);
    const result = await run('import-roster', { name: 'ученики.xlsx', bytes: bomb });
    expectRefused(result, /в распакованном виде он больше 64 МБ/);
    expect(await documentCount()).toBe(before);
  });

  it('an over-compressed one within the size limit', async () => {
    const bomb = buildZip(
      xlsxParts({ name: 'xl/worksheets/sheet1.xml', deflated: deflatedZeros(16 * MiB) }),
    );
    const result = await run('import-roster', { name: 'ученики.xlsx', bytes: bomb });
    expectRefused(result, /сжата в \d+ раз/);
  });

  it('one lying about its size (declares 4 KB, holds 16 MiB): stopped at 4 KB', async () => {
    const bomb = buildZip(
      xlsxParts({
        name: 'xl/worksheets/sheet1.xml',
        deflated: deflatedZeros(16 * MiB),
        declaredSize: 4096,
      }),
    );
    const result = await run('import-roster', { name: 'ученики.xlsx', bytes: bomb });
    expectRefused(result, /распаковывается больше, чем заявлено/);
  });

  it('a real XLSX still imports (dry run)', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Ученики');
    for (const line of roster().split('\r\n')) ws.addRow(line.split(';'));
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const result = await run('import-roster', { name: 'ученики.xlsx', bytes }, { 'dry-run': true });
    expect(result.exitCode, result.text).toBe(0);
    expect(result.text).toContain('Проверка пройдена: 2 строк');
  });
});

describe('CSV files that are not a table', () => {
  it('an empty file and a header without rows', async () => {
    const before = await documentCount();
    expectRefused(
      await run('import-roster', { name: 'пусто.csv', bytes: new Uint8Array() }),
      /Файл пуст/,
    );
    expectRefused(
      await run('import-roster', {
        name: 'заголовок.csv',
        bytes: new TextEncoder().encode(`${ROSTER_HEADER}\r\n\r\n`),
      }),
      /только строка заголовка/,
    );
    expect(await documentCount()).toBe(before);
  });

  it('a NUL character: the line is named, no PostgreSQL text, nothing written', async () => {
    const before = await documentCount();
    const csv = roster().replace('Щукин', 'Щу\u0000кин');
    const result = await run('import-roster', {
      name: 'ученики.csv',
      bytes: new TextEncoder().encode(csv),
    });
    expectRefused(result, /Строка 3: в файле нулевой символ/);
    expect(result.text).not.toMatch(/0x00|byte sequence|UTF8/);
    expect(await documentCount()).toBe(before);
  });

  it('more rows than any school has', async () => {
    const lines = [
      ROSTER_HEADER,
      ...Array.from({ length: 20_001 }, (_, i) => `Ф${i};И;;М;01.01.2015;5А;;;`),
    ];
    const result = await run('import-roster', {
      name: 'много.csv',
      bytes: new TextEncoder().encode(lines.join('\n')),
    });
    expectRefused(result, /больше 20\s000 строк/);
  });
});

describe('the wrong kind of table', () => {
  it('a roster given to import-staff says what it looks like and which headers are expected', async () => {
    const before = await documentCount();
    const result = await run('import-staff', {
      name: 'ученики.csv',
      bytes: new TextEncoder().encode(roster()),
    });
    expectRefused(result, /Это не список сотрудников: файл похож на список учеников/);
    expect(result.text).toContain('Для него команда import-roster');
    expect(result.text).toContain(
      'Для import-staff нужны столбцы в первой строке: Фамилия; Имя; Отчество; Должность; Роли',
    );
    expect(result.text).toContain(`В файле столбцы: ${ROSTER_HEADER.replaceAll(';', '; ')}.`);
    expect(await documentCount()).toBe(before);
  });

  it('a staff list given to import-courses', async () => {
    const staff = 'Фамилия;Имя;Отчество;Должность;Роли\nКовалёва;Нина;Петровна;учитель;учитель';
    const result = await run('import-courses', {
      name: 'сотрудники.csv',
      bytes: new TextEncoder().encode(staff),
    });
    expectRefused(result, /файл похож на список сотрудников/);
    expect(result.text).toContain('Класс; Предмет; Учитель; Часов в неделю; Группа');
  });
});

describe('encodings other than UTF-8 and Windows-1251', () => {
  it("UTF-16 with a BOM (Excel's «Юникод-текст», tab-separated) is read", async () => {
    const text = '\uFEFF' + roster().replaceAll(';', '\t');
    const result = await run(
      'import-roster',
      { name: 'ученики.txt', bytes: new Uint8Array(Buffer.from(text, 'utf16le')) },
      { 'dry-run': true },
    );
    expect(result.exitCode, result.text).toBe(0);
    expect(result.text).toContain('Файл прочитан в кодировке UTF-16.');
    expect(result.text).toContain('Проверка пройдена: 2 строк');
  });

  it('UTF-16 without a BOM is recognized too', async () => {
    const result = await run(
      'import-roster',
      { name: 'ученики.csv', bytes: new Uint8Array(Buffer.from(roster(), 'utf16le')) },
      { 'dry-run': true },
    );
    expect(result.exitCode, result.text).toBe(0);
    expect(result.text).toContain('UTF-16');
  });

  it('KOI8-R is recognized and imported with the right letters', async () => {
    const before = await documentCount();
    const result = await run('import-roster', { name: 'ученики.csv', bytes: koi8r(roster()) });
    expect(result.exitCode, result.text).toBe(0);
    expect(result.text).toContain('Файл прочитан в кодировке KOI8-R.');
    expect(result.text).toContain('Загружено: 2 (students)');
    expect(await documentCount()).toBe(before + 2);
    const stored = await server.db.query<{ doc: { lastName: string; firstName: string } }>(
      `SELECT doc FROM documents WHERE collection = 'students' AND doc->>'lastName' IN ('Ёлкина', 'Щукин')`,
    );
    expect(stored.rows.map((r) => `${r.doc.lastName} ${r.doc.firstName}`).sort()).toEqual([
      'Ёлкина Дарья',
      'Щукин Фёдор',
    ]);
  });
});

describe('the CLI on a stopped server', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'journal-import-cli-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const admin = (...args: string[]) =>
    spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/admin.ts', ...args, '--data-dir', path.join(dir, 'data')],
      { encoding: 'utf8', timeout: 120_000 },
    );

  it(
    'refuses a file over the size limit before reading it, an empty CSV and a lying zip bomb',
    { timeout: 240_000 },
    () => {
      const big = path.join(dir, 'большой.csv');
      writeFileSync(big, Buffer.alloc(11 * MiB, 0x41));
      const tooBig = admin('import-roster', '--file', big);
      expect(tooBig.status, tooBig.stderr).toBe(1);
      expect(tooBig.stderr).toMatch(/Файл слишком большой: 11,0 МБ, можно не больше 10 МБ/);

      const empty = path.join(dir, 'пусто.csv');
      writeFileSync(empty, '');
      const emptyRun = admin('import-roster', '--file', empty);
      expect(emptyRun.status, emptyRun.stderr).toBe(1);
      expect(emptyRun.stderr).toContain('Файл пуст');
      expect(emptyRun.stdout).not.toContain('Загружено');

      const bomb = path.join(dir, 'ученики.xlsx');
      writeFileSync(
        bomb,
        buildZip(
          xlsxParts({
            name: 'xl/worksheets/sheet1.xml',
            deflated: deflatedZeros(16 * MiB),
            declaredSize: 4096,
          }),
        ),
      );
      const bombRun = admin('import-roster', '--file', bomb);
      expect(bombRun.status, bombRun.stderr).toBe(1);
      expect(bombRun.stderr).toContain('распаковывается больше, чем заявлено');
    },
  );
});
