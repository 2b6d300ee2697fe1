// The header's sync status: connection, changes waiting to be sent, the last exchange, errors,
// a warning while this computer's clock is off from the server's, and a notice for changes the
// server refused (shown once, with details, until dismissed).
import { useEffect, useState } from 'react';
import { COLLECTIONS, isCollectionName } from '../../shared/collections';
import { formatDateTime } from '../../shared/dates';
import { useSyncStatus } from './sync-context';
import type { SyncClient } from './sync-client';
import {
  clockText,
  describeStatus,
  ELSEWHERE_HINT,
  refusalText,
  type SyncStatus,
} from './sync-status';
import './sync.css';

/** Re-renders every 30 s, so "Синхронизировано в 14:32" stays true to the minute. */
function useMinuteTick(): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), 30_000);
    return () => clearInterval(timer);
  }, []);
}

function RefusalNotice({ status, onClose }: { status: SyncStatus; onClose: () => void }) {
  const first = status.refusals[0];
  if (!first) return null;
  return (
    <div className="sync-refusals" role="alert">
      <strong>{refusalText(first)}</strong>
      <details>
        <summary>Подробнее</summary>
        <ul>
          {status.refusals.map((r) => (
            <li key={r.id}>
              {r.at === null ? '' : `${formatDateTime(r.at, { seconds: true })}: `}
              {isCollectionName(r.collection)
                ? COLLECTIONS[r.collection].label
                : r.collection}, {r.docId} — {r.reason}
            </li>
          ))}
        </ul>
        <p>Значение на этом компьютере заменено значением с сервера школы.</p>
      </details>
      <button type="button" onClick={onClose}>
        Понятно
      </button>
    </div>
  );
}

export function SyncIndicator({ client }: { client: SyncClient }) {
  const status = useSyncStatus(client);
  useMinuteTick();
  const { text, tone } = describeStatus(status);
  const clock = clockText(status);
  return (
    <span
      className="sync-indicator"
      data-tone={tone}
      data-received={status.received}
      data-initial-done={status.initialDone.length}
      data-elsewhere={status.elsewhere || undefined}
      title={status.elsewhere ? ELSEWHERE_HINT : undefined}
    >
      <span className="sync-dot" aria-hidden="true" />
      <span className="sync-text" role="status" aria-live="polite" data-testid="sync-status">
        {text}
      </span>
      {clock && (
        <span
          className="sync-clock"
          role="alert"
          aria-label={clock.full}
          title={clock.full}
          data-testid="sync-clock"
        >
          {clock.badge}
        </span>
      )}
      <RefusalNotice status={status} onClose={() => client.dismissRefusals()} />
    </span>
  );
}
