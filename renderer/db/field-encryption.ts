// Personal fields encrypted at rest (docs/SECURITY.md). The stored form is the one RxDB's
// crypto-js plugin writes — OpenSSL's "Salted__" format: AES-256-CBC, key and IV from
// EVP_BytesToKey (MD5, one round) of the database password and a fresh 8-byte salt per value —
// so databases and backups written before stay readable and this storage's values are readable
// by the plugin. Computed with @noble/ciphers and @noble/hashes, about five times faster than
// crypto-js: the 1,000 students of a whole-school first download took 0.6 s of crypto-js before
// the journal opened, and every class list decrypts its students again.
import { cbc } from '@noble/ciphers/aes';
import { md5 } from '@noble/hashes/legacy';
import { concatBytes, randomBytes, utf8ToBytes } from '@noble/hashes/utils';
import {
  arrayBufferToBase64,
  base64ToArrayBuffer,
  clone,
  flatClone,
  getProperty,
  hasEncryption,
  newRxError,
  setProperty,
  wrapRxStorageInstance,
  type RxDocumentData,
  type RxJsonSchema,
  type RxStorage,
  type RxStorageInstance,
  type RxStorageInstanceCreationParams,
} from 'rxdb';

/** As RxDB's plugin: a shorter database password is refused. */
const MINIMUM_PASSWORD_LENGTH = 8;
const SALTED = utf8ToBytes('Salted__');
const SALT_BYTES = 8;
const KEY_BYTES = 32;
const IV_BYTES = 16;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** OpenSSL's EVP_BytesToKey with MD5 and one round: D_i = MD5(D_(i-1) ‖ password ‖ salt). */
function keyAndIv(password: Uint8Array, salt: Uint8Array): { key: Uint8Array; iv: Uint8Array } {
  const out = new Uint8Array(KEY_BYTES + IV_BYTES);
  let block: Uint8Array = new Uint8Array(0);
  for (let at = 0; at < out.length; at += block.length) {
    block = md5(concatBytes(block, password, salt));
    out.set(block.subarray(0, out.length - at), at);
  }
  return { key: out.subarray(0, KEY_BYTES), iv: out.subarray(KEY_BYTES) };
}

/** A text encrypted under `password` with a fresh salt, as base64 of "Salted__" ‖ salt ‖ data. */
export function encryptField(text: string, password: Uint8Array): string {
  const salt = randomBytes(SALT_BYTES);
  const { key, iv } = keyAndIv(password, salt);
  const data = cbc(key, iv).encrypt(utf8ToBytes(text));
  return arrayBufferToBase64(concatBytes(SALTED, salt, data).buffer as ArrayBuffer);
}

/** The text back; throws on a value that is not this format or not under this password. */
export function decryptField(stored: unknown, password: Uint8Array): string {
  if (typeof stored !== 'string') throw newRxError('SNH', { args: { cipherText: stored } });
  const raw = new Uint8Array(base64ToArrayBuffer(stored));
  const head = SALTED.length;
  if (raw.length < head + SALT_BYTES + 16 || !SALTED.every((byte, i) => raw[i] === byte)) {
    throw new Error('Зашифрованное поле повреждено.');
  }
  const { key, iv } = keyAndIv(password, raw.subarray(head, head + SALT_BYTES));
  // A wrong password fails the padding check or, rarely, the UTF-8 check: never a garbled value.
  return utf8.decode(cbc(key, iv).decrypt(raw.subarray(head + SALT_BYTES)));
}

type Params = RxStorageInstanceCreationParams<unknown, unknown>;

/**
 * `storage` with the schema's `encrypted` fields encrypted on the way in and decrypted on the way
 * out, stored as strings: the same schema change and the same values as RxDB's
 * `wrappedKeyEncryptionCryptoJsStorage`. Attachments are not used by the journal and refused.
 */
export function fieldEncryptionStorage<Internals, Options>(
  storage: RxStorage<Internals, Options>,
): RxStorage<Internals, Options> {
  return Object.assign({}, storage, {
    async createStorageInstance(params: Params) {
      if (!hasEncryption(params.schema)) {
        return storage.createStorageInstance(params as never);
      }
      const { password } = params;
      if (typeof password !== 'string' || password.length < MINIMUM_PASSWORD_LENGTH) {
        throw newRxError('EN3', {
          database: params.databaseName,
          collection: params.collectionName,
          schema: params.schema,
        });
      }
      if (params.schema.attachments) {
        throw new Error(`Вложения не поддерживаются (${params.collectionName}).`);
      }
      const secret = utf8ToBytes(password);
      const paths = params.schema.encrypted ?? [];
      const schema = clone(params.schema) as RxJsonSchema<unknown> & {
        properties: Record<string, { properties?: Record<string, unknown> }>;
      };
      delete schema.encrypted;
      for (const path of paths) {
        // The ciphertext is a string, whatever the field was: its own keywords no longer apply.
        const parts = path.split('.');
        let level = schema as { properties?: Record<string, unknown> };
        for (const part of parts.slice(0, -1)) {
          level = level.properties![part] as { properties?: Record<string, unknown> };
        }
        level.properties![parts[parts.length - 1]!] = { type: 'string' };
      }
      const instance = (await storage.createStorageInstance({
        ...params,
        schema,
      } as never)) as RxStorageInstance<unknown, Internals, Options>;
      const toStorage = (doc: RxDocumentData<unknown>) => {
        const out = copyWithoutAttachments(doc);
        for (const path of paths) {
          const value: unknown = getProperty(out, path);
          if (value !== undefined)
            setProperty(out, path, encryptField(JSON.stringify(value), secret));
        }
        return out;
      };
      const fromStorage = (doc: RxDocumentData<unknown>) => {
        const out = copyWithoutAttachments(doc);
        for (const path of paths) {
          const value: unknown = getProperty(out, path);
          if (value !== undefined) setProperty(out, path, JSON.parse(decryptField(value, secret)));
        }
        return out;
      };
      return wrapRxStorageInstance(params.schema, instance, toStorage, fromStorage);
    },
  });
}

/** A deep copy to change (the caller's document stays as it is), attachments shared. */
function copyWithoutAttachments(doc: RxDocumentData<unknown>): RxDocumentData<unknown> {
  const attachments = doc._attachments;
  const shallow = flatClone(doc) as Partial<RxDocumentData<unknown>>;
  delete shallow._attachments;
  const out = clone(shallow) as RxDocumentData<unknown>;
  out._attachments = attachments;
  return out;
}
