// The running sync client for the screens that talk to the server (cell history); null when the
// journal works without a server (demo school).
import { createContext, useContext, useEffect, useState } from 'react';
import type { SyncClient } from './sync-client';
import { INITIAL_STATUS, type SyncStatus } from './sync-status';

export const SyncContext = createContext<SyncClient | null>(null);

export function useSyncClient(): SyncClient | null {
  return useContext(SyncContext);
}

/** The client's live status (INITIAL_STATUS without a client). */
export function useSyncStatus(client: SyncClient | null): SyncStatus {
  const [status, setStatus] = useState<SyncStatus>(client?.status$.value ?? INITIAL_STATUS);
  useEffect(() => {
    if (!client) return;
    const sub = client.status$.subscribe(setStatus);
    return () => sub.unsubscribe();
  }, [client]);
  return status;
}
