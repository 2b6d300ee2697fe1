// What a person is handed on paper: a staff login made from the name («sokolova.iv») and THE
// one-time password of the project — for staff (the admin's login sheet) and for families (the
// server's login slip) alike — which a person reads off paper and types on a phone: lower-case
// letters and digits only (no Shift, no c/C or s/S to tell apart), none of 0/o, 1/l/i.
import type { PersonName } from './common';
import { transliterate } from './transliteration';

export { transliterate } from './transliteration';

/**
 * «Соколова Ирина Викторовна» → «sokolova.iv»; a login already taken gets a number
 * («sokolova.iv2»). `taken` holds logins in lower case.
 */
export function suggestLogin(name: PersonName, taken: ReadonlySet<string>): string {
  const initials = [name.firstName, name.middleName]
    .map((p) => transliterate(p).charAt(0))
    .join('');
  const base = [transliterate(name.lastName) || 'user', initials].filter(Boolean).join('.');
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}${n}`)) return `${base}${n}`;
}

/** Letters and digits that cannot be mistaken for one another on paper. */
export const PASSWORD_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/**
 * A one-time password: `length` characters in groups of four joined by «-» (≈ 4.95 bits each;
 * twelve, "k7qm-4vzp-x2hd", ≈ 59 bits). Web Crypto: the same in the renderer and on the server.
 */
export function oneTimePassword(length = 12): string {
  const bytes = new Uint8Array(length);
  globalThis.crypto.getRandomValues(bytes);
  // 256 is not a multiple of the alphabet's size: redraw bytes that would skew the choice.
  const limit = 256 - (256 % PASSWORD_ALPHABET.length);
  const chars: string[] = [];
  for (let i = 0; chars.length < length; i++) {
    if (i >= bytes.length) {
      globalThis.crypto.getRandomValues(bytes);
      i = 0;
    }
    const b = bytes[i]!;
    if (b < limit) chars.push(PASSWORD_ALPHABET[b % PASSWORD_ALPHABET.length]!);
  }
  return (chars.join('').match(/.{1,4}/g) ?? []).join('-');
}
