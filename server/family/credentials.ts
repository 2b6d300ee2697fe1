// A family login: the holder's surname in Latin letters (shared/transliteration.ts, as staff
// logins) and four digits, "alieva-4821". Its one-time password is the project's one
// (shared/account-credentials.ts), "k7qm-4vzp-x2hd".
import { randomInt } from 'node:crypto';
import { transliterate } from '../../shared/transliteration';

/** "Алиева" → "alieva", "Преображенская-Римская" → "preobrazhenska" (at most 14 letters). */
export function loginStem(surname: string): string {
  const latin = transliterate(surname.trim().replace(/\s+/g, '-')).replace(/-{2,}/g, '-');
  const out = latin.replace(/[0-9]/g, '').replace(/^-+/, '').slice(0, 14).replace(/-+$/, '');
  return out || 'semya';
}

/** A login candidate: the stem and four random digits. */
export function loginCandidate(surname: string): string {
  return `${loginStem(surname)}-${String(randomInt(0, 10_000)).padStart(4, '0')}`;
}

/** How long a one-time password works if nobody signs in with it. */
export const ONE_TIME_PASSWORD_DAYS = 30;
