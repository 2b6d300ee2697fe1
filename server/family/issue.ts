// Issuing e-diary logins, run by the class teacher's desktop while online (server/family/routes.ts),
// each inside the engine's write lock so it is ordered with consent writes: a guardian's login
// after their registered consent, a student's own login (14 and over), a new one-time password
// (a lost slip or a reported compromise). No account is ever made without a consent on the server.
import type { AuthUser } from '../auth/roles';
import { hasRole } from '../auth/roles';
import type { Queryable } from '../db/db';
import { ApiError } from '../errors';
import { fullName } from '../../shared/common';
import { consentId } from '../../shared/consent';
import { ageOn, STUDENT_ACCOUNT_AGE, type IssuedLogin } from '../../shared/family-access';
import { readDiarySettings } from '../diary/settings';
import {
  createFamilyAccount,
  findFamilyAccount,
  findLink,
  giveOneTimePassword,
  openLink,
  type FamilyAccount,
} from './accounts';

type Doc = Record<string, unknown> & { _deleted: boolean };

export async function readDocument(
  tx: Queryable,
  collection: string,
  id: string,
): Promise<Doc | null> {
  const r = await tx.query('SELECT doc, deleted FROM documents WHERE collection = $1 AND id = $2', [
    collection,
    id,
  ]);
  const row = r.rows[0];
  return row ? { ...(row.doc as Record<string, unknown>), _deleted: row.deleted === true } : null;
}

const conflict = (message: string) => new ApiError(409, 'CONFLICT', message);

export const ISSUE_REFUSALS = {
  notClassTeacher:
    'Логины для электронного дневника выдаёт классный руководитель этого класса (или администратор)',
  noConsent:
    'На сервере нет согласия этого родителя: сначала зарегистрируйте согласие и дождитесь связи с сервером',
  notConsent: 'Логин выдаётся только после согласия на обработку персональных данных',
  paper: 'Семья выбрала бумажные выписки: логин для электронного дневника не нужен',
  notTicked: 'Отметьте в ответе родителя «Логин и пароль выданы»',
  noStudent: 'Ученик не найден или выбыл из школы',
  noGuardian: 'Этого родителя (законного представителя) нет в карточке ученика',
  noBirthDate: 'В карточке ученика не указана дата рождения: собственный логин выдаётся с 14 лет',
  tooYoung: (age: number) =>
    `Ученику ${age} лет: собственный логин выдаётся с ${STUDENT_ACCOUNT_AGE} лет`,
  studentNoConsent:
    'Собственный логин ученику выдаётся после согласия родителя (законного представителя) на электронный дневник и если никто из родителей не отказался',
  alreadyIssued: (login: string) =>
    `Логин уже выдан: ${login}. Если листок с паролем потерян или пароль раскрыт, выдайте новый пароль`,
  noAccount: 'Логин этой семье не выдан или доступ закрыт: новый пароль выдать нельзя',
} as const;

/** The class teacher of the class, or the administrator. */
async function checkManager(tx: Queryable, user: AuthUser, classId: unknown): Promise<Doc> {
  const cls = typeof classId === 'string' ? await readDocument(tx, 'classes', classId) : null;
  if (!cls) throw new ApiError(404, 'NOT_FOUND', 'Класс не найден');
  if (hasRole(user, 'admin')) return cls;
  const leads =
    hasRole(user, 'classTeacher') && user.staffId !== null && cls.classTeacherId === user.staffId;
  if (!leads) throw new ApiError(403, 'FORBIDDEN', ISSUE_REFUSALS.notClassTeacher);
  return cls;
}

async function activeStudent(tx: Queryable, studentId: string): Promise<Doc> {
  const student = await readDocument(tx, 'students', studentId);
  if (!student || student._deleted || student.status !== 'active') {
    throw conflict(ISSUE_REFUSALS.noStudent);
  }
  return student;
}

type Person = { lastName: string; firstName: string; middleName: string };
type Guardian = Person & { phone?: string; email?: string };

async function slip(
  tx: Queryable,
  input: {
    account: FamilyAccount;
    password: string | null;
    validUntil: string | null;
    student: Doc;
    cls: Doc;
    shared: boolean;
  },
): Promise<IssuedLogin> {
  const school = await readDocument(tx, 'school', 'school');
  const settings = await readDiarySettings(tx);
  return {
    accountKind: input.account.kind,
    login: input.account.login,
    password: input.password,
    passwordValidUntil: input.password ? input.validUntil : null,
    holderName: input.account.displayName,
    studentId: String(input.student.id),
    studentName: fullName(input.student as unknown as Person),
    className: String(input.cls.name ?? ''),
    schoolName: String(school?.shortName ?? ''),
    diaryUrl: settings.publicUrl,
    sharedWithOtherChildren: input.shared,
  };
}

