// A server over a small generated school (shared/demo) with accounts for the demo staff, and
// helpers to edit documents the way a desktop client does (HLC stamps signed by the author).
import { createAccount } from '../../../server/auth/accounts';
import type { Role } from '../../../server/auth/roles';
import type { Db } from '../../../server/db/db';
import { createDomainRegistry } from '../../../server/domain/registry';
import { loadSnapshot } from '../../../server/domain/load-snapshot';
import type { DocState } from '../../../server/sync/collections';
import { generateSchool } from '../../../shared/demo';
import { createClock, type Clock } from '../../../shared/hlc';
import { setPart, type Stamped } from '../../../shared/merge';
import type { Snapshot } from '../../../shared/snapshot';
import type { ServerOptions } from '../../../server/app';
import type { Stamps } from '../../../shared/stamp';
import { api, startServer, type TestServer } from './helpers';

export interface Login {
  login: string;
  token: string;
  deviceId: string;
  staffId: string | null;
}

export interface DomainServer extends TestServer {
  school: Snapshot;
  login(login: string, staffId: string | null, roles: Role[], device?: string): Promise<Login>;
}

let schoolCache: Snapshot | undefined;

/** The same small school for every test file (90 students, seed 7, the whole year filled in). */
export function smallSchool(): Snapshot {
  schoolCache ??= generateSchool({ students: 90, seed: 7 });
  return schoolCache;
}

export async function startDomainServer(
  options: { db?: Db; school?: Snapshot; load?: boolean; server?: Partial<ServerOptions> } = {},
): Promise<DomainServer> {
  const school = options.school ?? smallSchool();
  const server = await startServer({
    registry: createDomainRegistry(),
    ...options.server,
    ...(options.db ? { db: options.db } : {}),
  });
  if (options.load !== false) await loadSnapshot(server.app.syncEngine, school);
  return {
    ...server,
    school,
    async login(login, staffId, roles, device = 'Кабинет 21') {
      const exists = await server.db.query('SELECT 1 FROM accounts WHERE login = $1', [login]);
      if (exists.rows.length === 0) {
        await createAccount(server.db, { login, password: 'пароль', staffId, roles });
      }
      const res = await api(server, 'POST', '/api/v1/auth/login', {
        login,
        password: 'пароль',
        deviceName: device,
      });
      if (res.status !== 200) throw new Error(`login ${login}: ${JSON.stringify(res.body)}`);
      const body = res.body as { token: string; device: { id: string } };
      return { login, token: body.token, deviceId: body.device.id, staffId };
    },
  };
}

/** A document as the server stores it now, with its deletion flag; null when it has none. */
export async function storedOrNull(
  server: TestServer,
  collection: string,
  id: string,
): Promise<DocState | null> {
  const r = await server.db.query(
    'SELECT doc, deleted FROM documents WHERE collection = $1 AND id = $2',
    [collection, id],
  );
  const row = r.rows[0];
  return row ? { ...(row.doc as Record<string, unknown>), _deleted: row.deleted === true } : null;
}

/** A document as the server stores it now, with its deletion flag (it must exist). */
export async function storedState(
  server: TestServer,
  collection: string,
  id: string,
): Promise<DocState> {
  const doc = await storedOrNull(server, collection, id);
  if (!doc) throw new Error(`no ${collection} ${id} on the server`);
  return doc;
}

/** A client clock that has seen every stamp of the document (as a desktop client would have). */
export function clockFor(node: string, ...docs: Stamped[]): Clock {
  const clock = createClock(node);
  for (const doc of docs) {
    for (const stamp of Object.values(doc.stamps)) clock.receive(stamp.at);
  }
  return clock;
}

/** Sets one part with a fresh stamp signed by `by`. */
export function edit<T extends Stamped>(
  doc: T,
  path: string,
  value: unknown,
  by: string,
  clock?: Clock,
): T {
  const c = clock ?? clockFor('test', doc);
  return setPart(doc, path, value, { at: c.tick(), by });
}

export function state<T extends object>(doc: T, deleted = false): DocState {
  return { ...(doc as Record<string, unknown>), _deleted: deleted };
}

/** A pushed row creating `doc` (no state of it assumed on the server). */
export const asNew = (doc: object): { newDocumentState: DocState } => ({
  newDocumentState: state(doc),
});

/** Stamps every part but the identity fields, signed by `by`, as a set-up form does. */
export function stampEveryPart<T extends object>(
  clock: Clock,
  doc: T,
  by: string,
  identity: string[] = [],
): T & { stamps: Stamps } {
  const stamps: Stamps = {};
  for (const key of Object.keys(doc)) {
    // `_deleted` is the replication flag of a state read back, not a part.
    if (key !== 'id' && key !== 'stamps' && key !== '_deleted' && !identity.includes(key))
      stamps[key] = { at: clock.tick(), by };
  }
  return { ...doc, stamps };
}

/** The demo school's people, each signed in on their own device. */
export interface DomainLogins {
  teacher: Login;
  classTeacher: Login;
  deputy: Login;
  admin: Login;
  novice: Login;
}

export async function signInDemoStaff(server: DomainServer): Promise<DomainLogins> {
  return {
    teacher: await server.login('teacher', 'staff-teacher', ['teacher']),
    classTeacher: await server.login('class-teacher', 'staff-class-teacher', [
      'teacher',
      'classTeacher',
    ]),
    deputy: await server.login('deputy', 'staff-deputy', ['deputy']),
    admin: await server.login('admin', null, ['admin']),
    novice: await server.login('novice', 'staff-novice', ['teacher']),
  };
}
