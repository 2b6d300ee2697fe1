// The family e-diary over real HTTP against the small demo school: a consent with «логин выдан»
// gives a login only through the server; the one-time password must be replaced first; the week
// shows a mark a teacher pushed a moment before; a withdrawal ends the session in the same write
// and the next sign-in is refused in Russian; a new password (compromise) ends every session; a
// server-side import of a refusal closes access too (the consent hook runs for every write kind).
// How a kept session or right ends on the very next page: diary-session-end.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lesson } from '../../../shared/lesson';
import { setPart } from '../../../shared/merge';
import { createClock } from '../../../shared/hlc';
import type { Student } from '../../../shared/student';
import { api, push } from './helpers';
import {
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
  pushConsent,
  startDiaryServer,
} from './diary-fixture';

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

describe('issuing a family login', () => {
  it('needs the class teacher of the class: another teacher gets 403 and no account exists', async () => {
    const student = students[0]!;
    const res = await api(
      server,
      'POST',
      '/api/v1/family/logins',
      {
        consent: { ...consentDoc(student, guardianOf(student), 'staff-teacher'), _deleted: false },
      },
      staff.teacher.token,
    );
    expect(res.status).toBe(403);
    const n = await server.db.query('SELECT count(*)::int AS n FROM family_accounts');
    expect(n.rows[0]!.n).toBe(0);
  });

  it('refuses without a consent: a refusal gives no login (409, Russian)', async () => {
    const student = students[1]!;
    const refusal = consentDoc(student, guardianOf(student), 'staff-class-teacher', {
      decision: 'refusal',
      loginIssued: true,
    });
    const res = await api(
      server,
      'POST',
      '/api/v1/family/logins',
      { consent: { ...refusal, _deleted: false } },
      staff.classTeacher.token,
    );
    expect(res.status).toBe(409);
    expect(JSON.stringify(res.body)).toMatch(/после согласия/);
  });

  it('stores the consent through the write path and returns a login with a one-time password', async () => {
    const student = students[2]!;
    const guardianId = guardianOf(student);
    const consent = consentDoc(student, guardianId, 'staff-class-teacher');
    const issued = await issueLogin(server, staff.classTeacher, consent);
    expect(issued.login).toMatch(/^[a-z-]+-\d{4}$/);
    expect(issued.password).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    const g = student.guardians[guardianId]!;
    expect(issued.holderName).toBe(
      [g.lastName, g.firstName, g.middleName].filter(Boolean).join(' '),
    );
    const stored = await storedState(server, 'consents', consent.id);
    expect(stored.loginIssued).toBe(true);
    expect(stored.decision).toBe('consent');
    // Issuing again while the login works: refused, the login named.
    const again = await api(
      server,
      'POST',
      '/api/v1/family/logins',
      { consent: { ...consent, _deleted: false } },
      staff.classTeacher.token,
    );
    expect(again.status).toBe(409);
    expect(JSON.stringify(again.body)).toContain(issued.login);
  });
});

