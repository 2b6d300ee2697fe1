// The desktop's clock follows the school server's time: a computer whose clock is far ahead is
// corrected by the measured difference (offline too, after a restart), and a clock that already ran
// past what the server accepts starts again at the latest time the server could have taken.
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../../renderer/db/database';
import { followsServer, openDeviceClock } from '../../../renderer/db/device';
import type { JournalDatabase } from '../../../renderer/db/types';
import { MAX_STAMP_AHEAD_MS } from '../../../shared/clock-skew';
import { createClock, decodeHlc } from '../../../shared/hlc';

const REAL = 1_796_000_000_000; // the server's time in this test
const YEAR = 365 * 24 * 3600_000;
let db: JournalDatabase | undefined;

afterEach(async () => {
  vi.useRealTimers();
  await db?.close();
  db = undefined;
});

const wall = (at: string) => decodeHlc(at).wallMs;

describe('device clock', () => {
  it('corrects a computer clock a year ahead and keeps the correction after a restart', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(REAL + YEAR); // this computer's clock
    db = await openDatabase({
      name: `clock_${Date.now()}`,
      storage: getRxStorageDexie({ indexedDB, IDBKeyRange }),
    });
    const clock = await openDeviceClock(db);
    expect(followsServer(clock)).toBe(true);
    // Offline, before the first contact: stamps carry the computer's (wrong) time.
    expect(wall(clock.tick())).toBe(REAL + YEAR);
    // The server's answer says the computer is a year ahead.
    clock.followServer(YEAR);
    const next = wall(clock.tick());
    expect(next - REAL).toBeLessThanOrEqual(MAX_STAMP_AHEAD_MS);
    expect(next).toBeGreaterThanOrEqual(REAL);
    // Later ticks still increase (an HLC never goes back).
    const first = clock.tick();
    expect(clock.tick() > first).toBe(true);
    vi.setSystemTime(REAL + YEAR + 10 * 60_000);
    const later = wall(clock.tick());
    expect(later).toBeGreaterThan(next);
    expect(later - (REAL + 10 * 60_000)).toBeLessThanOrEqual(MAX_STAMP_AHEAD_MS);

    // The correction is saved (debounced): a restart offline still uses it.
    await vi.waitFor(
      async () => {
        const saved = (await db!.getLocal<{ serverOffsetMs?: number }>('device'))?.toJSON().data;
        expect(saved?.serverOffsetMs).toBe(YEAR);
      },
      { timeout: 10_000 },
    );
    const reopened = await openDeviceClock(db);
    expect(wall(reopened.tick()) - (REAL + 10 * 60_000)).toBeLessThanOrEqual(MAX_STAMP_AHEAD_MS);
  });

  it('leaves a clock within the warning limit alone', () => {
    // A plain HLC has no followServer: the sync client then only warns.
    expect(followsServer(createClock('pc'))).toBe(false);
  });
});
