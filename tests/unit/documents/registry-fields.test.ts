// The fields the consent form needs: an encrypted desktop database of the previous schema version
// opens with the new fields filled by their defaults, the address is personal data (encrypted,
// withheld by the server from teachers), and the guardian form checks the identity document.
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { createRxDatabase, type RxJsonSchema } from 'rxdb';
import { wrappedKeyEncryptionCryptoJsStorage } from 'rxdb/plugins/encryption-crypto-js';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../renderer/db/database';
import { validateGuardian } from '../../../renderer/workspaces/class/student-form';
import { stripPersonal } from '../../../server/domain/roster-rules';
import { generateSchool } from '../../../shared/demo';
import { toRxSchema } from '../../../shared/rx-schema';

const storage = () => getRxStorageDexie({ indexedDB, IDBKeyRange });
const PASSWORD = 'registry-fields-test-password';

type Json = Record<string, unknown> & {
  properties?: Record<string, Json>;
  required?: string[];
  additionalProperties?: Json | boolean;
};

/** The schema as version 0 stored it: the given properties (and nested guardian ones) removed. */
function previousSchema(name: 'school' | 'students', drop: string[], dropGuardian: string[] = []) {
  const schema = structuredClone(toRxSchema(name, { encrypt: true })) as unknown as Json & {
    version: number;
    encrypted?: string[];
  };
  schema.version = 0;
  for (const key of drop) delete schema.properties![key];
  schema.required = schema.required!.filter((k) => !drop.includes(k));
  if (schema.encrypted) schema.encrypted = schema.encrypted.filter((k) => !drop.includes(k));
  const guardian = (schema.properties!.guardians?.additionalProperties ?? null) as Json | null;
  if (guardian && dropGuardian.length > 0) {
    for (const key of dropGuardian) delete guardian.properties![key];
    guardian.required = guardian.required!.filter((k) => !dropGuardian.includes(k));
  }
  return schema as unknown as RxJsonSchema<unknown>;
}

function strip<T extends Record<string, unknown>>(doc: T, keys: string[]): T {
  const out = { ...doc };
  for (const k of keys) delete out[k];
  return out;
}

describe('schema version 1 of school and students', () => {
  it('an encrypted version-0 database opens with the new fields filled by defaults', async () => {
    const school = generateSchool({ students: 30, seed: 11, asOf: '2026-09-20' });
    const name = `registry_migration_${Date.now()}`;
    const student = school.students[0]!;
    const [gid, guardian] = Object.entries(student.guardians)[0]!;
    const oldStudent = {
      ...strip(student, ['address']),
      guardians: { [gid]: strip(guardian, ['identityDocument', 'authorityDocument']) },
    };
    const oldSchool = strip(school.school, [
      'fullNameGenitive',
      'dataProcessor',
      'consentPupilSignature',
    ]);

    const old = await createRxDatabase({
      name,
      storage: wrappedKeyEncryptionCryptoJsStorage({ storage: storage() }),
      password: PASSWORD,
      multiInstance: false,
    });
    await old.addCollections({
      school: {
        schema: previousSchema('school', [
          'fullNameGenitive',
          'dataProcessor',
          'consentPupilSignature',
        ]),
      },
      students: {
        schema: previousSchema('students', ['address'], ['identityDocument', 'authorityDocument']),
      },
    });
    await old.collections.school!.insert(oldSchool);
    await old.collections.students!.insert(oldStudent);
    await old.close();

    const db = await openDatabase({ name, storage: storage(), password: PASSWORD });
    try {
      const s = (await db.school.findOne('school').exec())!.toJSON();
      expect(s.fullNameGenitive).toBe('');
      expect(s.dataProcessor).toEqual({ name: '', address: '' });
      expect(s.consentPupilSignature).toBe(true);
      expect(s.fullName).toBe(school.school.fullName);
      const st = (await db.students.findOne(student.id).exec())!.toJSON();
      expect(st.address).toBe('');
      expect(st.lastName).toBe(student.lastName);
      expect(st.guardians[gid]).toEqual({
        ...strip(guardian, ['identityDocument', 'authorityDocument']),
        identityDocument: { kind: '', series: '', number: '', issuedOn: '', issuedBy: '' },
        authorityDocument: '',
      });
      expect(st.stamps).toEqual(student.stamps);
    } finally {
      await db.remove();
    }
  });
});

describe('the address is personal data', () => {
  it('the server strips it with the birth date and the guardians', () => {
    const school = generateSchool({ students: 30, seed: 11, asOf: '2026-09-20' });
    const student = school.students.find((s) => s.address && Object.keys(s.guardians).length)!;
    expect(student.address).not.toBe('');
    const stripped = stripPersonal(student as never) as Record<string, unknown>;
    expect(stripped.address).toBe('');
    expect(stripped.birthDate).toBe('');
    expect(stripped.guardians).toEqual({});
    const stamps = stripped.stamps as Record<string, unknown>;
    expect(Object.keys(stamps).some((k) => k === 'address' || k.startsWith('guardians.'))).toBe(
      false,
    );
    expect(stamps.lastName).toEqual(student.stamps.lastName);
  });
});

describe('guardian form: identity document', () => {
  const base = {
    lastName: 'Ёлкина',
    firstName: 'Ольга',
    middleName: 'Ивановна',
    kind: 'mother' as const,
    phone: '',
    email: '',
    address: '',
    docKind: ' паспорт гражданина Российской Федерации ',
    docSeries: '45 12',
    docNumber: '654321',
    docIssuedOn: '3.4.2012',
    docIssuedBy: 'ОУФМС России по району',
    authorityDocument: 'свидетельство о рождении II-МЮ № 123456 от 08.03.2015',
  };

  it('stores the typed values as the identity document, the date in ISO', () => {
    const r = validateGuardian(base, '2026-11-23');
    expect(r.ok && r.value.identityDocument).toEqual({
      kind: 'паспорт гражданина Российской Федерации',
      series: '45 12',
      number: '654321',
      issuedOn: '2012-04-03',
      issuedBy: 'ОУФМС России по району',
    });
    expect(r.ok && r.value.authorityDocument).toBe(base.authorityDocument);
  });

  it('refuses a future or impossible date of issue and a number with punctuation, in Russian', () => {
    const future = validateGuardian({ ...base, docIssuedOn: '01.01.2027' }, '2026-11-23');
    expect(!future.ok && future.errors.docIssuedOn).toBe('Дата выдачи не может быть в будущем');
    const bad = validateGuardian({ ...base, docIssuedOn: '31.02.2012' }, '2026-11-23');
    expect(!bad.ok && bad.errors.docIssuedOn).toBe('Такой даты нет в календаре');
    const number = validateGuardian({ ...base, docNumber: '65;4321' }, '2026-11-23');
    expect(!number.ok && number.errors.docNumber).toBe('Номер: только буквы, цифры и дефис');
  });
});
