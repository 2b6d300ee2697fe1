// The diary's session and rights checks are kept in memory between pages
// (server/family/auth-cache.ts): every way a session or a right ends — a logout, a password
// changed elsewhere, expiry, a link or a student's card changed, a guardian's refusal — is seen on
// the very next page after a page was served, and one family's change leaves the others' kept
// checks alone. Over real HTTP against the small demo school.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Student } from '../../../shared/student';
import { hashToken } from '../../../server/auth/sessions';
import { api } from './helpers';
import {
  edit,
  signInDemoStaff,
  storedState,
  type DomainLogins,
  type DomainServer,
} from './domain-fixture';
import {
  classStudents,
  consentDoc,
  DiaryBrowser,
  familySignIn,
  guardianOf,
  issueLogin,
  pageText,
  startDiaryServer,
  DIARY_TODAY,
} from './diary-fixture';
import { todayIso } from '../../../shared/dates';
import { ageOn, STUDENT_ACCOUNT_AGE } from '../../../shared/family-access';

let server: DomainServer;
let staff: DomainLogins;
let students: Student[];

beforeAll(async () => {
  server = await startDiaryServer();
  staff = await signInDemoStaff(server);
  students = classStudents(server, 'staff-class-teacher');
}, 120_000);
afterAll(async () => {
  await server?.close();
});

