// The school server's admin routes the «Учётные записи» tab uses (docs/SYNC.md, docs/OPERATIONS.md):
// the deputy lists accounts, devices and login attempts and marks an account compromised; creating
// accounts, revoking a device, blocking, roles and one-time passwords are the administrator's.
import { apiRequest, SyncError } from '../../../sync/api';
import type { ActiveSession } from '../../../sync/session-store';
import type { CompromiseReport, Device } from '../../../../shared/compromise-report';

export type { CompromiseReport, Device as AdminDevice };

export interface AdminAccount {
  id: string;
  login: string;
  displayName: string;
  staffId: string | null;
  roles: string[];
  disabled: boolean;
  createdAt: string | null;
  compromisedAt: string | null;
  passwordResetRequired: boolean;
  /** A one-time password was handed out and not yet replaced by its owner. */
  mustChangePassword?: boolean;
}

export interface NewAccountInput {
  login: string;
  password: string;
  displayName: string;
  staffId: string | null;
  roles: string[];
}

export interface LoginAttempt {
  id: number;
  at: string | null;
  login: string;
  ip: string | null;
  /** "success" or a failure ("wrong-password", "unknown-login", "locked-out"…). */
  outcome: string;
  accountId: string | null;
}

export interface ReportSummary {
  id: number;
  login: string;
  since: string | null;
  createdAt: string | null;
  by: string;
}

/** The Russian text for a refusal: 403 names what only the administrator may do. */
export function adminErrorText(error: unknown, forbidden: string): string {
  if (error instanceof SyncError) {
    if (error.status === 403) return forbidden;
    return error.message;
  }
  return 'Не удалось выполнить запрос к серверу школы';
}

export function isAdmin(session: ActiveSession): boolean {
  return session.account.roles.includes('admin');
}

export function adminApi(session: ActiveSession) {
  const get = <T>(path: string) => apiRequest<T>(session.serverUrl, path, { token: session.token });
  const post = <T>(path: string, body: unknown) =>
    apiRequest<T>(session.serverUrl, path, { token: session.token, method: 'POST', body });
  return {
    accounts: async () =>
      (await get<{ accounts: AdminAccount[] }>('/api/v1/admin/accounts')).accounts,
    devices: async () => (await get<{ devices: Device[] }>('/api/v1/admin/devices')).devices,
    attempts: async (limit = 50) =>
      (await get<{ attempts: LoginAttempt[] }>(`/api/v1/admin/login-attempts?limit=${limit}`))
        .attempts,
    reports: async () =>
      (await get<{ reports: ReportSummary[] }>('/api/v1/admin/compromise')).reports,
    report: (id: number) => get<CompromiseReport>(`/api/v1/admin/compromise/${id}`),
    markCompromised: (login: string, since: Date) =>
      post<CompromiseReport>('/api/v1/admin/compromise', { login, since: since.toISOString() }),
    revokeDevice: (id: string) =>
      post<{ ok: boolean; revoked: boolean }>(
        `/api/v1/admin/devices/${encodeURIComponent(id)}/revoke`,
        {},
      ),
    /** A one-time password: the owner sets their own at the first sign-in. */
    setPassword: (login: string, password: string) =>
      post<{ ok: boolean }>(`/api/v1/admin/accounts/${encodeURIComponent(login)}/password`, {
        password,
        oneTime: true,
      }),
    /** With a one-time password. */
    createAccount: async (input: NewAccountInput) =>
      (
        await post<{ account: AdminAccount }>('/api/v1/admin/accounts', {
          ...input,
          oneTime: true,
        })
      ).account,
    setDisabled: (login: string, disabled: boolean) =>
      post<{ ok: boolean }>(
        `/api/v1/admin/accounts/${encodeURIComponent(login)}/${disabled ? 'disable' : 'enable'}`,
        {},
      ),
    setRoles: (login: string, roles: string[]) =>
      post<{ ok: boolean; roles: string[] }>(
        `/api/v1/admin/accounts/${encodeURIComponent(login)}/roles`,
        { roles },
      ),
  };
}

export type AdminApi = ReturnType<typeof adminApi>;
