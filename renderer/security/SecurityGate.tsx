// The outermost screen: profiles → unlock → the journal, rendered only while unlocked. Locking
// (menu, idle time) unmounts the journal, which closes its database, and drops the key.
import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { BackupDialog } from '../backup/BackupDialog';
import { RestoreForm } from '../backup/RestoreForm';
import { getBridge } from '../bridge';
import { openedDatabase } from '../db/database';
import { ChangePassphraseDialog } from './ChangePassphraseDialog';
import { idleOverrideMs, useIdleLockMinutes, useIdleTimer } from './idle-lock';
import { hasLegacyDatabase, migrateLegacyDatabase } from './legacy';
import { NewProfileForm, ProfileList, UnlockForm } from './ProfileScreens';
import { ProfileStore, type ProfileRecord } from './profiles';
import './security.css';

export interface GateMenuAction {
  label: string;
  run: () => void;
}

/** What the journal needs from an unlocked profile. */
export interface UnlockedProfile {
  profile: ProfileRecord;
  /** Options for openDatabase: the profile's database and its data key as the password. */
  database: { name: string; password: string };
  /** "Заблокировать", "Сменить пароль", "Резервная копия" for the app's menu. */
  menu: GateMenuAction[];
  /** Changes on every unlock: key the journal on it so it remounts with a fresh database. */
  session: number;
}

type GateState =
  | { name: 'profiles' }
  | { name: 'create' }
  | { name: 'restore' }
  | { name: 'migrating' }
  | { name: 'unlock'; profileId: string }
  | { name: 'unlocked'; profile: ProfileRecord; password: string; session: number };

type Dialog = 'passphrase' | 'backup' | null;

function firstState(profiles: ProfileRecord[]): GateState {
  const only = profiles.length === 1 ? profiles[0] : undefined;
  return only ? { name: 'unlock', profileId: only.id } : { name: 'profiles' };
}

function IdleLock(props: { databaseName: string; onIdle: () => void }) {
  const minutes = useIdleLockMinutes(props.databaseName);
  useIdleTimer(idleOverrideMs(location.search) ?? minutes * 60_000, props.onIdle);
  return null;
}

export function SecurityGate(props: { children: (unlocked: UnlockedProfile) => ReactNode }) {
  const store = useMemo(() => new ProfileStore(window.localStorage, getBridge()), []);
  const [profiles, setProfiles] = useState(() => store.list());
  const [state, setState] = useState<GateState>(() => firstState(profiles));
  const [dialog, setDialog] = useState<Dialog>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const refresh = useCallback(() => setProfiles(store.list()), [store]);

  const enter = useCallback((profile: ProfileRecord, password: string) => {
    setState({ name: 'unlocked', profile, password, session: Date.now() });
  }, []);

  const lock = useCallback(() => {
    setDialog(null);
    // Dropping the state drops the only reference to the key; the journal unmounts and closes
    // its database (and with it the replication and every decrypted document in memory).
    setState((s) => (s.name === 'unlocked' ? { name: 'unlock', profileId: s.profile.id } : s));
  }, []);

  const created = useCallback(
    (profile: ProfileRecord, password: string) => {
      refresh();
      const wasFirst = profiles.length === 0;
      void (async () => {
        if (wasFirst && (await hasLegacyDatabase())) {
          setState({ name: 'migrating' });
          try {
            const count = await migrateLegacyDatabase(profile.databaseName, password, profile.name);
            setNotice(
              `Данные прежней версии перенесены в профиль (${count} записей) и зашифрованы`,
            );
          } catch (error) {
            console.error(error);
            setNotice('Не удалось перенести данные прежней версии: они остались на компьютере');
          }
        }
        enter(profile, password);
      })();
    },
    [enter, profiles.length, refresh],
  );

  const list = (
    <ProfileList
      profiles={profiles}
      onUnlock={(profileId) => setState({ name: 'unlock', profileId })}
      onCreate={() => setState({ name: 'create' })}
      onRestore={() => setState({ name: 'restore' })}
    />
  );

  switch (state.name) {
    case 'profiles':
      return list;
    case 'create':
      return (
        <NewProfileForm
          store={store}
          onCreated={created}
          onCancel={() => setState({ name: 'profiles' })}
        />
      );
    case 'restore':
      return (
        <RestoreForm
          store={store}
          onRestored={(profile, password) => {
            refresh();
            setNotice('Копия восстановлена. Войдите на сервер, чтобы продолжить синхронизацию.');
            enter(profile, password);
          }}
          onCancel={() => setState({ name: 'profiles' })}
        />
      );
    case 'migrating':
      return <p className="loading">Переносим и шифруем данные прежней версии…</p>;
    case 'unlock': {
      const profile = store.get(state.profileId);
      if (!profile) return list;
      return (
        <UnlockForm
          key={profile.id}
          store={store}
          profile={profile}
          onUnlocked={(password) => enter(profile, password)}
          onBack={() => setState({ name: 'profiles' })}
        />
      );
    }
    case 'unlocked': {
      const { profile, password, session } = state;
      const unlocked: UnlockedProfile = {
        profile,
        database: { name: profile.databaseName, password },
        session,
        menu: [
          { label: 'Заблокировать', run: lock },
          { label: 'Сменить пароль', run: () => setDialog('passphrase') },
          { label: 'Резервная копия', run: () => setDialog('backup') },
        ],
      };
      return (
        <>
          <IdleLock databaseName={profile.databaseName} onIdle={lock} />
          {notice && (
            <p role="status" className="security-notice">
              {notice}{' '}
              <button type="button" onClick={() => setNotice(null)}>
                Закрыть
              </button>
            </p>
          )}
          {props.children(unlocked)}
          {dialog === 'passphrase' && (
            <ChangePassphraseDialog
              store={store}
              profileId={profile.id}
              onClose={() => setDialog(null)}
            />
          )}
          {dialog === 'backup' && (
            <BackupDialog
              db={openedDatabase(profile.databaseName)}
              profileName={profile.name}
              onClose={() => setDialog(null)}
            />
          )}
        </>
      );
    }
  }
}
