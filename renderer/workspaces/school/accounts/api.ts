// The school server's admin routes the «Учётные записи» tab uses (docs/SYNC.md, docs/OPERATIONS.md):
// the deputy lists accounts, devices and login attempts and marks an account compromised; revoking a
// device and setting a password are the administrator's.
import { apiRequest, SyncError } from '../../../sync/api';
import type { ActiveSession } from '../../../sync/session-store';

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
}

export interface AdminDevice {
  id: string;
  accountId: string;
  login?: string;
  name: string;
  createdAt: string | null;
  lastSeenAt: string | null;
  lastIp: string | null;
  revokedAt: string | null;
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

export interface ReportActor {
  login: string | null;
  name: string | null;
}

export interface ReportDevice {
  id: string | null;
  name: string | null;
}

export interface UndoneChange {
  collection: string;
  docId: string;
  path: string;
  /** "7А, Математика, урок 12.11.2026 (2-й), Иванова Мария Петровна: отметки и посещаемость" */
  label: string;
  seq: number;
  at: string | null;
  device: ReportDevice;
  compromisedValue: unknown;
  restoredValue: unknown;
}

export interface KeptChange {
  collection: string;
  docId: string;
  path: string;
  label: string;
  compromisedSeq: number;
  compromisedAt: string | null;
  compromisedValue: unknown;
  seq: number;
  at: string | null;
  by: ReportActor;
  keptValue: unknown;
}

export interface CreatedDocument {
  collection: string;
  docId: string;
  label: string;
  seq: number;
  at: string | null;
  device: ReportDevice;
  action: 'cancelled' | 'cleared' | 'removed' | 'manual';
  note: string;
}

export interface CompromiseReport {
  id: number;
  login: string;
  accountId: string;
  displayName: string;
  since: string;
  createdAt: string;
  by: ReportActor;
  revokedDevices: number;
  revokedTokens: number;
  passwordVoided: boolean;
  undone: UndoneChange[];
  kept: KeptChange[];
  created: CreatedDocument[];
  alreadyUndone: number;
  documentsWritten: number;
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
    devices: async () => (await get<{ devices: AdminDevice[] }>('/api/v1/admin/devices')).devices,
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
    setPassword: (login: string, password: string) =>
      post<{ ok: boolean }>(`/api/v1/admin/accounts/${encodeURIComponent(login)}/password`, {
        password,
      }),
  };
}

export type AdminApi = ReturnType<typeof adminApi>;