describe('a family in the diary', () => {
  it('must change the one-time password before any page, then sees a fresh mark; a withdrawal ends it', async () => {
    const student = students[3]!;
    const guardianId = guardianOf(student);
    const consent = consentDoc(student, guardianId, 'staff-class-teacher');
    const issued = await issueLogin(server, staff.classTeacher, consent);

    const browser = new DiaryBrowser(server);
    const wrong = await browser.login(issued.login, 'не-тот-пароль');
    expect(wrong.status).toBe(401);
    expect(wrong.json?.error).toMatchObject({ message: 'Неверный логин или пароль' });
    const first = await browser.login(issued.login, issued.password!);
    expect(first.status).toBe(200);
    expect(first.location).toBe('/diary/password');
    // Every page sends the family to the password form until the password is changed.
    const week = await browser.get('/diary');
    expect(week.status).toBe(303);
    expect(week.location).toBe('/diary/password');
    const same = await browser.post('/diary/password', {
      password: issued.password,
      repeat: issued.password,
    });
    expect(same.status).toBe(400);
    const short = await browser.post('/diary/password', { password: 'корот', repeat: 'корот' });
    expect(pageText(JSON.stringify(short.json))).toMatch(/не меньше 8/);
    const ok = await browser.post('/diary/password', {
      password: 'мой-пароль-7',
      repeat: 'мой-пароль-7',
    });
    expect(ok.status).toBe(200);
    expect(ok.location).toBe('/diary');
    // The one-time password no longer works.
    expect((await new DiaryBrowser(server).login(issued.login, issued.password!)).status).toBe(401);

    // A teacher of the class types a mark in a lesson of the week; the diary shows it at once.
    const cls = server.school.classes.find((c) => c.id === student.classId)!;
    const lesson = server.school.lessons
      .filter((l) => l.classId === cls.id && l.status === 'held' && l.teacherId === 'staff-teacher')
      .sort((a, b) => (a.date < b.date ? -1 : 1))
      .at(-1)!;
    expect(lesson.date >= '2026-11-30').toBe(true);
    const stored = (await storedState(server, 'lessons', lesson.id)) as unknown as Lesson & {
      _deleted: boolean;
    };
    const clock = createClock('teacherpc');
    for (const s of Object.values(stored.stamps)) clock.receive(s.at);
    const entry = {
      marks: [{ value: '2' as const, workTypeId: 'test', comment: 'Повторить дроби' }],
      attendance: null,
    };
    const next = setPart(stored, `entries.${student.id}`, entry, {
      at: clock.tick(),
      by: 'staff-teacher',
    });
    expect(
      await push(server, staff.teacher.token, 'lessons', [
        { assumedMasterState: stored, newDocumentState: next },
      ]),
    ).toEqual([]);
    const page = await browser.get(`/diary/c/${student.id}?week=${lesson.date}`);
    expect(page.status).toBe(200);
    const text = pageText(page.text);
    expect(text).toContain('Повторить дроби');
    expect(text).toContain('Контрольная работа, вес 3');
    expect(text).toContain(student.lastName);

    // The class teacher registers the withdrawal: the session ends in that write.
    await pushConsent(
      server,
      staff.classTeacher,
      consentDoc(student, guardianId, 'staff-class-teacher', { decision: 'withdrawal' }, consent),
    );
    const after = await browser.get(`/diary/c/${student.id}`);
    expect(after.status).toBe(303);
    expect(after.location).toBe('/diary/login?ended=access-closed');
    const login = await browser.login(issued.login, 'мой-пароль-7');
    expect(login.status).toBe(403);
    expect(String((login.json?.error as { message: string }).message)).toMatch(
      /согласие на обработку персональных данных отозвано/,
    );
    const sessions = await server.db.query(
      'SELECT count(*)::int AS n FROM family_sessions s JOIN family_accounts a ON a.id = s.account_id WHERE a.login = $1 AND s.revoked_at IS NULL',
      [issued.login],
    );
    expect(sessions.rows[0]!.n).toBe(0);
  });

  it('a new password for a reported compromise ends every session and needs a new password again', async () => {
    const student = students[4]!;
    const guardianId = guardianOf(student);
    const issued = await issueLogin(
      server,
      staff.classTeacher,
      consentDoc(student, guardianId, 'staff-class-teacher'),
    );
    const phone = await familySignIn(server, issued, 'первый-пароль');
    expect((await phone.get('/diary')).status).toBe(200);
    const res = await api(
      server,
      'POST',
      '/api/v1/family/passwords',
      { studentId: student.id, guardianId, compromised: true },
      staff.classTeacher.token,
    );
    expect(res.status).toBe(200);
    const fresh = res.body as { login: string; password: string };
    expect(fresh.login).toBe(issued.login);
    expect(fresh.password).not.toBe(issued.password);
    const gone = await phone.get('/diary');
    expect(gone.location).toBe('/diary/login?ended=new-password');
    expect((await new DiaryBrowser(server).login(issued.login, 'первый-пароль')).status).toBe(401);
    const again = new DiaryBrowser(server);
    expect((await again.login(issued.login, fresh.password)).location).toBe('/diary/password');
  });

  it('a server-side write of the consent (an import, not a push) closes access in the same commit', async () => {
    const student = students[5]!;
    const guardianId = guardianOf(student);
    const consent = consentDoc(student, guardianId, 'staff-class-teacher');
    const issued = await issueLogin(server, staff.classTeacher, consent);
    const phone = await familySignIn(server, issued, 'свой-пароль-5');
    expect((await phone.get('/diary')).status).toBe(200);
    const refusal = consentDoc(
      student,
      guardianId,
      'staff-class-teacher',
      { decision: 'refusal' },
      consent,
    );
    await server.app.syncEngine.write(
      [{ collection: 'consents', rows: [{ newDocumentState: { ...refusal, _deleted: false } }] }],
      { accountId: null, deviceId: null },
      'import',
    );
    const gone = await phone.get('/diary');
    expect(gone.location).toBe('/diary/login?ended=access-closed');
    const login = await new DiaryBrowser(server).login(issued.login, 'свой-пароль-5');
    expect(login.status).toBe(403);
    expect(String((login.json?.error as { message: string }).message)).toMatch(/отказ/);
  });

  it("the week cache: a mark typed after a view is on the next view, never on the classmate's page; an unchanged week is a 304", async () => {
    const [a, b] = [students[6]!, students[7]!];
    expect(a.classId).toBe(b.classId);
    const phones = new Map<string, DiaryBrowser>();
    for (const [i, child] of [a, b].entries()) {
      const issued = await issueLogin(
        server,
        staff.classTeacher,
        consentDoc(child, guardianOf(child), 'staff-class-teacher'),
      );
      phones.set(child.id, await familySignIn(server, issued, `пароль-семьи-${i}`));
    }
    const lesson = server.school.lessons
      .filter(
        (l) => l.classId === a.classId && l.status === 'held' && l.teacherId === 'staff-teacher',
      )
      .sort((x, y) => (x.date < y.date ? -1 : 1))
      .at(-1)!;
    const weekOf = (child: Student) =>
      phones.get(child.id)!.get(`/diary/c/${child.id}?week=${lesson.date}`);
    // Both families read the class's week first: the cache holds it now.
    const before = await weekOf(a);
    expect(before.status).toBe(200);
    expect((await weekOf(b)).status).toBe(200);
    const etag = before.headers.get('etag')!;
    expect(etag).toMatch(/^W\/"/);
    expect(before.headers.get('cache-control')).toBe('private, no-cache');
    const unchanged = await phones.get(a.id)!.get(`/diary/c/${a.id}?week=${lesson.date}`, {
      'if-none-match': etag,
    });
    expect(unchanged.status).toBe(304);
    expect(unchanged.text).toBe('');

    const typeMark = async (child: Student, comment: string) => {
      const stored = (await storedState(server, 'lessons', lesson.id)) as unknown as Lesson & {
        _deleted: boolean;
      };
      const clock = createClock('teacherpc2');
      for (const st of Object.values(stored.stamps)) clock.receive(st.at);
      const next = setPart(
        stored,
        `entries.${child.id}`,
        { marks: [{ value: '4' as const, workTypeId: 'test', comment }], attendance: null },
        { at: clock.tick(), by: 'staff-teacher' },
      );
      expect(
        await push(server, staff.teacher.token, 'lessons', [
          { assumedMasterState: stored, newDocumentState: next },
        ]),
      ).toEqual([]);
    };
    await typeMark(a, 'Молодец, дроби решены');
    const afterA = await phones.get(a.id)!.get(`/diary/c/${a.id}?week=${lesson.date}`, {
      'if-none-match': etag,
    });
    expect(afterA.status).toBe(200);
    expect(pageText(afterA.text)).toContain('Молодец, дроби решены');
    expect(afterA.headers.get('etag')).not.toBe(etag);
    const classmate = await weekOf(b);
    expect(pageText(classmate.text)).not.toContain('Молодец, дроби решены');
    expect(classmate.text).not.toContain(a.id);
    expect(pageText(classmate.text)).not.toContain(`${a.lastName} ${a.firstName}`);

    await typeMark(b, 'Повторить таблицу');
    const pageB = pageText((await weekOf(b)).text);
    expect(pageB).toContain('Повторить таблицу');
    expect(pageB).not.toContain('Молодец, дроби решены');
    const pageA = pageText((await weekOf(a)).text);
    expect(pageA).toContain('Молодец, дроби решены');
    expect(pageA).not.toContain('Повторить таблицу');
  });

  it('a family locked out by wrong passwords is unlocked by the class teacher or the admin (one rule with staff), recorded', async () => {
    const student = students[8]!;
    const guardianId = guardianOf(student);
    const issued = await issueLogin(
      server,
      staff.classTeacher,
      consentDoc(student, guardianId, 'staff-class-teacher'),
    );
    await familySignIn(server, issued, 'верный-пароль-8');
    const phone = new DiaryBrowser(server);
    let last = await phone.login(issued.login, 'не-тот-пароль');
    for (let i = 0; i < 10 && last.status !== 429; i++) {
      last = await phone.login(issued.login, 'не-тот-пароль');
    }
    expect(last.status).toBe(429);
    const locked = await phone.login(issued.login, 'верный-пароль-8');
    expect(locked.status).toBe(429);
    expect(String((locked.json?.error as { message: string }).message)).toMatch(/Повторите через/);
    const rowOf = async () => {
      const res = await api(
        server,
        'GET',
        `/api/v1/family/classes/${student.classId}`,
        undefined,
        staff.classTeacher.token,
      );
      expect(res.status).toBe(200);
      const rows = (res.body as { rows: { login: string; locked: boolean }[] }).rows;
      return rows.find((r) => r.login === issued.login)!;
    };
    expect((await rowOf()).locked).toBe(true);
    const holder = { studentId: student.id, guardianId };
    // A teacher who does not lead the class may not; a deputy neither.
    for (const who of [staff.teacher, staff.deputy]) {
      const refused = await api(server, 'POST', '/api/v1/family/unlock', holder, who.token);
      expect([403, 404]).toContain(refused.status);
    }
    expect((await phone.login(issued.login, 'верный-пароль-8')).status).toBe(429);
    const unlocked = await api(
      server,
      'POST',
      '/api/v1/family/unlock',
      holder,
      staff.classTeacher.token,
    );
    expect(unlocked.status).toBe(200);
    expect(unlocked.body).toMatchObject({ ok: true, login: issued.login });
    expect((await rowOf()).locked).toBe(false);
    const back = await phone.login(issued.login, 'верный-пароль-8');
    expect(back.status).toBe(200);
    const log = await server.db.query(
      `SELECT ip, account_id FROM login_attempts WHERE login = $1 AND outcome = 'unlocked'`,
      [`diary:${issued.login}`],
    );
    expect(log.rows).toHaveLength(1);
    expect(log.rows[0]!.account_id).not.toBeNull();
    // The admin may too (the same rule): nothing is locked now, the unlock is still recorded.
    const byAdmin = await api(server, 'POST', '/api/v1/family/unlock', holder, staff.admin.token);
    expect(byAdmin.status).toBe(200);
    const none = await api(
      server,
      'POST',
      '/api/v1/family/unlock',
      { studentId: students[9]!.id, guardianId: guardianOf(students[9]!) },
      staff.classTeacher.token,
    );
    expect(none.status).toBe(409);
  });
});
