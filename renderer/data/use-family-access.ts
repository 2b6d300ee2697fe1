// One class's family e-diary access from the school server (logins, last views), for the consent
// registry and the view-control tab; refreshed after an issue and on request. Null api: offline.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useSyncClient } from '../sync/sync-context';
import type { ClassFamilyAccess } from '../../shared/family-access';
import { familyApi, familyErrorText, type FamilyApi } from './family-api';

export type FamilyAccessState =
  | { status: 'offline' }
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; access: ClassFamilyAccess };

/** The family API of the signed-in server session, or null without a server. */
export function useFamilyApi(): FamilyApi | null {
  const client = useSyncClient();
  return useMemo(() => (client ? familyApi(client.session) : null), [client]);
}

export function useFamilyAccess(
  classId: string,
  range?: { from: string; to: string },
): { state: FamilyAccessState; refresh: () => void } {
  const api = useFamilyApi();
  const [state, setState] = useState<FamilyAccessState>(
    api ? { status: 'loading' } : { status: 'offline' },
  );
  const [generation, setGeneration] = useState(0);
  const from = range?.from;
  const to = range?.to;
  useEffect(() => {
    if (!api) {
      setState({ status: 'offline' });
      return;
    }
    let cancelled = false;
    api
      .classAccess(classId, from && to ? { from, to } : undefined)
      .then((access) => {
        if (!cancelled) setState({ status: 'ready', access });
      })
      .catch((error: unknown) => {
        if (!cancelled) setState({ status: 'failed', message: familyErrorText(error) });
      });
    return () => {
      cancelled = true;
    };
  }, [api, classId, from, to, generation]);
  const refresh = useCallback(() => setGeneration((g) => g + 1), []);
  return { state, refresh };
}
