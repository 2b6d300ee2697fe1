// Versioning of the wire protocol: the /api/v1 prefix and the X-Journal-Protocol header; the
// X-Server-Time header every API answer carries.

export const API_PREFIX = '/api/v1';
export const PROTOCOL_HEADER = 'x-journal-protocol';
export { SERVER_TIME_HEADER } from '../shared/clock-skew';
/** The protocol this server speaks. */
export const PROTOCOL_VERSION = 1;
/** Clients announcing an older protocol get HTTP 426 and are asked to update. */
export const MIN_CLIENT_PROTOCOL = 1;

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
