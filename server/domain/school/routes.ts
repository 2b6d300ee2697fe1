// The school set-up routes (wire types in shared/school-setup-api.ts), for the deputy and the administrator unless noted:
//   POST /api/v1/school/import/:kind?mode=preview|commit…  roster, staff or timetable file as the body
//   POST /api/v1/school/substitutions                      замена for lessons or a teacher's days
//   POST /api/v1/school/lessons/move                       перенос (also the course's teacher)
//   POST /api/v1/school/lessons/cancel-day                 карантин, актированный день
//   POST /api/v1/school/lessons/regenerate                 lessons follow the timetable again
//   GET  /api/v1/school/reports/substitutions?month=       the month's replacements and cancellations
//   POST /api/v1/school/timetables/publish                 draft timetables put in force
//   POST /api/v1/school/year-transition?mode=preview|commit the next school year; closes this one
//   POST /api/v1/school/year-transition/undo?mode=…        back to the finished year (until opened)
import type { FastifyInstance } from 'fastify';
import { authenticate, requireUser } from '../../auth/authenticate';
import type { Db } from '../../db/db';
import { ApiError } from '../../errors';
import type { SyncEngine } from '../../sync/engine';
import { parseBody } from '../../validation';
import { localToday } from '../setup/setup-rules';
import { runImport } from '../import/import-service';
import {
  CancelDayRequestSchema,
  ImportKindSchema,
  ImportQuerySchema,
  MoveLessonRequestSchema,
  PublishTimetablesRequestSchema,
  RegenerateRequestSchema,
  SubstitutionReportQuerySchema,
  SubstitutionRequestSchema,
  type LessonChanges,
} from '../../../shared/school-setup-api';
import { buildSubstitutionReport } from '../../../shared/reports/substitutions';
import { addDays } from '../../../shared/dates';
import { assignSubstitute, cancelDay, moveLesson, requireDeputy } from './changes';
import { regenerateLessons } from './generation';
import { publishTimetables } from './publish-timetables';
import { readLessons, readSetupContext } from './read';
import { runSchoolOperation } from './write';
import { applyTransition, planTransition, resultOf } from './year-transition';
import { previewUndo, undoTransition } from './year-undo';
import { YearTransitionPlanSchema } from '../../../shared/year-end/plan';
import { z } from 'zod';

const TransitionQuerySchema = z.object({ mode: z.enum(['preview', 'commit']) });
/** A plan of a 5,000-student school is well under a megabyte. */
const TRANSITION_BODY_LIMIT = 5 * 1024 * 1024;

export interface SchoolRoutesOptions {
  db: Db;
  engine: SyncEngine;
  /** The school's date (tests set it); default the server's local date. */
  today?: () => string;
  /** Largest import file (default 10 MB). */
  importLimit?: number;
}

