// Imports for the set-up routes and the CLI: roster, staff and timetable files checked row by row (the same planners as the admin CLI), previewed, or committed all or nothing in one transaction live to every desktop.
import type { AuthUser } from '../../auth/roles';
import type { Db } from '../../db/db';
import type { SyncEngine } from '../../sync/engine';
import type { ImportKind, ImportQuery, ImportResult } from '../../../shared/school-setup-api';
import { readSetupContext } from '../school/read';
import { runSchoolOperation } from '../school/write';
import { planRoster, planStaff } from './importers';
import { readSchoolContext, type ImportPlan, type SchoolContext } from './school-context';
import { parseCsv, parseXlsx, decodeText } from './table-file';
import { parseAscXml } from './timetable-asc';
import type { TimetableFile } from './timetable-rows';
import { parseTimetableTable } from './timetable-table';
import {
  commitTimetableImport,
  defaultValidFrom,
  planTimetableImport,
  previewLessons,
  summarize,
  type TimetableImportOptions,
} from './timetable-import';

export interface ImportRequest {
  kind: ImportKind;
  query: ImportQuery;
  bytes: Uint8Array;
  user: AuthUser;
  today: string;
}

/** XLSX files are ZIP archives ("PK"); XML starts with "<"; anything else is read as CSV. */
export function detectFormat(bytes: Uint8Array): 'xlsx' | 'asc' | 'csv' {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'xlsx';
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 64)).replace(/^\uFEFF|^ï»¿/, '');
  return head.trimStart().startsWith('<') ? 'asc' : 'csv';
}

function emptyResult(request: ImportRequest, format: string, encoding: string): ImportResult {
  return {
    kind: request.kind,
    mode: request.query.mode,
    committed: false,
    format,
    encoding,
    errors: [],
    warnings: [],
    documents: {},
    names: [],
    timetable: null,
    lessons: null,
  };
}

async function tableRows(bytes: Uint8Array, format: 'xlsx' | 'csv' | 'asc') {
  if (format === 'asc') throw new Error('unreachable');
  return format === 'xlsx' ? parseXlsx(bytes) : parseCsv(bytes);
}

function planPeople(
  kind: 'roster' | 'staff',
  rows: Awaited<ReturnType<typeof tableRows>>,
  ctx: SchoolContext,
): ImportPlan {
  return kind === 'roster' ? planRoster(rows, ctx) : planStaff(rows, ctx);
}

function namesOf(plan: ImportPlan): string[] {
  return plan.docs.map((d) => [d.lastName, d.firstName, d.middleName].filter(Boolean).join(' '));
}

async function importPeople(
  db: Db,
  engine: SyncEngine,
  request: ImportRequest,
  kind: 'roster' | 'staff',
): Promise<ImportResult> {
  const format = request.query.format ?? detectFormat(request.bytes);
  const result = emptyResult(
    request,
    format === 'xlsx' ? 'XLSX' : 'CSV',
    format === 'xlsx' ? 'xlsx' : decodeText(request.bytes).encoding,
  );
  if (format === 'asc') {
    result.errors.push('Списки загружаются из таблицы CSV или XLSX, а не из XML');
    return result;
  }
  const rows = await tableRows(request.bytes, format);
  if (rows.length === 0) {
    result.errors.push('В таблице нет строк');
    return result;
  }
  const preview = planPeople(kind, rows, await readSchoolContext(db));
  result.names = namesOf(preview);
  result.errors = preview.errors;
  result.documents = { [preview.collection]: preview.docs.length };
  if (request.query.mode === 'preview' || preview.errors.length > 0) return result;
  const actor = { accountId: request.user.accountId, deviceId: request.user.deviceId };
  return runSchoolOperation(engine, actor, 'import', async (writer) => {
    // Planned again inside the transaction: the school may have changed since the preview.
    const plan = planPeople(kind, rows, await readSchoolContext(writer.tx));
    if (plan.errors.length > 0) return { ...result, errors: plan.errors };
    await writer.writeMany(
      plan.collection,
      plan.docs.map((doc) => ({ before: null, after: { ...doc, _deleted: false } })),
    );
    return {
      ...result,
      names: namesOf(plan),
      documents: { [plan.collection]: plan.docs.length },
      committed: true,
    };
  });
}

async function readTimetableFile(
  bytes: Uint8Array,
  format: 'xlsx' | 'asc' | 'csv',
): Promise<TimetableFile> {
  return format === 'asc' ? parseAscXml(bytes) : parseTimetableTable(bytes, format === 'xlsx');
}

async function importTimetable(
  db: Db,
  engine: SyncEngine,
  request: ImportRequest,
): Promise<ImportResult> {
  const format = request.query.format ?? detectFormat(request.bytes);
  const file = await readTimetableFile(request.bytes, format);
  const result = emptyResult(request, file.format, file.encoding);
  const ctx = await readSetupContext(db);
  const validFrom = request.query.validFrom ?? defaultValidFrom(ctx, request.today);
  if (!validFrom) {
    result.errors.push('Сначала заполните сведения о школе и учебный год');
    return result;
  }
  const options: TimetableImportOptions = {
    validFrom,
    name: request.query.name ?? (format === 'asc' ? 'Расписание из aSc Timetables' : 'Расписание'),
    source: format === 'asc' ? 'asc' : 'table',
  };
  const describe = (plan: ReturnType<typeof planTimetableImport>): ImportResult => ({
    ...result,
    errors: plan.errors,
    warnings: plan.warnings,
    documents: {
      timetables: plan.timetables.length,
      courses: plan.coursesCreated.length + plan.coursesRetaught.length,
      ...(plan.groupsAdded.length > 0
        ? { classes: new Set(plan.groupsAdded.map((g) => g.classId)).size }
        : {}),
      ...(plan.subjectsAdded.length > 0 ? { school: 1 } : {}),
    },
    timetable: { validFrom, ...summarize(plan) },
  });
  const preview = planTimetableImport(file, ctx, options);
  if (request.query.mode === 'preview' || preview.errors.length > 0) {
    const lessons =
      preview.errors.length === 0
        ? await previewLessons(db, preview, ctx, options, request.today)
        : null;
    return { ...describe(preview), lessons };
  }
  const actor = { accountId: request.user.accountId, deviceId: request.user.deviceId };
  return runSchoolOperation(engine, actor, 'import', async (writer) => {
    const current = await readSetupContext(writer.tx);
    const plan = planTimetableImport(file, current, options);
    if (plan.errors.length > 0) return describe(plan);
    const lessons = await commitTimetableImport(
      writer,
      plan,
      current,
      options,
      request.user,
      request.today,
    );
    return { ...describe(plan), lessons, committed: true };
  });
}

export async function runImport(
  db: Db,
  engine: SyncEngine,
  request: ImportRequest,
): Promise<ImportResult> {
  switch (request.kind) {
    case 'roster':
    case 'staff':
      return importPeople(db, engine, request, request.kind);
    case 'timetable':
      return importTimetable(db, engine, request);
  }
}
