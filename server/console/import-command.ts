// import-roster | import-staff | import-courses: the table file (sent by the CLI) is read and
// checked as a whole (size, zip bomb, encoding, NUL, rows, the kind of table), then every row is
// planned; any error and nothing is written. Exit code 1 on every refusal.
import type { Db } from '../db/db';
import { planCourses, planRoster, planStaff } from '../domain/import/importers';
import { applyPlan, readSchoolContext } from '../domain/import/school-context';
import {
  encodingName,
  MAX_TABLE_FILE_BYTES,
  readTable,
  tooBigMessage,
} from '../domain/import/table-file';
import { TableFileError } from '../domain/import/table-file-error';
import { checkTableKind, type TableKind } from '../domain/import/table-kind';
import type { ConsoleRequest } from './protocol';
import type { SyncEngine } from '../sync/engine';

const KINDS: Record<string, TableKind> = {
  'import-roster': 'roster',
  'import-staff': 'staff',
  'import-courses': 'courses',
};

interface Output {
  out(text: string): void;
  err(text: string): void;
}

export async function runImport(
  db: Db,
  engine: SyncEngine,
  request: ConsoleRequest,
  o: Output,
): Promise<number> {
  const kind = KINDS[request.command]!;
  if (!request.file) {
    o.err(`Укажите файл: ${request.command} --file x.csv|x.xlsx [--dry-run]`);
    return 1;
  }
  // base64 is 4/3 of the bytes: refuse before decoding what cannot be within the limit.
  if (request.file.base64.length > Math.ceil((MAX_TABLE_FILE_BYTES * 4) / 3) + 4) {
    o.err(tooBigMessage(Math.floor((request.file.base64.length * 3) / 4)));
    o.err('Ничего не загружено.');
    return 1;
  }
  const bytes = new Uint8Array(Buffer.from(request.file.base64, 'base64'));
  let table;
  try {
    table = await readTable(bytes, request.file.name);
    checkTableKind(table, kind);
  } catch (error) {
    if (!(error instanceof TableFileError)) throw error;
    o.err(error.message);
    o.err('Ничего не загружено.');
    return 1;
  }
  if (table.encoding && table.encoding !== 'utf-8') {
    o.out(`Файл прочитан в кодировке ${encodingName(table.encoding)}.`);
  }
  const ctx = await readSchoolContext(db);
  const plan =
    kind === 'roster'
      ? planRoster(table.rows, ctx)
      : kind === 'staff'
        ? planStaff(table.rows, ctx)
        : planCourses(table.rows, ctx);
  if (plan.errors.length > 0) {
    for (const error of plan.errors) o.err(error);
    o.err(`Ошибок: ${plan.errors.length}. Ничего не загружено: исправьте файл и повторите.`);
    return 1;
  }
  const dryRun = request.options['dry-run'] === true;
  const written = await applyPlan(engine, plan, dryRun);
  o.out(
    dryRun
      ? `Проверка пройдена: ${plan.docs.length} строк готовы к загрузке (--dry-run: ничего не записано).`
      : `Загружено: ${written} (${plan.collection}).`,
  );
  return 0;
}
