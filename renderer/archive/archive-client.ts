// Reads a finished year from the school server's archive (GET /api/v1/archive/:yearId/:collection,
// docs/SYNC.md «School years»): every page of a collection, parsed with the shared schemas, kept in
// memory for this session only (never in the replicated collections). Online only.
import type { z } from 'zod';
import { CourseSchema, type Course } from '../../shared/course';
import { LessonSchema, type Lesson } from '../../shared/lesson';
import { PeriodSchema, type Period } from '../../shared/period';
import { PeriodMarksSchema, type PeriodMarks } from '../../shared/period-mark';
import { SchoolClassSchema, type SchoolClass } from '../../shared/school-class';
import { apiRequest, SyncError } from '../sync/api';
import type { ActiveSession } from '../sync/session-store';

/** What the desktop says when there is no server to ask. */
export const ARCHIVE_OFFLINE =
  'Архив прошлых учебных лет хранится на сервере школы: подключитесь к серверу, чтобы открыть его.';

interface ArchivePage {
  documents: unknown[];
  next: string | null;
}

const SCHEMAS = {
  periods: PeriodSchema,
  classes: SchoolClassSchema,
  courses: CourseSchema,
  lessons: LessonSchema,
  periodMarks: PeriodMarksSchema,
} as const;
type ArchiveCollection = keyof typeof SCHEMAS;

export interface ArchiveReader {
  periods(yearId: string): Promise<Period[]>;
  classes(yearId: string): Promise<SchoolClass[]>;
  courses(yearId: string): Promise<Course[]>;
  lessons(yearId: string, classId: string): Promise<Lesson[]>;
  periodMarks(yearId: string, classId: string): Promise<PeriodMarks[]>;
}

/** Past years never change: one answer per server, year, collection and class for the session. */
const cache = new Map<string, Promise<unknown[]>>();

export function archiveReader(session: ActiveSession | null): ArchiveReader {
  const read = <T>(yearId: string, collection: ArchiveCollection, classId?: string) => {
    if (!session) return Promise.reject(new SyncError('offline', ARCHIVE_OFFLINE));
    const key = [session.serverUrl, session.account.login, yearId, collection, classId].join('|');
    let found = cache.get(key);
    if (!found) {
      found = readAll(session, yearId, collection, classId);
      cache.set(key, found);
      found.catch(() => cache.delete(key));
    }
    return found as Promise<T[]>;
  };
  return {
    periods: (yearId) => read(yearId, 'periods'),
    classes: (yearId) => read(yearId, 'classes'),
    courses: (yearId) => read(yearId, 'courses'),
    lessons: (yearId, classId) => read(yearId, 'lessons', classId),
    periodMarks: (yearId, classId) => read(yearId, 'periodMarks', classId),
  };
}

async function readAll(
  session: ActiveSession,
  yearId: string,
  collection: ArchiveCollection,
  classId: string | undefined,
): Promise<unknown[]> {
  const schema: z.ZodType = SCHEMAS[collection];
  const out: unknown[] = [];
  let after = '';
  for (;;) {
    const query = new URLSearchParams({ limit: '1000', ...(after ? { after } : {}) });
    if (classId) query.set('classId', classId);
    let page: ArchivePage;
    try {
      page = await apiRequest<ArchivePage>(
        session.serverUrl,
        `/api/v1/archive/${encodeURIComponent(yearId)}/${collection}?${query}`,
        { token: session.token },
      );
    } catch (error) {
      if (error instanceof SyncError && error.kind === 'offline') {
        throw new SyncError('offline', ARCHIVE_OFFLINE);
      }
      throw error;
    }
    for (const doc of page.documents) {
      if ((doc as { _deleted?: boolean })._deleted) continue;
      const parsed = schema.safeParse(doc);
      if (parsed.success) out.push(parsed.data);
    }
    if (!page.next) return out;
    after = page.next;
  }
}
