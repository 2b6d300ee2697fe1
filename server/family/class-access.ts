// What the class teacher sees of the families' e-diary use: per guardian (and student's own
// account) of the class, the login, whether access is open, when the diary was last opened and
// how many pages in a range — the «контроль за просмотром» of seed 004.
import type { Queryable } from '../db/db';
import { toIsoTime, toNumber } from '../db/db';
import type { FamilyAccessRow } from '../../shared/family-access';
import { OPEN_LINK_SQL } from './scope';

/** Local calendar day "YYYY-MM-DD" → the moment it starts (server's time zone). */
function dayStart(day: string): Date {
  return new Date(`${day}T00:00:00`);
}

export async function classFamilyAccess(
  db: Queryable,
  classId: string,
  range: { from: string; to: string },
  /** Of these logins, those that wait after wrong passwords now (server/auth/lockout.ts). */
  lockedOf: (logins: string[]) => Promise<Set<string>>,
): Promise<FamilyAccessRow[]> {
  const to = dayStart(range.to);
  to.setDate(to.getDate() + 1);
  const r = await db.query(
    `SELECT DISTINCT ON (l.student_id, l.guardian_id)
       l.student_id, l.guardian_id, a.login, a.password_temporary, a.disabled_reason,
       l.ended_reason, (l.active AND a.disabled_at IS NULL AND ${OPEN_LINK_SQL}) AS open,
       (SELECT max(v.at) FROM diary_views v
         WHERE v.account_id = l.account_id AND v.student_id = l.student_id) AS last_view,
       (SELECT count(*) FROM diary_views v
         WHERE v.account_id = l.account_id AND v.student_id = l.student_id
           AND v.at >= $2 AND v.at < $3) AS views
     FROM family_links l
     JOIN family_accounts a ON a.id = l.account_id
     JOIN documents st ON st.collection = 'students' AND st.id = l.student_id
     WHERE st.doc->>'classId' = $1
     ORDER BY l.student_id, l.guardian_id, l.active DESC, l.created_at DESC`,
    [classId, dayStart(range.from).toISOString(), to.toISOString()],
  );
  const locked = await lockedOf(r.rows.map((row) => String(row.login)));
  return r.rows.map((row) => {
    const open = row.open === true;
    return {
      studentId: String(row.student_id),
      guardianId: row.guardian_id === null ? null : String(row.guardian_id),
      login: String(row.login),
      state: !open ? 'closed' : row.password_temporary === true ? 'issued' : 'active',
      closedReason: open
        ? null
        : String(row.ended_reason ?? row.disabled_reason ?? 'Доступ к дневнику закрыт'),
      locked: open && locked.has(String(row.login)),
      lastViewAt: toIsoTime(row.last_view),
      viewsInRange: toNumber(row.views),
    };
  });
}
