// Server URL, login and password. Replication is wired in later: `connectToServer` is the single
// place to replace; until then it explains in Russian that connecting is not available yet.
import { useState, type FormEvent } from 'react';
import type { JournalDatabase } from '../db/types';

export interface ServerCredentials {
  serverUrl: string;
  login: string;
  password: string;
}

export type ConnectResult = { ok: true } | { ok: false; message: string };

/** Replace with the replication client's sign-in; it should store the setup and identity. */
export async function connectToServer(
  _db: JournalDatabase,
  _credentials: ServerCredentials,
): Promise<ConnectResult> {
  return {
    ok: false,
    message:
      'Подключение к серверу школы пока недоступно в этой версии программы. Воспользуйтесь демо-школой или обратитесь к администратору.',
  };
}

interface Props {
  db: JournalDatabase;
  onBack: () => void;
  onConnected: () => void;
}

export function ServerConnectForm({ db, onBack, onConnected }: Props) {
  const [credentials, setCredentials] = useState<ServerCredentials>({
    serverUrl: '',
    login: '',
    password: '',
  });
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    const result = await connectToServer(db, credentials);
    setBusy(false);
    if (result.ok) onConnected();
    else setMessage(result.message);
  };

  const field = (key: keyof ServerCredentials) => ({
    value: credentials[key],
    onChange: (e: { target: { value: string } }) =>
      setCredentials((c) => ({ ...c, [key]: e.target.value })),
  });

  return (
    <form className="server-form" onSubmit={(e) => void submit(e)}>
      <h2>Подключение к серверу школы</h2>
      <label>
        Адрес сервера
        <input
          type="url"
          required
          placeholder="https://journal.school7.ru"
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
      {message && (
        <p role="alert" className="form-message">
          {message}
        </p>
      )}
      <div className="form-actions">
        <button type="button" onClick={onBack}>
          Назад
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Подключаемся…' : 'Подключиться'}
        </button>
      </div>
    </form>
  );
}
