// A family login and its one-time password: the login from the holder's surname in Latin letters
// (shared/transliteration.ts, as staff logins) and four digits, "alieva-4821"; the password twelve
// letters and digits that cannot be mistaken for each other on paper, "k7qm-4vzp-x2hd".
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

/** No 0/o, 1/l/i: what a parent copies from a printed slip must be unambiguous. */
const PASSWORD_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Twelve characters in three groups (about 59 bits), "k7qm-4vzp-x2hd". */
export function oneTimePassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < 3; g++) {
    let s = '';
    for (let i = 0; i < 4; i++) s += PASSWORD_ALPHABET[randomInt(0, PASSWORD_ALPHABET.length)];
    groups.push(s);
  }
  return groups.join('-');
}

/** How long a one-time password works if nobody signs in with it. */
export const ONE_TIME_PASSWORD_DAYS = 30;
