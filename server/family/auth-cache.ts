// The session check and the rights check of a diary page, kept in memory between pages: a family
// re-opens the diary every few seconds at the evening peak, and both answers rarely change. An
// answer is used only while what it was read from is unchanged, as the page's own stamp says
// (read by DiaryReference with the documents' seq check, one query, after the page arrived):
//   - the session (family_sessions joined with family_accounts): while no change of that family's
//     account has been numbered after it was read — every write of a family account, its links
//     or its sessions bumps `family_epoch` and records which account it was for
//     (`family_auth_changes`, triggers, migrations 12–13), in whichever server process it was
//     made, and each reference read brings the numbers since the last — and the session has not
//     expired by the database's clock (expiry is computed, never written);
//   - the children (family_links, and the students' and consents' documents): the same, and while
//     the newest seq of a student or consent is the same.
// The stamp is read before an answer is (re)read from the database and kept with it, so an answer
// that raced a write carries the older number and is dropped once that write is read.
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
  /** family_epoch.n, the newest family auth change; -1 before the first read (nothing is kept). */
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

/** How many accounts' last change are remembered before everything counts as changed. */
const REMEMBERED_ACCOUNTS = 100_000;

/**
 * The family auth changes read so far: per account the number of its newest change. The reads
 * come one after another (DiaryReference), each with the changes after the previous one's epoch.
 */
export class FamilyAuthChanges {
  private readonly last = new Map<string, number>();
  /** Every account counts as changed at this number (a TRUNCATE, a gap, a forgotten account). */
  private allAt = -1;
  private seen = -1;

  /** One read's epoch and the changes numbered after the previous read's, in order. */
  observe(epoch: number, changes: readonly (readonly [number, string | null])[]): void {
    if (this.seen >= 0 && epoch > this.seen) {
      // Numbers are consecutive: fewer rows than numbers means the oldest were pruned unseen.
      if (changes.length < epoch - this.seen) this.allAt = epoch;
      for (const [n, account] of changes) {
        if (account === null) this.allAt = Math.max(this.allAt, n);
        else this.last.set(account, n);
      }
      if (this.last.size > REMEMBERED_ACCOUNTS) {
        this.last.clear();
        this.allAt = epoch;
      }
    }
    this.seen = Math.max(this.seen, epoch);
  }

  /** The epoch of the newest read (-1 before the first): the next read asks for changes after it. */
  get epoch(): number {
    return this.seen;
  }

  /** Has the account changed after `epoch`, as far as the reads so far tell? */
  changedAfter(accountId: string, epoch: number): boolean {
    return this.allAt > epoch || (this.last.get(accountId) ?? -1) > epoch;
  }
}

export class FamilyAuthCache {
  private readonly sessions = new Map<string, KeptSession>();
  private readonly children = new Map<string, KeptChildren>();
  /** Database reads made for sessions and children (the tests watch them). */
  readonly reads = { sessions: 0, children: 0 };

  constructor(
    private readonly changes: FamilyAuthChanges,
    private readonly max = 20_000,
  ) {}

  /** checkFamilySession, from memory while the stamp allows. */
  async session(
    db: Queryable,
    token: string,
    use: SessionUse,
    at: FamilyAuthStamp,
  ): Promise<FamilySessionCheck> {
    const tokenHash = hashToken(token);
    const kept = this.sessions.get(tokenHash);
    if (
      kept &&
      !this.changes.changedAfter(kept.check.account.id, kept.epoch) &&
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
    this.reads.sessions += 1;
    const check = await checkFamilySession(db, token, use);
    if (check.ok && at.epoch >= 0) {
      keep(this.sessions, tokenHash, { epoch: at.epoch, check }, this.max);
    }
    return check;
  }

  /** familyChildren, from memory while the stamp allows. */
  async childrenOf(
    db: Queryable,
    accountId: string,
    at: FamilyAuthStamp,
  ): Promise<readonly FamilyChild[]> {
    const kept = this.children.get(accountId);
    if (
      kept &&
      kept.rightsSeq === at.rightsSeq &&
      !this.changes.changedAfter(accountId, kept.epoch)
    ) {
      return kept.children;
    }
    this.children.delete(accountId);
    this.reads.children += 1;
    const children = await familyChildren(db, accountId);
    if (at.epoch >= 0) {
      keep(
        this.children,
        accountId,
        { epoch: at.epoch, rightsSeq: at.rightsSeq, children },
        this.max,
      );
    }
    return children;
  }
}

function keep<V>(map: Map<string, V>, key: string, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > max) map.delete(map.keys().next().value as string);
}
