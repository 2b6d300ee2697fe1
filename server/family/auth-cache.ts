// The session check and the rights check of a diary page, kept in memory between pages: a family
// re-opens the diary every few seconds at the evening peak, and both answers rarely change. An
// answer is used only while what it was read from is unchanged, as the page's own stamp says
// (read by DiaryReference with the documents' seq check, one query, after the page arrived):
//   - the session (family_sessions joined with family_accounts): while `family_epoch` is the same —
//     every write of family accounts, links and sessions bumps it in its own transaction (a
//     trigger, migration 11), in whichever server process it was made — and the session has not
//     expired by the database's clock (expiry is computed, never written);
//   - the children (family_links, and the students' and consents' documents): while the epoch and
//     the newest seq of a student or consent are the same.
// The stamp is read before an answer is (re)read from the database and kept with it, so an answer
// that raced a write carries the older stamp and is never used after that write.
import type { Queryable } from '../db/db';
import { hashToken } from '../auth/sessions';
import { familyChildren, type FamilyChild } from './scope';
import {
  checkFamilySession,
  sessionExpired,
  USE_RECORDED_EVERY_MS,
  type FamilySessionCheck,
  type SessionUse,
} from './sessions';

/** What the caches are checked against, read in one snapshot (server/diary/reference.ts). */
export interface FamilyAuthStamp {
  /** family_epoch.n; -1 before the first read (nothing is kept then). */
  epoch: number;
  /** The newest seq of a student or consent document. */
  rightsSeq: number;
  /** The database's clock at that read (ms). */
  nowMs: number;
}

type SessionOk = Extract<FamilySessionCheck, { ok: true }>;

interface KeptSession {
  epoch: number;
  check: SessionOk;
}

interface KeptChildren {
  epoch: number;
  rightsSeq: number;
  children: readonly FamilyChild[];
}

export class FamilyAuthCache {
  private readonly sessions = new Map<string, KeptSession>();
  private readonly children = new Map<string, KeptChildren>();
  private epoch = -1;
  private rightsSeq = -1;

  constructor(private readonly max = 20_000) {}

  /** checkFamilySession, from memory while the stamp allows. */
  async session(
    db: Queryable,
    token: string,
    use: SessionUse,
    at: FamilyAuthStamp,
  ): Promise<FamilySessionCheck> {
    const current = this.observe(at);
    const tokenHash = hashToken(token);
    const kept = this.sessions.get(tokenHash);
    if (
      kept &&
      kept.epoch === at.epoch &&
      !sessionExpired(kept.check.createdMs, kept.check.usedMs, at.nowMs)
    ) {
      // The use this process knows of is never later than the stored one: an expiry seen here
      // is re-checked below, a session alive here is alive in the database too.
      if (at.nowMs - kept.check.usedMs > USE_RECORDED_EVERY_MS) {
        use.touch(tokenHash);
        kept.check = { ...kept.check, usedMs: at.nowMs };
      }
      return kept.check;
    }
    this.sessions.delete(tokenHash);
    const check = await checkFamilySession(db, token, use);
    if (check.ok && current) keep(this.sessions, tokenHash, { epoch: at.epoch, check }, this.max);
    return check;
  }

  /** familyChildren, from memory while the stamp allows. */
  async childrenOf(
    db: Queryable,
    accountId: string,
    at: FamilyAuthStamp,
  ): Promise<readonly FamilyChild[]> {
    const current = this.observe(at);
    const kept = this.children.get(accountId);
    if (kept && kept.epoch === at.epoch && kept.rightsSeq === at.rightsSeq) return kept.children;
    this.children.delete(accountId);
    const children = await familyChildren(db, accountId);
    if (current) {
      keep(
        this.children,
        accountId,
        { epoch: at.epoch, rightsSeq: at.rightsSeq, children },
        this.max,
      );
    }
    return children;
  }

  /** Drops what a newer stamp made useless; false: the stamp is older than one seen (keep nothing). */
  private observe(at: FamilyAuthStamp): boolean {
    if (at.epoch < 0) return false;
    if (at.epoch > this.epoch) {
      this.epoch = at.epoch;
      this.sessions.clear();
      this.children.clear();
    }
    if (at.rightsSeq > this.rightsSeq) {
      this.rightsSeq = at.rightsSeq;
      this.children.clear();
    }
    return at.epoch === this.epoch && at.rightsSeq === this.rightsSeq;
  }
}

function keep<V>(map: Map<string, V>, key: string, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > max) map.delete(map.keys().next().value as string);
}
