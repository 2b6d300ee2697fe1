// The start screens: choose a profile, create one (passphrase twice, strength hint), unlock one.
import { useEffect, useState, type FormEvent } from 'react';
import { getBridge } from '../bridge';
import { wipe } from './bytes';
import { databasePassword, WrongPassphraseError } from './key-wrap';
import {
  formatWait,
  MIN_PASSPHRASE_LENGTH,
  newPassphraseProblem,
  passphraseStrength,
  STRENGTH_LABELS,
  waitBeforeAttempt,
} from './passphrase';
import {
  MAX_PROFILE_NAME,
  TooManyAttemptsError,
  type ProfileRecord,
  type ProfileStore,
} from './profiles';

export const NO_OS_KEYCHAIN_WARNING =
  'Система не поддерживает защищённое хранилище ключей: ключ защищён только паролем';

/** Shown wherever a key is created or opened, when the OS keychain is not available. */
export function KeyStorageWarning() {
  const [osEncryption, setOsEncryption] = useState<boolean | null>(null);
  useEffect(() => {
    let live = true;
    getBridge()
      .getAppInfo()
      .then((info) => live && setOsEncryption(info.osEncryption))
      .catch(() => live && setOsEncryption(false));
    return () => {
      live = false;
    };
  }, []);
  if (osEncryption !== false) return null;
  return (
    <p role="note" className="security-warning">
      {NO_OS_KEYCHAIN_WARNING}
    </p>
  );
}

export function ProfileList(props: {
  profiles: ProfileRecord[];
  onUnlock: (id: string) => void;
  onCreate: () => void;
  onRestore: () => void;
}) {
  return (
    <section className="security-screen" aria-labelledby="profiles-title">
      <h1 id="profiles-title">Выберите профиль</h1>
      {props.profiles.length === 0 ? (
        <p>
          На этом компьютере ещё нет профилей. У каждого учителя свой профиль и свой пароль: данные
          учеников хранятся зашифрованными.
        </p>
      ) : (
        <ul className="profile-list">
          {props.profiles.map((p) => (
            <li key={p.id}>
              <button type="button" onClick={() => props.onUnlock(p.id)}>
                {p.name}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="security-actions">
        <button type="button" onClick={props.onCreate}>
          Новый профиль
        </button>
        <button type="button" onClick={props.onRestore}>
          Восстановить из копии
        </button>
      </div>
      <KeyStorageWarning />
    </section>
  );
}

/** Two passphrase fields with the length rule and the strength hint; shared by create and change. */
export function NewPassphraseFields(props: {
  value: string;
  repeated: string;
  onChange: (value: string, repeated: string) => void;
  label?: string;
}) {
  const strength = props.value ? passphraseStrength(props.value) : null;
  return (
    <>
      <label>
        {props.label ?? 'Пароль'}
        <input
          type="password"
          autoComplete="new-password"
          minLength={MIN_PASSPHRASE_LENGTH}
          value={props.value}
          onChange={(e) => props.onChange(e.target.value, props.repeated)}
          required
        />
      </label>
      {strength && (
        <p className={`strength strength-${strength}`} aria-live="polite">
          {STRENGTH_LABELS[strength]}
        </p>
      )}
      <label>
        Повторите пароль
        <input
          type="password"
          autoComplete="new-password"
          value={props.repeated}
          onChange={(e) => props.onChange(props.value, e.target.value)}
          required
        />
      </label>
    </>
  );
}

export function NewProfileForm(props: {
  store: ProfileStore;
  onCreated: (profile: ProfileRecord, password: string) => void;
  onCancel: () => void;
}) {
  const [name, setName] = useState('');
  const [passphrase, setPassphrase] = useState({ value: '', repeated: '' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problem = newPassphraseProblem(passphrase.value, passphrase.repeated);
    if (!name.trim()) return setError('Введите имя профиля');
    if (problem) return setError(problem);
    setBusy(true);
    setError(null);
    props.store
      .create(name, passphrase.value)
      .then(({ profile, dataKey }) => {
        const password = databasePassword(dataKey);
        wipe(dataKey);
        props.onCreated(profile, password);
      })
      .catch((e: unknown) => {
        console.error(e);
        setError('Не удалось создать профиль');
        setBusy(false);
      });
  };

  return (
    <form className="security-screen" onSubmit={submit} aria-labelledby="new-profile-title">
      <h1 id="new-profile-title">Новый профиль</h1>
      <label>
        Имя профиля
        <input
          value={name}
          maxLength={MAX_PROFILE_NAME}
          onChange={(e) => setName(e.target.value)}
          placeholder="Например, Иванова М. П."
          required
        />
      </label>
      <NewPassphraseFields
        value={passphrase.value}
        repeated={passphrase.repeated}
        onChange={(value, repeated) => setPassphrase({ value, repeated })}
      />
      <p className="hint">
        Пароль нельзя восстановить: без него данные профиля не открыть. Храните резервную копию.
      </p>
      {error && <p role="alert">{error}</p>}
      <div className="security-actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Создаём ключ…' : 'Создать профиль'}
        </button>
        <button type="button" onClick={props.onCancel} disabled={busy}>
          Назад
        </button>
      </div>
      <KeyStorageWarning />
    </form>
  );
}

export function UnlockForm(props: {
  store: ProfileStore;
  profile: ProfileRecord;
  onUnlocked: (password: string) => void;
  onBack: () => void;
}) {
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    props.store
      .unlock(props.profile.id, passphrase)
      .then((dataKey) => {
        const password = databasePassword(dataKey);
        wipe(dataKey);
        setPassphrase('');
        props.onUnlocked(password);
      })
      .catch((e: unknown) => {
        setBusy(false);
        setPassphrase('');
        if (e instanceof WrongPassphraseError) {
          const latest = props.store.get(props.profile.id);
          const wait = latest ? waitBeforeAttempt(latest.attempts, Date.now()) : 0;
          setError(
            wait > 0
              ? `Неверный пароль. Следующая попытка через ${formatWait(wait)}`
              : 'Неверный пароль',
          );
        } else if (e instanceof TooManyAttemptsError) {
          setError(`Слишком много неверных попыток. Повторите через ${formatWait(e.waitMs)}`);
        } else {
          console.error(e);
          setError('Не удалось открыть ключ профиля');
        }
      });
  };

  return (
    <form className="security-screen" onSubmit={submit} aria-labelledby="unlock-title">
      <h1 id="unlock-title">{props.profile.name}</h1>
      <p>Журнал заблокирован. Введите пароль профиля.</p>
      <label>
        Пароль
        <input
          type="password"
          autoComplete="current-password"
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
          autoFocus
          required
        />
      </label>
      {error && <p role="alert">{error}</p>}
      <div className="security-actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Проверяем пароль…' : 'Открыть'}
        </button>
        <button type="button" onClick={props.onBack} disabled={busy}>
          Другой профиль
        </button>
      </div>
    </form>
  );
}
