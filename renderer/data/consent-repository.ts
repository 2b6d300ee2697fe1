// Domain verbs for the consent registry: register or change a guardian's answer. One document per
// student × guardian (so two devices registering the same family merge rather than duplicate);
// each changed part is stamped with this device's HLC and the signed-in staff member, the whole
// document is checked against the zod schema and written to the local database at once.
import {
  ConsentSchema,
  consentId,
  type Consent,
  type ConsentChannel,
  type ConsentDecision,
} from '../../shared/consent';
import type { Clock } from '../../shared/hlc';
import { setPart } from '../../shared/merge';
import { SerialQueue } from '../../shared/serial-queue';
import type { JournalDatabase } from '../db/types';
import { createSigner } from './signer';

/** What the class teacher enters from a signed form. */
export interface ConsentAnswer {
  decision: ConsentDecision;
  date: string;
  channel: ConsentChannel;
  loginIssued: boolean;
  note?: string;
}

export interface ConsentTarget {
  studentId: string;
  guardianId: string;
  classId: string;
}

/** The answer's parts, each stamped on its own; `registeredBy` is the signed-in staff member. */
const ANSWER_PARTS = [
  'decision',
  'date',
  'channel',
  'registeredBy',
  'loginIssued',
  'note',
] as const;

export interface ConsentRepository {
  /** Creates the registry entry, or changes only the parts that differ from the stored one. */
  registerAnswer(target: ConsentTarget, answer: ConsentAnswer): Promise<Consent>;
}

export function createConsentRepository(
  db: JournalDatabase,
  clock: Clock,
  author: () => string | null,
): ConsentRepository {
  const queue = new SerialQueue();

  const { by: signer, stamp } = createSigner(clock, author);

  return {
    registerAnswer(target, answer) {
      const id = consentId(target.studentId, target.guardianId);
      return queue.run(id, async () => {
        const registeredBy = signer();
        const values: Record<(typeof ANSWER_PARTS)[number], unknown> = {
          decision: answer.decision,
          date: answer.date,
          channel: answer.channel,
          registeredBy,
          loginIssued: answer.loginIssued,
          note: answer.note ?? '',
        };
        const existing = await db.consents.findOne(id).exec();
        if (!existing) {
          const at = stamp();
          const consent = ConsentSchema.parse({
            id,
            ...target,
            ...values,
            stamps: Object.fromEntries(ANSWER_PARTS.map((p) => [p, at])),
          });
          const doc = await db.consents.insert(consent);
          return doc.toJSON() as Consent;
        }
        const written = await existing.incrementalModify((current) => {
          let next = current as Consent;
          for (const part of ANSWER_PARTS) {
            if (next[part] !== values[part]) next = setPart(next, part, values[part], stamp());
          }
          return ConsentSchema.parse(next);
        });
        return written.toJSON() as Consent;
      });
    },
  };
}
