// Key wrapping: the random data key under scrypt + AES-GCM, wrong passphrases, passphrase change,
// the profile store (OS keychain sealing, growing delay) and the passphrase rules.
import { describe, expect, it } from 'vitest';
import type { ProtectedSecret } from '../../../shared/bridge';
import {
  DEFAULT_SCRYPT_COST,
  databasePassword,
  generateDataKey,
  rewrapDataKey,
  unwrapDataKey,
  WrongPassphraseError,
  wrapDataKey,
} from '../../../renderer/security/key-wrap';
import {
  newPassphraseProblem,
  passphraseStrength,
  retryDelayMs,
  waitBeforeAttempt,
} from '../../../renderer/security/passphrase';
import {
  ProfileStore,
  TooManyAttemptsError,
  type KeyValueStorage,
  type SecretSealer,
} from '../../../renderer/security/profiles';

/** Cheap scrypt for tests; one test below uses the shipped cost. */
const TEST_COST = { N: 2 ** 10, r: 8, p: 1 };

function memoryStorage(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
  };
}

/** A fake OS keychain: reversible, but the stored text no longer shows the wrapped key. */
const keychain: SecretSealer = {
  protectSecret: async ({ plainText }) => ({
    value: Buffer.from(`os:${plainText}`).toString('base64'),
    osEncryption: true,
  }),
  unprotectSecret: async (secret: ProtectedSecret) => ({
    plainText: Buffer.from(secret.value, 'base64').toString().replace(/^os:/, ''),
  }),
};

describe('data key wrapping', () => {
  it('wraps and unwraps the same 32 random bytes', async () => {
    const key = generateDataKey();
    expect(key).toHaveLength(32);
    const wrapped = await wrapDataKey(key, 'правильный пароль', 'p1', TEST_COST);
    expect(wrapped.kdf).toMatchObject({ name: 'scrypt', N: 1024, r: 8, p: 1 });
    expect(wrapped.ciphertext).not.toContain(databasePassword(key));
    const back = await unwrapDataKey(wrapped, 'правильный пароль', 'p1');
    expect(databasePassword(back)).toBe(databasePassword(key));
  });

  it('refuses a wrong passphrase, another profile and a tampered record', async () => {
    const wrapped = await wrapDataKey(generateDataKey(), 'правильный пароль', 'p1', TEST_COST);
    await expect(unwrapDataKey(wrapped, 'неправильный', 'p1')).rejects.toThrow(
      WrongPassphraseError,
    );
    await expect(unwrapDataKey(wrapped, 'правильный пароль', 'p2')).rejects.toThrow(
      'Неверный пароль',
    );
    const flipped = wrapped.ciphertext.startsWith('A') ? 'B' : 'A';
    const tampered = { ...wrapped, ciphertext: flipped + wrapped.ciphertext.slice(1) };
    await expect(unwrapDataKey(tampered, 'правильный пароль', 'p1')).rejects.toThrow(
      WrongPassphraseError,
    );
  });

  it('normalizes the passphrase (NFC), so й typed two ways is the same', async () => {
    const wrapped = await wrapDataKey(generateDataKey(), 'мой пароль й', 'p1', TEST_COST);
    await expect(unwrapDataKey(wrapped, 'мой пароль и\u0306', 'p1')).resolves.toHaveLength(32);
  });

  it('changing the passphrase keeps the data key and retires the old passphrase', async () => {
    const key = generateDataKey();
    const wrapped = await wrapDataKey(key, 'старый пароль', 'p1', TEST_COST);
    const rewrapped = await rewrapDataKey(
      wrapped,
      'старый пароль',
      'новый пароль',
      'p1',
      TEST_COST,
    );
    expect(rewrapped.kdf.salt).not.toBe(wrapped.kdf.salt);
    expect(databasePassword(await unwrapDataKey(rewrapped, 'новый пароль', 'p1'))).toBe(
      databasePassword(key),
    );
    await expect(unwrapDataKey(rewrapped, 'старый пароль', 'p1')).rejects.toThrow(
      WrongPassphraseError,
    );
    await expect(rewrapDataKey(wrapped, 'не тот', 'x', 'p1', TEST_COST)).rejects.toThrow(
      WrongPassphraseError,
    );
  });

  it('refuses a record asking for absurd scrypt memory', async () => {
    const wrapped = await wrapDataKey(generateDataKey(), 'правильный пароль', 'p1', TEST_COST);
    const hostile = { ...wrapped, kdf: { ...wrapped.kdf, N: 2 ** 30 } };
    await expect(unwrapDataKey(hostile, 'правильный пароль', 'p1')).rejects.toThrow(/параметры/);
  });

  it('the shipped cost is scrypt N=2^17, r=8, p=1 and still unwraps', async () => {
    expect(DEFAULT_SCRYPT_COST).toEqual({ N: 131072, r: 8, p: 1 });
    const started = performance.now();
    const wrapped = await wrapDataKey(generateDataKey(), 'правильный пароль', 'p1');
    await expect(unwrapDataKey(wrapped, 'правильный пароль', 'p1')).resolves.toHaveLength(32);
    // Two derivations; slow enough to hurt guessing, fast enough for a teacher.
    expect(performance.now() - started).toBeLessThan(15_000);
  }, 30_000);
});

