// The server's live stream (text/event-stream) read with fetch(), since EventSource cannot send
// the Bearer header, mapped to RxDB's pull.stream$: 'RESYNC' on every (re)connection, batches as
// they come, reconnection with backoff, and a heartbeat timeout for connections that died silently.
import { Observable } from 'rxjs';
import type { RxReplicationPullStreamItem } from 'rxdb';
import { PROTOCOL_HEADER, StreamBatchSchema, StreamResyncSchema } from '../../shared/sync-wire';
import { CLIENT_PROTOCOL, responseError, SyncError } from './api';

export interface ServerSentEvent {
  event: string;
  data: string;
}

/** Incremental SSE parser: feed it text chunks, it returns the complete events. */
export function createSseParser(): (chunk: string) => ServerSentEvent[] {
  let buffer = '';
  return (chunk) => {
    buffer += chunk.replace(/\r\n?/g, '\n');
    const events: ServerSentEvent[] = [];
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line === '' || line.startsWith(':')) continue; // heartbeat comment
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') event = text;
        else if (field === 'data') data.push(text);
      }
      if (data.length > 0) events.push({ event, data: data.join('\n') });
    }
    return events;
  };
}

export interface StreamOptions {
  url: string;
  token: string;
  /** The server sends a heartbeat every 15 s; silence this long means a dead connection. */
  heartbeatTimeoutMs?: number;
  /** First reconnection delay; doubles up to maxRetryMs. */
  retryMs?: number;
  maxRetryMs?: number;
  /** The session ended (401 or `event: unauthorized`) or the app is outdated (426). */
  onFatal: (error: SyncError) => void;
  /** Lets the client force a reconnection (the browser came back online). */
  reconnect$?: Observable<unknown>;
  /** Called on every successful connection and on every event (for "last exchange"). */
  onAlive?: () => void;
}

type Item<T, C> = RxReplicationPullStreamItem<T, C>;

function jsonOf(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** An event of the multiplexed stream: `collection` null means every collection (a resync). */
export interface MultiplexedItem<T, C> {
  collection: string | null;
  item: Item<T, C>;
}

/**
 * The multiplexed live stream (`/api/v1/sync/stream?collections=a,b`): every collection over ONE
 * connection (browsers allow 6 per server). Share it and filter by collection per replication.
 */
export function multiplexedStream<T, C>(options: StreamOptions): Observable<MultiplexedItem<T, C>> {
  return new Observable<MultiplexedItem<T, C>>((subscriber) =>
    serverEvents(options).subscribe({
      next: ({ event, data }) => {
        if (event === 'resync') {
          const resync = StreamResyncSchema.safeParse(jsonOf(data || '{}'));
          const collection = resync.success ? resync.data.collection : undefined;
          subscriber.next({ collection: collection ?? null, item: 'RESYNC' });
        } else if (event === 'message') {
          const batch = StreamBatchSchema.safeParse(jsonOf(data));
          if (!batch.success) {
            // An event of another shape is not applied: every collection pulls from its checkpoint.
            console.warn('unexpected live event', batch.error.issues.slice(0, 5));
            subscriber.next({ collection: null, item: 'RESYNC' });
            return;
          }
          const { collection, ...item } = batch.data;
          subscriber.next({ collection, item: item as unknown as Item<T, C> });
        }
      },
      error: (error: unknown) => subscriber.error(error),
      complete: () => subscriber.complete(),
    }),
  );
}

/**
 * The server's events (`resync`, `message`) from one text/event-stream URL, reconnecting with
 * backoff; `unauthorized` (or a 401/426 answer) calls onFatal and ends the connection for good.
 */
export function serverEvents(options: StreamOptions): Observable<ServerSentEvent> {
  const heartbeatMs = options.heartbeatTimeoutMs ?? 40_000;
  const firstRetry = options.retryMs ?? 1000;
  const maxRetry = options.maxRetryMs ?? 30_000;
  return new Observable<ServerSentEvent>((subscriber) => {
    let stopped = false;
    let current: AbortController | null = null;
    let wake: (() => void) | null = null;
    const reconnectSub = options.reconnect$?.subscribe(() => {
      current?.abort();
      wake?.();
    });

    const connectOnce = async (): Promise<'fatal' | 'dropped' | 'connected'> => {
      const abort = new AbortController();
      current = abort;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(() => abort.abort(), heartbeatMs);
      };
      let connected = false;
      try {
        arm();
        const res = await fetch(options.url, {
          headers: {
            authorization: `Bearer ${options.token}`,
            accept: 'text/event-stream',
            [PROTOCOL_HEADER]: String(CLIENT_PROTOCOL),
          },
          signal: abort.signal,
          cache: 'no-store',
        });
        if (!res.ok || !res.body) {
          const error = await responseError(res);
          if (error.kind === 'unauthorized' || error.kind === 'upgrade') {
            options.onFatal(error);
            return 'fatal';
          }
          return 'dropped';
        }
        connected = true;
        options.onAlive?.();
        const reader = res.body.getReader();
        const decoder = new TextDecoder();
        const parse = createSseParser();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          arm(); // any bytes, heartbeats included, prove the connection alive
          for (const sse of parse(decoder.decode(value, { stream: true }))) {
            if (sse.event === 'unauthorized') {
              options.onFatal(new SyncError('unauthorized', unauthorizedMessage(sse.data), 401));
              return 'fatal';
            }
            if (sse.event === 'message') options.onAlive?.();
            subscriber.next(sse);
          }
        }
      } catch {
        // network error, heartbeat timeout or a forced reconnection
      } finally {
        clearTimeout(timer);
        abort.abort();
      }
      return connected ? 'connected' : 'dropped';
    };

    void (async () => {
      let delay = firstRetry;
      while (!stopped) {
        const outcome = await connectOnce();
        if (outcome === 'fatal' || stopped) return;
        if (outcome === 'connected') delay = firstRetry;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delay);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = null;
        delay = Math.min(delay * 2, maxRetry);
      }
    })();

    return () => {
      stopped = true;
      reconnectSub?.unsubscribe();
      current?.abort();
      wake?.();
    };
  });
}

/** The reason the server gave with `event: unauthorized`, or the general one. */
function unauthorizedMessage(data: string): string {
  try {
    const message = (JSON.parse(data) as { message?: unknown }).message;
    if (typeof message === 'string' && message) return message;
  } catch {
    // no JSON body: the general message
  }
  return 'Сеанс завершён: войдите снова';
}