export function registerSchoolRoutes(app: FastifyInstance, options: SchoolRoutesOptions): void {
  const { db, engine } = options;
  const today = options.today ?? localToday;
  const auth = authenticate(db);
  const actorOf = (user: { accountId: string; deviceId: string }) => ({
    accountId: user.accountId,
    deviceId: user.deviceId,
  });

  // Files arrive as raw bytes; the parser is scoped to these routes only.
  void app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/octet-stream',
      { parseAs: 'buffer', bodyLimit: options.importLimit ?? 10 * 1024 * 1024 },
      (_request, body, done) => done(null, body),
    );
    scope.post<{ Params: { kind: string } }>(
      '/api/v1/school/import/:kind',
      { preHandler: auth, bodyLimit: options.importLimit ?? 10 * 1024 * 1024 },
      async (request) => {
        const user = requireUser(request);
        requireDeputy(user);
        const kind = parseBody(ImportKindSchema, request.params.kind);
        const query = parseBody(ImportQuerySchema, request.query);
        if (!Buffer.isBuffer(request.body) || request.body.length === 0) {
          throw new ApiError(
            400,
            'BAD_REQUEST',
            'Пришлите файл (Content-Type: application/octet-stream)',
          );
        }
        const bytes = new Uint8Array(request.body);
        const result = await runImport(db, engine, {
          kind,
          query,
          bytes,
          user,
          today: today(),
        });
        request.log.info(
          { kind, mode: query.mode, committed: result.committed, errors: result.errors.length },
          'school import',
        );
        return result;
      },
    );
  });

  app.post(
    '/api/v1/school/year-transition',
    { preHandler: auth, bodyLimit: TRANSITION_BODY_LIMIT },
    async (request) => {
      const user = requireUser(request);
      requireDeputy(user);
      const { mode } = parseBody(TransitionQuerySchema, request.query);
      const plan = parseBody(YearTransitionPlanSchema, request.body);
      if (mode === 'preview') {
        return resultOf('preview', await planTransition(db, plan, user, new Date()));
      }
      const result = await runSchoolOperation(
        engine,
        actorOf(user),
        'year-transition',
        async (writer) => {
          const docs = await planTransition(writer.tx, plan, user, new Date());
          await applyTransition(writer, docs, user);
          return resultOf('commit', docs);
        },
      );
      request.log.info({ counts: result.counts }, 'year transition');
      return result;
    },
  );

  app.post('/api/v1/school/year-transition/undo', { preHandler: auth }, async (request) => {
    const user = requireUser(request);
    requireDeputy(user);
    const { mode } = parseBody(TransitionQuerySchema, request.query);
    if (mode === 'preview') return previewUndo(db, today());
    const result = await runSchoolOperation(engine, actorOf(user), 'year-undo', (writer) =>
      undoTransition(writer, user, today()),
    );
    request.log.info(
      { counts: result.counts, reopened: result.reopened },
      'year transition undone',
    );
    return result;
  });

  app.post('/api/v1/school/timetables/publish', { preHandler: auth }, async (request) => {
    const user = requireUser(request);
    requireDeputy(user);
    const body = parseBody(PublishTimetablesRequestSchema, request.body ?? {});
    const result = await runSchoolOperation(engine, actorOf(user), 'publish', (writer) =>
      publishTimetables(writer, body, user, today()),
    );
    request.log.info(
      { timetables: result.timetables, lessons: result.lessons },
      'timetables published',
    );
    return result;
  });

  app.post('/api/v1/school/substitutions', { preHandler: auth }, async (request) => {
    const user = requireUser(request);
    requireDeputy(user);
    const body = parseBody(SubstitutionRequestSchema, request.body);
    return runSchoolOperation(engine, actorOf(user), 'substitute', (writer) =>
      assignSubstitute(writer, body, user),
    );
  });

  app.post('/api/v1/school/lessons/move', { preHandler: auth }, async (request) => {
    const user = requireUser(request);
    const body = parseBody(MoveLessonRequestSchema, request.body);
    return runSchoolOperation(engine, actorOf(user), 'move', (writer) =>
      moveLesson(writer, body, user),
    );
  });

  app.post('/api/v1/school/lessons/cancel-day', { preHandler: auth }, async (request) => {
    const user = requireUser(request);
    requireDeputy(user);
    const body = parseBody(CancelDayRequestSchema, request.body);
    return runSchoolOperation(engine, actorOf(user), 'cancel-day', (writer) =>
      cancelDay(writer, body, user),
    );
  });

  app.post('/api/v1/school/lessons/regenerate', { preHandler: auth }, async (request) => {
    const user = requireUser(request);
    requireDeputy(user);
    const body = parseBody(RegenerateRequestSchema, request.body ?? {});
    const now = today();
    return runSchoolOperation(
      engine,
      actorOf(user),
      'generate',
      async (writer): Promise<LessonChanges> => {
        const ctx = await readSetupContext(writer.tx);
        const classIds = body.classIds ?? ctx.classes.map((c) => c.id);
        // Before and after are the same set-up: lessons missing are created, stray untouched ones
        // are left alone (the old timetable is not known), course teachers follow their courses.
        return regenerateLessons(writer, {
          before: ctx,
          after: ctx,
          classIds,
          from: body.from ?? now,
          today: now,
        });
      },
    );
  });

  app.get('/api/v1/school/reports/substitutions', { preHandler: auth }, async (request) => {
    const user = requireUser(request);
    requireDeputy(user);
    const { month } = parseBody(SubstitutionReportQuerySchema, request.query);
    const ctx = await readSetupContext(db);
    const from = `${month}-01`;
    const lessons = await readLessons(db, { from, to: addDays(from, 31) });
    return buildSubstitutionReport({
      month,
      until: today(),
      lessons: lessons.filter((l) => l._deleted !== true),
      courses: ctx.courses,
      classes: ctx.classes,
      subjects: ctx.school?.subjects ?? [],
      staff: ctx.staff,
    });
  });
}
