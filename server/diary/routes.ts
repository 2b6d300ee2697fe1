// /diary: the families' e-diary, server-rendered Russian HTML (docs/DIARY.md). A family signs in
// with the login from the slip, must replace the one-time password, then reads only the children
// the rights check (family/scope.ts) gives — every page built from that child's data alone. The
// session is an HttpOnly cookie for /diary only; forms are posted by the diary's script as JSON
// with a header no other site can send (CSRF), under the server's one CSP.
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Db } from '../db/db';
import { ApiError, messages, type ErrorCode } from '../errors';
import { errorBody } from '../http/error-handler';
import { getDummyHash, verifyPassword } from '../auth/passwords';
import { recordLoginAttempt } from '../auth/login-attempts';
import type { LoginLockout } from '../auth/lockout';
import { ownPasswordSchema } from '../auth/own-password';
import { parseBody } from '../validation';
import { IdSchema } from '../../shared/common';
import { todayIso } from '../../shared/dates';
import { DocumentError } from '../../shared/documents/source';
import { gradingRules } from '../../shared/diary/subjects';
import { diaryPeriod } from '../../shared/diary/subjects';
import { diaryResults } from '../../shared/diary/results';
import { diarySchedule } from '../../shared/diary/schedule';
import { diaryWeek, weekStart } from '../../shared/diary/week';
import { periodForDate, SCHEME_PERIOD_KIND, type Period } from '../../shared/period';
import {
  findFamilyAccount,
  familyLoginKey,
  findFamilyAccountByLogin,
  normalizeFamilyLogin,
  setFamilyPassword,
} from '../family/accounts';
import { ACCESS_CLOSED, SESSION_ENDED } from '../family/messages';
import { familyChildren, type FamilyChild } from '../family/scope';
import {
  checkFamilySession,
  endFamilySession,
  FAMILY_SESSION_LIFETIME,
  openFamilySession,
  SessionUse,
  type SessionEnd,
} from '../family/sessions';
import { childChanges, childViewers } from './changes';
import {
  DiaryUnavailableError,
  loadChildSource,
  loadChildWeekSource,
  loadClassAverages,
} from './child-source';
import { html } from './html';
import { loginPage, messagePage, passwordPage, settingsPage } from './pages/account-pages';
import { changesPage, marksPage, resultsPage, schedulePage, weekPage } from './pages/child-pages';
import { page, type PageChild, type PageFrame } from './pages/layout';
import { DIARY_SCRIPT } from './pages/script';
import type { DiaryReference } from './reference';
import { emailAvailable, readDiarySettings } from './settings';
import type { ViewLog } from './view-log';
import { DiaryWeekCache } from './week-cache';

export const SESSION_COOKIE = 'diary_session';
/** Only the diary's own script sends it; a form on another site cannot (no CORS for /diary). */
export const FORM_HEADER = 'x-diary-form';
/** Family logins in the shared security log of sign-in attempts (familyLoginKey). */
export const LOGIN_LOG_PREFIX = familyLoginKey('');

export interface DiaryRoutesOptions {
  db: Db;
  views: ViewLog;
  /** The staff's lockout (app.loginLockout): one set of counters for every sign-in. */
  lockout: LoginLockout;
  /** The school-wide documents, shared with the notifier. */
  ref: DiaryReference;
  /** The school's "today" (tests move it); default: the server's local date. */
  today?: () => string;
}

const loginBody = z.object({
  login: z.string().trim().min(1, 'Введите логин').max(100),
  password: z.string().min(1, 'Введите пароль').max(200),
});
const passwordBody = z.object({
  current: z.string().max(200).optional(),
  password: z.string().max(200),
  repeat: z.string().max(200),
});
const settingsBody = z.object({
  email: z.string().trim().max(120).default(''),
  dailyDigest: z.boolean().default(false),
  periodMarks: z.boolean().default(false),
});
const weekQuery = z.object({
  week: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
});
const periodQuery = z.object({ period: IdSchema.optional() });
const endedQuery = z.object({ ended: z.string().max(40).optional() });

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function readCookie(request: FastifyRequest, name: string): string | null {
  const header = request.headers.cookie;
  if (typeof header !== 'string') return null;
  for (const pair of header.split(';')) {
    const [key, ...rest] = pair.trim().split('=');
    if (key === name) return rest.join('=') || null;
  }
  return null;
}

