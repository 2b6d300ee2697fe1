// «Задать новый пароль»: the administrator's (the deputy does not see the button; a 403 still gets a
// Russian explanation). The password is one-time: the owner sets their own at the next sign-in.
import { useState, type FormEvent } from 'react';
import { adminErrorText, type AdminAccount, type AdminApi } from './api';

interface Props {
  api: AdminApi;
  account: AdminAccount;
  /** The signed-in account is an administrator (otherwise the server will refuse). */
  admin: boolean;
  onDone: () => void;
  onClose: () => void;
}

export const PASSWORD_FORBIDDEN =
  'Новый пароль задаёт только администратор школы: обратитесь к нему.';

export function PasswordDialog({ api, account, admin, onDone, onClose }: Props) {
  const [password, setPassword] = useState('');
  const [repeated, setRepeated] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(
    admin ? null : { error: true, text: PASSWORD_FORBIDDEN },
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (password.length < 6) {
      return setMessage({ error: true, text: 'Пароль слишком короткий: не меньше 6 знаков' });
    }
    if (password !== repeated) return setMessage({ error: true, text: 'Пароли не совпадают' });
    setBusy(true);
    api
      .setPassword(account.login, password)
      .then(() => {
        setPassword('');
        setRepeated('');
        setMessage({
          error: false,
          text: `Временный пароль задан. Сообщите его владельцу учётной записи «${account.login}» лично: при входе журнал попросит придумать свой.`,
        });
        onDone();
      })
      .catch((e: unknown) =>
        setMessage({ error: true, text: adminErrorText(e, PASSWORD_FORBIDDEN) }),
      )
      .finally(() => setBusy(false));
  };

  return (
    <div className="accounts-overlay">
      <form
        className="accounts-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="password-title"
        onSubmit={submit}
      >
        <h2 id="password-title">Задать новый пароль</h2>
        <p>
          Учётная запись <b>{account.login}</b>
          {account.displayName ? ` — ${account.displayName}` : ''}. Старый пароль перестанет
          действовать, все её сеансы завершатся. Новый пароль временный: при входе владелец
          придумает свой.
        </p>
        <label>
          Новый пароль
          <input
            type="password"
            autoComplete="new-password"
            value={password}
            disabled={!admin}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <label>
          Повторите пароль
          <input
            type="password"
            autoComplete="new-password"
            value={repeated}
            disabled={!admin}
            onChange={(e) => setRepeated(e.target.value)}
          />
        </label>
        {message && <p role={message.error ? 'alert' : 'status'}>{message.text}</p>}
        <div className="accounts-actions">
          <button type="submit" disabled={busy || !admin}>
            Задать новый пароль
          </button>
          <button type="button" onClick={onClose} disabled={busy}>
            Закрыть
          </button>
        </div>
      </form>
    </div>
  );
}