/** The account of the same person made for another child (same full name, same phone or e-mail). */
async function samePersonAccount(
  tx: Queryable,
  studentId: string,
  guardian: Guardian,
): Promise<string | null> {
  const phone = (guardian.phone ?? '').replace(/\D/g, '');
  const email = (guardian.email ?? '').trim().toLowerCase();
  if (phone === '' && email === '') return null;
  const r = await tx.query(
    `SELECT l.account_id FROM family_links l
     JOIN family_accounts a ON a.id = l.account_id
     JOIN documents st ON st.collection = 'students' AND st.id = l.student_id
     CROSS JOIN LATERAL (SELECT st.doc->'guardians'->l.guardian_id AS g) x
     WHERE a.kind = 'guardian' AND l.guardian_id IS NOT NULL AND l.student_id <> $1
       AND lower(x.g->>'lastName') = lower($2) AND lower(x.g->>'firstName') = lower($3)
       AND lower(coalesce(x.g->>'middleName', '')) = lower($4)
       AND (($5 <> '' AND regexp_replace(coalesce(x.g->>'phone', ''), '\\D', '', 'g') = $5)
         OR ($6 <> '' AND lower(trim(coalesce(x.g->>'email', ''))) = $6))
     ORDER BY l.created_at LIMIT 1`,
    [studentId, guardian.lastName, guardian.firstName, guardian.middleName ?? '', phone, email],
  );
  return r.rows[0] ? String(r.rows[0].account_id) : null;
}

/** A guardian's login, after their consent with «логин выдан» is stored on the server. */
export async function issueGuardianLogin(
  tx: Queryable,
  user: AuthUser,
  target: { studentId: string; guardianId: string },
): Promise<IssuedLogin> {
  const consent = await readDocument(
    tx,
    'consents',
    consentId(target.studentId, target.guardianId),
  );
  if (!consent || consent._deleted) throw conflict(ISSUE_REFUSALS.noConsent);
  const cls = await checkManager(tx, user, consent.classId);
  if (consent.decision !== 'consent') throw conflict(ISSUE_REFUSALS.notConsent);
  if (consent.channel !== 'electronic') throw conflict(ISSUE_REFUSALS.paper);
  if (consent.loginIssued !== true) throw conflict(ISSUE_REFUSALS.notTicked);
  const student = await activeStudent(tx, target.studentId);
  const guardians = (student.guardians ?? {}) as Record<string, Guardian>;
  const guardian = Object.hasOwn(guardians, target.guardianId)
    ? guardians[target.guardianId]
    : undefined;
  if (!guardian) throw conflict(ISSUE_REFUSALS.noGuardian);
  const by = user.accountId;

  const existing = await findLink(tx, target.studentId, target.guardianId);
  if (existing) {
    if (existing.active && existing.account.disabledAt === null) {
      throw new ApiError(
        409,
        'LOGIN_ALREADY_ISSUED',
        ISSUE_REFUSALS.alreadyIssued(existing.account.login),
      );
    }
    return reopen(tx, existing.account, { ...target, by, student, cls });
  }
  // The same parent already reads another child of the school: one login for the family.
  const sameId = await samePersonAccount(tx, target.studentId, guardian);
  if (sameId)
    return reopen(tx, await accountById(tx, sameId), { ...target, by, student, cls }, true);
  const { account, password } = await createFamilyAccount(tx, {
    kind: 'guardian',
    displayName: fullName(guardian),
    surname: guardian.lastName,
    createdBy: by,
  });
  await openLink(tx, { accountId: account.id, ...target, createdBy: by });
  const validUntil = account.temporaryExpiresAt;
  return slip(tx, { account, password, validUntil, student, cls, shared: false });
}

async function accountById(tx: Queryable, id: string): Promise<FamilyAccount> {
  const account = await findFamilyAccount(tx, id);
  if (!account) throw new Error(`family account ${id} vanished`);
  return account;
}

/**
 * Links the child to an existing account. A closed account gets a new one-time password; an open
 * one (the family's other children) keeps its password, and the slip says so.
 */
