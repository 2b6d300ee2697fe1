// «Who in the school changed my child's data, and when» (152-ФЗ art. 14), from the audit log: the
// child's cells in lessons (marks, attendance), the child's period marks, the child's card and the
// family's consents — named by staff member (never an id), each part of someone else's data left
// out. And who of the family opened the child's diary.
import type { Queryable } from '../db/db';
import { toIsoTime, toNumber } from '../db/db';
import { fullName } from '../../shared/common';
import { CONSENT_CHANNEL_LABELS, CONSENT_DECISION_LABELS } from '../../shared/consent';
import { formatDate, formatDateTime } from '../../shared/dates';
import { MARK_LABELS } from '../../shared/grading-policy';
import { PERIOD_MARK_TEXT } from '../../shared/documents/source';
import type { LessonEntry } from '../../shared/lesson';
import type { PeriodMarkEntry } from '../../shared/period-mark';
import { jsonEqual } from '../../shared/json';
import type { StaffMember } from '../../shared/staff';
import type { ChangeRow, ViewerRow } from './pages/child-pages';
import type { DiaryReference } from './reference';

export const MAX_CHANGES = 200;

interface AuditPart {
  path: string;
  before: unknown;
  after: unknown;
}

const STUDENT_FIELDS: Record<string, string> = {
  lastName: 'фамилия',
  firstName: 'имя',
  middleName: 'отчество',
  gender: 'пол',
  classId: 'класс',
  status: 'обучается / выбыл',
  birthDate: 'дата рождения',
};

const CONSENT_FIELDS: Record<string, string> = {
  decision: 'решение',
  date: 'дата заявления',
  channel: 'как получать отметки',
  loginIssued: 'логин выдан',
  note: 'примечание',
  registeredBy: 'кто зарегистрировал',
};

function marksText(entry: LessonEntry | null | undefined): string {
  const marks = entry?.marks ?? [];
  return marks.length === 0 ? '—' : marks.map((m) => MARK_LABELS[m.value] ?? m.value).join(', ');
}

function lessonCellText(before: LessonEntry | null, after: LessonEntry | null): string {
  const parts: string[] = [];
  const mb = marksText(before);
  const ma = marksText(after);
  if (mb !== ma) parts.push(`отметки «${mb}» → «${ma}»`);
  const ab = before?.attendance ?? null;
  const aa = after?.attendance ?? null;
  if (ab !== aa) parts.push(`посещаемость «${ab ?? 'был'}» → «${aa ?? 'был'}»`);
  const cb = (before?.marks ?? []).map((m) => m.comment).join('|');
  const ca = (after?.marks ?? []).map((m) => m.comment).join('|');
  if (parts.length === 0 && cb !== ca) parts.push('комментарий к отметке');
  return parts.join('; ');
}

function periodMarkText(before: PeriodMarkEntry | null, after: PeriodMarkEntry | null): string {
  const text = (e: PeriodMarkEntry | null) =>
    e?.value
      ? PERIOD_MARK_TEXT[e.value]
      : e?.deferral
        ? `отсрочка до ${formatDate(e.deferral.due)}`
        : '—';
  const b = text(before);
  const a = text(after);
  return b === a ? 'комментарий или предложенная отметка' : `«${b}» → «${a}»`;
}

function valueText(value: unknown): string {
  if (value === true) return 'да';
  if (value === false) return 'нет';
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') {
    if (value in CONSENT_DECISION_LABELS)
      return CONSENT_DECISION_LABELS[value as keyof typeof CONSENT_DECISION_LABELS];
    if (value in CONSENT_CHANNEL_LABELS)
      return CONSENT_CHANNEL_LABELS[value as keyof typeof CONSENT_CHANNEL_LABELS];
    return /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(value) : value;
  }
  return '…';
}

interface Row {
  id: number;
  at: string | null;
  collection: string;
  docId: string;
  kind: string;
  parts: AuditPart[] | null;
  after: Record<string, unknown> | null;
  staff: StaffMember | null;
  login: string | null;
}

