// The personal fields' encryption (renderer/db/field-encryption.ts) against RxDB's crypto-js
// plugin as the independent reference: each reads what the other wrote, value by value and as a
// whole database on real RxDB (Dexie on fake-indexeddb), so profiles made before stay readable.
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { createRxDatabase, type RxJsonSchema } from 'rxdb';
import {
  decryptString,
  encryptString,
  wrappedKeyEncryptionCryptoJsStorage,
} from 'rxdb/plugins/encryption-crypto-js';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../renderer/db/database';
import { decryptField, encryptField } from '../../../renderer/db/field-encryption';
import { databasePassword, generateDataKey } from '../../../renderer/security/key-wrap';
import { generateSchool } from '../../../shared/demo';
import { toRxSchema } from '../../../shared/rx-schema';

const storage = () => getRxStorageDexie({ indexedDB, IDBKeyRange });
const password = databasePassword(generateDataKey());
const secret = new TextEncoder().encode(password);

const TEXTS = [
  '',
  '"2014-03-08"',
  // Exactly one AES block: the padding adds a whole block.
  '0123456789abcdef',
  'г. Тверь, ул. Советская, д. 12, кв. 34',
  '{"g1":{"lastName":"Ёлкина","phone":"+7 900 123-45-67"}} 👪',
  'Длинная строка '.repeat(200),
];

describe('a personal field value', () => {
  it('written here is read by the crypto-js plugin, and the other way round', () => {
    for (const text of TEXTS) {
      expect(decryptString(encryptField(text, secret), password)).toBe(text);
      expect(decryptField(encryptString(text, password), secret)).toBe(text);
    }
  });

  it('gets a fresh salt each time, so equal values are not equal at rest', () => {
    const a = encryptField('"2014-03-08"', secret);
    const b = encryptField('"2014-03-08"', secret);
    expect(a).not.toBe(b);
    // OpenSSL's format: "Salted__", then the salt, then the ciphertext.
    const raw = Buffer.from(a, 'base64');
    expect(raw.subarray(0, 8).toString('latin1')).toBe('Salted__');
    expect(raw.subarray(8, 16).equals(Buffer.from(b, 'base64').subarray(8, 16))).toBe(false);
    expect(decryptField(a, secret)).toBe(decryptField(b, secret));
  });

  it('is refused, not garbled, under another password or when damaged', () => {
    const stored = encryptField('{"phone":"+7 900 123-45-67"}', secret);
    const other = new TextEncoder().encode(databasePassword(generateDataKey()));
    expect(() => decryptField(stored, other)).toThrow();
    expect(() => decryptField(stored.slice(0, 20), secret)).toThrow(/повреждено/);
    expect(() => decryptField(Buffer.from('Plain___text').toString('base64'), secret)).toThrow();
    expect(() => decryptField(42, secret)).toThrow();
  });
});

describe('a whole encrypted database', () => {
  const school = generateSchool({ students: 30, seed: 5, asOf: '2026-10-01' });
  const schema = toRxSchema('students', { encrypt: true }) as unknown as RxJsonSchema<unknown>;

  async function byPlugin(name: string) {
    const db = await createRxDatabase({
      name,
      storage: wrappedKeyEncryptionCryptoJsStorage({ storage: storage() }),
      password,
      multiInstance: false,
    });
    await db.addCollections({ students: { schema } });
    return db;
  }

  it('written by the crypto-js plugin opens here with every student as written', async () => {
    const name = `field_enc_old_${Date.now()}`;
    const old = await byPlugin(name);
    await old.collections.students!.bulkInsert(school.students);
    await old.close();
    const db = await openDatabase({ name, storage: storage(), password });
    try {
      const back = await db.students.find({ sort: [{ id: 'asc' }] }).exec();
      const expected = [...school.students].sort((a, b) => (a.id < b.id ? -1 : 1));
      expect(back.map((d) => d.toJSON())).toEqual(expected);
    } finally {
      await db.remove();
    }
  });

  it('written here opens with the crypto-js plugin (a profile can go back a version)', async () => {
    const name = `field_enc_new_${Date.now()}`;
    const db = await openDatabase({ name, storage: storage(), password });
    await db.students.bulkInsert(school.students);
    await db.close();
    const old = await byPlugin(name);
    try {
      for (const student of school.students) {
        const back = await old.collections.students!.findOne(student.id).exec();
        expect(back?.toJSON()).toEqual(student);
      }
    } finally {
      await old.remove();
    }
  });
});
