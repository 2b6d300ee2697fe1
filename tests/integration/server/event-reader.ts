// Reads one text/event-stream response body with the desktop's own SSE parser (renderer/sync), for
// tests that check what the server sends on a single stream connection.
import { createSseParser, type ServerSentEvent } from '../../../renderer/sync/event-stream';

/** Parses a text/event-stream body; calls onEvent per event; resolves when the body ends. */
export async function readEventStream(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: ServerSentEvent) => void,
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