/** The child's changes this school year, newest first (at most MAX_CHANGES). */
export async function childChanges(
  db: Queryable,
  ref: DiaryReference,
  child: { studentId: string; classId: string },
  since: string,
): Promise<{ rows: ChangeRow[]; limited: boolean }> {
  const id = child.studentId;
  const sinceMoment = new Date(`${since}T00:00:00`).toISOString();
  const r = await db.query(
    `WITH picked AS (
       (SELECT l.id FROM audit_log l
        WHERE l.collection IN ('lessons', 'periodMarks') AND l.at >= $4
          AND (l.parts @> $2::jsonb OR l.parts @> $3::jsonb)
        ORDER BY l.id DESC LIMIT ${MAX_CHANGES + 1})
       UNION ALL
       (SELECT l.id FROM audit_log l
        JOIN documents d ON d.collection = l.collection AND d.id = l.doc_id
        WHERE l.collection IN ('lessons', 'periodMarks') AND l.before IS NULL AND l.kind = 'write'
          AND d.doc->>'classId' = $5 AND l.at >= $4
          AND (l.after->'entries' ? $1 OR l.after->'marks' ? $1)
        ORDER BY l.id DESC LIMIT ${MAX_CHANGES + 1})
       UNION ALL
       (SELECT l.id FROM audit_log l WHERE l.collection = 'students' AND l.doc_id = $1
        ORDER BY l.id DESC LIMIT ${MAX_CHANGES + 1})
       UNION ALL
       (SELECT l.id FROM audit_log l
        WHERE l.collection = 'consents' AND l.doc_id IN (
          SELECT c.id FROM documents c WHERE c.collection = 'consents' AND c.doc->>'studentId' = $1)
        ORDER BY l.id DESC LIMIT ${MAX_CHANGES + 1})
     )
     SELECT l.id, l.at, l.collection, l.doc_id, l.kind, l.parts,
       CASE WHEN l.before IS NULL THEN l.after END AS after, a.login, s.doc AS staff
     FROM audit_log l
     LEFT JOIN accounts a ON a.id = l.account_id
     LEFT JOIN documents s ON s.collection = 'staff' AND s.id = a.staff_id
     WHERE l.id IN (SELECT id FROM picked) AND l.kind <> 'superseded'
     ORDER BY l.id DESC LIMIT ${MAX_CHANGES + 1}`,
    [
      id,
      JSON.stringify([{ path: `entries.${id}` }]),
      JSON.stringify([{ path: `marks.${id}` }]),
      sinceMoment,
      child.classId,
    ],
  );
  const rows: Row[] = r.rows.map((row) => ({
    id: toNumber(row.id),
    at: toIsoTime(row.at),
    collection: String(row.collection),
    docId: String(row.doc_id),
    kind: String(row.kind),
    parts: (row.parts as AuditPart[] | null) ?? null,
    after: (row.after as Record<string, unknown> | null) ?? null,
    staff: (row.staff as StaffMember | null) ?? null,
    login: row.login === null ? null : String(row.login),
  }));
  const limited = rows.length > MAX_CHANGES;
  const docs = await lessonAndMarkDocs(db, rows);
  const out: ChangeRow[] = [];
  for (const row of rows.slice(0, MAX_CHANGES)) {
    const what = describe(row, id, ref, docs);
    if (what === null) continue;
    out.push({ at: row.at ? formatDateTime(row.at) : '', who: whoText(row), what });
  }
  return { rows: out, limited };
}

function whoText(row: Row): string {
  if (row.staff) {
    const position = row.staff.position ? `, ${row.staff.position}` : '';
    return `${fullName(row.staff)}${position}`;
  }
  if (row.kind === 'import') return 'загрузка данных администратором';
  if (row.login) return 'администратор информационной системы';
  return 'сервер школы (служебное изменение)';
}

/** Course and date of each lesson, course and period of each period-marks document. */
async function lessonAndMarkDocs(
  db: Queryable,
  rows: Row[],
): Promise<Map<string, { courseId: string; date: string; periodId: string }>> {
  const ids = [...new Set(rows.filter((r) => r.collection !== 'students').map((r) => r.docId))];
  const map = new Map<string, { courseId: string; date: string; periodId: string }>();
  if (ids.length === 0) return map;
  const r = await db.query(
    `SELECT collection, id, doc->>'courseId' AS course_id, doc->>'date' AS date,
       doc->>'periodId' AS period_id
     FROM documents WHERE collection IN ('lessons', 'periodMarks') AND id = ANY($1::text[])`,
    [ids],
  );
  for (const row of r.rows) {
    map.set(`${String(row.collection)}|${String(row.id)}`, {
      courseId: String(row.course_id ?? ''),
      date: String(row.date ?? ''),
      periodId: String(row.period_id ?? ''),
    });
  }
  return map;
}

