// A journal cell's history from the server's audit log: who changed it, on which computer, when,
// what it was before and after, and the values a concurrent edit superseded.
import { useEffect, useState } from 'react';
import { formatDateTime } from '../../shared/dates';
import { useSyncClient } from '../sync/sync-context';
import { SyncError } from '../sync/api';
import type { WorkType } from '../../shared/grading-policy';
import { HistoryAnswerSchema, type HistoryEntry } from '../../shared/sync-wire';
import { cellChangeText, cellValueText } from './cell-change';

interface Props {
  lessonId: string;
  studentId: string;
  /** "Иванова Мария, 12.09" for the dialog's title. */
  title: string;
  /** The school's work types, to name a work-type change. */
  workTypes: ReadonlyMap<string, WorkType>;
  onClose: () => void;
}

function who(entry: HistoryEntry): string {
  if (entry.kind === 'import') return 'Загрузка данных школы';
  return entry.who.name ?? entry.who.login ?? entry.stamp?.by ?? 'неизвестно';
}

type State =
  | { name: 'loading' }
  | { name: 'offline' }
  | { name: 'failed'; message: string }
  | { name: 'loaded'; entries: HistoryEntry[] };

export function CellHistory({ lessonId, studentId, title, workTypes, onClose }: Props) {
  const client = useSyncClient();
  const [state, setState] = useState<State>(client ? { name: 'loading' } : { name: 'offline' });

  useEffect(() => {
    if (!client) return;
    let cancelled = false;
    const path = `/api/v1/history/lessons/${encodeURIComponent(lessonId)}?path=${encodeURIComponent(`entries.${studentId}`)}`;
    client
      .get(path, HistoryAnswerSchema)
      .then((answer) => !cancelled && setState({ name: 'loaded', entries: answer.entries }))
      .catch((error: unknown) => {
        if (cancelled) return;
        if (error instanceof SyncError && error.kind === 'offline') setState({ name: 'offline' });
        else setState({ name: 'failed', message: error instanceof Error ? error.message : '' });
      });
    return () => {
      cancelled = true;
    };
  }, [client, lessonId, studentId]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  return (
    <div className="cell-history" role="dialog" aria-modal="true" aria-label="История клетки">
      <h2>История: {title}</h2>
      {state.name === 'loading' && <p>Загружаем историю…</p>}
      {state.name === 'offline' && <p role="status">История доступна при подключении к серверу</p>}
      {state.name === 'failed' && <p role="alert">Не удалось получить историю. {state.message}</p>}
      {state.name === 'loaded' && state.entries.length === 0 && (
        <p>Изменений этой клетки на сервере нет.</p>
      )}
      {state.name === 'loaded' && state.entries.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>Когда</th>
              <th>Кто</th>
              <th>Компьютер</th>
              <th>Было → стало</th>
            </tr>
          </thead>
          <tbody>
            {state.entries.map((entry, i) => (
              <tr key={`${entry.seq ?? 'x'}-${i}`}>
                <td>{entry.at ? formatDateTime(entry.at, { seconds: true }) : '—'}</td>
                <td>{who(entry)}</td>
                <td>{entry.device.name ?? '—'}</td>
                <td>
                  {entry.kind === 'superseded'
                    ? 'изменение не применено: на сервере более новое'
                    : cellChangeText(entry.before, entry.after, workTypes)}
                  {entry.superseded
                    .filter((s) => s.from !== 'server')
                    .map((s, j) => (
                      <div key={j} className="superseded">
                        Не принято (более новая правка уже была): {cellValueText(s.value)}
                      </div>
                    ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button type="button" onClick={onClose} autoFocus>
        Закрыть
      </button>
    </div>
  );
}
