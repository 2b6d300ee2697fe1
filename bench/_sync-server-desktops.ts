// A worker process of bench/sync-server.ts holding many simulated desktops: each has its own
// session, a live stream open, its own lessons, and on every tick pushes (one lesson, or a burst of
// 20), pulls from its checkpoint and calls the no-op route, timing each; raw protocol over HTTP.
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../shared/sync-wire';
import { createClock, type Clock } from '../shared/hlc';
import type { Lesson } from '../shared/lesson';
import { setPart } from '../shared/merge';

export interface DesktopSpec {
  index: number;
  serverUrl: string;
  token: string;
  staffId: string;
  lessons: Lesson[];
  /** The last seq of the seeded school: where the desktop's first download would have ended. */
  seededSeq: number;
}
export type ToWorker =
  | { type: 'init'; desktops: DesktopSpec[] }
  | { type: 'run'; active: number; batch: number; intervalMs: number; seconds: number }
  | { type: 'stop' };
export interface RunResult {
  push: number[];
  pull: number[];
  noop: number[];
  pushedDocs: number;
  /** Rows answered with the server's state (a conflict or a refusal): should stay 0. */
  answered: number;
  errors: number;
  streamEvents: number;
}
export type FromWorker = { type: 'ready' } | { type: 'result'; result: RunResult };

interface Desktop extends DesktopSpec {
  clock: Clock;
  checkpoint: unknown;
  next: number;
}

const send = (message: FromWorker) => process.send!(message);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const headers = (d: Desktop) => ({
  authorization: `Bearer ${d.token}`,
  'content-type': 'application/json',
  [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
});

async function timed<T>(list: number[], fn: () => Promise<T>): Promise<T> {
  const t = performance.now();
  const value = await fn();
  list.push(performance.now() - t);
  return value;
}

async function pull(d: Desktop, limit = 100): Promise<number> {
  const query = `limit=${limit}&checkpoint=${encodeURIComponent(d.checkpoint ? JSON.stringify(d.checkpoint) : '')}`;
  const res = await fetch(`${d.serverUrl}/api/v1/sync/lessons/pull?${query}`, {
    headers: headers(d),
  });
  if (!res.ok) throw new Error(`pull ${res.status}`);
  const page = (await res.json()) as { documents: unknown[]; checkpoint: unknown };
  d.checkpoint = page.checkpoint;
  return page.documents.length;
}

/**
 * The checkpoint the desktop's first download would have ended with (not timed): one document
 * for the server's scope stamp, then the seeded school's last seq.
 */
async function download(d: Desktop): Promise<void> {
  await pull(d, 1);
  d.checkpoint = { ...(d.checkpoint as object), seq: d.seededSeq };
}

function editRows(d: Desktop, batch: number) {
  const rows = [];
  for (let k = 0; k < batch; k++) {
    const slot = d.next++ % d.lessons.length;
    const lesson = d.lessons[slot]!;
    const students = Object.keys(lesson.entries);
    const student = students[d.next % students.length]!;
    for (const s of Object.values(lesson.stamps)) d.clock.receive(s.at);
    const next = setPart(
      lesson,
      `entries.${student}`,
      { attendance: null, marks: [{ value: '4', workTypeId: 'wt-oral', comment: `#${d.next}` }] },
      { at: d.clock.tick(), by: d.staffId },
    );
    d.lessons[slot] = next as Lesson;
    rows.push({
      assumedMasterState: { ...lesson, _deleted: false },
      newDocumentState: { ...next, _deleted: false },
    });
  }
  return rows;
}

async function push(d: Desktop, batch: number, result: RunResult): Promise<void> {
  const rows = editRows(d, batch);
  const res = await fetch(`${d.serverUrl}/api/v1/sync/lessons/push`, {
    method: 'POST',
    headers: headers(d),
    body: JSON.stringify(rows),
  });
  if (!res.ok) throw new Error(`push ${res.status}`);
  const answer = (await res.json()) as (Lesson & { _deleted: boolean })[];
  result.pushedDocs += rows.length;
  result.answered += answer.length;
  // The server's state wins for the rows it answered (as a desktop adopts it).
  for (const doc of answer) {
    const i = d.lessons.findIndex((l) => l.id === doc.id);
    const { _deleted: _d, ...own } = doc;
    if (i >= 0) d.lessons[i] = own as Lesson;
  }
}

/** The desktop's live stream, read and counted until aborted. */
function follow(d: Desktop, signal: AbortSignal, result: RunResult): void {
  void (async () => {
    const res = await fetch(`${d.serverUrl}/api/v1/sync/stream?collections=lessons`, {
      headers: { ...headers(d), accept: 'text/event-stream' },
      signal,
    });
    const reader = res.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      result.streamEvents += new TextDecoder().decode(value).split('\n\n').length - 1;
    }
  })().catch(() => undefined);
}

let desktops: Desktop[] = [];

async function run(message: Extract<ToWorker, { type: 'run' }>): Promise<RunResult> {
  const result: RunResult = {
    push: [],
    pull: [],
    noop: [],
    pushedDocs: 0,
    answered: 0,
    errors: 0,
    streamEvents: 0,
  };
  const active = desktops.filter((d) => d.index < message.active);
  const abort = new AbortController();
  for (const d of active) follow(d, abort.signal, result);
  await sleep(1000); // the streams connected and sent their resync
  const end = Date.now() + message.seconds * 1000;
  await Promise.all(
    active.map(async (d) => {
      await sleep(Math.random() * message.intervalMs);
      while (Date.now() < end) {
        const tick = Date.now();
        try {
          await timed(result.push, () => push(d, message.batch, result));
          await timed(result.pull, () => pull(d));
          await timed(result.noop, () =>
            fetch(`${d.serverUrl}/api/v1/health`).then((r) => r.arrayBuffer()),
          );
        } catch {
          result.errors += 1;
        }
        // Every few seconds, ±50 %, whatever the answers took.
        const wait = message.intervalMs * (0.5 + Math.random()) - (Date.now() - tick);
        if (wait > 0) await sleep(wait);
      }
    }),
  );
  abort.abort();
  return result;
}

process.on('message', (message: ToWorker) => {
  void (async () => {
    if (message.type === 'init') {
      desktops = message.desktops.map((d) => ({
        ...d,
        clock: createClock(`bench${d.index}`),
        checkpoint: null,
        next: 0,
      }));
      // A few first downloads at a time, so the server is not swamped before the measurement.
      for (let i = 0; i < desktops.length; i += 5)
        await Promise.all(desktops.slice(i, i + 5).map(download));
      send({ type: 'ready' });
    } else if (message.type === 'run') {
      send({ type: 'result', result: await run(message) });
    } else {
      process.exit(0);
    }
  })().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
});
