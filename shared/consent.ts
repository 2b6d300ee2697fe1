// A guardian's answer to the e-journal offer: consent, refusal or withdrawal, and how the family gets marks.
import { z } from 'zod';
import { DocumentBaseSchema, IdSchema, IsoDateSchema, TextSchema } from './common';

export const ConsentDecisionSchema = z.enum(['consent', 'refusal', 'withdrawal']);
export type ConsentDecision = z.infer<typeof ConsentDecisionSchema>;

export const CONSENT_DECISION_LABELS: Record<ConsentDecision, string> = {
  consent: 'согласие',
  refusal: 'отказ',
  withdrawal: 'отзыв согласия',
};

/** Electronic diary, or paper extracts (the family has no internet or refused electronic processing). */
export const ConsentChannelSchema = z.enum(['electronic', 'paper']);
export type ConsentChannel = z.infer<typeof ConsentChannelSchema>;

export const CONSENT_CHANNEL_LABELS: Record<ConsentChannel, string> = {
  electronic: 'электронный дневник',
  paper: 'бумажные выписки',
};

export const ConsentSchema = DocumentBaseSchema.extend({
  studentId: IdSchema,
  /** Key of the guardian in the student's `guardians`. */
  guardianId: IdSchema,
  classId: IdSchema,
  decision: ConsentDecisionSchema,
  /** Date written on the signed form. */
  date: IsoDateSchema,
  channel: ConsentChannelSchema,
  /** Staff member who registered the paper form. */
  registeredBy: IdSchema,
  loginIssued: z.boolean(),
  note: TextSchema(500).default(''),
});
export type Consent = z.infer<typeof ConsentSchema>;

export function consentId(studentId: string, guardianId: string): string {
  return `${studentId}:${guardianId}`;
}

/** A refusal or withdrawal blocks electronic processing: such a family gets paper only. */
export function effectiveChannel(c: Pick<Consent, 'decision' | 'channel'>): ConsentChannel {
  return c.decision === 'consent' ? c.channel : 'paper';
}
