// Signing in to the school server: POST /api/v1/auth/login, then the session is stored and the
// account's staff member becomes the journal's identity (no picking on a server).
import { getBridge, isDesktopApp } from '../bridge';
import { writeIdentity, writeSetup } from '../db/device';
import type { JournalDatabase } from '../db/types';
import { checkServerUrl } from '../../shared/server-url';
import { apiRequest, SyncError } from './api';
import {
  journalIdentity,
  saveSession,
  type ActiveSession,
  type SyncAccount,
} from './session-store';

export interface LoginInput {
  serverUrl: string;
  login: string;
  password: string;
  deviceName: string;
}

export type LoginResult = { ok: true; session: ActiveSession } | { ok: false; message: string };

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
    answer = await apiRequest<LoginAnswer>(serverUrl, '/api/v1/auth/login', {
      method: 'POST',
      body: { login: input.login.trim(), password: input.password, deviceName: input.deviceName },
    });
  } catch (error) {
    if (error instanceof SyncError) return { ok: false, message: error.message };
    throw error;
  }
  const identity = journalIdentity(answer.account);
  if (!identity) {
    return {
      ok: false,
      message:
        'Эта учётная запись не связана с сотрудником школы: журнал в ней вести нельзя. Обратитесь к администратору',
    };
  }
  const session: ActiveSession = {
    serverUrl,
    token: answer.token,
    device: answer.device,
    account: answer.account,
  };
  await saveSession(db, session);
  await writeIdentity(db, identity);
  await writeSetup(db, { source: 'server', completedAt: new Date().toISOString() });
  return { ok: true, session };
}
