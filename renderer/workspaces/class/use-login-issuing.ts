// The class teacher's e-diary actions around the consent registry: saving an answer that issues a
// login (online only — the one-time password is made on the server), a student's own login, a new
// password, each ending in the login slip to print; and saying what a closing answer does.
import { useCallback, useState } from 'react';
import type { Consent } from '../../../shared/consent';
import type { IssuedLogin } from '../../../shared/family-access';
import type { ConsentAnswer, ConsentTarget } from '../../data/consent-repository';
import { FAMILY_OFFLINE_TEXT, familyErrorText } from '../../data/family-api';
import { useRepositories } from '../../data/session';
import { useFamilyApi } from '../../data/use-family-access';
import { loginSlipJob } from '../../print/jobs';
import type { PrintJob } from '../../print/print-job';
import { SyncError } from '../../sync/api';

/** Whether saving this answer asks the server for a login. */
export function asksForLogin(answer: ConsentAnswer, previous: Consent | null): boolean {
  return (
    answer.decision === 'consent' &&
    answer.channel === 'electronic' &&
    answer.loginIssued &&
    previous?.loginIssued !== true
  );
}

/** Whether saving this answer closes a family's diary access. */
export function closesAccess(answer: ConsentAnswer, previous: Consent | null): boolean {
  const wasOpen =
    previous?.decision === 'consent' && previous.channel === 'electronic' && previous.loginIssued;
  const open =
    answer.decision === 'consent' && answer.channel === 'electronic' && answer.loginIssued;
  return wasOpen && !open;
}

export function useLoginIssuing(onIssued: () => void) {
  const api = useFamilyApi();
  const { consents: repo } = useRepositories();
  const [job, setJob] = useState<PrintJob | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const slip = useCallback(
    (issued: IssuedLogin) => {
      if (!api) return;
      setJob(loginSlipJob(issued, api.serverUrl));
      setNotice(
        issued.password
          ? `Логин ${issued.login} выдан: распечатайте листок доступа и передайте его лично.`
          : `Логин ${issued.login} уже открывает дневник другого ребёнка этой семьи: ребёнок добавлен, пароль прежний.`,
      );
      onIssued();
    },
    [api, onIssued],
  );

  /** Saves the answer; a newly ticked «логин выдан» first asks the server for the login. */
  const saveAnswer = useCallback(
    async (target: ConsentTarget, answer: ConsentAnswer, previous: Consent | null) => {
      if (!asksForLogin(answer, previous)) {
        await repo.registerAnswer(target, answer);
        if (closesAccess(answer, previous)) {
          setNotice(
            api
              ? 'Доступ семьи к электронному дневнику закрыт: вход и открытые сеансы прекращены.'
              : 'Нет связи с сервером школы: доступ семьи к дневнику закроется, как только ответ дойдёт до сервера.',
          );
          onIssued();
        }
        return;
      }
      if (!api) throw new Error(FAMILY_OFFLINE_TEXT);
      const saved = await repo.registerAnswer(target, answer);
      try {
        slip(await api.issueLogin(saved));
      } catch (error) {
        // The login works already: keep the answer as it is, say so.
        if (error instanceof SyncError && error.code === 'LOGIN_ALREADY_ISSUED') {
          setNotice(error.message);
          onIssued();
          return;
        }
        // No login was made: the registry must not say it was handed over.
        await repo.registerAnswer(target, { ...answer, loginIssued: false });
        throw new Error(familyErrorText(error));
      }
    },
    [api, repo, slip, onIssued],
  );

  const run = useCallback(
    async (request: () => Promise<IssuedLogin>) => {
      try {
        slip(await request());
      } catch (error) {
        setNotice(familyErrorText(error));
      }
    },
    [slip],
  );

  return {
    online: api !== null,
    saveAnswer,
    studentLogin: (studentId: string) => run(() => api!.issueStudentLogin(studentId)),
    newPassword: (studentId: string, guardianId: string | null, compromised: boolean) =>
      run(() => api!.newPassword(studentId, guardianId, compromised)),
    /** A family locked out by wrong passwords may sign in again at once (the password stays). */
    unlock: async (studentId: string, guardianId: string | null) => {
      try {
        const login = await api!.unlock(studentId, guardianId);
        setNotice(`Вход по логину ${login} разблокирован: семья может войти с прежним паролем.`);
        onIssued();
      } catch (error) {
        setNotice(familyErrorText(error));
      }
    },
    job,
    closeJob: () => setJob(null),
    notice,
    setNotice,
  };
}
