// /diary: the families' e-diary, server-rendered Russian HTML (docs/DIARY.md). A family signs in
// with the login from the slip, must replace the one-time password, then reads only the children
// the rights check (family/scope.ts) gives — every page built from that child's data alone. The
// session is an HttpOnly cookie for /diary only; forms are posted by the diary's script as JSON
// with a header no other site can send (CSRF), under the server's one CSP. Here: the signed-in
// check, the sign-in, password and settings pages, errors; a child's pages are child-routes.ts,
// the cookie, form and page plumbing request.ts.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Db } from '../db/db';
import { ApiError, messages, type ErrorCode } from '../errors';
import { errorBody } from '../http/error-handler';
import { getDummyHash, verifyPassword } from '../auth/passwords';
import { recordLoginAttempt } from '../auth/login-attempts';
import type { LoginLockout } from '../auth/lockout';
import { ownPasswordSchema } from '../auth/own-password';
import { parseBody } from '../validation';
import { todayIso } from '../../shared/dates';
import { DocumentError } from '../../shared/documents/source';
import {
  findFamilyAccount,
  familyLoginKey,
  findFamilyAccountByLogin,
  normalizeFamilyLogin,
  setFamilyPassword,
} from '../family/accounts';
import { ACCESS_CLOSED, SESSION_ENDED } from '../family/messages';
import { FamilyAuthCache } from '../family/auth-cache';
import { familyChildren, type FamilyChild } from '../family/scope';
import {
  endFamilySession,
  openFamilySession,
  SessionUse,
  type SessionEnd,
} from '../family/sessions';
import { DiaryUnavailableError } from './child-source';
import { html } from './html';
import { loginPage, messagePage, passwordPage, settingsPage } from './pages/account-pages';
import { page, type PageChild, type PageFrame } from './pages/layout';
import { DIARY_SCRIPT } from './pages/script';
import type { DiaryReference } from './reference';
import { emailAvailable, readDiarySettings } from './settings';
import type { ViewLog } from './view-log';
import { DiaryWeekCache } from './week-cache';
import { registerChildPages } from './child-routes';
import {
  checkForm,
  readCookie,
  Redirect,
  sendPage,
  SESSION_COOKIE,
  sessionCookie,
} from './request';

export { FORM_HEADER, SESSION_COOKIE } from './request';

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
const endedQuery = z.object({ ended: z.string().max(40).optional() });

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface Signed {
  token: string;
  account: NonNullable<Awaited<ReturnType<typeof findFamilyAccount>>>;
  tokenHash: string;
  children: readonly FamilyChild[];
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
  // The session and rights checks of a page, kept while the reference's stamp allows.
  const auth = new FamilyAuthCache(ref.authChanges);
  app.decorate('diaryAuthCache', auth);
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
    // The page's one query: the reference and the stamp the session and rights caches follow.
    await ref.refresh(db);
    const at = ref.auth;
    const check = await auth.session(db, token, sessionUse, at);
    if (!check.ok) throw new Redirect(`/diary/login?ended=${check.reason}`);
    const children = await auth.childrenOf(db, check.account.id, at);
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

  function recordView(request: FastifyRequest, s: Signed, child: FamilyChild, what: string): void {
    views.record({
      accountId: s.account.id,
      studentId: child.studentId,
      what,
      at: new Date(),
      ip: request.ip,
    });
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
        const waitMs = await lockout.waitMs(key, ip, known);
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
          await lockout.fail(key, ip, known);
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
        await lockout.succeed(key, ip);
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

      registerChildPages(diary, { db, ref, views, weeks, today, signed, frameOf, recordView });

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
