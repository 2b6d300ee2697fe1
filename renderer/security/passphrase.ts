// Passphrase rules (length, strength hint) and the growing delay after wrong attempts.

export const MIN_PASSPHRASE_LENGTH = 8;

export type Strength = 'weak' | 'fair' | 'good';

export const STRENGTH_LABELS: Record<Strength, string> = {
  weak: 'Слабый пароль: добавьте слов, цифр или знаков',
  fair: 'Средний пароль: лучше длиннее',
  good: 'Надёжный пароль',
};

const COMMON = ['12345678', 'password', 'qwertyui', 'йцукенгш', 'пароль', '11111111'];

/** A rough hint, not a gate: length counts most, then variety of character classes. */
export function passphraseStrength(passphrase: string): Strength {
  const lower = passphrase.toLowerCase();
  if (passphrase.length < MIN_PASSPHRASE_LENGTH || COMMON.some((c) => lower.includes(c))) {
    return 'weak';
  }
  const classes = [/[a-zа-яё]/, /[A-ZА-ЯЁ]/, /\d/, /[^\p{L}\d]/u].filter((re) =>
    re.test(passphrase),
  ).length;
  const distinct = new Set(passphrase).size;
  if (distinct < 5) return 'weak';
  if (passphrase.length >= 16 || (passphrase.length >= 12 && classes >= 3)) return 'good';
  if (passphrase.length >= 10 || classes >= 3) return 'fair';
  return 'weak';
}

/** Russian message for a new passphrase and its repetition, or null when they can be used. */
export function newPassphraseProblem(passphrase: string, repeated: string): string | null {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
    return `Пароль должен быть не короче ${MIN_PASSPHRASE_LENGTH} символов`;
  }
  if (passphrase.trim() !== passphrase) return 'Пароль не должен начинаться или кончаться пробелом';
  if (passphrase !== repeated) return 'Пароли не совпадают';
  return null;
}

/** Free attempts before the delay starts, then it doubles up to five minutes. */
const FREE_ATTEMPTS = 3;
const FIRST_DELAY_MS = 2_000;
const MAX_DELAY_MS = 5 * 60_000;

export function retryDelayMs(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(FIRST_DELAY_MS * 2 ** (failures - FREE_ATTEMPTS), MAX_DELAY_MS);
}

export interface AttemptState {
  failures: number;
  /** ms since epoch of the last wrong attempt. */
  lastFailureAt: number | null;
}

/** How long the teacher must still wait before the next attempt (0 = may try now). */
export function waitBeforeAttempt(state: AttemptState, now: number): number {
  if (state.lastFailureAt === null) return 0;
  const until = state.lastFailureAt + retryDelayMs(state.failures);
  // A clock set back must not lock a teacher out for hours: never wait longer than the delay.
  return Math.max(0, Math.min(until - now, retryDelayMs(state.failures)));
}

export function formatWait(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 60) return `${seconds} с`;
  return `${Math.ceil(seconds / 60)} мин`;
}
