// Signing in to the school server: POST /api/v1/auth/login (or /auth/password when a one-time
// password is replaced), then the session is stored and the account's staff member becomes the
// journal's identity (no picking on a server). An administrator's account without a staff member
// signs as `account:<login>`, as the server expects (server/domain/parts.ts authorOf).
import { getBridge, isDesktopApp } from '../bridge';
import { writeIdentity, writeSetup } from '../db/device';
import type { JournalDatabase } from '../db/types';
import { checkServerUrl } from '../../shared/server-url';
import { apiRequest, SyncError } from './api';
import { saveSession, type ActiveSession, type SyncAccount } from './session-store';

export interface LoginInput {
  serverUrl: string;
  login: string;
  password: string;
  deviceName: string;
  /** Replaces a one-time password: the owner's own new one. */
  newPassword?: string;
}

export type LoginResult =
  | { ok: true; session: ActiveSession }
  /** `passwordChange`: the password was a one-time one; ask for a new one and sign in again. */
  | { ok: false; message: string; passwordChange?: boolean };

interface LoginAnswer {
  token: string;
  device: { id: string; name: string };
  account: SyncAccount;
}

const PLATFORM_NAMES: Record<string, string> = {
  win32: 'Windows',
  darwin: 'macOS',
  linux: 'Linux',
  browser: 'браузер',
};

/** "Компьютер учителя (Windows)" — the server lists devices by this name. */
export function defaultDeviceName(platform: string): string {
  return `Компьютер учителя (${PLATFORM_NAMES[platform] ?? platform})`;
}

/**
 * The address to prefill: the one the desktop app was started with, or this page's own origin
 * when the school server itself serves the journal at "/".
 */
export async function defaultServerUrl(): Promise<{ serverUrl: string; platform: string }> {
  try {
    const info = await getBridge().getAppInfo();
    if (info.serverUrl) return { serverUrl: info.serverUrl, platform: info.platform };
    const served = !isDesktopApp() && /^https?:$/.test(location.protocol);
    return { serverUrl: served ? location.origin : '', platform: info.platform };
  } catch {
    return { serverUrl: '', platform: 'browser' };
  }
}

/** Who signs this account's changes: its staff member, else `account:<login>` (an administrator). */
export function identityOf(account: Pick<SyncAccount, 'staffId' | 'login'>): string {
  return account.staffId ?? `account:${account.login}`;
}

/** Signs in; on success the session, the setup and the identity are stored locally. */
export async function signIn(db: JournalDatabase, input: LoginInput): Promise<LoginResult> {
  if (!input.serverUrl.trim()) return { ok: false, message: 'Укажите адрес сервера школы' };
  const checked = checkServerUrl(input.serverUrl, {
    allowInsecureHttp:
      (
        await getBridge()
          .getAppInfo()
          .catch(() => null)
      )?.allowInsecureHttp ?? false,
  });
  if (!checked.ok) return checked;
  const serverUrl = checked.url;
  let answer: LoginAnswer;
  try {
    const body = {
      login: input.login.trim(),
      password: input.password,
      deviceName: input.deviceName,
    };
    answer = input.newPassword
      ? await apiRequest<LoginAnswer>(serverUrl, '/api/v1/auth/password', {
          method: 'POST',
          body: { ...body, newPassword: input.newPassword },
        })
      : await apiRequest<LoginAnswer>(serverUrl, '/api/v1/auth/login', { method: 'POST', body });
  } catch (error) {
    if (error instanceof SyncError) {
      return { ok: false, message: error.message, passwordChange: error.kind === 'passwordChange' };
    }
    throw error;
  }
  const session: ActiveSession = {
    serverUrl,
    token: answer.token,
    device: answer.device,
    account: answer.account,
  };
  await saveSession(db, session);
  await writeIdentity(db, identityOf(answer.account));
  await writeSetup(db, { source: 'server', completedAt: new Date().toISOString() });
  return { ok: true, session };
}