function sessionCookie(request: FastifyRequest, token: string | null): string {
  const secure = request.protocol === 'https' ? '; Secure' : '';
  const life = token
    ? `; Max-Age=${Math.floor(FAMILY_SESSION_LIFETIME.absoluteMs / 1000)}`
    : '; Max-Age=0';
  return `${SESSION_COOKIE}=${token ?? ''}; Path=/diary; HttpOnly; SameSite=Lax${life}${secure}`;
}

/** A POST must come from the diary's own script on this origin. */
function checkForm(request: FastifyRequest): void {
  const refuse = () => {
    throw new ApiError(
      403,
      'FORBIDDEN',
      'Форма отправлена не со страницы дневника. Откройте дневник заново.',
    );
  };
  if (request.headers[FORM_HEADER] !== '1') refuse();
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin') refuse();
  const origin = request.headers.origin;
  if (typeof origin === 'string' && origin !== `${request.protocol}://${request.headers.host}`) {
    refuse();
  }
}

/** Thrown by page handlers: a redirect (session ended, password to change). */
class Redirect extends Error {
  constructor(readonly location: string) {
    super(location);
  }
}

interface Signed {
  token: string;
  account: NonNullable<Awaited<ReturnType<typeof findFamilyAccount>>>;
  tokenHash: string;
  children: FamilyChild[];
}

