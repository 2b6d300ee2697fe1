// The replication contract against a real PostgreSQL 15 server (pg Pool), when one can be started.
import { afterAll, describe, it } from 'vitest';
import { openDb } from '../../../server/db/open';
import {
  postgresUnavailableReason,
  startPostgresCluster,
  type PostgresCluster,
} from './postgres-cluster';
import { describeSyncContract } from './sync-contract';

const unavailable = postgresUnavailableReason();

if (unavailable) {
  describe.skip(`sync engine on PostgreSQL — skipped: ${unavailable}`, () => {
    it('needs PostgreSQL 15 binaries', () => undefined);
  });
} else {
  let cluster: PostgresCluster | undefined;
  describeSyncContract('sync engine on PostgreSQL 15', async () => {
    cluster = await startPostgresCluster();
    return openDb({ databaseUrl: cluster.url });
  });
  afterAll(() => cluster?.stop());
}
