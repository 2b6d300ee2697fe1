// Protects short secrets (tokens, passphrases) with the OS keychain via Electron's safeStorage.
// safeStorage is passed in, so the rules are tested with a fake in plain Node.
import type { ProtectedSecret } from '../shared/bridge';

/** The part of Electron's safeStorage this module uses. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only in Electron; absent elsewhere. */
  getSelectedStorageBackend?(): string;
}

/**
 * True only for real OS protection. On Linux without a keyring Electron falls back to
 * 'basic_text', a hard-coded key: that is obfuscation, so we report it as no encryption.
 */
export function hasOsEncryption(storage: SafeStorageLike, platform: string): boolean {
  if (!storage.isEncryptionAvailable()) return false;
  if (platform === 'linux' && storage.getSelectedStorageBackend) {
    const backend = storage.getSelectedStorageBackend();
    return backend !== 'basic_text' && backend !== 'unknown';
  }
  return true;
}

export function protectSecret(
  storage: SafeStorageLike,
  platform: string,
  plainText: string,
): ProtectedSecret {
  if (!hasOsEncryption(storage, platform)) return { value: plainText, osEncryption: false };
  return { value: storage.encryptString(plainText).toString('base64'), osEncryption: true };
}

export function unprotectSecret(
  storage: SafeStorageLike,
  platform: string,
  secret: ProtectedSecret,
): string {
  if (!secret.osEncryption) return secret.value;
  if (!hasOsEncryption(storage, platform)) {
    throw new Error('Хранилище ключей системы недоступно: секрет нельзя расшифровать');
  }
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(secret.value)) {
    throw new Error('Повреждённые данные секрета');
  }
  return storage.decryptString(Buffer.from(secret.value, 'base64'));
}
