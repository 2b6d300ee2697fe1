// The first administrator of an empty server: at start the server issues a one-time code (only
// its hash is stored; a new start replaces it), prints the set-up link, and the code creates one
// account with the admin role. Used once, the code is gone; with any account present, no code is
// issued and none is accepted.
import { createHash, randomBytes } from 'node:crypto';
import type { Db, Queryable } from '../db/db';
import { countAccounts, createAccount, findAccountByLogin, type Account } from '../auth/accounts';
import { ApiError } from '../errors';

function hashCode(code: string): string {
  return createHash('sha256').update(code, 'utf8').digest('hex');
}

/** A new code when the server has no account yet (older codes stop working), else null. */
export async function issueSetupCode(db: Db): Promise<string | null> {
  const code = randomBytes(24).toString('base64url');
  return db.transaction(async (tx) => {
    if ((await countAccounts(tx)) > 0) {
      await tx.query('DELETE FROM setup_codes');
      return null;
    }
    await tx.query('DELETE FROM setup_codes');
    await tx.query('INSERT INTO setup_codes (code_hash) VALUES ($1)', [hashCode(code)]);
    return code;
  });
}

export async function setupRequired(db: Queryable): Promise<boolean> {
  return (await countAccounts(db)) === 0;
}

export const SETUP_MESSAGES = {
  invalidCode:
    'Ссылка для настройки недействительна: она уже использована или сервер перезапущен. ' +
    'Возьмите новую ссылку из окна сервера',
  alreadySetUp: 'Администратор уже создан. Войдите со своим логином и паролем',
} as const;

/** Creates the first administrator with the code, in one transaction; the code is used up. */
export async function createFirstAdmin(
  db: Db,
  input: { code: string; login: string; password: string; displayName?: string },
): Promise<Account> {
  return db.transaction(async (tx) => {
    const used = await tx.query(
      'DELETE FROM setup_codes WHERE code_hash = $1 RETURNING code_hash',
      [hashCode(input.code)],
    );
    if (used.rows.length === 0) {
      if ((await countAccounts(tx)) > 0)
        throw new ApiError(409, 'CONFLICT', SETUP_MESSAGES.alreadySetUp);
      throw new ApiError(403, 'FORBIDDEN', SETUP_MESSAGES.invalidCode);
    }
    if ((await countAccounts(tx)) > 0 || (await findAccountByLogin(tx, input.login))) {
      throw new ApiError(409, 'CONFLICT', SETUP_MESSAGES.alreadySetUp);
    }
    await tx.query('DELETE FROM setup_codes');
    return createAccount(tx, {
      login: input.login,
      password: input.password,
      displayName: input.displayName || input.login,
      roles: ['admin'],
    });
  });
}
