// A reference RxDB replication client for the journal's wire protocol (used by the tests; the
// renderer's client should behave the same): pull/push handlers over fetch and the SSE stream
// mapped to pull.stream$, with 'RESYNC' on every (re)connection.
import { Observable } from 'rxjs';
import type { RxCollection, RxReplicationPullStreamItem } from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { PROTOCOL_VERSION } from '../../../server/protocol';
import { createSseParser } from '../../../renderer/sync/event-stream';

export interface JournalReplicationOptions {
  baseUrl: string;
  token: string;
  collection: RxCollection;
  /** Server collection name; defaults to the RxDB collection's name. */
  remoteName?: string;
  live?: boolean;
  batchSize?: number;
  /** Called after the server acknowledged a push (HTTP 200), with the rows and its answer. */
  onPushed?: (rows: readonly unknown[], answer: readonly unknown[]) => void;
}

type Checkpoint = { seq: number };

async function call(url: string, token: string, init: RequestInit = {}): Promise<unknown> {
  const res = await fetch(url, {
    ...init,
    headers: {
      authorization: `Bearer ${token}`,
      'x-journal-protocol': String(PROTOCOL_VERSION),
      ...(init.body ? { 'content-type': 'application/json' } : {}),
    },
  });
  const body = (await res.json()) as unknown;
  if (!res.ok) {
    const message = (body as { error?: { message?: string } }).error?.message ?? res.statusText;
    throw new Error(`${res.status}: ${message}`);
  }
  return body;
}

/** Parses a text/event-stream body with the desktop's own parser; calls onEvent per event. */
export async function readEventStream(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: { event: string; data: string }) => void,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const parse = createSseParser();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    for (const event of parse(decoder.decode(value, { stream: true }))) onEvent(event);
  }
}

/** The live stream as RxDB's pull.stream$: documents batches, and 'RESYNC' on every (re)connect. */
export function journalStream(
  url: string,
  token: string,
  retryMs = 1000,
): Observable<RxReplicationPullStreamItem<Record<string, unknown>, Checkpoint>> {
  return new Observable((subscriber) => {
    const abort = new AbortController();
    const connect = async (): Promise<void> => {
      while (!abort.signal.aborted) {
        try {
          const res = await fetch(url, {
            headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
            signal: abort.signal,
          });
          if (!res.ok || !res.body) throw new Error(`stream ${res.status}`);
          await readEventStream(res.body, ({ event, data }) => {
            if (event === 'resync') subscriber.next('RESYNC');
            else if (event === 'message') subscriber.next(JSON.parse(data));
          });
        } catch {
          // dropped: fall through to the retry below
        }
        if (abort.signal.aborted) return;
        await new Promise((resolve) => setTimeout(resolve, retryMs));
      }
    };
    void connect();
    return () => abort.abort();
  });
}

export function replicateJournal(
  options: JournalReplicationOptions,
): RxReplicationState<Record<string, unknown>, Checkpoint> {
  const remote = options.remoteName ?? options.collection.name;
  const base = `${options.baseUrl}/api/v1/sync/${encodeURIComponent(remote)}`;
  return replicateRxCollection<Record<string, unknown>, Checkpoint>({
    collection: options.collection as RxCollection<Record<string, unknown>>,
    replicationIdentifier: `journal:${options.baseUrl}:${remote}`,
    live: options.live ?? true,
    retryTime: 500,
    pull: {
      batchSize: options.batchSize ?? 100,
      handler: async (checkpoint, batchSize) => {
        const query = new URLSearchParams({
          checkpoint: checkpoint ? JSON.stringify(checkpoint) : '',
          limit: String(batchSize),
        });
        return (await call(`${base}/pull?${query}`, options.token)) as {
          documents: never[];
          checkpoint: Checkpoint;
        };
      },
      stream$: options.live === false ? undefined : journalStream(`${base}/stream`, options.token),
    },
    push: {
      batchSize: options.batchSize ?? 100,
      handler: async (rows) => {
        const answer = (await call(`${base}/push`, options.token, {
          method: 'POST',
          body: JSON.stringify(rows),
        })) as never[];
        options.onPushed?.(rows, answer);
        return answer;
      },
    },
  });
}
