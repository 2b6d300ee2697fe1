// "Подключиться к серверу школы": server address, login, password and this computer's name. Used
// on first run and again when the server ended the session (the address and login are kept). A
// one-time password handed out by the administrator asks for the person's own new one, twice.
import { useEffect, useState, type FormEvent } from 'react';
import type { JournalDatabase } from '../db/types';
import { SETUP_LOGIN_KEY } from '../setup-link/setup-link-form';
import { defaultDeviceName, defaultServerUrl, signIn } from '../sync/login';

export interface ServerCredentials {
  serverUrl: string;
  login: string;
  password: string;
  deviceName: string;
}

export type ConnectResult = { ok: true } | { ok: false; message: string; passwordChange?: boolean };

/** The shortest new password the server accepts (server/auth/routes.ts). */
export const MIN_NEW_PASSWORD = 8;

/** Signs in, stores the session (token protected by the host), the setup and the identity. */
export async function connectToServer(
  db: JournalDatabase,
  credentials: ServerCredentials & { newPassword?: string },
): Promise<ConnectResult> {
  try {
    const result = await signIn(db, credentials);
    return result.ok ? { ok: true } : result;
  } catch (error) {
    console.error(error);
    return {
      ok: false,
      message: 'Не удалось сохранить вход на этом компьютере. Попробуйте ещё раз',
    };
  }
}

interface Props {
  db: JournalDatabase;
  /** Absent when signing in again (there is nowhere to go back to). */
  onBack?: () => void;
  onConnected: () => void;
  /** Why the form is shown again ("Сеанс завершён: войдите снова"). */
  notice?: string | null;
  initial?: Partial<ServerCredentials>;
}

export function ServerConnectForm({ db, onBack, onConnected, notice, initial }: Props) {
  const [credentials, setCredentials] = useState<ServerCredentials>({
    serverUrl: initial?.serverUrl ?? '',
    // Just created through the set-up link: the administrator's login.
    login: initial?.login ?? sessionStorage.getItem(SETUP_LOGIN_KEY) ?? '',
    password: '',
    deviceName: initial?.deviceName ?? '',
  });
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** The password was a one-time one: the new password is asked for. */
  const [changing, setChanging] = useState(false);
  const [newPassword, setNewPassword] = useState('');
  const [repeated, setRepeated] = useState('');

  useEffect(() => {
    let cancelled = false;
    void defaultServerUrl().then(({ serverUrl, platform }) => {
      if (cancelled) return;
      setCredentials((c) => ({
        ...c,
        serverUrl: c.serverUrl || serverUrl,
        deviceName: c.deviceName || defaultDeviceName(platform),
      }));
    });
    return () => {
      cancelled = true;
    };
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (changing) {
      if (newPassword.length < MIN_NEW_PASSWORD) {
        return setMessage(`Новый пароль слишком короткий: не меньше ${MIN_NEW_PASSWORD} знаков`);
      }
      if (newPassword !== repeated) return setMessage('Новые пароли не совпадают');
    }
    setBusy(true);
    setMessage(null);
    const result = await connectToServer(
      db,
      changing ? { ...credentials, newPassword } : credentials,
    );
    setBusy(false);
    if (result.ok) return onConnected();
    if (result.passwordChange) setChanging(true);
    setMessage(result.message);
  };

  const field = (key: keyof ServerCredentials) => ({
    value: credentials[key],
    onChange: (e: { target: { value: string } }) =>
      setCredentials((c) => ({ ...c, [key]: e.target.value })),
  });

  return (
    <form className="server-form" onSubmit={(e) => void submit(e)}>
      <h2>Подключение к серверу школы</h2>
      {notice && (
        <p role="status" className="form-notice">
          {notice}. Записи, сделанные на этом компьютере, сохранены и будут отправлены после входа.
        </p>
      )}
      <label>
        Адрес сервера
        <input
          type="text"
          inputMode="url"
          required
          placeholder="https://journal.school7.ru:8080"
          {...field('serverUrl')}
        />
      </label>
      <label>
        Логин
        <input type="text" required autoComplete="username" {...field('login')} />
      </label>
      <label>
        Пароль
        <input type="password" required autoComplete="current-password" {...field('password')} />
      </label>
      {changing && (
        <>
          <label>
            Новый пароль
            <input
              type="password"
              autoComplete="new-password"
              value={newPassword}
              onChange={(e) => setNewPassword(e.target.value)}
            />
          </label>
          <label>
            Повторите новый пароль
            <input
              type="password"
              autoComplete="new-password"
              value={repeated}
              onChange={(e) => setRepeated(e.target.value)}
            />
          </label>
          <p className="form-hint">
            Не меньше {MIN_NEW_PASSWORD} знаков. Никому его не сообщайте; лист с временным паролем
            можно выбросить.
          </p>
        </>
      )}
      <label>
        Название этого компьютера
        <input type="text" required maxLength={100} {...field('deviceName')} />
      </label>
      {message && (
        <p role="alert" className="form-message">
          {message}
        </p>
      )}
      <div className="form-actions">
        {onBack && (
          <button type="button" onClick={onBack}>
            Назад
          </button>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Подключаемся…' : changing ? 'Сменить пароль и войти' : 'Подключиться'}
        </button>
      </div>
    </form>
  );
}
