// Who changed one independently editable part of a document, and when (hybrid logical clock).
import { z } from 'zod';
import { isEncodedHlc } from './hlc';

/**
 * `at` is an encoded hybrid-logical-clock timestamp (see hlc.ts): strings compare in causal order.
 * Only the exact encoding is accepted ("~" or "999…-x" would sort after every real stamp and win
 * every merge forever). The check is a refinement, so the RxDB schema derived from this one stays
 * as it was (a refinement has no JSON-schema form). `by` is the staff id of the author. The device
 * is known to the server from the token and recorded in its audit log, so it is not repeated in
 * every document.
 */
export const StampSchema = z.object({
  at: z
    .string()
    .min(1)
    .max(64)
    .refine(
      isEncodedHlc,
      'Неверная отметка времени изменения: документ изменён не программой журнала',
    ),
  by: z.string().min(1).max(64),
});
export type Stamp = z.infer<typeof StampSchema>;

/**
 * Per-part stamps of a document, keyed by the part's path: a top-level field name ("topic")
 * or a field and a key of a record field ("entries.<studentId>"). A field that has no stamp is
 * fixed at creation (identity fields such as a lesson's course and date).
 */
export const StampsSchema = z.record(z.string().max(160), StampSchema);
export type Stamps = z.infer<typeof StampsSchema>;
