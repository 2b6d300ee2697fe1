// The key hierarchy of a profile: a random 32-byte data key (the local database's password) wrapped
// with AES-256-GCM under a key derived from the teacher's passphrase by scrypt. Changing the
// passphrase re-wraps the data key only; the database is never re-encrypted.
import { scryptAsync } from '@noble/hashes/scrypt';
import { fromBase64, randomBytes, toBase64, toHex, utf8, wipe } from './bytes';

/** scrypt cost: 2^17 × 128 × r = 128 MiB of memory per guess (OWASP's recommended minimum). */
export interface ScryptParams {
  name: 'scrypt';
  N: number;
  r: number;
  p: number;
  /** base64 of 16 random bytes, unique per wrapping. */
  salt: string;
}

export const DEFAULT_SCRYPT_COST = { N: 2 ** 17, r: 8, p: 1 } as const;
export type ScryptCost = { N: number; r: number; p: number };

export const DATA_KEY_BYTES = 32;
const SALT_BYTES = 16;
export const IV_BYTES = 12;
/** Limits on a stored record, so a tampered one can't ask for gigabytes of memory. */
const MAX_N = 2 ** 20;

/** A data key as stored outside the encrypted database. */
export interface WrappedKey {
  version: 1;
  kdf: ScryptParams;
  /** base64 of the 12-byte AES-GCM nonce. */
  iv: string;
  /** base64 of the encrypted data key with its 16-byte GCM tag. */
  ciphertext: string;
}

/** The passphrase did not open the key (or the record was tampered with): GCM tells no more. */
export class WrongPassphraseError extends Error {
  constructor() {
    super('Неверный пароль');
    this.name = 'WrongPassphraseError';
  }
}

export function generateDataKey(): Uint8Array<ArrayBuffer> {
  return randomBytes(DATA_KEY_BYTES);
}

/** RxDB's encryption plugin takes a string password: the data key's 64 hex digits. */
export function databasePassword(dataKey: Uint8Array): string {
  if (dataKey.length !== DATA_KEY_BYTES) throw new Error('Ключ базы данных неверной длины');
  return toHex(dataKey);
}

/** NFC first: the same passphrase typed on another keyboard layout must give the same bytes. */
function passphraseBytes(passphrase: string): Uint8Array {
  return utf8(passphrase.normalize('NFC'));
}

function checkCost(cost: ScryptCost): void {
  const { N, r, p } = cost;
  const powerOfTwo = Number.isInteger(N) && N >= 2 && (N & (N - 1)) === 0;
  if (!powerOfTwo || N > MAX_N || !Number.isInteger(r) || r < 1 || r > 32) {
    throw new Error('Недопустимые параметры защиты ключа');
  }
  if (!Number.isInteger(p) || p < 1 || p > 16)
    throw new Error('Недопустимые параметры защиты ключа');
}

/** Fresh scrypt parameters with a new random salt. */
export function newScryptParams(cost: ScryptCost = DEFAULT_SCRYPT_COST): ScryptParams {
  return {
    name: 'scrypt',
    N: cost.N,
    r: cost.r,
    p: cost.p,
    salt: toBase64(randomBytes(SALT_BYTES)),
  };
}

/** The AES-256-GCM key scrypt derives from a passphrase (profile keys and backup files). */
export async function deriveAesKey(passphrase: string, kdf: ScryptParams): Promise<CryptoKey> {
  if (kdf.name !== 'scrypt') throw new Error('Неизвестный способ защиты ключа');
  checkCost(kdf);
  const raw = await scryptAsync(passphraseBytes(passphrase), fromBase64(kdf.salt), {
    N: kdf.N,
    r: kdf.r,
    p: kdf.p,
    dkLen: 32,
    // Yield to the event loop every 10 ms so the "Проверяем пароль…" spinner keeps moving.
    asyncTick: 10,
  });
  try {
    return await crypto.subtle.importKey('raw', new Uint8Array(raw), 'AES-GCM', false, [
      'encrypt',
      'decrypt',
    ]);
  } finally {
    wipe(raw);
  }
}

/** Binds the wrapped key to its profile, so records swapped between profiles don't open. */
function additionalData(profileId: string): Uint8Array<ArrayBuffer> {
  return utf8(`class-journal/profile-key/v1/${profileId}`);
}

export async function wrapDataKey(
  dataKey: Uint8Array,
  passphrase: string,
  profileId: string,
  cost: ScryptCost = DEFAULT_SCRYPT_COST,
): Promise<WrappedKey> {
  const kdf = newScryptParams(cost);
  const key = await deriveAesKey(passphrase, kdf);
  const iv = randomBytes(IV_BYTES);
  const ciphertext = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: additionalData(profileId) },
    key,
    new Uint8Array(dataKey),
  );
  return { version: 1, kdf, iv: toBase64(iv), ciphertext: toBase64(new Uint8Array(ciphertext)) };
}

/** Returns the data key, or throws WrongPassphraseError; nothing is decrypted on failure. */
export async function unwrapDataKey(
  wrapped: WrappedKey,
  passphrase: string,
  profileId: string,
): Promise<Uint8Array<ArrayBuffer>> {
  if (wrapped.version !== 1 || wrapped.kdf.name !== 'scrypt') {
    throw new Error('Неизвестный формат ключа профиля');
  }
  const key = await deriveAesKey(passphrase, wrapped.kdf);
  let plain: ArrayBuffer;
  try {
    plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: fromBase64(wrapped.iv), additionalData: additionalData(profileId) },
      key,
      fromBase64(wrapped.ciphertext),
    );
  } catch {
    throw new WrongPassphraseError();
  }
  const dataKey = new Uint8Array(plain);
  if (dataKey.length !== DATA_KEY_BYTES) throw new WrongPassphraseError();
  return dataKey;
}

/** Change of passphrase: the same data key under a new salt and passphrase. */
export async function rewrapDataKey(
  wrapped: WrappedKey,
  oldPassphrase: string,
  newPassphrase: string,
  profileId: string,
  cost: ScryptCost = DEFAULT_SCRYPT_COST,
): Promise<WrappedKey> {
  const dataKey = await unwrapDataKey(wrapped, oldPassphrase, profileId);
  try {
    return await wrapDataKey(dataKey, newPassphrase, profileId, cost);
  } finally {
    wipe(dataKey);
  }
}

export function isWrappedKey(value: unknown): value is WrappedKey {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<WrappedKey>;
  const kdf = v.kdf as Partial<ScryptParams> | undefined;
  return (
    v.version === 1 &&
    typeof v.iv === 'string' &&
    typeof v.ciphertext === 'string' &&
    kdf?.name === 'scrypt' &&
    typeof kdf.N === 'number' &&
    typeof kdf.r === 'number' &&
    typeof kdf.p === 'number' &&
    typeof kdf.salt === 'string'
  );
}
