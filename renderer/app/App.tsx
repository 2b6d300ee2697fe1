// Top-level screens: opening the database → first run (server or demo school) → who am I → journal.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Clock } from '../../shared/hlc';
import { openDatabase, type OpenDatabaseOptions } from '../db/database';
import { openDeviceClock, readIdentity, readSetup, writeIdentity } from '../db/device';
import type { JournalDatabase } from '../db/types';
import { FirstRun } from '../first-run/FirstRun';
import { IdentityPicker } from '../first-run/IdentityPicker';
import { ServerSession } from '../sync/ServerSession';
import { SyncIndicator } from '../sync/SyncIndicator';
import { AppShell, type MenuAction } from './AppShell';
import { createRepositories } from '../data/repositories';
import { SessionContext, type Session } from '../data/session';
import { RoleSchema, type Role } from '../../shared/staff';

const isRole = (r: string): r is Role => RoleSchema.safeParse(r).success;

type Stage =
  | { name: 'opening' }
  | { name: 'failed'; message: string }
  | { name: 'firstRun' }
  | { name: 'pickIdentity' }
  /** Signed in to the school server: identity comes from the account, the data from sync. */
  | { name: 'server' }
  | { name: 'journal'; staffId: string };

interface Opened {
  db: JournalDatabase;
  clock: Clock;
}

interface AppProps {
  /** The unlocked profile's database and key (renderer/security); the journal opens it. */
  database?: OpenDatabaseOptions;
  /** Menu entries of the layer above: lock, change passphrase, backup. */
  menu?: readonly MenuAction[];
}

export function App({ database, menu: outerMenu = [] }: AppProps = {}) {
  const [stage, setStage] = useState<Stage>({ name: 'opening' });
  // Fixed for this mount: the security gate remounts the app on every unlock.
  const databaseRef = useRef(database);
  const [opened, setOpened] = useState<Opened | null>(null);
  const staffRef = useRef<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    let openedDb: JournalDatabase | undefined;
    (async () => {
      const db = await openDatabase(databaseRef.current);
      openedDb = db;
      const clock = await openDeviceClock(db);
      const [setup, staffId] = await Promise.all([readSetup(db), readIdentity(db)]);
      if (cancelled) return;
      setOpened({ db, clock });
      staffRef.current = staffId;
      if (!setup) setStage({ name: 'firstRun' });
      else if (setup.source === 'server') setStage({ name: 'server' });
      else if (!staffId) setStage({ name: 'pickIdentity' });
      else setStage({ name: 'journal', staffId });
    })().catch((error: unknown) => {
      console.error(error);
      if (!cancelled) {
        setStage({
          name: 'failed',
          message: 'Не удалось открыть локальную базу журнала. Перезапустите программу.',
        });
      }
    });
    return () => {
      cancelled = true;
      // Locked or unmounted: close the database so no decrypted document stays in memory.
      void openedDb?.close();
    };
  }, []);

  // Built once per opened database; they sign with whoever is signed in at the moment of a write.
  const repositories = useMemo(
    () => (opened ? createRepositories(opened.db, opened.clock, () => staffRef.current) : null),
    [opened],
  );

  // Text typed just before a crash was kept outside the database: write it now, signed by the
  // same person (the identity is known once the journal opens).
  const draftsRecovered = useRef(false);
  useEffect(() => {
    if (!repositories || stage.name !== 'journal' || draftsRecovered.current) return;
    draftsRecovered.current = true;
    void repositories.lessons.recoverDrafts().catch((error: unknown) => console.error(error));
  }, [repositories, stage.name]);

  useEffect(() => {
    // Benchmark helpers load only with ?bench=1; the shipped app never fetches that chunk.
    if (opened && new URLSearchParams(location.search).has('bench')) {
      void import('./bench-hook').then((m) => m.installBenchHook(opened.db));
    }
  }, [opened]);

  const setServerIdentity = useCallback((staffId: string) => {
    staffRef.current = staffId;
  }, []);

  const chooseIdentity = useCallback(
    async (staffId: string | null) => {
      if (!opened) return;
      await writeIdentity(opened.db, staffId);
      staffRef.current = staffId;
      setStage(staffId ? { name: 'journal', staffId } : { name: 'pickIdentity' });
    },
    [opened],
  );

  if (stage.name === 'opening' || !opened || !repositories) {
    if (stage.name === 'failed')
      return (
        <p role="alert" className="fatal">
          {stage.message}
        </p>
      );
    return <p className="loading">Открываем журнал…</p>;
  }
  switch (stage.name) {
    case 'failed':
      return (
        <p role="alert" className="fatal">
          {stage.message}
        </p>
      );
    case 'firstRun':
      return (
        <FirstRun
          db={opened.db}
          onDone={() =>
            void readSetup(opened.db).then((setup) =>
              setStage(setup?.source === 'server' ? { name: 'server' } : { name: 'pickIdentity' }),
            )
          }
        />
      );
    case 'pickIdentity':
      return <IdentityPicker db={opened.db} onPick={(id) => void chooseIdentity(id)} />;
    case 'server':
      return (
        <ServerSession db={opened.db} clock={opened.clock} onIdentity={setServerIdentity}>
          {({ client, staffId, signOut }) => {
            const { account } = client.session;
            const session: Session = {
              ...opened,
              repositories,
              staffId,
              account: {
                roles: account.roles.filter(isRole),
                displayName: account.displayName ?? account.login,
              },
            };
            return (
              <SessionContext.Provider value={session}>
                <AppShell
                  menu={[...outerMenu, { label: 'Выйти из учётной записи', run: signOut }]}
                  status={<SyncIndicator client={client} />}
                />
              </SessionContext.Provider>
            );
          }}
        </ServerSession>
      );
    case 'journal': {
      const session: Session = { ...opened, repositories, staffId: stage.staffId };
      return (
        <SessionContext.Provider value={session}>
          <AppShell
            menu={[
              ...outerMenu,
              { label: 'Сменить пользователя', run: () => void chooseIdentity(null) },
            ]}
          />
        </SessionContext.Provider>
      );
    }
  }
}
