// Test helpers: a real server on port 0 over a given database, logins, and small HTTP wrappers.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { buildServer, type ServerOptions } from '../../../server/app';
import { createAccount } from '../../../server/auth/accounts';
import { hasRole, type Role } from '../../../server/auth/roles';
import type { Db } from '../../../server/db/db';
import { openDb } from '../../../server/db/open';
import {
  CollectionRegistry,
  validateWith,
  type CollectionDescriptor,
  type DocState,
} from '../../../server/sync/collections';

export interface TestServer {
  app: FastifyInstance;
  db: Db;
  url: string;
  close(): Promise<void>;
}

export async function startServer(
  options: Partial<ServerOptions> & { db?: Db; closeDb?: boolean } = {},
): Promise<TestServer> {
  const db = options.db ?? (await openDb());
  const app = buildServer({
    staticDir: null,
    registry: testRegistry(),
    ...options,
    db,
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    app,
    db,
    url,
    async close() {
      await app.close();
      if (options.closeDb !== false && !options.db) await db.close();
    },
  };
}

/** A temporary folder laid out like a built renderer (index.html, assets/app.js) to serve. */
export function fakeBuiltRenderer(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Журнал</title>');
  writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
  return dir;
}

let accountCounter = 0;

/** Creates an account (unique login) and logs it in; returns the token. */
export async function newUser(
  server: TestServer,
  roles: Role[] = ['teacher'],
  deviceName = 'Тестовый ПК',
): Promise<{ login: string; password: string; token: string; deviceId: string }> {
  accountCounter += 1;
  const login = `user${accountCounter}-${Math.random().toString(36).slice(2, 8)}`;
  const password = 'пароль-' + login;
  await createAccount(server.db, { login, password, roles, displayName: login });
  const res = await api(server, 'POST', '/api/v1/auth/login', { login, password, deviceName });
  if (res.status !== 200)
    throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  const body = res.body as { token: string; device: { id: string } };
  return { login, password, token: body.token, deviceId: body.device.id };
}

/** Creates the account `name` (password «пароль») and signs it in on `deviceName`; returns the token. */
export async function signInAs(
  server: TestServer,
  name: string,
  staffId: string | null,
  roles: Role[],
  deviceName: string,
): Promise<string> {
  await createAccount(server.db, { login: name, password: 'пароль', staffId, roles });
  const res = await api(server, 'POST', '/api/v1/auth/login', {
    login: name,
    password: 'пароль',
    deviceName,
  });
  if (res.status !== 200) throw new Error(JSON.stringify(res.body));
  return (res.body as { token: string }).token;
}

/** The reasons of the account's last 20 refused writes, newest first. */
export async function refusalReasons(server: TestServer, token: string): Promise<string[]> {
  const res = await api(server, 'GET', '/api/v1/refusals/mine?limit=20', undefined, token);
  return (res.body as { refusals: { reason: string }[] }).refusals.map((r) => r.reason);
}

export interface ApiResponse {
  status: number;
  body: unknown;
  headers: Headers;
}

export async function api(
  server: TestServer,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
  headers: Record<string, string> = {},
): Promise<ApiResponse> {
  const res = await fetch(server.url + path, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

export interface PullBody {
  documents: DocState[];
  checkpoint: { seq: number; scope?: string };
}

export async function pull(
  server: TestServer,
  token: string,
  collection: string,
  checkpoint: { seq: number; scope?: string } | null,
  limit = 100,
): Promise<PullBody> {
  const query = `checkpoint=${encodeURIComponent(checkpoint ? JSON.stringify(checkpoint) : '')}&limit=${limit}`;
  const res = await api(
    server,
    'GET',
    `/api/v1/sync/${collection}/pull?${query}`,
    undefined,
    token,
  );
  if (res.status !== 200) throw new Error(`pull ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as PullBody;
}

export async function push(
  server: TestServer,
  token: string,
  collection: string,
  rows: { assumedMasterState?: DocState | null; newDocumentState: DocState }[],
): Promise<DocState[]> {
  const res = await api(server, 'POST', `/api/v1/sync/${collection}/push`, rows, token);
  if (res.status !== 200) throw new Error(`push ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as DocState[];
}

/** Pulls everything from a checkpoint with a given batch size. */
export async function pullAll(
  server: TestServer,
  token: string,
  collection: string,
  limit = 100,
): Promise<DocState[]> {
  const all: DocState[] = [];
  let checkpoint: { seq: number } | null = null;
  for (;;) {
    const page = await pull(server, token, collection, checkpoint, limit);
    all.push(...page.documents);
    checkpoint = page.checkpoint;
    if (page.documents.length < limit) return all;
  }
}

// --- Test collections -------------------------------------------------------------------------

const noteSchema = z
  .object({
    id: z.string(),
    text: z.string().max(10_000),
    owner: z.string().optional(),
    secret: z.boolean().optional(),
    count: z.number().int().optional(),
  })
  .strict();

/**
 * `notes`: secret notes are readable by deputies only; a note with an owner may be changed only by
 * its owner; the text «запрещено» is refused.
 */
export const notesCollection: CollectionDescriptor = {
  name: 'notes',
  primaryKey: 'id',
  validate: validateWith(noteSchema),
  canRead: (user, doc) => doc.secret !== true || hasRole(user, 'deputy'),
  canWrite: (user, before, after) => {
    if (after.text === 'запрещено') return 'Такой текст записывать нельзя';
    const owner = before?.owner;
    if (typeof owner === 'string' && owner !== user.login) {
      return 'Изменять запись может только её автор';
    }
    return true;
  },
};

const stampedSchema = z
  .object({
    id: z.string(),
    parts: z.record(z.string(), z.object({ value: z.string(), stamp: z.string() })),
  })
  .strict();

type Stamped = z.infer<typeof stampedSchema> & { _deleted?: boolean };

/** A stand-in for shared/merge.ts: per part, the newer stamp wins (commutative). */
export function mergeStamped(a: Stamped, b: Stamped): Stamped {
  const parts: Stamped['parts'] = { ...a.parts };
  for (const [key, part] of Object.entries(b.parts)) {
    const mine = parts[key];
    if (
      !mine ||
      part.stamp > mine.stamp ||
      (part.stamp === mine.stamp && part.value > mine.value)
    ) {
      parts[key] = part;
    }
  }
  return { id: a.id, parts, _deleted: a._deleted === true && b._deleted === true };
}

/** The RxDB test suite's `human` documents. */
export const humanSchema = z
  .object({
    passportId: z.string().max(100),
    firstName: z.string().max(100),
    lastName: z.string().max(100),
    age: z.number().int().min(0).max(150).optional(),
  })
  .strict();

export function testRegistry(): CollectionRegistry {
  return new CollectionRegistry([
    notesCollection,
    {
      name: 'stamped',
      primaryKey: 'id',
      validate: validateWith(stampedSchema),
      canRead: () => true,
      canWrite: () => true,
      resolve: (master, incoming) => ({
        state: mergeStamped(master as Stamped, incoming as Stamped) as DocState,
        superseded: [],
      }),
    },
    {
      name: 'human',
      primaryKey: 'passportId',
      validate: validateWith(humanSchema),
      canRead: () => true,
      canWrite: () => true,
    },
  ]);
}
