// /api/v1/family/*: the class teacher's side of the e-diary (online only, staff tokens):
//   POST /api/v1/family/logins          {consent}  the registered consent, then the guardian's login
//   POST /api/v1/family/student-logins  {studentId}  a student's own login (14 and over)
//   POST /api/v1/family/passwords       {studentId, guardianId|null, compromised}  a new password
//   POST /api/v1/family/unlock          {studentId, guardianId|null}  clears the waits after wrong passwords
//   GET  /api/v1/family/classes/:classId?from&to   each family's access and diary views
// Family sessions never reach these routes: they authenticate with staff tokens only.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { authenticate, requireUser } from '../auth/authenticate';
import type { LoginLockout } from '../auth/lockout';
import { unlockLogin } from '../auth/unlock';
import { hasRole } from '../auth/roles';
import type { Db } from '../db/db';
import { ApiError, messages } from '../errors';
import { readsEverything } from '../domain/school-index';
import type { AuthUser } from '../auth/roles';
import type { Queryable } from '../db/db';
import { visibleTo } from '../sync/read-scope';
import type { SyncEngine } from '../sync/engine';
import { parseBody } from '../validation';
import { addDays, todayIso } from '../../shared/dates';
import { IdSchema } from '../../shared/common';
import { STUDENT_ACCOUNT_AGE, type ClassFamilyAccess } from '../../shared/family-access';
import { readDiarySettings } from '../diary/settings';
import type { ViewLog } from '../diary/view-log';
import { familyLoginKey } from './accounts';
import { classFamilyAccess } from './class-access';
import {
  issueGuardianLogin,
  issueStudentLogin,
  managedFamilyLogin,
  readDocument,
  resetFamilyPassword,
} from './issue';

const loginBody = z.object({ consent: z.record(z.string(), z.unknown()) });
const studentLoginBody = z.object({ studentId: IdSchema });
const passwordBody = z.object({
  studentId: IdSchema,
  guardianId: IdSchema.nullable(),
  compromised: z.boolean().default(false),
});
const holderBody = z.object({ studentId: IdSchema, guardianId: IdSchema.nullable() });
const dayText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Дата в формате ГГГГ-ММ-ДД');
const rangeQuery = z.object({ from: dayText.optional(), to: dayText.optional() });

