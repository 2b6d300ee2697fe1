// Counts written out in Russian words for certification lines: "248 (двести сорок восемь) листов".

const UNITS = ['', 'один', 'два', 'три', 'четыре', 'пять', 'шесть', 'семь', 'восемь', 'девять'];
const TEENS = [
  'десять',
  'одиннадцать',
  'двенадцать',
  'тринадцать',
  'четырнадцать',
  'пятнадцать',
  'шестнадцать',
  'семнадцать',
  'восемнадцать',
  'девятнадцать',
];
const TENS = [
  '',
  '',
  'двадцать',
  'тридцать',
  'сорок',
  'пятьдесят',
  'шестьдесят',
  'семьдесят',
  'восемьдесят',
  'девяносто',
];
const HUNDREDS = [
  '',
  'сто',
  'двести',
  'триста',
  'четыреста',
  'пятьсот',
  'шестьсот',
  'семьсот',
  'восемьсот',
  'девятьсот',
];

/** Russian plural form for a count: one, few (2–4), many. */
export function pluralRu(n: number, [one, few, many]: readonly [string, string, string]): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return one;
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return few;
  return many;
}

/** 1..999 in words, masculine (лист). */
function belowThousand(n: number): string[] {
  const out: string[] = [];
  if (n >= 100) out.push(HUNDREDS[Math.floor(n / 100)]!);
  const rest = n % 100;
  if (rest >= 10 && rest < 20) out.push(TEENS[rest - 10]!);
  else {
    if (rest >= 20) out.push(TENS[Math.floor(rest / 10)]!);
    if (rest % 10) out.push(UNITS[rest % 10]!);
  }
  return out;
}

/** A whole number from 0 to 999 999 in words, masculine: 248 → "двести сорок восемь". */
export function numberWords(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 999_999) return String(n);
  if (n === 0) return 'ноль';
  const thousands = Math.floor(n / 1000);
  const out: string[] = [];
  if (thousands > 0) {
    const words = belowThousand(thousands);
    // Thousands are feminine: одна тысяча, две тысячи.
    const last = words.length - 1;
    if (words[last] === 'один') words[last] = 'одна';
    if (words[last] === 'два') words[last] = 'две';
    out.push(...words, pluralRu(thousands, ['тысяча', 'тысячи', 'тысяч']));
  }
  out.push(...belowThousand(n % 1000));
  return out.join(' ');
}
