// The client of the multiplexed live stream: events routed by collection, a resync without a
// collection meaning all of them, and `unauthorized` ending the stream.
import { firstValueFrom, take, toArray } from 'rxjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { multiplexedStream } from '../../../renderer/sync/event-stream';

function sseResponse(text: string): Response {
  const bytes = new TextEncoder().encode(text);
  return new Response(
    new ReadableStream({
      start(controller) {
        // Split mid-event: the parser must join chunks.
        controller.enqueue(bytes.slice(0, 25));
        controller.enqueue(bytes.slice(25));
      },
    }),
    { status: 200, headers: { 'content-type': 'text/event-stream' } },
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('multiplexed stream client', () => {
  it('routes events by collection and turns resyncs into RESYNC', async () => {
    const fetchMock = vi.fn(async () =>
      sseResponse(
        'retry: 3000\nevent: resync\ndata: {}\n\n' +
          ': heartbeat\n\n' +
          'data: {"collection":"students","documents":[{"id":"s1","_deleted":false}],"checkpoint":{"seq":7}}\n\n' +
          'event: resync\ndata: {"collection":"lessons"}\n\n',
      ),
    );
    vi.stubGlobal('fetch', fetchMock);
    const items = await firstValueFrom(
      multiplexedStream({
        url: 'http://school/api/v1/sync/stream',
        token: 't',
        onFatal: () => {},
      }).pipe(take(3), toArray()),
    );
    expect(items).toEqual([
      { collection: null, item: 'RESYNC' },
      {
        collection: 'students',
        item: { documents: [{ id: 's1', _deleted: false }], checkpoint: { seq: 7 } },
      },
      { collection: 'lessons', item: 'RESYNC' },
    ]);
    expect(fetchMock).toHaveBeenCalledWith(
      'http://school/api/v1/sync/stream',
      expect.objectContaining({
        headers: expect.objectContaining({ authorization: 'Bearer t' }) as unknown,
      }),
    );
  });

  it('reports `unauthorized` as fatal and does not reconnect', async () => {
    const fetchMock = vi.fn(async () =>
      sseResponse('event: resync\ndata: {}\n\nevent: unauthorized\ndata: {"message":"x"}\n\n'),
    );
    vi.stubGlobal('fetch', fetchMock);
    const fatal = vi.fn();
    const seen: unknown[] = [];
    const sub = multiplexedStream({
      url: 'http://school/api/v1/sync/stream',
      token: 't',
      onFatal: fatal,
      retryMs: 10,
    }).subscribe((item) => seen.push(item));
    await vi.waitFor(() => expect(fatal).toHaveBeenCalledTimes(1));
    await new Promise((r) => setTimeout(r, 50));
    sub.unsubscribe();
    expect(fatal.mock.calls[0]![0]).toMatchObject({ kind: 'unauthorized' });
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(seen).toEqual([{ collection: null, item: 'RESYNC' }]);
  });
});