describe('the very next page after a session or a right ends (the checks are kept in memory)', () => {
  const ended = async (phone: DiaryBrowser, path = '/diary') => (await phone.get(path)).location;
  const tokenRow = (phone: DiaryBrowser) => hashToken(phone.cookie!);

  it("a logout or a link changed by hand ends that family's cached checks only, not another's", async () => {
    const signed: DiaryBrowser[] = [];
    for (const [k, student] of [students[14]!, students[15]!].entries()) {
      const issued = await issueLogin(
        server,
        staff.classTeacher,
        consentDoc(student, guardianOf(student), 'staff-class-teacher'),
      );
      signed.push(await familySignIn(server, issued, `семья-${k}-пароль`));
    }
    const [a, b] = signed as [DiaryBrowser, DiaryBrowser];
    const cache = server.app.diaryAuthCache;
    for (const phone of [a, b, a, b]) expect((await phone.get('/diary')).status).toBe(200);
    const reads = () => ({ ...cache.reads });
    // Both are kept now: another page of each reads nothing.
    let before = reads();
    expect((await a.get('/diary')).status).toBe(200);
    expect((await b.get('/diary')).status).toBe(200);
    expect(reads()).toEqual(before);

    // A's logout: A's copied cookie is refused on its very next page; B is still from memory.
    const copy = new DiaryBrowser(server);
    copy.cookie = a.cookie;
    expect((await a.post('/diary/logout', {})).status).toBe(200);
    before = reads();
    expect((await b.get('/diary')).status).toBe(200);
    expect(reads()).toEqual(before);
    expect((await copy.get('/diary')).location).toBe('/diary/login?ended=logout');
    expect(reads().sessions).toBe(before.sessions + 1);

    // B's link written by hand (no document, no seq): B's children are read again, and only B's.
    const third = new DiaryBrowser(server);
    const issued = await issueLogin(
      server,
      staff.classTeacher,
      consentDoc(students[16]!, guardianOf(students[16]!), 'staff-class-teacher'),
    );
    expect((await third.login(issued.login, issued.password!)).status).toBe(200);
    expect((await third.get('/diary/password')).status).toBe(200);
    const bAccount = await server.db.query(
      'SELECT account_id FROM family_sessions WHERE token_hash = $1',
      [hashToken(b.cookie!)],
    );
    await server.db.query(
      'UPDATE family_links SET guardian_id = guardian_id WHERE account_id = $1',
      [bAccount.rows[0]!.account_id],
    );
    before = reads();
    expect((await third.get('/diary/password')).status).toBe(200);
    expect(reads()).toEqual(before);
    expect((await b.get('/diary')).status).toBe(200);
    expect(reads()).toEqual({ sessions: before.sessions + 1, children: before.children + 1 });
  });

  it('logout, a password changed on another phone, idle and absolute expiry', async () => {
    const student = students[10]!;
    const issued = await issueLogin(
      server,
      staff.classTeacher,
      consentDoc(student, guardianOf(student), 'staff-class-teacher'),
    );
    const first = await familySignIn(server, issued, 'семья-десять');
    const phones = [first];
    for (let i = 0; i < 3; i++) {
      const phone = new DiaryBrowser(server);
      expect((await phone.login(issued.login, 'семья-десять')).status).toBe(200);
      phones.push(phone);
    }
    for (const phone of phones) expect((await phone.get('/diary')).status).toBe(200);
    const [a, b, c, d] = phones as [DiaryBrowser, DiaryBrowser, DiaryBrowser, DiaryBrowser];

    // A logout: the same token, sent again (a copied cookie), is refused.
    const copy = new DiaryBrowser(server);
    copy.cookie = a.cookie;
    expect((await a.post('/diary/logout', {})).status).toBe(200);
    expect(await ended(copy)).toBe('/diary/login?ended=logout');

    // Another phone changes the password: every other session ends, that one stays.
    const changed = await b.post('/diary/password', {
      current: 'семья-десять',
      password: 'семья-новый-пароль',
      repeat: 'семья-новый-пароль',
    });
    expect(changed.status).toBe(200);
    expect(await ended(c)).toBe('/diary/login?ended=password-changed');
    expect((await b.get('/diary')).status).toBe(200);

    // Expiry is computed on the database's clock: a week without use, a month since the sign-in.
    const again = new DiaryBrowser(server);
    expect((await again.login(issued.login, 'семья-новый-пароль')).status).toBe(200);
    expect((await again.get('/diary')).status).toBe(200);
    await server.db.query(
      `UPDATE family_sessions SET last_used_at = now() - interval '7 days 1 minute'
       WHERE token_hash = $1`,
      [tokenRow(b)],
    );
    expect(await ended(b)).toBe('/diary/login?ended=expired');
    await server.db.query(
      `UPDATE family_sessions SET created_at = now() - interval '30 days 1 minute'
       WHERE token_hash = $1`,
      [tokenRow(again)],
    );
    expect(await ended(again)).toBe('/diary/login?ended=expired');
    expect(await ended(d)).toBe('/diary/login?ended=password-changed');
  });

  it("a link ended without any document write, and a student's card, end the rights at once", async () => {
    const [linked, leaving] = [students[11]!, students[12]!];
    const phones: DiaryBrowser[] = [];
    for (const [i, child] of [linked, leaving].entries()) {
      const issued = await issueLogin(
        server,
        staff.classTeacher,
        consentDoc(child, guardianOf(child), 'staff-class-teacher'),
      );
      const phone = await familySignIn(server, issued, `семья-права-${i}`);
      expect((await phone.get(`/diary/c/${child.id}`)).status).toBe(200);
      phones.push(phone);
    }
    // family_links written directly (no document, no seq): the family epoch alone says so.
    const docsBefore = await server.db.query('SELECT max(seq) AS seq FROM documents');
    await server.db.query(
      `UPDATE family_links SET active = false, ended_reason = 'проверка'
       WHERE student_id = $1`,
      [linked.id],
    );
    expect((await server.db.query('SELECT max(seq) AS seq FROM documents')).rows).toEqual(
      docsBefore.rows,
    );
    expect(await ended(phones[0]!, `/diary/c/${linked.id}`)).toBe(
      '/diary/login?ended=access-closed',
    );

    // The student leaves the school: only the card changes (its links stay), the right ends.
    const card = await storedState(server, 'students', leaving.id);
    await server.app.syncEngine.write(
      [
        {
          collection: 'students',
          rows: [{ newDocumentState: edit(card as never, 'status', 'left', 'staff-admin') }],
        },
      ],
      { accountId: null, deviceId: null },
      'import',
    );
    const open = await server.db.query(
      'SELECT count(*)::int AS n FROM family_links WHERE student_id = $1 AND active',
      [leaving.id],
    );
    expect(open.rows[0]!.n).toBe(1);
    expect(await ended(phones[1]!, `/diary/c/${leaving.id}`)).toBe(
      '/diary/login?ended=access-closed',
    );
  });

  it("a student's own login (14 and over) follows the guardian's refusal on the next page", async () => {
    const student = server.school.students
      .filter((s) => s.status === 'active' && Object.keys(s.guardians).length > 0)
      // The issuing route counts the age on the real date, the diary on its own "today".
      .filter((s) =>
        [DIARY_TODAY, todayIso()].every((d) => (ageOn(s.birthDate, d) ?? 0) >= STUDENT_ACCOUNT_AGE),
      )
      .sort((x, y) => (x.id < y.id ? -1 : 1))[0]!;
    const guardianId = guardianOf(student);
    const consent = consentDoc(student, guardianId, 'staff-admin');
    const importConsent = (doc: typeof consent) =>
      server.app.syncEngine.write(
        [{ collection: 'consents', rows: [{ newDocumentState: { ...doc, _deleted: false } }] }],
        { accountId: null, deviceId: null },
        'import',
      );
    await importConsent(consent);
    const res = await api(
      server,
      'POST',
      '/api/v1/family/student-logins',
      { studentId: student.id },
      staff.admin.token,
    );
    expect(res.status).toBe(201);
    const own = await familySignIn(server, res.body as never, 'мой-пароль-ученика');
    const page = await own.get('/diary');
    expect(page.status).toBe(200);
    expect(pageText(page.text)).toContain(student.lastName);
    await importConsent(
      consentDoc(student, guardianId, 'staff-admin', { decision: 'refusal' }, consent),
    );
    expect(await ended(own)).toBe('/diary/login?ended=access-closed');
  });
});
