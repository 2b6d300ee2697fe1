// The consent registry of the demo school: ~70 % consents, ~10 % refusals, ~3 % withdrawals, the rest not yet answered.
import type { Consent, ConsentDecision } from '../consent';
import { consentId } from '../consent';
import { addDays, hlcAt, localMs } from './calendar';
import type { Rng } from './random';
import type { ClassInfo } from './roster';

/** Consents are collected in the first days of September; withdrawals come later in the year. */
export function buildConsents(
  rng: Rng,
  classes: readonly ClassInfo[],
  classTeacher: ReadonlyMap<string, string>,
  asOf: string,
): Consent[] {
  const out: Consent[] = [];
  for (const c of classes) {
    const registeredBy = classTeacher.get(c.id) ?? 'staff-deputy';
    for (const st of c.students) {
      const decision = rng.weighted<ConsentDecision | null>([
        ['consent', 0.7],
        ['refusal', 0.1],
        ['withdrawal', 0.03],
        [null, 0.17],
      ]);
      if (!decision) continue;
      const guardianIds = Object.keys(st.doc.guardians);
      const signers =
        guardianIds.length > 1 && rng.chance(0.3) ? guardianIds : guardianIds.slice(0, 1);
      const signed = addDays('2026-09-01', rng.int(0, 12));
      const date = decision === 'withdrawal' ? addDays(signed, rng.int(40, 160)) : signed;
      if (date > asOf) continue;
      const paperOnly = decision === 'consent' && rng.chance(0.05);
      for (const guardianId of signers) {
        const stamp = { at: hlcAt(localMs(date, '15:30') + out.length * 1000), by: registeredBy };
        out.push({
          id: consentId(st.doc.id, guardianId),
          stamps: {
            decision: stamp,
            date: stamp,
            channel: stamp,
            registeredBy: stamp,
            loginIssued: stamp,
            ...(decision !== 'consent' || paperOnly ? { note: stamp } : {}),
          },
          studentId: st.doc.id,
          guardianId,
          classId: c.id,
          decision,
          date,
          channel: decision === 'consent' && !paperOnly ? 'electronic' : 'paper',
          registeredBy,
          loginIssued: decision === 'consent' || decision === 'withdrawal',
          note:
            decision === 'refusal'
              ? 'Услуга не нужна, просят бумажные выписки'
              : decision === 'withdrawal'
                ? 'Согласие отозвано, доступ к дневнику закрыт'
                : paperOnly
                  ? 'Нет интернета дома, выписки на бумаге'
                  : '',
        });
      }
    }
  }
  return out;
}
