// Teacher profiles on this computer: each has its own encrypted local database and its wrapped
// data key, kept outside that database in a small record (localStorage in the app). On Electron
// the wrapped key is also sealed by the OS keychain through the bridge (secret:protect).
import type { JournalBridge, ProtectedSecret } from '../../shared/bridge';
import { randomBytes } from './bytes';
import {
  DEFAULT_SCRYPT_COST,
  generateDataKey,
  isWrappedKey,
  rewrapDataKey,
  unwrapDataKey,
  WrongPassphraseError,
  wrapDataKey,
  type ScryptCost,
  type WrappedKey,
} from './key-wrap';
import { waitBeforeAttempt, type AttemptState } from './passphrase';

export interface ProfileRecord {
  id: string;
  /** How the teacher named the profile ("Иванова М. П."). */
  name: string;
  createdAt: string;
  /** The profile's RxDB database (IndexedDB) name. */
  databaseName: string;
  /** JSON of the WrappedKey, sealed by the OS keychain where there is one. */
  sealedKey: ProtectedSecret;
  attempts: AttemptState;
}

/** The part of localStorage the store uses; tests pass a Map-backed one. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export type SecretSealer = Pick<JournalBridge, 'protectSecret' | 'unprotectSecret'>;

const STORAGE_KEY = 'class-journal.profiles.v1';
export const MAX_PROFILE_NAME = 80;

/** Thrown while the growing delay after wrong attempts still runs. */
export class TooManyAttemptsError extends Error {
  constructor(readonly waitMs: number) {
    super('Слишком много попыток');
    this.name = 'TooManyAttemptsError';
  }
}

export function databaseNameFor(profileId: string): string {
  // RxDB database names: lower-case letters, digits, '_', '-', starting with a letter.
  return `journal_${profileId}`;
}

function newProfileId(): string {
  return 'p' + Array.from(randomBytes(8), (b) => b.toString(36).padStart(2, '0')).join('');
}

function isProfileRecord(value: unknown): value is ProfileRecord {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<ProfileRecord>;
  return (
    typeof v.id === 'string' &&
    /^[a-z0-9]{1,40}$/.test(v.id) &&
    typeof v.name === 'string' &&
    typeof v.databaseName === 'string' &&
    typeof v.sealedKey?.value === 'string' &&
    typeof v.sealedKey.osEncryption === 'boolean' &&
    typeof v.attempts?.failures === 'number'
  );
}

export class ProfileStore {
  constructor(
    private readonly storage: KeyValueStorage,
    private readonly sealer: SecretSealer,
    private readonly cost: ScryptCost = DEFAULT_SCRYPT_COST,
  ) {}

  list(): ProfileRecord[] {
    let parsed: unknown;
    try {
      parsed = JSON.parse(this.storage.getItem(STORAGE_KEY) ?? '[]');
    } catch {
      return [];
    }
    return Array.isArray(parsed) ? parsed.filter(isProfileRecord) : [];
  }

  get(id: string): ProfileRecord | null {
    return this.list().find((p) => p.id === id) ?? null;
  }

  private save(records: ProfileRecord[]): void {
    this.storage.setItem(STORAGE_KEY, JSON.stringify(records));
  }

  private put(record: ProfileRecord): void {
    const others = this.list().filter((p) => p.id !== record.id);
    this.save([...others, record]);
  }

  remove(id: string): void {
    this.save(this.list().filter((p) => p.id !== id));
  }

  /** Creates a profile with a fresh random data key; the caller opens the database with it. */
  async create(
    name: string,
    passphrase: string,
  ): Promise<{ profile: ProfileRecord; dataKey: Uint8Array<ArrayBuffer> }> {
    const id = newProfileId();
    const dataKey = generateDataKey();
    const wrapped = await wrapDataKey(dataKey, passphrase, id, this.cost);
    const profile: ProfileRecord = {
      id,
      name: name.trim().slice(0, MAX_PROFILE_NAME) || 'Профиль',
      createdAt: new Date().toISOString(),
      databaseName: databaseNameFor(id),
      sealedKey: await this.seal(wrapped),
      attempts: { failures: 0, lastFailureAt: null },
    };
    this.put(profile);
    return { profile, dataKey };
  }

  /**
   * Opens the data key with the passphrase. Wrong passphrases are counted in the record (a reload
   * doesn't reset the delay); while the delay runs, no passphrase is even tried.
   */
  async unlock(id: string, passphrase: string, now = Date.now()): Promise<Uint8Array<ArrayBuffer>> {
    const profile = this.get(id);
    if (!profile) throw new Error('Профиль не найден');
    const wait = waitBeforeAttempt(profile.attempts, now);
    if (wait > 0) throw new TooManyAttemptsError(wait);
    const wrapped = await this.unseal(profile.sealedKey);
    try {
      const dataKey = await unwrapDataKey(wrapped, passphrase, id);
      if (profile.attempts.failures > 0) {
        this.put({ ...profile, attempts: { failures: 0, lastFailureAt: null } });
      }
      return dataKey;
    } catch (error) {
      if (error instanceof WrongPassphraseError) {
        const latest = this.get(id) ?? profile;
        this.put({
          ...latest,
          attempts: { failures: latest.attempts.failures + 1, lastFailureAt: Date.now() },
        });
      }
      throw error;
    }
  }

  /** Re-wraps the same data key under the new passphrase; the database stays as it is. */
  async changePassphrase(id: string, oldPassphrase: string, newPassphrase: string): Promise<void> {
    const profile = this.get(id);
    if (!profile) throw new Error('Профиль не найден');
    const wrapped = await this.unseal(profile.sealedKey);
    const rewrapped = await rewrapDataKey(wrapped, oldPassphrase, newPassphrase, id, this.cost);
    this.put({ ...(this.get(id) ?? profile), sealedKey: await this.seal(rewrapped) });
  }

  private async seal(wrapped: WrappedKey): Promise<ProtectedSecret> {
    return this.sealer.protectSecret({ plainText: JSON.stringify(wrapped) });
  }

  private async unseal(sealed: ProtectedSecret): Promise<WrappedKey> {
    const { plainText } = await this.sealer.unprotectSecret(sealed);
    const parsed: unknown = JSON.parse(plainText);
    if (!isWrappedKey(parsed)) throw new Error('Повреждённая запись ключа профиля');
    return parsed;
  }
}
