// The school server's time, as every API answer tells it (X-Server-Time): how far this computer's
// clock is off (docs/SYNC.md, "Stamps from the future").
import { SERVER_TIME_HEADER } from '../../shared/clock-skew';

/**
 * This computer's clock minus the server's, in ms, taking the server's time as read halfway
 * through the request; null when the answer carries no server time. Rounded to 10 s: the
 * network's delay makes anything finer noise.
 */
export function clockSkewOf(res: Response, sentAt: number, receivedAt: number): number | null {
  const server = Number(res.headers.get(SERVER_TIME_HEADER));
  if (!Number.isSafeInteger(server) || server <= 0) return null;
  return Math.round(((sentAt + receivedAt) / 2 - server) / 10_000) * 10_000;
}
