// "Сменить пароль": the data key is re-wrapped under the new passphrase; nothing is re-encrypted.
import { useState, type FormEvent } from 'react';
import { WrongPassphraseError } from './key-wrap';
import { newPassphraseProblem } from './passphrase';
import { NewPassphraseFields } from './ProfileScreens';
import type { ProfileStore } from './profiles';
import { SecurityDialog, type DialogMessage } from './SecurityDialog';

export function ChangePassphraseDialog(props: {
  store: ProfileStore;
  profileId: string;
  onClose: () => void;
}) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState({ value: '', repeated: '' });
  const [message, setMessage] = useState<DialogMessage | null>(null);
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
    <SecurityDialog
      titleId="change-passphrase-title"
      title="Сменить пароль"
      onSubmit={submit}
      message={message}
      busy={busy}
      submitLabel="Сменить пароль"
      busyLabel="Меняем…"
      onClose={props.onClose}
    >
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
    </SecurityDialog>
  );
}
