// The journal on a school server: signs in when there is no valid session, starts the sync, shows
// the first download until the reference collections are in, then renders the journal. A 401
// stops the sync (local data and unsent changes stay) and brings the login form back.
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { Clock } from '../../shared/hlc';
import type { JournalDatabase } from '../db/types';
import { ServerConnectForm, type ServerCredentials } from '../first-run/ServerConnectForm';
import { apiRequest, MESSAGES } from './api';
import { FirstDownload } from './FirstDownload';
import { identityOf } from './login';
import { endSession, readActiveSession, readStoredSession } from './session-store';
import { SyncContext } from './sync-context';
import type { SyncClient } from './sync-client';
import { startSyncInOneTab } from './sync-in-one-tab';

/** localStorage key: 'replication' makes a first download go through the replication alone. */
export const FIRST_DOWNLOAD_KEY = 'journal.firstDownload';

export interface ServerJournal {
  client: SyncClient;
  staffId: string;
  /** Ends the session on the server and on this computer; the login form is shown. */
  signOut: () => void;
}

type Phase =
  | { name: 'loading' }
  | { name: 'login'; notice: string | null; initial: Partial<ServerCredentials> }
  | { name: 'downloading'; client: SyncClient; staffId: string }
  | { name: 'ready'; client: SyncClient; staffId: string };

interface Props {
  db: JournalDatabase;
  clock: Clock;
  /** The signed-in staff member, before the journal renders (the repository signs with it). */
  onIdentity: (staffId: string) => void;
  children: (journal: ServerJournal) => ReactNode;
}

export function ServerSession({ db, clock, onIdentity, children }: Props) {
  const [phase, setPhase] = useState<Phase>({ name: 'loading' });
  /** Replaced to start over (after a login, a sign-out or an ended session), with what to say. */
  const [attempt, setAttempt] = useState<{ notice: string | null }>({ notice: null });

  useEffect(() => {
    let cancelled = false;
    let client: SyncClient | null = null;
    void (async () => {
      const session = await readActiveSession(db);
      if (cancelled) return;
      if (!session) {
        const stored = await readStoredSession(db);
        if (cancelled) return;
        setPhase({
          name: 'login',
          notice: stored ? (attempt.notice ?? MESSAGES.sessionEnded) : attempt.notice,
          initial: stored
            ? {
                serverUrl: stored.serverUrl,
                login: stored.account.login,
                deviceName: stored.device.name,
              }
            : {},
        });
        return;
      }
      const staffId = identityOf(session.account);
      onIdentity(staffId);
      client = startSyncInOneTab({
        db,
        clock,
        session,
        // bench/sync.ts compares with the replication alone (docs/PERFORMANCE.md).
        snapshot: localStorage.getItem(FIRST_DOWNLOAD_KEY) !== 'replication',
        onFatal: (error) => {
          if (error.kind !== 'unauthorized' || cancelled) return;
          void endSession(db).then(() => setAttempt({ notice: error.message }));
        },
      });
      const started = client;
      setPhase({ name: 'downloading', client: started, staffId });
      await started.referenceReady();
      if (!cancelled) setPhase({ name: 'ready', client: started, staffId });
    })().catch((error: unknown) => {
      console.error(error);
      if (!cancelled) setPhase({ name: 'login', notice: null, initial: {} });
    });
    return () => {
      cancelled = true;
      void client?.stop();
    };
  }, [db, clock, attempt, onIdentity]);

  const signOut = useCallback(() => {
    if (phase.name !== 'ready' && phase.name !== 'downloading') return;
    const { session } = phase.client;
    void phase.client
      .stop()
      .then(() =>
        apiRequest(session.serverUrl, '/api/v1/auth/logout', {
          method: 'POST',
          body: {},
          token: session.token,
        }).catch(() => undefined),
      )
      .then(() => endSession(db))
      .then(() => setAttempt({ notice: 'Вы вышли из учётной записи' }));
  }, [db, phase]);

  switch (phase.name) {
    case 'loading':
      return <p className="loading">Подключаемся к серверу школы…</p>;
    case 'login':
      return (
        <main className="first-run">
          <h1>Классный журнал</h1>
          <ServerConnectForm
            db={db}
            notice={phase.notice}
            initial={phase.initial}
            onConnected={() => setAttempt({ notice: null })}
          />
        </main>
      );
    case 'downloading':
      return <FirstDownload client={phase.client} />;
    case 'ready':
      return (
        <SyncContext.Provider value={phase.client}>
          {children({ client: phase.client, staffId: phase.staffId, signOut })}
        </SyncContext.Provider>
      );
  }
}