async function reopen(
  tx: Queryable,
  account: FamilyAccount,
  input: { studentId: string; guardianId: string | null; by: string; student: Doc; cls: Doc },
  shared = false,
): Promise<IssuedLogin> {
  await openLink(tx, {
    accountId: account.id,
    studentId: input.studentId,
    guardianId: input.guardianId,
    createdBy: input.by,
  });
  let password: string | null = null;
  let validUntil: string | null = null;
  if (account.disabledAt !== null) {
    ({ password, validUntil } = await giveOneTimePassword(tx, account.id, {
      compromised: false,
      reason: 'new-password',
    }));
  }
  const fresh = await accountById(tx, account.id);
  return slip(tx, {
    account: fresh,
    password,
    validUntil,
    student: input.student,
    cls: input.cls,
    shared: shared && password === null,
  });
}

/** A student's own login (14 and over, after a guardian's electronic consent). */
export async function issueStudentLogin(
  tx: Queryable,
  user: AuthUser,
  studentId: string,
  today: string,
): Promise<IssuedLogin> {
  const student = await activeStudent(tx, studentId);
  const cls = await checkManager(tx, user, student.classId);
  const age = ageOn(String(student.birthDate ?? ''), today);
  if (age === null) throw conflict(ISSUE_REFUSALS.noBirthDate);
  if (age < STUDENT_ACCOUNT_AGE) throw conflict(ISSUE_REFUSALS.tooYoung(age));
  const consents = await tx.query(
    `SELECT
       bool_or(doc->>'decision' = 'consent' AND doc->>'channel' = 'electronic') AS consented,
       bool_or(doc->>'decision' IN ('refusal', 'withdrawal')) AS refused
     FROM documents WHERE collection = 'consents' AND doc->>'studentId' = $1 AND NOT deleted`,
    [studentId],
  );
  const row = consents.rows[0];
  if (row?.consented !== true || row?.refused === true) {
    throw conflict(ISSUE_REFUSALS.studentNoConsent);
  }
  const by = user.accountId;
  const existing = await findLink(tx, studentId, null);
  if (existing) {
    if (existing.active && existing.account.disabledAt === null) {
      throw new ApiError(
        409,
        'LOGIN_ALREADY_ISSUED',
        ISSUE_REFUSALS.alreadyIssued(existing.account.login),
      );
    }
    return reopen(tx, existing.account, { studentId, guardianId: null, by, student, cls });
  }
  const person = student as unknown as Person;
  const { account, password } = await createFamilyAccount(tx, {
    kind: 'student',
    displayName: fullName(person),
    surname: person.lastName,
    createdBy: by,
  });
  await openLink(tx, { accountId: account.id, studentId, guardianId: null, createdBy: by });
  return slip(tx, {
    account,
    password,
    validUntil: account.temporaryExpiresAt,
    student,
    cls,
    shared: false,
  });
}

/**
 * The open family login of a holder, for whoever may manage it (the class teacher of the class,
 * the administrator): what a new password and an unlock act on.
 */
export async function managedFamilyLogin(
  tx: Queryable,
  user: AuthUser,
  target: { studentId: string; guardianId: string | null },
): Promise<{ account: FamilyAccount; student: Doc; cls: Doc }> {
  const student = await readDocument(tx, 'students', target.studentId);
  if (!student) throw conflict(ISSUE_REFUSALS.noStudent);
  const cls = await checkManager(tx, user, student.classId);
  const link = await findLink(tx, target.studentId, target.guardianId);
  if (!link || !link.active || link.account.disabledAt !== null) {
    throw conflict(ISSUE_REFUSALS.noAccount);
  }
  return { account: link.account, student, cls };
}

/**
 * A new one-time password for an open family login: a lost slip, a forgotten password, or a
 * reported compromise (every session ends; notifications are switched off until the holder
 * turns them on again).
 */
export async function resetFamilyPassword(
  tx: Queryable,
  user: AuthUser,
  target: { studentId: string; guardianId: string | null; compromised: boolean },
): Promise<IssuedLogin> {
  const managed = await managedFamilyLogin(tx, user, target);
  const { student, cls } = managed;
  const { password, validUntil } = await giveOneTimePassword(tx, managed.account.id, {
    compromised: target.compromised,
    reason: 'new-password',
  });
  const account = await accountById(tx, managed.account.id);
  return slip(tx, { account, password, validUntil, student, cls, shared: false });
}
