// The first download from the school server: documents stored of the total the server's snapshot
// plan announced (an indeterminate bar until the plan arrives, or for a server without snapshots).
// The journal opens once the reference collections are in.
import { COLLECTIONS } from '../../shared/collections';
import { useSyncStatus } from './sync-context';
import { REFERENCE_COLLECTIONS, type SyncClient } from './sync-client';
import { describeStatus } from './sync-status';
import './sync.css';

export function FirstDownload({ client }: { client: SyncClient }) {
  const status = useSyncStatus(client);
  const left = REFERENCE_COLLECTIONS.filter((c) => !status.initialDone.includes(c));
  const { text, tone } = describeStatus(status);
  const progress =
    status.firstDownload && status.firstDownload.total > 0 ? status.firstDownload : null;
  return (
    <main className="first-download">
      <h1>Загружаем журнал с сервера школы</h1>
      {progress ? (
        <progress aria-label="Загрузка журнала" value={progress.done} max={progress.total} />
      ) : (
        <progress aria-label="Загрузка журнала" />
      )}
      <p role="status" aria-live="polite">
        {progress
          ? `Получено документов: ${progress.done.toLocaleString('ru-RU')} из ${progress.total.toLocaleString('ru-RU')}`
          : `Получено документов: ${status.received.toLocaleString('ru-RU')}`}
      </p>
      {left.length > 0 && (
        <p className="hint">Ждём: {left.map((c) => COLLECTIONS[c].label).join(', ')}.</p>
      )}
      {tone === 'offline' || tone === 'error' ? <p role="alert">{text}</p> : null}
      <p className="hint">
        Журнал откроется, как только придут списки классов, сотрудников и учеников; уроки догрузятся
        в фоне.
      </p>
    </main>
  );
}
