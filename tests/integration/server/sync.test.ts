// The replication contract over embedded PGlite (in memory).
import { openDb } from '../../../server/db/open';
import { describeSyncContract } from './sync-contract';

describeSyncContract('sync engine on PGlite', () => openDb());