function subjectOf(ref: DiaryReference, courseId: string): string {
  const course = ref.courses.get(courseId);
  const subject = ref.school?.subjects.find((s) => s.id === course?.subjectId);
  return subject?.name ?? 'предмет';
}

/** Parts whose value changed (a re-signed part with the same value is no change to report). */
function changedOnly(parts: AuditPart[]): AuditPart[] {
  return parts.filter((p) => !jsonEqual(p.before, p.after));
}

function describe(
  row: Row,
  studentId: string,
  ref: DiaryReference,
  docs: Map<string, { courseId: string; date: string; periodId: string }>,
): string | null {
  const doc = docs.get(`${row.collection}|${row.docId}`);
  switch (row.collection) {
    case 'lessons': {
      const where = doc ? `${subjectOf(ref, doc.courseId)}, урок ${formatDate(doc.date)}` : 'урок';
      if (row.parts === null) {
        const entry = (row.after?.entries as Record<string, LessonEntry> | undefined)?.[studentId];
        const text = entry ? lessonCellText(null, entry) : '';
        return text ? `${where}: ${text}` : null;
      }
      const part = row.parts.find((p) => p.path === `entries.${studentId}`);
      if (!part) return null;
      const text = lessonCellText(
        part.before as LessonEntry | null,
        part.after as LessonEntry | null,
      );
      return text ? `${where}: ${text}` : null;
    }
    case 'periodMarks': {
      const period = doc ? ref.periods.get(doc.periodId)?.name : undefined;
      const where = doc
        ? `${subjectOf(ref, doc.courseId)}, ${period ?? 'период'}`
        : 'отметка за период';
      if (row.parts === null) {
        const entry = (row.after?.marks as Record<string, PeriodMarkEntry> | undefined)?.[
          studentId
        ];
        return entry ? `${where}: отметка за период ${periodMarkText(null, entry)}` : null;
      }
      const part = row.parts.find((p) => p.path === `marks.${studentId}`);
      if (!part) return null;
      return `${where}: отметка за период ${periodMarkText(part.before as PeriodMarkEntry | null, part.after as PeriodMarkEntry | null)}`;
    }
    case 'students': {
      if (row.parts === null) return 'Ученик внесён в журнал';
      const names = changedOnly(row.parts).map((p) => {
        if (p.path.startsWith('guardians.')) return 'сведения о родителе (законном представителе)';
        if (p.path === 'classId') {
          const name = (v: unknown) =>
            typeof v === 'string' ? (ref.classes.get(v)?.name ?? '—') : '—';
          return `класс «${name(p.before)}» → «${name(p.after)}»`;
        }
        return STUDENT_FIELDS[p.path] ?? 'сведения об ученике';
      });
      return names.length > 0 ? `Карточка ученика: ${[...new Set(names)].join(', ')}` : null;
    }
    case 'consents': {
      if (row.parts === null) {
        const decision = valueText(row.after?.decision);
        return `Реестр согласий: зарегистрировано «${decision}»`;
      }
      const changed = changedOnly(row.parts)
        .filter((p) => p.path !== 'registeredBy')
        .map(
          (p) =>
            `${CONSENT_FIELDS[p.path] ?? p.path} «${valueText(p.before)}» → «${valueText(p.after)}»`,
        );
      return changed.length > 0 ? `Реестр согласий: ${changed.join(', ')}` : null;
    }
    default:
      return null;
  }
}

/** Who of the family opened the child's diary: each account, how many pages, when last. */
export async function childViewers(db: Queryable, studentId: string): Promise<ViewerRow[]> {
  const r = await db.query(
    `SELECT a.display_name, a.kind, count(*) AS n, max(v.at) AS last
     FROM diary_views v JOIN family_accounts a ON a.id = v.account_id
     WHERE v.student_id = $1 GROUP BY a.id, a.display_name, a.kind ORDER BY max(v.at) DESC`,
    [studentId],
  );
  return r.rows.map((row) => ({
    who: `${String(row.display_name)}${row.kind === 'student' ? ' (сам ученик)' : ''}`,
    count: toNumber(row.n),
    last: row.last ? formatDateTime(toIsoTime(row.last)!) : '',
  }));
}
