// The clock rule on a document's new stamps: none may be more than MAX_STAMP_AHEAD_MS ahead of
// the server's time (shared/clock-skew.ts; docs/SYNC.md, "Stamps from the future"). A push with
// one is refused; a server-side operation's (a simulated school year loaded as the demo) is
// pulled back to the server's time, so no stored stamp can beat every later correction.
import type { DocState } from '../sync/collections';
import { clockAheadRefusal, MAX_STAMP_AHEAD_MS, stampAheadMs } from '../../shared/clock-skew';
import type { Stamp } from '../../shared/stamp';
import { asDoc, stampAt } from './doc-parts';

export function fitStampClock(
  before: DocState | null,
  incoming: DocState,
  serverNowMs: number,
  mode: 'refuse' | 'clamp',
): DocState | string {
  const doc = asDoc(incoming);
  const stored = before ? asDoc(before) : null;
  // Encoded stamps are fixed-width: comparing the text to the limit's wall digits is exact.
  const limit = String(serverNowMs + MAX_STAMP_AHEAD_MS).padStart(15, '0');
  if (Object.values(doc.stamps).every((s) => s.at.slice(0, 15) <= limit)) return incoming;
  let ahead = 0;
  const now = String(serverNowMs).padStart(15, '0');
  const clamped: Record<string, Stamp> = {};
  let changed = false;
  for (const [path, stamp] of Object.entries(doc.stamps)) {
    const old = stored ? stampAt(stored, path) : undefined;
    const isNew = !(old && old.at === stamp.at && old.by === stamp.by);
    const by = isNew ? stampAheadMs(stamp.at, serverNowMs) : 0;
    ahead = Math.max(ahead, by);
    if (by > MAX_STAMP_AHEAD_MS) {
      // The encoding is fixed-width: the wall time is the first 15 digits; counter and node stay.
      clamped[path] = { at: now + stamp.at.slice(15), by: stamp.by };
      changed = true;
    } else {
      clamped[path] = stamp;
    }
  }
  if (ahead <= MAX_STAMP_AHEAD_MS) return incoming;
  if (mode === 'refuse') return clockAheadRefusal(ahead);
  return changed ? { ...incoming, stamps: clamped } : incoming;
}
