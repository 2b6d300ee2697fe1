// "Резервная копия": the whole local database (unsent changes included) in one encrypted file,
// downloaded through a blob link (a download in the browser, the save dialog in Electron).
import { useState, type FormEvent } from 'react';
import { defaultBrowserHost } from '../bridge/browser';
import type { JournalDatabase } from '../db/types';
import { newPassphraseProblem } from '../security/passphrase';
import { NewPassphraseFields } from '../security/ProfileScreens';
import { SecurityDialog, type DialogMessage } from '../security/SecurityDialog';
import { collectBackup } from './backup';
import { BACKUP_FILE_EXTENSION, encryptBackup } from './backup-file';

const URL_LIFETIME_MS = 60_000;

export function backupFileName(profileName: string, now = new Date()): string {
  // eslint-disable-next-line no-control-regex
  const safe = profileName.replace(/[<>:"/\\|?*\u0000-\u001f\u007f]/g, '_').trim();
  return `Журнал ${safe} ${now.toISOString().slice(0, 10)}${BACKUP_FILE_EXTENSION}`;
}

export function BackupDialog(props: {
  db: JournalDatabase | undefined;
  profileName: string;
  onClose: () => void;
}) {
  const [passphrase, setPassphrase] = useState({ value: '', repeated: '' });
  const [message, setMessage] = useState<DialogMessage | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problem = newPassphraseProblem(passphrase.value, passphrase.repeated);
    if (problem) return setMessage({ error: true, text: problem });
    const db = props.db;
    if (!db) return setMessage({ error: true, text: 'Журнал ещё не открыт' });
    setBusy(true);
    setMessage(null);
    (async () => {
      const payload = await collectBackup(db, props.profileName);
      const text = await encryptBackup(payload, passphrase.value);
      const host = defaultBrowserHost();
      const url = host.createObjectURL(new Blob([text], { type: 'application/octet-stream' }));
      const fileName = backupFileName(props.profileName);
      host.download(url, fileName);
      host.revokeObjectURL(url, URL_LIFETIME_MS);
      const count = Object.values(payload.collections).reduce((n, docs) => n + docs.length, 0);
      setPassphrase({ value: '', repeated: '' });
      setMessage({ error: false, text: `Копия сохранена: ${fileName} (${count} записей)` });
    })()
      .catch((e: unknown) => {
        console.error(e);
        setMessage({ error: true, text: 'Не удалось создать резервную копию' });
      })
      .finally(() => setBusy(false));
  };

  return (
    <SecurityDialog
      titleId="backup-title"
      title="Резервная копия"
      onSubmit={submit}
      message={message}
      busy={busy}
      submitLabel="Сохранить копию"
      busyLabel="Сохраняем…"
      onClose={props.onClose}
    >
      <p>
        В копию входят все данные профиля, в том числе ещё не отправленные на сервер. Она
        зашифрована отдельным паролем: запомните его, без него копию не восстановить.
      </p>
      <NewPassphraseFields
        label="Пароль копии"
        value={passphrase.value}
        repeated={passphrase.repeated}
        onChange={(value, repeated) => setPassphrase({ value, repeated })}
      />
    </SecurityDialog>
  );
}
