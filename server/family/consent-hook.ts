// The e-diary's reaction to a consent write, run inside the transaction that stores it (registered
// in server/app.ts with engine.onStored('consents', …), so it runs for every write kind): a refusal, a withdrawal, the paper channel
// or «логин выдан» taken back closes that guardian's access at once — links end, an account left
// with no child is closed and its sessions end in the same commit. A student's own account closes
// when any guardian refuses or withdraws, or no guardian's consent is left. Opening access is never
// done here: it needs a one-time password, made only by issuing a login (issue.ts).
import type { Queryable } from '../db/db';
import type { DocState, StoredState } from '../sync/collections';
import { endLinks } from './accounts';
import { ACCESS_CLOSED } from './messages';

function closedReason(consent: DocState): string | null {
  if (consent._deleted) return ACCESS_CLOSED.takenBack;
  if (consent.decision === 'withdrawal') return ACCESS_CLOSED.withdrawal;
  if (consent.decision === 'refusal') return ACCESS_CLOSED.refusal;
  if (consent.channel !== 'electronic') return ACCESS_CLOSED.paper;
  if (consent.loginIssued !== true) return ACCESS_CLOSED.takenBack;
  return null;
}

/** Whether the student's own account may stay open under the consents now stored. */
async function studentAccessOpen(tx: Queryable, studentId: string): Promise<boolean> {
  const r = await tx.query(
    `SELECT
       bool_or(doc->>'decision' = 'consent' AND doc->>'channel' = 'electronic') AS consented,
       bool_or(doc->>'decision' IN ('refusal', 'withdrawal')) AS refused
     FROM documents WHERE collection = 'consents' AND doc->>'studentId' = $1 AND NOT deleted`,
    [studentId],
  );
  const row = r.rows[0];
  return row?.consented === true && row?.refused !== true;
}

export async function closeFamilyAccessOnConsentWrite(
  tx: Queryable,
  written: readonly StoredState[],
): Promise<void> {
  for (const { state } of written) await closeOnConsent(tx, state);
}

async function closeOnConsent(tx: Queryable, consent: DocState): Promise<void> {
  const studentId = typeof consent.studentId === 'string' ? consent.studentId : null;
  const guardianId = typeof consent.guardianId === 'string' ? consent.guardianId : null;
  if (!studentId || !guardianId) return;
  const reason = closedReason(consent);
  if (reason !== null) await endLinks(tx, studentId, guardianId, reason);
  const own = await tx.query(
    'SELECT 1 FROM family_links WHERE student_id = $1 AND guardian_id IS NULL AND active LIMIT 1',
    [studentId],
  );
  if (own.rows.length > 0 && !(await studentAccessOpen(tx, studentId))) {
    await endLinks(tx, studentId, null, reason ?? ACCESS_CLOSED.noChildren);
  }
}
