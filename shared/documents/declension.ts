// Declined forms the printed sentences need: people's names by lvovich, the school's name in the genitive.
import { incline } from 'lvovich';
import type { Gender, PersonName } from '../common';

export type NameCase = 'genitive' | 'dative';

/**
 * "Алиев Марк Глебович" in the dative → "Алиеву Марку Глебовичу". Hyphenated surnames are declined
 * part by part and stay whole ("Иванову-Петрову"); a part lvovich leaves alone stays as written.
 */
export function declineName(p: PersonName, nameCase: NameCase, gender?: Gender): string {
  const declined = incline(
    {
      last: p.lastName,
      first: p.firstName,
      ...(p.middleName ? { middle: p.middleName } : {}),
      ...(gender ? { gender } : {}),
    },
    nameCase,
  );
  return [
    declined.last || p.lastName,
    declined.first || p.firstName,
    p.middleName && (declined.middle || p.middleName),
  ]
    .filter(Boolean)
    .join(' ');
}

/** "Петрова Елена Викторовна" (as one string) → its parts; two or three words expected. */
export function splitFullName(text: string): PersonName {
  const [lastName = '', firstName = '', ...rest] = text.trim().split(/\s+/);
  return { lastName, firstName, middleName: rest.join(' ') };
}

/**
 * The director in the dative for "Директору …": the school card's own form when it has one, else
 * the nominative full name declined by lvovich.
 */
export function directorDative(school: {
  directorName: string;
  directorNameDative: string;
}): string {
  if (school.directorNameDative.trim()) return school.directorNameDative.trim();
  const parts = splitFullName(school.directorName);
  if (!parts.firstName) return school.directorName;
  return declineName(parts, 'dative');
}

/** Genitive endings of the words that open Russian school names, before the quoted proper name. */
const GENITIVE_WORDS: readonly [RegExp, string][] = [
  [/ое$/u, 'ого'],
  [/ее$/u, 'его'],
  [/ая$/u, 'ой'],
  [/яя$/u, 'ей'],
  [/ский$/u, 'ского'],
  [/ие$/u, 'ия'],
  [/ия$/u, 'ии'],
  [/ла$/u, 'лы'],
  [/ей$/u, 'ея'],
  [/ат$/u, 'ата'],
];

/**
 * The school's full name in the genitive for "Директору …": the school card's own form when it has
 * one; otherwise the words before the quoted name are declined by rule ("Муниципальное бюджетное
 * общеобразовательное учреждение «…»" → "Муниципального бюджетного общеобразовательного
 * учреждения «…»"); what follows the quotes (the proper name, the town) is kept as written.
 */
export function schoolGenitive(school: { fullName: string; fullNameGenitive: string }): string {
  const own = (school.fullNameGenitive ?? '').trim();
  if (own) return own;
  const text = school.fullName.trim();
  const quote = text.search(/[«"“]/u);
  const head = quote < 0 ? text : text.slice(0, quote);
  const tail = quote < 0 ? '' : text.slice(quote);
  // Abbreviations ("МБОУ") and numbers are not declined.
  const declined = head.replace(/[А-Яа-яЁё]+/gu, (word) => {
    if (word.length < 3 || word === word.toUpperCase()) return word;
    for (const [ending, replacement] of GENITIVE_WORDS) {
      if (ending.test(word)) return word.replace(ending, replacement);
    }
    return word;
  });
  return `${declined}${tail}`;
}
