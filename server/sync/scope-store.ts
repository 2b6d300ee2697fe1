// Read grants remembered by hash (the `read_scopes` table): a pull checkpoint names the grant it
// was handed out under, so when the user's scope changes the server knows what the desktop holds
// and can send tombstones for what left the scope. Written once per grant, read on a change.
import type { Queryable } from '../db/db';
import type { ScopeGrant } from './collections';
import { ALL_SCOPE } from './read-scope';

export class ScopeStore {
  private readonly known = new Map<string, ScopeGrant | null>([[ALL_SCOPE, null]]);

  /** Stores the grant under its hash unless already stored. */
  async remember(db: Queryable, grant: ScopeGrant | null): Promise<void> {
    if (grant === null || this.known.has(grant.hash)) return;
    await db.query(
      `INSERT INTO read_scopes (hash, grant_json) VALUES ($1, $2::jsonb) ON CONFLICT (hash) DO NOTHING`,
      [grant.hash, JSON.stringify(grant)],
    );
    this.known.set(grant.hash, grant);
  }

  /** The grant of a hash (null: everything), or undefined when it was never stored. */
  async load(db: Queryable, hash: string): Promise<ScopeGrant | null | undefined> {
    if (this.known.has(hash)) return this.known.get(hash);
    const result = await db.query('SELECT grant_json FROM read_scopes WHERE hash = $1', [hash]);
    const row = result.rows[0];
    if (!row) return undefined;
    const grant = row.grant_json as ScopeGrant;
    this.known.set(hash, grant);
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