describe('profile store', () => {
  it('creates profiles with their own database and sealed key, and unlocks them', async () => {
    const storage = memoryStorage();
    const store = new ProfileStore(storage, keychain, TEST_COST);
    const a = await store.create('Иванова М. П.', 'пароль-иванова');
    const b = await store.create('Петров С. С.', 'пароль-петрова');
    expect(a.profile.databaseName).not.toBe(b.profile.databaseName);
    expect(a.profile.databaseName).toMatch(/^journal_p[a-z0-9]+$/);
    expect(store.list().map((p) => p.name)).toEqual(['Иванова М. П.', 'Петров С. С.']);
    expect(a.profile.sealedKey.osEncryption).toBe(true);
    const raw = [...storage.data.values()].join('');
    expect(raw).not.toContain(databasePassword(a.dataKey));
    expect(raw).not.toContain('"ciphertext"');
    const key = await store.unlock(a.profile.id, 'пароль-иванова');
    expect(databasePassword(key)).toBe(databasePassword(a.dataKey));
    await expect(store.unlock(b.profile.id, 'пароль-иванова')).rejects.toThrow('Неверный пароль');
  });

  it('counts wrong attempts across reloads and makes the teacher wait, growing', async () => {
    const storage = memoryStorage();
    const { profile } = await new ProfileStore(storage, keychain, TEST_COST).create(
      'Учитель',
      'верный пароль',
    );
    for (let i = 0; i < 3; i++) {
      // A new store over the same storage: like a reload of the page.
      const store = new ProfileStore(storage, keychain, TEST_COST);
      await expect(store.unlock(profile.id, 'ошибка')).rejects.toThrow(WrongPassphraseError);
    }
    const store = new ProfileStore(storage, keychain, TEST_COST);
    expect(store.get(profile.id)?.attempts.failures).toBe(3);
    await expect(store.unlock(profile.id, 'верный пароль')).rejects.toThrow(TooManyAttemptsError);
    const later = Date.now() + retryDelayMs(3) + 1;
    await expect(store.unlock(profile.id, 'верный пароль', later)).resolves.toHaveLength(32);
    expect(store.get(profile.id)?.attempts).toEqual({ failures: 0, lastFailureAt: null });
  });

  it('changes the passphrase by re-wrapping only', async () => {
    const store = new ProfileStore(memoryStorage(), keychain, TEST_COST);
    const { profile, dataKey } = await store.create('Учитель', 'старый пароль');
    await expect(store.changePassphrase(profile.id, 'не тот', 'новый пароль')).rejects.toThrow(
      WrongPassphraseError,
    );
    await store.changePassphrase(profile.id, 'старый пароль', 'новый пароль');
    expect(databasePassword(await store.unlock(profile.id, 'новый пароль'))).toBe(
      databasePassword(dataKey),
    );
    await expect(store.unlock(profile.id, 'старый пароль')).rejects.toThrow(WrongPassphraseError);
  });
});

describe('passphrase rules', () => {
  it('needs 8 characters and the same text twice', () => {
    expect(newPassphraseProblem('коротко', 'коротко')).toMatch(/не короче 8/);
    expect(newPassphraseProblem('достаточно', 'достаточн0')).toBe('Пароли не совпадают');
    expect(newPassphraseProblem(' с пробелом', ' с пробелом')).toMatch(/пробелом/);
    expect(newPassphraseProblem('достаточно', 'достаточно')).toBeNull();
  });

  it('hints at strength', () => {
    expect(passphraseStrength('12345678')).toBe('weak');
    expect(passphraseStrength('aaaaaaaaaa')).toBe('weak');
    expect(passphraseStrength('Зелёный-5')).toBe('fair');
    expect(passphraseStrength('Зелёный чайник 2026')).toBe('good');
  });

  it('grows the delay from the fourth wrong attempt and caps it', () => {
    expect([0, 1, 2].map(retryDelayMs)).toEqual([0, 0, 0]);
    expect([3, 4, 5].map(retryDelayMs)).toEqual([2000, 4000, 8000]);
    expect(retryDelayMs(50)).toBe(5 * 60_000);
    expect(waitBeforeAttempt({ failures: 4, lastFailureAt: 1000 }, 2000)).toBe(3000);
    // A clock set back never makes the wait longer than the delay itself.
    expect(waitBeforeAttempt({ failures: 4, lastFailureAt: 10_000_000 }, 0)).toBe(4000);
  });
});
