// The diary's pages of one child — the week, marks by subject with the forecast, results, the
// timetable, who changed the child's data — each built from the child the rights check gave (the
// signed-in family's children, family/scope.ts) and from that child's data alone; another child,
// and one that does not exist, answer 403 alike. Every page opened is logged.
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Db } from '../db/db';
import { ApiError } from '../errors';
import { parseBody } from '../validation';
import { IdSchema } from '../../shared/common';
import { gradingRules, diaryPeriod } from '../../shared/diary/subjects';
import { diaryResults } from '../../shared/diary/results';
import { diarySchedule } from '../../shared/diary/schedule';
import { diaryWeek, weekStart } from '../../shared/diary/week';
import { periodForDate, SCHEME_PERIOD_KIND, type Period } from '../../shared/period';
import type { FamilyChild } from '../family/scope';
import { childChanges, childViewers } from './changes';
import {
  DiaryUnavailableError,
  loadChildSource,
  loadChildWeekSource,
  loadClassAverages,
} from './child-source';
import { changesPage, marksPage, resultsPage, schedulePage, weekPage } from './pages/child-pages';
import type { PageFrame } from './pages/layout';
import type { DiaryReference } from './reference';
import { sendPage } from './request';
import { readDiarySettings } from './settings';
import type { ViewLog } from './view-log';
import type { DiaryWeekCache } from './week-cache';

/** What the child pages need from the diary's routes (routes.ts). */
export interface ChildPagesContext<S extends { children: readonly FamilyChild[] }> {
  db: Db;
  ref: DiaryReference;
  views: ViewLog;
  weeks: DiaryWeekCache;
  today: () => string;
  signed: (request: FastifyRequest) => Promise<S>;
  frameOf: (s: S, current: FamilyChild | null, section: PageFrame['section']) => PageFrame;
  recordView: (request: FastifyRequest, s: S, child: FamilyChild, what: string) => void;
}

const weekQuery = z.object({
  week: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
});
const periodQuery = z.object({ period: IdSchema.optional() });

export function registerChildPages<S extends { children: readonly FamilyChild[] }>(
  diary: FastifyInstance,
  ctx: ChildPagesContext<S>,
): void {
  const { db, ref, views, weeks, today, signed, frameOf, recordView } = ctx;

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

  /** The signed-in family's child by id, or a 403 (the same for a child that does not exist). */
  async function childPage(request: FastifyRequest): Promise<{ s: S; child: FamilyChild }> {
    const s = await signed(request); // the reference is refreshed by it
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

  diary.get<{ Params: { studentId: string } }>('/c/:studentId/marks', async (request, reply) => {
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
  });

  diary.get<{ Params: { studentId: string } }>('/c/:studentId/results', async (request, reply) => {
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
  });

  diary.get<{ Params: { studentId: string } }>('/c/:studentId/schedule', async (request, reply) => {
    const { s, child } = await childPage(request);
    const period = periodOf(child, undefined);
    const source = await loadChildSource(db, ref, child, {
      lessons: period ? { from: period.start, to: period.end } : null,
      periodMarks: false,
    });
    recordView(request, s, child, 'schedule');
    return sendPage(
      reply,
      schedulePage(frameOf(s, child, 'schedule'), diarySchedule(source, child.studentId, today())),
    );
  });

  diary.get<{ Params: { studentId: string } }>('/c/:studentId/changes', async (request, reply) => {
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
  });
}
