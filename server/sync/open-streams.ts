// The live streams open right now, each with the token that opened it. A stream whose session
// ends (logout, a revoked device, a disabled or compromised account, a new login on the same
// device, expiry) is told why and closed: at its next heartbeat at the latest, and at once after
// any request that can end sessions (recheck, called by app.ts after such requests).
import { tokenRefusalMessage } from '../auth/authenticate';
import { checkToken } from '../auth/sessions';
import type { Queryable } from '../db/db';

export interface OpenStream {
  token: string;
  /** Sends the `unauthorized` event with the reason, then closes the stream. */
  refuse(message: string): void;
  /** Closes the stream without a word (server shutdown, client gone). */
  end(): void;
}

/** Requests after which sessions may have ended: logins, admin actions, the console. */
export const SESSION_CHANGING_URL = /^\/api\/v1\/(auth|admin|console)(\/|$)/;

export class OpenStreams {
  private readonly streams = new Set<OpenStream>();

  add(stream: OpenStream): void {
    this.streams.add(stream);
  }

  delete(stream: OpenStream): void {
    this.streams.delete(stream);
  }

  get size(): number {
    return this.streams.size;
  }

  endAll(): void {
    for (const stream of [...this.streams]) stream.end();
  }

  /** Checks one stream's token; refuses the stream when it no longer works. */
  async check(db: Queryable, stream: OpenStream): Promise<void> {
    const result = await checkToken(db, stream.token);
    if (!result.ok && this.streams.has(stream)) stream.refuse(tokenRefusalMessage(result.reason));
  }

  /** Checks every open stream now. */
  async recheck(db: Queryable): Promise<void> {
    await Promise.all([...this.streams].map((stream) => this.check(db, stream)));
  }
}
