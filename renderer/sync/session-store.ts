// The signed-in server session in a local (never replicated) document: the server's address,
// the account, and the device token protected by the host (OS keychain in Electron).
import type { ProtectedSecret } from '../../shared/bridge';
import { getBridge } from '../bridge';
import type { JournalDatabase } from '../db/types';

export interface SyncAccount {
  id: string;
  login: string;
  displayName: string | null;
  staffId: string | null;
  roles: string[];
}

/**
 * Whom the journal signs this account's changes as: its staff member, or for an administrator's
 * account linked to nobody (the first one, made by the set-up link) `account:<login>`, as the
 * server does (server/domain/parts.ts authorOf). Null: the account cannot work in the journal.
 */
export function journalIdentity(account: SyncAccount): string | null {
  if (account.staffId) return account.staffId;
  return account.roles.includes('admin') ? `account:${account.login}` : null;
}

export interface StoredSession {
  serverUrl: string;
  account: SyncAccount;
  device: { id: string; name: string };
  /** null after the server ended the session: the login form is shown again. */
  token: ProtectedSecret | null;
}

/** A session ready to replicate: the token in plain text, in memory only. */
export interface ActiveSession {
  serverUrl: string;
  account: SyncAccount;
  device: { id: string; name: string };
  token: string;
}

const SESSION = 'sync-session';

export async function readStoredSession(db: JournalDatabase): Promise<StoredSession | null> {
  const doc = await db.getLocal<StoredSession>(SESSION);
  return doc ? (doc.toJSON().data as StoredSession) : null;
}

/** The stored session with its token unprotected; null when there is none (or it ended). */
export async function readActiveSession(db: JournalDatabase): Promise<ActiveSession | null> {
  const stored = await readStoredSession(db);
  if (!stored?.token) return null;
  try {
    const { plainText } = await getBridge().unprotectSecret(stored.token);
    return { ...stored, token: plainText };
  } catch (error) {
    // A token protected on another machine (a copied profile) cannot be read: log in again.
    console.warn('stored token unreadable', error);
    return null;
  }
}

export async function saveSession(db: JournalDatabase, session: ActiveSession): Promise<void> {
  const token = await getBridge().protectSecret({ plainText: session.token });
  await db.upsertLocal<StoredSession>(SESSION, { ...session, token });
}

/** Forgets the token but keeps the address and login, so the form is prefilled. */
export async function endSession(db: JournalDatabase): Promise<void> {
  const stored = await readStoredSession(db);
  if (stored) await db.upsertLocal<StoredSession>(SESSION, { ...stored, token: null });
}
