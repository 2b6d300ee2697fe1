// One tab of a browser profile talks to the school server at a time (the browser copy served by
// the server; the desktop app has one window). Every tab shares the local database (RxDB's
// multiInstance tells each tab what another stored), so a second tab syncing too only doubled the
// first download and the live connection on the school's link, and ran a second replication over
// the same checkpoints. The tab holding the Web Lock syncs and posts its status on a channel;
// the others show that status and wait for the lock, which the browser hands to one of them when
// the syncing tab closes or stops: that tab then syncs, resuming an unfinished first download.
import { BehaviorSubject } from 'rxjs';
import type { JournalDatabase } from '../db/types';
import {
  READY_FLAG,
  referenceDone,
  sessionGet,
  startSync,
  type StartSyncOptions,
  type SyncClient,
} from './sync-client';
import { INITIAL_STATUS, type SyncStatus } from './sync-status';

type Message =
  { type: 'ask' } | { type: 'status'; status: SyncStatus } | { type: 'dismiss-refusals' };

interface LockManagerLike {
  request(
    name: string,
    options: { signal: AbortSignal },
    callback: () => Promise<void>,
  ): Promise<void>;
}

/** The lock and channel name of one local database's sync. */
export function syncLockName(db: Pick<JournalDatabase, 'name'>): string {
  return `journal-sync:${db.name}`;
}

/**
 * As `startSync`, in whichever tab holds the database's sync lock; elsewhere a client whose
 * status is the syncing tab's (`elsewhere: true`). Without Web Locks or BroadcastChannel (tests
 * under Node) it is `startSync` itself.
 */
export function startSyncInOneTab(options: StartSyncOptions): SyncClient {
  const locks = (globalThis.navigator as { locks?: LockManagerLike } | undefined)?.locks;
  if (!locks || typeof BroadcastChannel === 'undefined') return startSync(options);
  const { db, session } = options;
  const name = syncLockName(db);
  const status$ = new BehaviorSubject<SyncStatus>({
    ...INITIAL_STATUS,
    browserOnline: navigator.onLine,
  });
  const channel = new BroadcastChannel(name);
  const post = (message: Message) => channel.postMessage(message);
  let own: SyncClient | null = null;
  let stopped = false;
  const waiting = new AbortController();
  let release = () => undefined as void;
  const released = new Promise<void>((resolve) => (release = resolve));

  channel.onmessage = (event: MessageEvent<Message>) => {
    const message = event.data;
    if (own) {
      if (message.type === 'ask') post({ type: 'status', status: own.status$.value });
      if (message.type === 'dismiss-refusals') own.dismissRefusals();
      return;
    }
    if (message.type === 'status') status$.next({ ...message.status, elsewhere: true });
  };
  post({ type: 'ask' });

  /** This tab's own sync, until `stop`. */
  const lead = async () => {
    const client = startSync(options);
    own = client;
    const sub = client.status$.subscribe((status) => {
      status$.next(status);
      post({ type: 'status', status });
    });
    await released;
    sub.unsubscribe();
    await client.stop();
  };
  let granted = false;
  const held = locks
    .request(name, { signal: waiting.signal }, async () => {
      granted = true;
      if (!stopped) await lead();
    })
    .catch((error: unknown) => {
      // Aborted while waiting: this tab stopped before its turn came. Refused by the browser
      // (a context without the Locks API's rights): this tab syncs itself rather than never.
      if (stopped || granted) return;
      console.warn('sync lock refused', error);
      return lead();
    });

  return {
    session,
    status$,
    get: (path, answer) => sessionGet(session, path, answer),
    dismissRefusals: () => (own ? own.dismissRefusals() : post({ type: 'dismiss-refusals' })),
    referenceReady: async () => {
      if (await db.getLocal(READY_FLAG)) return true;
      return new Promise<boolean>((resolve) => {
        const sub = status$.subscribe((status) => {
          if (!referenceDone(status)) return;
          queueMicrotask(() => sub.unsubscribe());
          resolve(true);
        });
      });
    },
    stop: async () => {
      if (stopped) return;
      stopped = true;
      waiting.abort();
      release();
      await held;
      channel.close();
    },
  };
}
