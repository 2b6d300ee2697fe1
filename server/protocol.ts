// Versioning of the wire protocol: the /api/v1 prefix and the X-Journal-Protocol header; the
// X-Server-Time header every API answer carries (the names and numbers: shared/sync-wire.ts).
import { MIN_CLIENT_PROTOCOL } from '../shared/sync-wire';

export {
  API_PREFIX,
  MIN_CLIENT_PROTOCOL,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  SERVER_TIME_HEADER,
} from '../shared/sync-wire';

/** True when the header value names a protocol older than this server accepts. */
export function isOutdatedClient(
  header: string | string[] | undefined,
  minVersion: number = MIN_CLIENT_PROTOCOL,
): boolean {
  if (header === undefined) return false;
  const value = Array.isArray(header) ? header[0] : header;
  const version = Number.parseInt(String(value), 10);
  return Number.isFinite(version) && version < minVersion;
}
