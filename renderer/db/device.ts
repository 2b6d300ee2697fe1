// This device's identity in the local database: its HLC node id, the clock's last timestamp,
// who is signed in, and how the database was set up. Local documents are not replicated and do
// not count against RxDB's collection limit.
import { createClock, isValidNodeId, type Clock } from '../../shared/hlc';
import type { JournalDatabase } from './types';

interface DeviceDoc {
  node: string;
  /** Last HLC timestamp issued, so a restart with a clock set back never reissues an older one. */
  last: string | null;
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
export async function openDeviceClock(db: JournalDatabase): Promise<Clock> {
  let device = await readLocal<DeviceDoc>(db, DEVICE);
  if (!device || !isValidNodeId(device.node)) {
    device = { node: randomNodeId(), last: null };
    await db.upsertLocal<DeviceDoc>(DEVICE, device);
  }
  const node = device.node;
  const clock = createClock(node, Date.now, device.last ? { last: device.last } : {});
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = (): void => {
    timer = undefined;
    void db.upsertLocal<DeviceDoc>(DEVICE, { node, last: clock.last() }).catch(() => undefined);
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
