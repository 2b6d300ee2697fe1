// A key press as the grids see it, and the Russian letter it means: typed in the Russian layout,
// or the ЙЦУКЕН letter on the same physical key when the keyboard is switched to Latin.
export interface KeyInput {
  key: string;
  /** KeyboardEvent.code: lets a teacher with the Latin layout on still type "н" (the Y key). */
  code?: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  shiftKey?: boolean;
  altKey?: boolean;
}

/** ЙЦУКЕН letters by physical key, for when the keyboard is switched to the Latin layout. */
// prettier-ignore
const RUSSIAN_BY_CODE: Record<string, string> = {
  KeyQ: 'й', KeyW: 'ц', KeyE: 'у', KeyR: 'к', KeyT: 'е', KeyY: 'н', KeyU: 'г', KeyI: 'ш',
  KeyO: 'щ', KeyP: 'з', BracketLeft: 'х', BracketRight: 'ъ', KeyA: 'ф', KeyS: 'ы', KeyD: 'в',
  KeyF: 'а', KeyG: 'п', KeyH: 'р', KeyJ: 'о', KeyK: 'л', KeyL: 'д', Semicolon: 'ж', Quote: 'э',
  KeyZ: 'я', KeyX: 'ч', KeyC: 'с', KeyV: 'м', KeyB: 'и', KeyN: 'т', KeyM: 'ь', Comma: 'б',
  Period: 'ю',
};

/** The letter the teacher meant: Russian as typed, or the Russian letter on the same key. */
export function russianLetter(input: KeyInput): string | null {
  const key = input.key.toLowerCase();
  if (/^[а-яё]$/.test(key)) return key;
  if (/^[a-z[\];',.]$/.test(key) && input.code) return RUSSIAN_BY_CODE[input.code] ?? null;
  return null;
}
