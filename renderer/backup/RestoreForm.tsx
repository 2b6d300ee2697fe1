// "Восстановить из копии": decrypts a backup file into a new profile with its own key and passphrase.
import { useState, type FormEvent } from 'react';
import { openDatabase } from '../db/database';
import { wipe } from '../security/bytes';
import { databasePassword, WrongPassphraseError } from '../security/key-wrap';
import { newPassphraseProblem } from '../security/passphrase';
import { KeyStorageWarning, NewPassphraseFields } from '../security/ProfileScreens';
import type { ProfileRecord, ProfileStore } from '../security/profiles';
import { parseBackupPayload, restoreBackup } from './backup';
import { BACKUP_FILE_EXTENSION, BackupFormatError, decryptBackup } from './backup-file';

export function RestoreForm(props: {
  store: ProfileStore;
  onRestored: (profile: ProfileRecord, password: string) => void;
  onCancel: () => void;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [backupPassphrase, setBackupPassphrase] = useState('');
  const [name, setName] = useState('');
  const [passphrase, setPassphrase] = useState({ value: '', repeated: '' });
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file) return setError('Выберите файл резервной копии');
    const problem = newPassphraseProblem(passphrase.value, passphrase.repeated);
    if (problem) return setError(problem);
    setError(null);
    setProgress('Расшифровываем копию…');
    (async () => {
      let payload;
      try {
        payload = parseBackupPayload(await decryptBackup(await file.text(), backupPassphrase));
      } catch (e) {
        if (e instanceof WrongPassphraseError) throw new Error('Неверный пароль копии');
        if (e instanceof BackupFormatError) throw e;
        throw new BackupFormatError();
      }
      setProgress('Создаём профиль…');
      const { profile, dataKey } = await props.store.create(
        name.trim() || payload.profileName,
        passphrase.value,
      );
      const password = databasePassword(dataKey);
      wipe(dataKey);
      const db = await openDatabase({ name: profile.databaseName, password });
      try {
        await restoreBackup(db, payload, (done, total) =>
          setProgress(`Восстанавливаем: ${done} из ${total} записей`),
        );
        await db.close();
      } catch (e) {
        await db.remove().catch(() => undefined);
        props.store.remove(profile.id);
        throw e;
      }
      props.onRestored(profile, password);
    })().catch((e: unknown) => {
      console.error(e);
      setProgress(null);
      setError(
        e instanceof Error && /[а-яё]/i.test(e.message)
          ? e.message
          : 'Не удалось восстановить копию',
      );
    });
  };

  const busy = progress !== null;
  return (
    <form className="security-screen" onSubmit={submit} aria-labelledby="restore-title">
      <h1 id="restore-title">Восстановить из копии</h1>
      <label>
        Файл резервной копии
        <input
          type="file"
          accept={BACKUP_FILE_EXTENSION}
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          required
        />
      </label>
      <label>
        Пароль копии
        <input
          type="password"
          autoComplete="off"
          value={backupPassphrase}
          onChange={(e) => setBackupPassphrase(e.target.value)}
          required
        />
      </label>
      <label>
        Имя нового профиля
        <input value={name} onChange={(e) => setName(e.target.value)} placeholder="Как в копии" />
      </label>
      <NewPassphraseFields
        label="Пароль нового профиля"
        value={passphrase.value}
        repeated={passphrase.repeated}
        onChange={(value, repeated) => setPassphrase({ value, repeated })}
      />
      {error && <p role="alert">{error}</p>}
      {progress && <p role="status">{progress}</p>}
      <div className="security-actions">
        <button type="submit" disabled={busy}>
          Восстановить
        </button>
        <button type="button" onClick={props.onCancel} disabled={busy}>
          Назад
        </button>
      </div>
      <KeyStorageWarning />
    </form>
  );
}
