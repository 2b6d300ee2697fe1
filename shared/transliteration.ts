// Russian letters in Latin (the passport transliteration, simplified): logins, demo e-mail addresses.

const LETTERS: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};

/** «Щёкин-Ёжиков» → «shchekin-ezhikov»: Latin letters and digits kept, hyphens kept, other signs dropped. */
export function transliterate(word: string): string {
  let out = '';
  for (const ch of word.toLowerCase()) {
    if (ch in LETTERS) out += LETTERS[ch];
    else if (/[a-z0-9-]/.test(ch)) out += ch;
  }
  return out;
}
