// The school server's timetable and day-to-day change routes (shared/school-setup-api.ts, docs/TIMETABLE-IMPORT.md): the import's preview and commit with the file as the body, замена, перенос, a day's cancellation, regeneration and the month's report.
import type {
  CancelDayRequest,
  ImportResult,
  LessonChanges,
  LessonsChanged,
  MoveLessonRequest,
  MoveLessonResult,
  PublishTimetablesResult,
  SubstitutionRequest,
} from '../../../shared/school-setup-api';
import type { SubstitutionReport } from '../../../shared/reports/substitutions';
import { apiRequest, CLIENT_PROTOCOL, MESSAGES, responseError, SyncError } from '../../sync/api';
import type { ActiveSession } from '../../sync/session-store';

/** The Russian text of a failed request. */
export function requestErrorText(error: unknown): string {
  if (error instanceof SyncError) {
    if (error.status === 403) return 'Это может только заместитель директора или администратор';
    return error.message;
  }
  return 'Не удалось выполнить запрос к серверу школы';
}

export interface TimetableImportOptions {
  mode: 'preview' | 'commit';
  /** ISO date; absent = the server's default (docs/TIMETABLE-IMPORT.md). */
  validFrom?: string;
  name?: string;
}

export function scheduleApi(session: ActiveSession) {
  const post = <T>(path: string, body: unknown) =>
    apiRequest<T>(session.serverUrl, path, { token: session.token, method: 'POST', body });
  return {
    async importTimetable(
      bytes: Uint8Array,
      options: TimetableImportOptions,
    ): Promise<ImportResult> {
      const query = new URLSearchParams({ mode: options.mode });
      if (options.validFrom) query.set('validFrom', options.validFrom);
      if (options.name) query.set('name', options.name);
      let res: Response;
      try {
        res = await fetch(`${session.serverUrl}/api/v1/school/import/timetable?${query}`, {
          method: 'POST',
          headers: {
            accept: 'application/json',
            authorization: `Bearer ${session.token}`,
            'content-type': 'application/octet-stream',
            'x-journal-protocol': String(CLIENT_PROTOCOL),
          },
          body: bytes.slice().buffer,
        });
      } catch {
        throw new SyncError('offline', MESSAGES.offline);
      }
      if (!res.ok) throw await responseError(res);
      return (await res.json()) as ImportResult;
    },
    substitute: (request: SubstitutionRequest) =>
      post<LessonsChanged>('/api/v1/school/substitutions', request),
    move: (request: MoveLessonRequest) =>
      post<MoveLessonResult>('/api/v1/school/lessons/move', request),
    cancelDay: (request: CancelDayRequest) =>
      post<LessonsChanged>('/api/v1/school/lessons/cancel-day', request),
    /** Draft timetables put in force: of these classes, or of every class. */
    publish: (classIds?: string[]) =>
      post<PublishTimetablesResult>(
        '/api/v1/school/timetables/publish',
        classIds ? { classIds } : {},
      ),
    regenerate: (classIds: string[], from: string) =>
      post<LessonChanges>('/api/v1/school/lessons/regenerate', { classIds, from }),
    report: (month: string) =>
      apiRequest<SubstitutionReport>(
        session.serverUrl,
        `/api/v1/school/reports/substitutions?month=${encodeURIComponent(month)}`,
        { token: session.token },
      ),
  };
}

export type ScheduleApi = ReturnType<typeof scheduleApi>;
