// The school server's family e-diary routes the class teacher's screens use (docs/DIARY.md):
// issuing a login after a registered consent, a student's own login, a new password, unlocking a
// login after wrong passwords, and each family's access and diary views. Online only: without a server there is no login to issue.
import { apiRequest, SyncError } from '../sync/api';
import type { ActiveSession } from '../sync/session-store';
import { ownFields } from '../../shared/rxdb-fields';
import type { Consent } from '../../shared/consent';
import {
  ClassFamilyAccessSchema,
  IssuedLoginSchema,
  type ClassFamilyAccess,
  type IssuedLogin,
} from '../../shared/family-access';

/** What the screens say when there is no connection to the school server. */
export const FAMILY_OFFLINE_TEXT =
  'Логин для электронного дневника выдаёт сервер школы, а связи с ним сейчас нет. ' +
  'Подключитесь к сети школы и повторите; ответ родителя можно сохранить и без отметки «Логин и пароль выданы».';

export const FAMILY_ACCESS_OFFLINE_TEXT = 'Сведения о входе в дневник — при подключении к серверу школы';

/** The Russian text of a failed family request. */
export function familyErrorText(error: unknown): string {
  if (error instanceof SyncError) {
    if (error.kind === 'offline') return FAMILY_OFFLINE_TEXT;
    return error.message;
  }
  return 'Не удалось выполнить запрос к серверу школы';
}

export function familyApi(session: ActiveSession) {
  const post = async (path: string, body: unknown) =>
    IssuedLoginSchema.parse(
      await apiRequest<unknown>(session.serverUrl, path, {
        token: session.token,
        method: 'POST',
        body,
      }),
    );
  return {
    serverUrl: session.serverUrl,
    /** The consent as stored on this desktop goes with the request, so the server has it first. */
    issueLogin: (consent: Consent): Promise<IssuedLogin> =>
      post('/api/v1/family/logins', { consent: { ...ownFields(consent), _deleted: false } }),
    issueStudentLogin: (studentId: string): Promise<IssuedLogin> =>
      post('/api/v1/family/student-logins', { studentId }),
    newPassword: (studentId: string, guardianId: string | null, compromised: boolean) =>
      post('/api/v1/family/passwords', { studentId, guardianId, compromised }),
    /** Clears the waits after wrong passwords of the holder's login; returns the login. */
    unlock: async (studentId: string, guardianId: string | null): Promise<string> => {
      const answer = await apiRequest<{ login?: unknown }>(
        session.serverUrl,
        '/api/v1/family/unlock',
        { token: session.token, method: 'POST', body: { studentId, guardianId } },
      );
      return String(answer.login ?? '');
    },
    classAccess: async (classId: string, range?: { from: string; to: string }): Promise<ClassFamilyAccess> => {
      const query = range ? `?from=${range.from}&to=${range.to}` : '';
      return ClassFamilyAccessSchema.parse(
        await apiRequest<unknown>(
          session.serverUrl,
          `/api/v1/family/classes/${encodeURIComponent(classId)}${query}`,
          { token: session.token },
        ),
      );
    },
  };
}

export type FamilyApi = ReturnType<typeof familyApi>;
