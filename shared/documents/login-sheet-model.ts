// The login sheet handed to staff members: one page per person with the server's address, their
// login and one-time password. Built only in memory from the accounts just created or reset; the
// passwords are stored nowhere else.
import { fullName, type PersonName } from '../common';
import { ROLE_LABELS, type Role } from '../staff';
import { DocumentError } from './source';

export interface LoginSheetPerson {
  /** "Соколова Ирина Викторовна" */
  name: string;
  /** "учитель математики" or the roles when no position is on record. */
  position: string;
  login: string;
  password: string;
}

export interface LoginSheetModel {
  kind: 'loginSheet';
  school: { shortName: string };
  /** Where to sign in: the school server's address. */
  serverUrl: string;
  /** ДД.ММ.ГГГГ */
  issuedOn: string;
  people: LoginSheetPerson[];
}

export interface LoginSheetEntry {
  person: PersonName & { position?: string; roles?: readonly Role[] };
  login: string;
  password: string;
}

export interface LoginSheetOptions {
  schoolShortName: string;
  serverUrl: string;
  /** ISO date the sheet is printed. */
  issuedOn: string;
}

/** People in alphabetical order (the order the sheets are handed out in). */
export function buildLoginSheetModel(
  entries: readonly LoginSheetEntry[],
  options: LoginSheetOptions,
): LoginSheetModel {
  if (entries.length === 0) throw new DocumentError('Нет учётных записей для листа входа');
  const people = entries
    .map((e) => ({
      name: fullName(e.person),
      position:
        e.person.position?.trim() || (e.person.roles ?? []).map((r) => ROLE_LABELS[r]).join(', '),
      login: e.login,
      password: e.password,
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'ru'));
  return {
    kind: 'loginSheet',
    school: { shortName: options.schoolShortName },
    serverUrl: options.serverUrl,
    issuedOn: options.issuedOn.split('-').reverse().join('.'),
    people,
  };
}