export function registerDiaryRoutes(app: FastifyInstance, options: DiaryRoutesOptions): void {
  const { db, views } = options;
  const today = options.today ?? (() => todayIso());
  const ref = options.ref;
  const lockout = options.lockout;
  // The week page's cache, dropped entry by entry as the reference's reads report stored lessons.
  const weeks = new DiaryWeekCache();
  ref.onStored((changes) => weeks.invalidate(changes));
  const sessionUse = new SessionUse(db);
  app.addHook('onClose', async () => {
    await sessionUse.flush().catch(() => undefined);
  });

  const schoolName = async () => {
    await ref.refresh(db);
    return ref.school?.shortName ?? '';
  };

  /** The signed-in family, or a Redirect to the login page saying why. */
  async function signed(
    request: FastifyRequest,
    opts: { allowTemporary?: boolean } = {},
  ): Promise<Signed> {
    const token = readCookie(request, SESSION_COOKIE);
    if (!token) throw new Redirect('/diary/login');
    const check = await checkFamilySession(db, token, sessionUse);
    if (!check.ok) throw new Redirect(`/diary/login?ended=${check.reason}`);
    const children = await familyChildren(db, check.account.id);
    if (children.length === 0) {
      await endFamilySession(db, token, 'access-closed');
      throw new Redirect('/diary/login?ended=access-closed');
    }
    if (check.account.passwordTemporary && !opts.allowTemporary)
      throw new Redirect('/diary/password');
    return {
      token,
      tokenHash: check.tokenHash,
      account: { ...check.account, passwordHash: '' },
      children,
    };
  }

  function pageChild(child: FamilyChild): PageChild {
    return {
      studentId: child.studentId,
      name: [child.lastName, child.firstName].filter(Boolean).join(' '),
      className: ref.classes.get(child.classId)?.name ?? '',
    };
  }

  function frameOf(
    s: Signed,
    current: FamilyChild | null,
    section: PageFrame['section'],
  ): PageFrame {
    return {
      title: '',
      schoolName: ref.school?.shortName ?? '',
      holder: s.account.displayName,
      children: s.children.map(pageChild),
      current: current ? pageChild(current) : null,
      section,
    };
  }

  function sendPage(
    reply: FastifyReply,
    body: string,
    status = 200,
    cache = 'no-store',
  ): FastifyReply {
    return reply
      .code(status)
      .header('Content-Type', 'text/html; charset=utf-8')
      .header('Cache-Control', cache)
      .send(body);
  }

  function recordView(request: FastifyRequest, s: Signed, child: FamilyChild, what: string): void {
    views.record({
      accountId: s.account.id,
      studentId: child.studentId,
      what,
      at: new Date(),
      ip: request.ip,
    });
  }

  /** The class's reporting period: the one asked for (of the class's scheme) or today's. */
  function periodOf(child: FamilyChild, periodId: string | undefined): Period | undefined {
    const cls = ref.classes.get(child.classId);
    if (!cls) return undefined;
    const periods = [...ref.periods.values()].filter((p) => p.yearId === cls.yearId);
    const asked = periodId ? ref.periods.get(periodId) : undefined;
    if (
      asked &&
      asked.yearId === cls.yearId &&
      asked.kind === SCHEME_PERIOD_KIND[cls.periodScheme]
    ) {
      if (asked.scheme === cls.periodScheme) return asked;
    }
    return periodForDate(periods, cls.periodScheme, today());
  }

  void app.register(
    async (diary) => {
      // Compressed by the server-wide hooks (server/http/compression.ts), as every answer is.
      diary.setErrorHandler((error, request, reply) => {
        if (error instanceof Redirect) {
          // The diary's script follows `location`; a browser's GET follows the 303.
          if (request.method === 'GET' || request.method === 'HEAD') {
            return reply.code(303).header('Location', error.location).send();
          }
          return reply.code(401).send({
            ...errorBody('UNAUTHORIZED', messages.unauthorized),
            location: error.location,
          });
        }
        const known = error instanceof ApiError;
        const status = known
          ? error.statusCode
          : error instanceof DiaryUnavailableError
            ? 503
            : error instanceof DocumentError
              ? 409
              : 500;
        const code: ErrorCode = known ? error.code : status === 500 ? 'INTERNAL' : 'CONFLICT';
        const message =
          known || error instanceof DiaryUnavailableError || error instanceof DocumentError
            ? (error as Error).message
            : messages.internal;
        if (status === 500) request.log.error({ err: error }, 'diary page failed');
        if (request.method !== 'GET' && request.method !== 'HEAD') {
          return reply.code(status).send(errorBody(code, message));
        }
        return sendPage(
          reply,
          page(
            {
              title: 'Ошибка',
              schoolName: ref.school?.shortName ?? '',
              holder: null,
              children: [],
              current: null,
              section: null,
            },
            html`<h1>Страница не открылась</h1>
              <p>${message}</p>
              <p><a href="/diary">Открыть дневник</a></p>`,
          ),
          status,
        );
      });

      diary.get('/diary.js', async (_request, reply) =>
        reply
          .header('Content-Type', 'application/javascript; charset=utf-8')
          .header('Cache-Control', 'public, max-age=86400')
          .send(DIARY_SCRIPT),
      );

      diary.get('/login', async (request, reply) => {
        const query = parseBody(endedQuery, request.query);
        const code = query.ended as SessionEnd | undefined;
        const notice = code && Object.hasOwn(SESSION_ENDED, code) ? SESSION_ENDED[code] : null;
        return sendPage(reply, loginPage(await schoolName(), notice));
      });

      diary.post('/login', async (request, reply) => {
        checkForm(request);
        const body = parseBody(loginBody, request.body);
        const login = normalizeFamilyLogin(body.login);
        const key = familyLoginKey(login);
        const ip = request.ip;
        const known = await lockout.isKnownAddress(key, ip);
        const waitMs = lockout.waitMs(key, ip, known);
        if (waitMs > 0) {
          const seconds = Math.ceil(waitMs / 1000);
          await recordLoginAttempt(db, { login: key, ip, outcome: 'locked-out' });
          reply.header('Retry-After', String(seconds));
          throw new ApiError(429, 'TOO_MANY_ATTEMPTS', messages.tooManyAttempts(seconds));
        }
        const account = await findFamilyAccountByLogin(db, login);
        const valid = await verifyPassword(
          body.password,
          account?.passwordHash ?? (await getDummyHash()),
        );
        if (!account || !valid) {
          lockout.fail(key, ip, known);
          await recordLoginAttempt(db, {
            login: key,
            ip,
            outcome: account ? 'wrong-password' : 'unknown-login',
            accountId: account?.id ?? null,
          });
          throw new ApiError(401, 'INVALID_CREDENTIALS', messages.invalidCredentials);
        }
        const refuse = async (message: string) => {
          await recordLoginAttempt(db, {
            login: key,
            ip,
            outcome: 'disabled',
            accountId: account.id,
          });
          throw new ApiError(403, 'ACCOUNT_DISABLED', message);
        };
        if (account.disabledAt !== null)
          await refuse(account.disabledReason ?? ACCESS_CLOSED.takenBack);
        if (
          account.passwordTemporary &&
          account.temporaryExpiresAt !== null &&
          new Date(account.temporaryExpiresAt).getTime() < Date.now()
        ) {
          await refuse(ACCESS_CLOSED.temporaryExpired);
        }
        if ((await familyChildren(db, account.id)).length === 0)
          await refuse(ACCESS_CLOSED.noChildren);
        lockout.succeed(key, ip);
        const token = await openFamilySession(db, account.id);
        await recordLoginAttempt(db, { login: key, ip, outcome: 'success', accountId: account.id });
        request.log.info({ login: key }, 'diary login');
        reply.header('Set-Cookie', sessionCookie(request, token));
        return { location: account.passwordTemporary ? '/diary/password' : '/diary' };
      });

      diary.post('/logout', async (request, reply) => {
        checkForm(request);
        const token = readCookie(request, SESSION_COOKIE);
        if (token) await endFamilySession(db, token, 'logout');
        reply.header('Set-Cookie', sessionCookie(request, null));
        return { location: '/diary/login?ended=logout' };
      });

      diary.get('/password', async (request, reply) => {
        const s = await signed(request, { allowTemporary: true });
        await ref.refresh(db);
        return sendPage(reply, passwordPage(frameOf(s, null, null), s.account.passwordTemporary));
      });

      diary.post('/password', async (request) => {
        checkForm(request);
        const s = await signed(request, { allowTemporary: true });
        const body = parseBody(passwordBody, request.body);
        const stored = await findFamilyAccount(db, s.account.id);
        if (!stored) throw new ApiError(401, 'UNAUTHORIZED', messages.unauthorized);
        if (!stored.passwordTemporary) {
          if (!body.current || !(await verifyPassword(body.current, stored.passwordHash))) {
            throw new ApiError(400, 'VALIDATION_FAILED', 'Нынешний пароль введён неверно');
          }
        }
        const bad = (text: string) => new ApiError(400, 'VALIDATION_FAILED', text);
        const own = ownPasswordSchema.safeParse(body.password);
        if (!own.success) throw bad(own.error.issues[0]!.message);
        if (body.password !== body.repeat)
          throw bad('Пароли не совпадают: введите новый пароль дважды одинаково');
        if (normalizeFamilyLogin(body.password) === stored.login)
          throw bad('Пароль не должен совпадать с логином');
        if (await verifyPassword(body.password, stored.passwordHash)) {
          throw bad(
            stored.passwordTemporary
              ? 'Придумайте свой пароль: временный из листка не подходит'
              : 'Новый пароль совпадает с нынешним',
          );
        }
        await setFamilyPassword(db, stored.id, body.password, s.tokenHash);
        return { location: '/diary' };
      });

      diary.get('/settings', async (request, reply) => {
        const s = await signed(request);
        await ref.refresh(db);
        const settings = await readDiarySettings(db);
        const prefs = await db.query(
          'SELECT email, daily_digest, period_marks FROM family_notifications WHERE account_id = $1',
          [s.account.id],
        );
        const row = prefs.rows[0];
        const saved = (request.query as { saved?: string }).saved === '1';
        return sendPage(
          reply,
          settingsPage(
            frameOf(s, null, 'settings'),
            {
              email: row ? String(row.email) : '',
              dailyDigest: row?.daily_digest === true,
              periodMarks: row?.period_marks === true,
              available: emailAvailable(settings),
            },
            saved,
          ),
        );
      });

      diary.post('/settings', async (request) => {
        checkForm(request);
        const s = await signed(request);
        const body = parseBody(settingsBody, request.body);
        const settings = await readDiarySettings(db);
        if (!emailAvailable(settings)) {
          throw new ApiError(
            409,
            'CONFLICT',
            'Школа не настроила отправку писем: уведомления недоступны',
          );
        }
        const wants = body.dailyDigest || body.periodMarks;
        if (wants && !EMAIL.test(body.email)) {
          throw new ApiError(
            400,
            'VALIDATION_FAILED',
            'Укажите адрес электронной почты, например ivanova@mail.ru',
          );
        }
        await db.query(
          `INSERT INTO family_notifications (account_id, email, daily_digest, period_marks)
           VALUES ($1, $2, $3, $4)
           ON CONFLICT (account_id) DO UPDATE SET email = EXCLUDED.email,
             daily_digest = EXCLUDED.daily_digest, period_marks = EXCLUDED.period_marks,
             updated_at = now()`,
          [s.account.id, body.email, body.dailyDigest, body.periodMarks],
        );
        return { location: '/diary/settings?saved=1' };
      });

      /** The signed-in family's child by id, or a 403 (the same for a child that does not exist). */
      async function childPage(
        request: FastifyRequest,
      ): Promise<{ s: Signed; child: FamilyChild }> {
        const s = await signed(request);
        await ref.refresh(db);
        const id = (request.params as { studentId?: string }).studentId;
        const child = id === undefined ? s.children[0] : s.children.find((c) => c.studentId === id);
        if (!child) {
          throw new ApiError(403, 'FORBIDDEN', 'Нет доступа к дневнику этого ученика');
        }
        return { s, child };
      }

      const week = async (request: FastifyRequest, reply: FastifyReply) => {
        const { s, child } = await childPage(request);
        const q = parseBody(weekQuery, request.query);
        const day = today();
        const start = weekStart(q.week && !Number.isNaN(Date.parse(q.week)) ? q.week : day);
        const source = await loadChildWeekSource(db, ref, weeks, child, start);
        const model = diaryWeek(source, child.studentId, start, day);
        recordView(request, s, child, `week ${start}`);
        const body = weekPage(frameOf(s, child, 'week'), child.studentId, model, day);
        // Phones re-open the same week: the same page again is a 304 without a body, after the
        // session and the rights check above (private: never kept by a proxy).
        const etag = `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
        reply.header('ETag', etag);
        if (request.headers['if-none-match'] === etag) {
          return reply.code(304).header('Cache-Control', 'private, no-cache').send();
        }
        return sendPage(reply, body, 200, 'private, no-cache');
      };
      diary.get('/', week);
      diary.get<{ Params: { studentId: string } }>('/c/:studentId', week);

      diary.get<{ Params: { studentId: string } }>(
        '/c/:studentId/marks',
        async (request, reply) => {
          const { s, child } = await childPage(request);
          const q = parseBody(periodQuery, request.query);
          const period = periodOf(child, q.period);
          if (!period) throw new DiaryUnavailableError('Для класса не заданы отчётные периоды');
          const range = { from: period.start, to: period.end };
          const source = await loadChildSource(db, ref, child, {
            lessons: range,
            periodMarks: true,
          });
          const settings = await readDiarySettings(db);
          const averages = settings.classAverages
            ? await loadClassAverages(
                db,
                ref,
                child.classId,
                source.courses.map((c) => c.id),
                {
                  from: period.start,
                  to: period.end < today() ? period.end : today(),
                },
              )
            : null;
          const view = diaryPeriod(source, child.studentId, period.id, today(), averages);
          recordView(request, s, child, `marks ${period.id}`);
          return sendPage(
            reply,
            marksPage(
              frameOf(s, child, 'marks'),
              child.studentId,
              view,
              gradingRules(source.school.policy, period.kind),
            ),
          );
        },
      );

      diary.get<{ Params: { studentId: string } }>(
        '/c/:studentId/results',
        async (request, reply) => {
          const { s, child } = await childPage(request);
          const source = await loadChildSource(db, ref, child, {
            lessons: null,
            periodMarks: true,
          });
          recordView(request, s, child, 'results');
          return sendPage(
            reply,
            resultsPage(frameOf(s, child, 'results'), diaryResults(source, child.studentId)),
          );
        },
      );

      diary.get<{ Params: { studentId: string } }>(
        '/c/:studentId/schedule',
        async (request, reply) => {
          const { s, child } = await childPage(request);
          const period = periodOf(child, undefined);
          const source = await loadChildSource(db, ref, child, {
            lessons: period ? { from: period.start, to: period.end } : null,
            periodMarks: false,
          });
          recordView(request, s, child, 'schedule');
          return sendPage(
            reply,
            schedulePage(
              frameOf(s, child, 'schedule'),
              diarySchedule(source, child.studentId, today()),
            ),
          );
        },
      );

      diary.get<{ Params: { studentId: string } }>(
        '/c/:studentId/changes',
        async (request, reply) => {
          const { s, child } = await childPage(request);
          await views.flush();
          const since = ref.school?.year.start ?? today();
          const changes = await childChanges(db, ref, child, since);
          const viewers = await childViewers(db, child.studentId);
          recordView(request, s, child, 'changes');
          return sendPage(
            reply,
            changesPage(frameOf(s, child, 'changes'), changes.rows, viewers, changes.limited),
          );
        },
      );

      // Anything else under /diary: our page, never the journal's single-page app.
      diary.get('/*', async (request, reply) => {
        const s = await signed(request).catch(() => null);
        const frame: PageFrame = s
          ? frameOf(s, null, null)
          : {
              title: '',
              schoolName: await schoolName(),
              holder: null,
              children: [],
              current: null,
              section: null,
            };
        return sendPage(
          reply,
          messagePage(frame, 'Страница не найдена', 'Такой страницы в дневнике нет.'),
          404,
        );
      });
    },
    { prefix: '/diary' },
  );
}
