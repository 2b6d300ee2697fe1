// "Сменить пароль": the data key is re-wrapped under the new passphrase; nothing is re-encrypted.
import { useState, type FormEvent } from 'react';
import { WrongPassphraseError } from './key-wrap';
import { newPassphraseProblem } from './passphrase';
import { NewPassphraseFields } from './ProfileScreens';
import type { ProfileStore } from './profiles';

export function ChangePassphraseDialog(props: {
  store: ProfileStore;
  profileId: string;
  onClose: () => void;
}) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState({ value: '', repeated: '' });
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problem = newPassphraseProblem(next.value, next.repeated);
    if (problem) return setMessage({ error: true, text: problem });
    setBusy(true);
    setMessage(null);
    props.store
      .changePassphrase(props.profileId, current, next.value)
      .then(() => {
        setCurrent('');
        setNext({ value: '', repeated: '' });
        setMessage({ error: false, text: 'Пароль изменён' });
      })
      .catch((e: unknown) => {
        if (!(e instanceof WrongPassphraseError)) console.error(e);
        setMessage({
          error: true,
          text:
            e instanceof WrongPassphraseError
              ? 'Неверный текущий пароль'
              : 'Не удалось сменить пароль',
        });
      })
      .finally(() => setBusy(false));
  };

  return (
    <div className="security-overlay">
      <form
        className="security-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="change-passphrase-title"
        onSubmit={submit}
      >
        <h2 id="change-passphrase-title">Сменить пароль</h2>
        <label>
          Текущий пароль
          <input
            type="password"
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
            required
          />
        </label>
        <NewPassphraseFields
          label="Новый пароль"
          value={next.value}
          repeated={next.repeated}
          onChange={(value, repeated) => setNext({ value, repeated })}
        />
        {message && <p role={message.error ? 'alert' : 'status'}>{message.text}</p>}
        <div className="security-actions">
          <button type="submit" disabled={busy}>
            {busy ? 'Меняем…' : 'Сменить пароль'}
          </button>
          <button type="button" onClick={props.onClose} disabled={busy}>
            Закрыть
          </button>
        </div>
      </form>
    </div>
  );
}
