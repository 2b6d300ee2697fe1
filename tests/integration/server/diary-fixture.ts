// Test helpers for the family e-diary: a domain server with the small demo school, consents as
// the class teacher's desktop writes them, issuing a login over HTTP, and a family's browser (a
// cookie jar and the diary script's form posts) against the real /diary routes.
import {
  ConsentSchema,
  consentId,
  type Consent,
  type ConsentDecision,
} from '../../../shared/consent';
import { createClock } from '../../../shared/hlc';
import type { IssuedLogin } from '../../../shared/family-access';
import type { Student } from '../../../shared/student';
import { generateSchool } from '../../../shared/demo';
import type { Snapshot } from '../../../shared/snapshot';
import type { ServerOptions } from '../../../server/app';
import { api, type TestServer } from './helpers';
import { startDomainServer, type DomainServer, type Login } from './domain-fixture';

/** The diary tests' "today": a Friday of the demo's open second quarter. */
export const DIARY_TODAY = '2026-12-04';

let schoolCache: Snapshot | undefined;

/** The small demo school filled in up to DIARY_TODAY (the second quarter open). */
export function diarySchool(): Snapshot {
  schoolCache ??= generateSchool({ students: 90, seed: 7, asOf: DIARY_TODAY });
  return schoolCache;
}

/** A domain server over diarySchool() whose diary lives on DIARY_TODAY, notifier run by hand. */
export function startDiaryServer(server: Partial<ServerOptions> = {}): Promise<DomainServer> {
  return startDomainServer({
    school: diarySchool(),
    server: { today: () => DIARY_TODAY, diary: { notifyIntervalMs: null }, ...server },
  });
}

/** A consent document signed by the class teacher, as the desktop's repository makes it. */
export function consentDoc(
  student: Pick<Student, 'id' | 'classId'>,
  guardianId: string,
  by: string,
  answer: {
    decision?: ConsentDecision;
    loginIssued?: boolean;
    channel?: 'electronic' | 'paper';
  } = {},
  previous?: Consent,
): Consent {
  const clock = createClock(`t${Math.random().toString(36).slice(2, 8)}`);
  for (const s of Object.values(previous?.stamps ?? {})) clock.receive(s.at);
  const at = clock.tick();
  const stamps = Object.fromEntries(
    ['decision', 'date', 'channel', 'registeredBy', 'loginIssued', 'note'].map((p) => [
      p,
      { at, by },
    ]),
  );
  return ConsentSchema.parse({
    id: consentId(student.id, guardianId),
    studentId: student.id,
    guardianId,
    classId: student.classId,
    decision: answer.decision ?? 'consent',
    date: '2026-11-20',
    channel:
      answer.decision && answer.decision !== 'consent' ? 'paper' : (answer.channel ?? 'electronic'),
    registeredBy: by,
    loginIssued: answer.loginIssued ?? (answer.decision ?? 'consent') === 'consent',
    note: '',
    stamps,
  });
}

/** Pushes a consent through the sync API (what the desktop's replication does). */
export async function pushConsent(
  server: Pick<TestServer, 'url'>,
  who: Pick<Login, 'token'>,
  consent: Consent,
): Promise<void> {
  const res = await api(
    server,
    'POST',
    '/api/v1/sync/consents/push',
    [{ newDocumentState: { ...consent, _deleted: false } }],
    who.token,
  );
  if (res.status !== 200)
    throw new Error(`consent push ${res.status}: ${JSON.stringify(res.body)}`);
}

/** Issues a guardian's login as the desktop does after «логин выдан» (201 expected). */
export async function issueLogin(
  server: Pick<TestServer, 'url'>,
  who: Pick<Login, 'token'>,
  consent: Consent,
): Promise<IssuedLogin> {
  const res = await api(
    server,
    'POST',
    '/api/v1/family/logins',
    { consent: { ...consent, _deleted: false } },
    who.token,
  );
  if (res.status !== 201) throw new Error(`issue ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as IssuedLogin;
}

export interface DiaryResponse {
  status: number;
  text: string;
  json: Record<string, unknown> | null;
  location: string | null;
  headers: Headers;
}

/** A family's browser: keeps the session cookie, posts forms as the diary's script does. */
export class DiaryBrowser {
  cookie: string | null = null;

  constructor(readonly server: Pick<TestServer, 'url'>) {}

  private async send(
    method: string,
    path: string,
    body?: unknown,
    extra: Record<string, string> = {},
  ): Promise<DiaryResponse> {
    const res = await fetch(this.server.url + path, {
      method,
      redirect: 'manual',
      headers: {
        ...(this.cookie ? { cookie: `diary_session=${this.cookie}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json', 'x-diary-form': '1' }),
        ...extra,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = res.headers.get('set-cookie');
    const match = setCookie ? /diary_session=([^;]*)/.exec(setCookie) : null;
    if (match) this.cookie = match[1] || null;
    const text = await res.text();
    let json: Record<string, unknown> | null = null;
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // an HTML page
    }
    return {
      status: res.status,
      text,
      json,
      location:
        res.headers.get('location') ?? (typeof json?.location === 'string' ? json.location : null),
      headers: res.headers,
    };
  }

  get(path: string, headers: Record<string, string> = {}): Promise<DiaryResponse> {
    return this.send('GET', path, undefined, headers);
  }

  post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<DiaryResponse> {
    return this.send('POST', path, body, headers);
  }

  /** Signs in; returns the answer (a `location` on success, an error message otherwise). */
  login(login: string, password: string): Promise<DiaryResponse> {
    return this.post('/diary/login', { login, password });
  }
}

/** Signs in with the slip and replaces the one-time password; the browser is then in. */
export async function familySignIn(
  server: Pick<TestServer, 'url'>,
  issued: IssuedLogin,
  password = 'свой-пароль-1',
): Promise<DiaryBrowser> {
  const browser = new DiaryBrowser(server);
  const login = await browser.login(issued.login, issued.password!);
  if (login.status !== 200) throw new Error(`diary login ${login.status}: ${login.text}`);
  const changed = await browser.post('/diary/password', { password, repeat: password });
  if (changed.status !== 200) throw new Error(`password ${changed.status}: ${changed.text}`);
  return browser;
}

/** Students of the class teacher's class with at least one guardian, in a stable order. */
export function classStudents(server: DomainServer, classTeacherStaffId: string): Student[] {
  const cls = server.school.classes.find((c) => c.classTeacherId === classTeacherStaffId);
  if (!cls) throw new Error(`no class led by ${classTeacherStaffId}`);
  return server.school.students
    .filter(
      (s) => s.classId === cls.id && s.status === 'active' && Object.keys(s.guardians).length > 0,
    )
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** The student's first guardian by id (the one the tests register a consent for). */
export const guardianOf = (s: Student): string => Object.keys(s.guardians).sort()[0]!;

/** Visible text of an HTML page (tags removed, entities of our escaping decoded). */
export function pageText(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}
