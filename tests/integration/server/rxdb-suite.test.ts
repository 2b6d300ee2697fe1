// RxDB's own replication test suite (runReplicationBaseTestSuite) against the journal server,
// driving the desktop's shipped replication (renderer/sync/replication.ts).
// The suite is written for mocha's globals; vitest's describe/it are compatible, so they are
// handed over as globals here and the suite runs directly under vitest.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { addRxPlugin, type RxCollection } from 'rxdb';
import { disableWarnings, RxDBDevModePlugin } from 'rxdb/plugins/dev-mode';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { wrappedValidateZSchemaStorage } from 'rxdb/plugins/validate-z-schema';
import {
  ensureReplicationHasNoErrors,
  runReplicationBaseTestSuite,
  setConfig,
} from 'rxdb/plugins/test-utils';
import { newUser, startServer, type TestServer } from './helpers';
import { createClock } from '../../../shared/hlc';
import { replicateCollection } from './desktop';

Object.assign(globalThis, { describe, it });

// The suite opens databases with ignoreDuplicate, which RxDB allows only in dev-mode; dev-mode in
// turn wants a schema validator around the storage.
disableWarnings();
addRxPlugin(RxDBDevModePlugin);
const storage = () => wrappedValidateZSchemaStorage({ storage: getRxStorageMemory() });

setConfig({
  storage: {
    name: 'memory',
    getStorage: storage,
    getPerformanceStorage: () => ({ storage: storage(), description: 'memory' }),
    hasPersistence: false,
    hasMultiInstance: false,
    hasAttachments: true,
    hasReplication: true,
  },
});

let server: TestServer;
let token: string;

beforeAll(async () => {
  server = await startServer({ heartbeatMs: 1000 });
  token = (await newUser(server, ['teacher'], 'RxDB test suite')).token;
});

afterAll(async () => {
  await server?.close();
});

const replicate = (collection: RxCollection, live = true) =>
  replicateCollection({
    serverUrl: server.url,
    token,
    collection,
    clock: createClock('suite'),
    live,
  });

async function syncOnce(collection: RxCollection): Promise<void> {
  const state = replicate(collection, false);
  ensureReplicationHasNoErrors(state);
  await state.awaitInitialReplication();
  await state.cancel();
}

describe('RxDB replication base test suite against /api/v1/sync/human', () => {
  runReplicationBaseTestSuite({
    startReplication: (collection) => replicate(collection),
    syncOnce,
    getAllServerDocs: async () => {
      const result = await server.db.query(
        'SELECT doc, deleted FROM documents WHERE collection = $1 ORDER BY seq',
        ['human'],
      );
      return result.rows.map((row) => ({ ...(row.doc as object), _deleted: row.deleted }));
    },
    cleanUpServer: async () => {
      await server.db.query('DELETE FROM documents WHERE collection = $1', ['human']);
    },
    softDeletes: true,
    isDeleted: (doc: { _deleted: boolean }) => doc._deleted,
    getPrimaryOfServerDoc: (doc: { passportId: string }) => doc.passportId,
  });
});
