// Locks the journal after the school's idle time (school.idleLockMinutes, default 10) without a
// key press, click or scroll. `?idleLockSeconds=N` overrides it for tests.
import { useEffect, useState } from 'react';
import { onDatabaseOpened, openedDatabase } from '../db/database';

export const DEFAULT_IDLE_LOCK_MINUTES = 10;
const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;
const CHECK_EVERY_MS = 1000;

/** A test hook: a positive number of seconds from the page URL, else null. */
export function idleOverrideMs(search: string): number | null {
  const value = Number(new URLSearchParams(search).get('idleLockSeconds'));
  return Number.isFinite(value) && value > 0 ? value * 1000 : null;
}

/** The school's idle-lock setting from the profile's database, live; the default until it opens. */
export function useIdleLockMinutes(databaseName: string): number {
  const [minutes, setMinutes] = useState(DEFAULT_IDLE_LOCK_MINUTES);
  useEffect(() => {
    let unsubscribeQuery: (() => void) | undefined;
    const watch = (db: NonNullable<ReturnType<typeof openedDatabase>>) => {
      if (db.name !== databaseName) return;
      unsubscribeQuery?.();
      const subscription = db.school.findOne().$.subscribe((doc) => {
        setMinutes(doc?.idleLockMinutes ?? DEFAULT_IDLE_LOCK_MINUTES);
      });
      unsubscribeQuery = () => subscription.unsubscribe();
    };
    const unsubscribeOpen = onDatabaseOpened(watch);
    const already = openedDatabase(databaseName);
    if (already) watch(already);
    return () => {
      unsubscribeOpen();
      unsubscribeQuery?.();
    };
  }, [databaseName]);
  return minutes;
}

/** Calls `onIdle` once the page has seen no activity for `timeoutMs`. */
export function useIdleTimer(timeoutMs: number, onIdle: () => void): void {
  useEffect(() => {
    let lastActivity = Date.now();
    const touch = () => {
      lastActivity = Date.now();
    };
    for (const name of ACTIVITY_EVENTS) {
      window.addEventListener(name, touch, { passive: true, capture: true });
    }
    const timer = setInterval(
      () => {
        if (Date.now() - lastActivity >= timeoutMs) onIdle();
      },
      Math.min(CHECK_EVERY_MS, timeoutMs),
    );
    return () => {
      clearInterval(timer);
      for (const name of ACTIVITY_EVENTS) {
        window.removeEventListener(name, touch, { capture: true });
      }
    };
  }, [timeoutMs, onIdle]);
}