export function registerFamilyRoutes(
  app: FastifyInstance,
  options: {
    db: Db;
    engine: SyncEngine;
    views: ViewLog;
    /** The staff's lockout (app.loginLockout), where family sign-ins are counted too. */
    lockout: LoginLockout;
  },
): void {
  const { db, engine } = options;
  const auth = authenticate(db);

  /**
   * The main read check (visibleTo) on the student the login is for: a class teacher issues logins
   * only for students they may read, whatever the issuing rules below add.
   */
  const requireReadable = async (tx: Queryable, user: AuthUser, studentId: string) => {
    const students = engine.registry.get('students');
    const student = await readDocument(tx, 'students', studentId);
    await students?.prepare?.(tx);
    if (!students || !student || visibleTo(students, user, student) === null) {
      throw new ApiError(404, 'NOT_FOUND', 'Ученик не найден');
    }
  };

  app.post('/api/v1/family/logins', { onRequest: auth }, async (request, reply) => {
    const user = requireUser(request);
    const body = parseBody(loginBody, request.body);
    const studentId = body.consent.studentId;
    const guardianId = body.consent.guardianId;
    const consentId = body.consent.id;
    if (
      typeof studentId !== 'string' ||
      typeof guardianId !== 'string' ||
      typeof consentId !== 'string'
    ) {
      throw new ApiError(400, 'VALIDATION_FAILED', 'В ответе родителя нет ученика или родителя');
    }
    // ONE transaction: the consent through the one write path as the class teacher's push (rights,
    // audit, live streams, the consent hook), then the login. A refused consent issues nothing, and
    // its refusal stays on record.
    const done = await engine.transact(async (tx, write) => {
      const before = await tx.query('SELECT coalesce(max(id), 0) AS id FROM refusals');
      await write(
        [{ collection: 'consents', rows: [{ newDocumentState: body.consent }] }],
        user,
        'push',
      );
      const refused = await tx.query(
        `SELECT reason FROM refusals WHERE id > $1 AND collection = 'consents' AND doc_id = $2
         ORDER BY id DESC LIMIT 1`,
        [before.rows[0]?.id ?? 0, consentId],
      );
      if (refused.rows[0]) return { refused: String(refused.rows[0].reason) };
      await requireReadable(tx, user, studentId);
      return { issued: await issueGuardianLogin(tx, user, { studentId, guardianId }) };
    });
    if ('refused' in done) {
      throw new ApiError(403, 'FORBIDDEN', `Сервер не принял ответ родителя: ${done.refused}`);
    }
    const { issued } = done;
    request.log.info({ by: user.login, studentId, login: issued.login }, 'family login issued');
    reply.code(201);
    return issued;
  });

  app.post('/api/v1/family/student-logins', { onRequest: auth }, async (request, reply) => {
    const user = requireUser(request);
    const body = parseBody(studentLoginBody, request.body);
    // In the write queue, so it is ordered with consent writes (a withdrawal cannot slip between
    // the check and the login).
    const issued = await engine.transact(async (tx) => {
      await requireReadable(tx, user, body.studentId);
      return issueStudentLogin(tx, user, body.studentId, todayIso());
    });
    request.log.info({ by: user.login, login: issued.login }, 'student diary login issued');
    reply.code(201);
    return issued;
  });

  app.post('/api/v1/family/passwords', { onRequest: auth }, async (request) => {
    const user = requireUser(request);
    const body = parseBody(passwordBody, request.body);
    const issued = await engine.transact(async (tx) => {
      await requireReadable(tx, user, body.studentId);
      return resetFamilyPassword(tx, user, body);
    });
    request.log.warn(
      { by: user.login, login: issued.login, compromised: body.compromised },
      'family password reset',
    );
    return issued;
  });

  // A family locked out by wrong passwords (a parent who forgot the password tried too often): the
  // staff's unlock rule, on the family's login, by the class teacher of the class or the admin.
  app.post('/api/v1/family/unlock', { onRequest: auth }, async (request) => {
    const user = requireUser(request);
    const body = parseBody(holderBody, request.body);
    await requireReadable(db, user, body.studentId);
    const { account } = await managedFamilyLogin(db, user, body);
    const cleared = await unlockLogin(
      db,
      options.lockout,
      { key: familyLoginKey(account.login), accountId: account.id },
      { login: user.login, ip: request.ip, log: request.log },
    );
    return { ok: true, login: account.login, cleared };
  });

  app.get<{ Params: { classId: string } }>(
    '/api/v1/family/classes/:classId',
    { onRequest: auth },
    async (request): Promise<ClassFamilyAccess> => {
      const user = requireUser(request);
      const { classId } = request.params;
      const cls = await readDocument(db, 'classes', classId);
      if (!cls) throw new ApiError(404, 'NOT_FOUND', 'Класс не найден');
      const leads =
        hasRole(user, 'classTeacher') &&
        user.staffId !== null &&
        cls.classTeacherId === user.staffId;
      if (!leads && !readsEverything(user)) {
        throw new ApiError(403, 'FORBIDDEN', messages.forbidden);
      }
      const query = parseBody(rangeQuery, request.query);
      const settings = await readDiarySettings(db);
      const to = query.to ?? todayIso();
      const from = query.from ?? addDays(to, -(settings.paperAfterDays - 1));
      if (from > to) throw new ApiError(400, 'VALIDATION_FAILED', 'Начало периода позже конца');
      await options.views.flush();
      return {
        classId,
        from,
        to,
        paperAfterDays: settings.paperAfterDays,
        studentAccountAge: STUDENT_ACCOUNT_AGE,
        rows: await classFamilyAccess(db, classId, { from, to }, async (logins) => {
          const locked = await options.lockout.lockedLogins(logins.map(familyLoginKey));
          return new Set(logins.filter((login) => locked.has(familyLoginKey(login))));
        }),
      };
    },
  );
}
