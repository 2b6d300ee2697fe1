// This device's identity in the local database: its HLC node id, the clock's last timestamp and
// how far the computer's clock is off from the school server's, who is signed in, and how the
// database was set up. Local documents are not replicated and do not count against RxDB's
// collection limit.
import { CLOCK_WARNING_MS, MAX_STAMP_AHEAD_MS } from '../../shared/clock-skew';
import { createClock, decodeHlc, encodeHlc, isValidNodeId, type Clock } from '../../shared/hlc';
import type { JournalDatabase } from './types';

interface DeviceDoc {
  node: string;
  /** Last HLC timestamp issued, so a restart with a clock set back never reissues an older one. */
  last: string | null;
  /**
   * How far this computer's clock was ahead of the school server's when last measured (ms, 0 when
   * within CLOCK_WARNING_MS): the clock's physical time is corrected by it, offline too.
   */
  serverOffsetMs?: number;
}

/** A clock that follows the school server's time (see `followServer`). */
export interface DeviceClock extends Clock {
  /**
   * The server says this computer's clock is `skewMs` ahead of its own (negative: behind). Beyond
   * CLOCK_WARNING_MS the clock's physical time is corrected by it, and a clock that ran further
   * ahead than the server accepts (MAX_STAMP_AHEAD_MS: none of those stamps was ever stored)
   * starts again at the latest time the server could have accepted, so the next edits are taken.
   */
  followServer(skewMs: number): void;
}

export function followsServer(clock: Clock): clock is DeviceClock {
  return typeof (clock as Partial<DeviceClock>).followServer === 'function';
}
interface IdentityDoc {
  staffId: string;
}
export interface SetupDoc {
  source: 'demo' | 'server';
  completedAt: string;
}

const DEVICE = 'device';
const IDENTITY = 'identity';
const SETUP = 'setup';
/** Saving the clock on every keystroke would double the writes; a second of lag is harmless. */
const SAVE_CLOCK_DELAY_MS = 1000;

function randomNodeId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(10));
  return 'd' + Array.from(bytes, (b) => b.toString(36).padStart(2, '0')).join('');
}

async function readLocal<T>(db: JournalDatabase, id: string): Promise<T | null> {
  const doc = await db.getLocal<T>(id);
  return doc ? (doc.toJSON().data as T) : null;
}

/** The device's clock, created on first run and persisted (debounced) as it ticks. */
export async function openDeviceClock(db: JournalDatabase): Promise<DeviceClock> {
  let device = await readLocal<DeviceDoc>(db, DEVICE);
  if (!device || !isValidNodeId(device.node)) {
    device = { node: randomNodeId(), last: null };
    await db.upsertLocal<DeviceDoc>(DEVICE, device);
  }
  const node = device.node;
  let offset = Number.isSafeInteger(device.serverOffsetMs) ? device.serverOffsetMs! : 0;
  const physical = () => Date.now() - offset;
  let clock = createClock(node, physical, device.last ? { last: device.last } : {});
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = (): void => {
    timer = undefined;
    const doc: DeviceDoc = { node, last: clock.last(), serverOffsetMs: offset };
    void db.upsertLocal<DeviceDoc>(DEVICE, doc).catch(() => undefined);
  };
  const schedule = (): void => {
    timer ??= setTimeout(save, SAVE_CLOCK_DELAY_MS);
  };
  return {
    node,
    tick() {
      const t = clock.tick();
      schedule();
      return t;
    },
    receive(remote) {
      const t = clock.receive(remote);
      schedule();
      return t;
    },
    last: () => clock.last(),
    followServer(skewMs) {
      const next = Math.abs(skewMs) > CLOCK_WARNING_MS ? skewMs : 0;
      const serverNow = Date.now() - skewMs;
      const limit = serverNow + MAX_STAMP_AHEAD_MS;
      const ranAhead = decodeHlc(clock.last()).wallMs > limit;
      if (next === offset && !ranAhead) return;
      offset = next;
      if (ranAhead)
        clock = createClock(node, physical, {
          last: encodeHlc({ wallMs: limit, counter: 0, node }),
        });
      schedule();
    },
  };
}

export async function readIdentity(db: JournalDatabase): Promise<string | null> {
  return (await readLocal<IdentityDoc>(db, IDENTITY))?.staffId ?? null;
}

export async function writeIdentity(db: JournalDatabase, staffId: string | null): Promise<void> {
  if (staffId === null) {
    const doc = await db.getLocal(IDENTITY);
    if (doc) await doc.remove();
    return;
  }
  await db.upsertLocal<IdentityDoc>(IDENTITY, { staffId });
}

export async function readSetup(db: JournalDatabase): Promise<SetupDoc | null> {
  return readLocal<SetupDoc>(db, SETUP);
}

export async function writeSetup(db: JournalDatabase, setup: SetupDoc): Promise<void> {
  await db.upsertLocal<SetupDoc>(SETUP, setup);
}
