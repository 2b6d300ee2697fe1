// Compromise reports: stored in compromise_reports (the record of what was undone and kept), read
// back by id, and printed as Russian text for the administrator's console.
import type { Queryable } from '../db/db';
import { toIsoTime, toNumber } from '../db/db';
import type { CompromiseReport } from '../../shared/compromise-report';

export async function storeReport(
  tx: Queryable,
  report: Omit<CompromiseReport, 'id'>,
): Promise<CompromiseReport> {
  const result = await tx.query(
    `INSERT INTO compromise_reports (account_id, login, since, created_by, report)
     VALUES ($1, $2, $3, $4, $5::jsonb) RETURNING id, created_at`,
    [report.accountId, report.login, report.since, report.by.login ?? '', JSON.stringify(report)],
  );
  const row = result.rows[0]!;
  return { ...report, id: toNumber(row.id), createdAt: toIsoTime(row.created_at) ?? '' };
}

export async function readReport(db: Queryable, id: number): Promise<CompromiseReport | null> {
  const result = await db.query(
    'SELECT id, created_at, report FROM compromise_reports WHERE id = $1',
    [id],
  );
  const row = result.rows[0];
  if (!row) return null;
  return {
    ...(row.report as CompromiseReport),
    id: toNumber(row.id),
    createdAt: toIsoTime(row.created_at) ?? '',
  };
}

export async function listReports(
  db: Queryable,
): Promise<
  { id: number; login: string; since: string | null; createdAt: string | null; by: string }[]
> {
  const result = await db.query(
    'SELECT id, login, since, created_at, created_by FROM compromise_reports ORDER BY id DESC LIMIT 200',
  );
  return result.rows.map((row) => ({
    id: toNumber(row.id),
    login: String(row.login),
    since: toIsoTime(row.since),
    createdAt: toIsoTime(row.created_at),
    by: String(row.created_by),
  }));
}

function show(value: unknown): string {
  if (value === null || value === undefined) return '(пусто)';
  if (typeof value === 'string') return value === '' ? '(пусто)' : `«${value}»`;
  if (typeof value === 'object' && value !== null && 'marks' in value) {
    const entry = value as { marks?: { value?: unknown }[]; attendance?: unknown };
    const marks = (entry.marks ?? []).map((m) => String(m.value)).join(' ');
    const att = entry.attendance ? ` ${String(entry.attendance)}` : '';
    return `[${marks}${att}]`.replace('[]', '(пусто)');
  }
  return JSON.stringify(value);
}

function when(at: string | null): string {
  return at ? new Date(at).toLocaleString('ru-RU', { timeZone: 'Europe/Moscow' }) : '?';
}

/** The report as plain Russian text (the CLI prints it). */
export function formatReport(report: CompromiseReport): string {
  const lines: string[] = [
    `Отчёт № ${report.id}: компрометация учётной записи «${report.login}» (${report.displayName})`,
    `Недействительны все действия с ${when(report.since)} (МСК). Отметил: ${report.by.name ?? report.by.login ?? '?'}, ${when(report.createdAt)}`,
    `Отключено устройств: ${report.revokedDevices}, сеансов: ${report.revokedTokens}. ` +
      (report.passwordVoided
        ? 'Пароль аннулирован: новый пароль задаёт администратор (npm run admin -- set-password --login …).'
        : 'Пароль уже был аннулирован ранее.'),
    '',
    `Отменено изменений: ${report.undone.length}`,
  ];
  for (const c of report.undone) {
    lines.push(
      `  • ${c.label}: ${show(c.compromisedValue)} → восстановлено ${show(c.restoredValue)}` +
        ` (${when(c.at)}, устройство «${c.device.name ?? c.device.id ?? '?'}»)`,
    );
  }
  lines.push('', `Оставлены изменения других сотрудников: ${report.kept.length}`);
  for (const c of report.kept) {
    lines.push(
      `  • ${c.label}: ${show(c.compromisedValue)} потом изменил(а) ${c.by.name ?? c.by.login ?? '?'}` +
        ` на ${show(c.keptValue)} (${when(c.at)}) — оставлено`,
    );
  }
  if (report.created.length > 0) {
    lines.push('', `Записи, созданные с этой учётной записи: ${report.created.length}`);
    for (const d of report.created) lines.push(`  • ${d.label}: ${d.note}`);
  }
  if (report.alreadyUndone > 0) {
    lines.push('', `Уже отменено прежними отметками: ${report.alreadyUndone}`);
  }
  lines.push('', `Перезаписано документов: ${report.documentsWritten}`);
  return lines.join('\n');
}
