// The encrypted backup file: JSON with the scrypt parameters, the AES-GCM nonce and the
// gzip-compressed, encrypted payload. Nothing but the format, version and date is readable.
import { fromBase64, randomBytes, toBase64, utf8 } from '../security/bytes';
import {
  DEFAULT_SCRYPT_COST,
  deriveAesKey,
  IV_BYTES,
  newScryptParams,
  WrongPassphraseError,
  type ScryptCost,
  type ScryptParams,
} from '../security/key-wrap';

export const BACKUP_FORMAT = 'class-journal-backup';
export const BACKUP_FILE_EXTENSION = '.jbackup';

export interface BackupEnvelope {
  format: typeof BACKUP_FORMAT;
  version: 1;
  createdAt: string;
  kdf: ScryptParams;
  iv: string;
  compression: 'gzip';
  /** base64 of AES-256-GCM(gzip(JSON payload)) with its tag. */
  ciphertext: string;
}

/** The file is not a backup of this program, or it is damaged. */
export class BackupFormatError extends Error {
  constructor(message = 'Файл не является резервной копией журнала или повреждён') {
    super(message);
    this.name = 'BackupFormatError';
  }
}

const ADDITIONAL_DATA = 'class-journal/backup/v1';

async function pipeThrough(
  bytes: Uint8Array<ArrayBuffer>,
  transform: CompressionStream | DecompressionStream,
): Promise<Uint8Array<ArrayBuffer>> {
  const stream = new Blob([bytes]).stream().pipeThrough(transform);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export async function encryptBackup(
  payload: unknown,
  passphrase: string,
  cost: ScryptCost = DEFAULT_SCRYPT_COST,
  now = new Date(),
): Promise<string> {
  const kdf = newScryptParams(cost);
  const key = await deriveAesKey(passphrase, kdf);
  const iv = randomBytes(IV_BYTES);
  const compressed = await pipeThrough(
    utf8(JSON.stringify(payload)),
    new CompressionStream('gzip'),
  );
  const ciphertext = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: utf8(ADDITIONAL_DATA) },
    key,
    compressed,
  );
  const envelope: BackupEnvelope = {
    format: BACKUP_FORMAT,
    version: 1,
    createdAt: now.toISOString(),
    kdf,
    iv: toBase64(iv),
    compression: 'gzip',
    ciphertext: toBase64(new Uint8Array(ciphertext)),
  };
  return JSON.stringify(envelope);
}

export function parseEnvelope(text: string): BackupEnvelope {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BackupFormatError();
  }
  const v = value as Partial<BackupEnvelope> | null;
  if (
    typeof v !== 'object' ||
    v === null ||
    v.format !== BACKUP_FORMAT ||
    v.compression !== 'gzip' ||
    typeof v.iv !== 'string' ||
    typeof v.ciphertext !== 'string' ||
    typeof v.createdAt !== 'string' ||
    v.kdf?.name !== 'scrypt'
  ) {
    throw new BackupFormatError();
  }
  if (v.version !== 1) {
    throw new BackupFormatError('Копия сделана более новой версией программы: обновите журнал');
  }
  return v as BackupEnvelope;
}

/** Decrypts a backup file; a wrong passphrase gives WrongPassphraseError and nothing else. */
export async function decryptBackup(text: string, passphrase: string): Promise<unknown> {
  const envelope = parseEnvelope(text);
  const key = await deriveAesKey(passphrase, envelope.kdf);
  let compressed: ArrayBuffer;
  try {
    compressed = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: fromBase64(envelope.iv), additionalData: utf8(ADDITIONAL_DATA) },
      key,
      fromBase64(envelope.ciphertext),
    );
  } catch {
    throw new WrongPassphraseError();
  }
  const json = await pipeThrough(new Uint8Array(compressed), new DecompressionStream('gzip'));
  return JSON.parse(new TextDecoder().decode(json));
}
