// The desktop's archive reader when there is no server to ask: without a session, and with a
// server address nobody answers at, it refuses in Russian saying the archive needs the server.
import { describe, expect, it } from 'vitest';
import { ARCHIVE_OFFLINE, archiveReader } from '../../../renderer/archive/archive-client';
import type { ActiveSession } from '../../../renderer/sync/session-store';

describe('the archive reader offline', () => {
  it('says the archive needs the server, with or without a session', async () => {
    await expect(archiveReader(null).classes('y2026')).rejects.toThrow(ARCHIVE_OFFLINE);
    const session = {
      // Port 9 (discard): nothing listens, the connection is refused at once.
      serverUrl: 'http://127.0.0.1:9',
      token: 't',
      account: { id: 'a', login: 'deputy', displayName: null, staffId: null, roles: ['deputy'] },
      device: { id: 'd', name: 'ПК' },
    } as ActiveSession;
    const reader = archiveReader(session);
    await expect(reader.lessons('y2026', 'cl-05-a')).rejects.toThrow(ARCHIVE_OFFLINE);
  });
});
