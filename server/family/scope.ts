// The rights check of the e-diary: which children a family account may read right now. Every diary
// page and notification is built from this answer, read from the consent registry on every
// request (a diary page may use it kept in memory while nothing it reads changed:
// auth-cache.ts), so a withdrawal stops access even before any session is ended:
//   - a guardian's link is open while that guardian's consent is a registered consent with the
//     electronic channel and «логин выдан», and the guardian is still on the student's card;
//   - a student's own link is open while some guardian of the student consented (electronic) and
//     no guardian refused or withdrew;
//   - in both cases the student is an active student of the school.
import type { Queryable } from '../db/db';

/** SQL condition on `l` (family_links) and `st` (the student's row in documents). */
export const OPEN_LINK_SQL = `(CASE WHEN l.guardian_id IS NOT NULL THEN
    st.doc->'guardians' ? l.guardian_id AND EXISTS (
      SELECT 1 FROM documents c
      WHERE c.collection = 'consents' AND c.id = l.student_id || ':' || l.guardian_id
        AND NOT c.deleted AND c.doc->>'decision' = 'consent' AND c.doc->>'channel' = 'electronic'
        AND c.doc->'loginIssued' = 'true'::jsonb)
  ELSE
    EXISTS (
      SELECT 1 FROM documents c
      WHERE c.collection = 'consents' AND c.doc->>'studentId' = l.student_id AND NOT c.deleted
        AND c.doc->>'decision' = 'consent' AND c.doc->>'channel' = 'electronic')
    AND NOT EXISTS (
      SELECT 1 FROM documents c
      WHERE c.collection = 'consents' AND c.doc->>'studentId' = l.student_id AND NOT c.deleted
        AND c.doc->>'decision' IN ('refusal', 'withdrawal'))
  END)
  AND NOT st.deleted AND st.doc->>'status' = 'active'`;

/** A child the account may read. Only the child's own name and class, nothing of anyone else. */
export interface FamilyChild {
  studentId: string;
  guardianId: string | null;
  lastName: string;
  firstName: string;
  middleName: string;
  classId: string;
}

/** The children the account reads now, in alphabetical order. */
export async function familyChildren(db: Queryable, accountId: string): Promise<FamilyChild[]> {
  const r = await db.query(
    `SELECT l.student_id, l.guardian_id, st.doc->>'lastName' AS last_name,
       st.doc->>'firstName' AS first_name, st.doc->>'middleName' AS middle_name,
       st.doc->>'classId' AS class_id
     FROM family_links l
     JOIN documents st ON st.collection = 'students' AND st.id = l.student_id
     WHERE l.account_id = $1 AND l.active AND ${OPEN_LINK_SQL}`,
    [accountId],
  );
  return r.rows
    .map((row) => ({
      studentId: String(row.student_id),
      guardianId: row.guardian_id === null ? null : String(row.guardian_id),
      lastName: String(row.last_name ?? ''),
      firstName: String(row.first_name ?? ''),
      middleName: String(row.middle_name ?? ''),
      classId: String(row.class_id ?? ''),
    }))
    .sort(
      (a, b) =>
        a.lastName.localeCompare(b.lastName, 'ru') ||
        a.firstName.localeCompare(b.firstName, 'ru') ||
        (a.studentId < b.studentId ? -1 : 1),
    );
}
