// The first administrator (an account linked to no staff member, signing as `account:<login>`)
// sets up the year's periods over HTTP: an open period created by them is accepted; closing or
// reopening a period stays the deputy's act, refused to the administrator in Russian.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../../server/auth/accounts';
import type { Role } from '../../../server/auth/roles';
import { createDomainRegistry } from '../../../server/domain/registry';
import type { DocState } from '../../../server/sync/collections';
import { createClock } from '../../../shared/hlc';
import type { Stamps } from '../../../shared/stamp';
import { fixturePeriods, fixtureSchool } from '../../fixtures/school';
import { localToday } from '../../../server/domain/setup/setup-rules';
import { api, push, startServer, type TestServer } from './helpers';

let server: TestServer;
const clock = createClock('tests');
const tokens: Record<string, string> = {};
const today = localToday();

async function login(name: string, staffId: string | null, roles: Role[]): Promise<string> {
  await createAccount(server.db, { login: name, password: 'пароль', staffId, roles });
  const res = await api(server, 'POST', '/api/v1/auth/login', {
    login: name,
    password: 'пароль',
    deviceName: 'Кабинет информатики',
  });
  return (res.body as { token: string }).token;
}

function stamped<T extends object>(
  doc: T,
  by: string,
  identity: string[] = [],
): T & { stamps: Stamps } {
  const stamps: Stamps = {};
  for (const key of Object.keys(doc))
    if (key !== 'id' && key !== 'stamps' && !identity.includes(key))
      stamps[key] = { at: clock.tick(), by };
  return { ...doc, stamps };
}

const asNew = (doc: object) => ({
  newDocumentState: { ...(doc as Record<string, unknown>), _deleted: false } as DocState,
});

async function refusalsOf(token: string): Promise<string[]> {
  const res = await api(server, 'GET', '/api/v1/refusals/mine?limit=20', undefined, token);
  return (res.body as { refusals: { reason: string }[] }).refusals.map((r) => r.reason);
}

beforeAll(async () => {
  server = await startServer({ registry: createDomainRegistry() });
  tokens.admin = await login('admin', null, ['admin']);
  const school = stamped(fixtureSchool(today), 'account:admin');
  expect(await push(server, tokens.admin, 'school', [asNew(school)])).toEqual([]);
}, 60_000);

afterAll(async () => {
  await server?.close();
});

describe('periods made by the first administrator', () => {
  const identity = ['yearId', 'kind', 'scheme', 'number'];

  it('accepts open periods and refuses a closed one', async () => {
    const [first, second] = fixturePeriods(today);
    const open = stamped({ ...first!, closed: false }, 'account:admin', identity);
    expect(await push(server, tokens.admin!, 'periods', [asNew(open)])).toEqual([]);
    const closed = stamped({ ...second!, closed: true }, 'account:admin', identity);
    const answer = await push(server, tokens.admin!, 'periods', [asNew(closed)]);
    expect(answer).toHaveLength(1);
    expect((await refusalsOf(tokens.admin!))[0]).toMatch(
      /Закрывать и открывать период может только заместитель директора/,
    );
  });
});
