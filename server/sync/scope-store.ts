// Read grants remembered per account and hash (the `read_scopes` table): a pull checkpoint names
// the grant it was handed out under, so when the user's scope changes the server knows what the
// desktop holds and can send tombstones for what left the scope. A checkpoint naming a grant this
// account was never given (forged, or another user's) is not believed: no tombstones, a restart.
import type { Queryable } from '../db/db';
import type { ScopeGrant } from './collections';
import { ALL_SCOPE } from './read-scope';

/**
 * A grant older than this is forgotten once the account is given a new one: a desktop whose
 * checkpoint names it has been offline for over a school year, and pulls its current scope again
 * from the start. The newest grant of every account is always kept.
 */
export const READ_SCOPE_KEEP_DAYS = 400;
/** Grants held in memory per process at most (each is also in the table). */
const KNOWN_MAX = 20_000;

export class ScopeStore {
  private readonly known = new Map<string, ScopeGrant | null>();

  /** Stores the account's grant (null: everything) under its hash unless already stored. */
  async remember(db: Queryable, accountId: string, grant: ScopeGrant | null): Promise<void> {
    const hash = grant?.hash ?? ALL_SCOPE;
    const key = `${accountId}|${hash}`;
    if (this.known.has(key)) return;
    const stored = await db.query(
      `INSERT INTO read_scopes (account_id, hash, grant_json) VALUES ($1, $2, $3::jsonb)
       ON CONFLICT (account_id, hash) DO NOTHING RETURNING 1`,
      [accountId, hash, grant === null ? null : JSON.stringify(grant)],
    );
    if (stored.rows.length > 0) {
      // A new grant of this account: its grants older than the keep time go.
      await db.query(
        `DELETE FROM read_scopes WHERE account_id = $1 AND hash <> $2
           AND created_at < now() - $3::integer * interval '1 day'`,
        [accountId, hash, READ_SCOPE_KEEP_DAYS],
      );
    }
    if (this.known.size >= KNOWN_MAX) this.known.clear();
    this.known.set(key, grant);
  }

  /** The account's grant of a hash (null: everything), or undefined when it was never given. */
  async load(
    db: Queryable,
    accountId: string,
    hash: string,
  ): Promise<ScopeGrant | null | undefined> {
    const key = `${accountId}|${hash}`;
    if (this.known.has(key)) return this.known.get(key);
    const result = await db.query(
      'SELECT grant_json FROM read_scopes WHERE account_id = $1 AND hash = $2',
      [accountId, hash],
    );
    const row = result.rows[0];
    if (!row) return undefined;
    const grant = (row.grant_json ?? null) as ScopeGrant | null;
    this.known.set(key, grant);
    return grant;
  }
}

/**
 * The `scope` of a pull checkpoint: the current grant's hash, and while the documents of an
 * earlier grant are being withdrawn, that grant's hash and the last seq withdrawn
 * (`<hash>><held>@<seq>`). One field, so RxDB's checkpoint stacking (Object.assign) replaces it
 * whole.
 */
export interface ScopeMark {
  hash: string;
  withdrawing?: { held: string; afterSeq: number };
}

export function parseScopeMark(text: string | undefined): ScopeMark | undefined {
  if (text === undefined) return undefined;
  const match = /^([^>@]+)>([^>@]+)@(\d{1,15})$/.exec(text);
  if (!match) return { hash: text };
  return { hash: match[1]!, withdrawing: { held: match[2]!, afterSeq: Number(match[3]) } };
}

export function formatScopeMark(mark: ScopeMark): string {
  return mark.withdrawing
    ? `${mark.hash}>${mark.withdrawing.held}@${mark.withdrawing.afterSeq}`
    : mark.hash;
}
