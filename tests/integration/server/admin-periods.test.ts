// The first administrator (an account linked to no staff member, signing as `account:<login>`)
// sets up the year's periods over HTTP: an open period created by them is accepted; closing or
// reopening a period stays the deputy's act, refused to the administrator in Russian.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../server/auth/roles';
import { createDomainRegistry } from '../../../server/domain/registry';
import { createClock } from '../../../shared/hlc';
import { fixturePeriods, fixtureSchool } from '../../fixtures/school';
import { localToday } from '../../../server/domain/setup/setup-rules';
import { asNew, stampEveryPart } from './domain-fixture';
import { push, refusalReasons, signInAs, startServer, type TestServer } from './helpers';

let server: TestServer;
const clock = createClock('tests');
const tokens: Record<string, string> = {};
const today = localToday();

const login = (name: string, staffId: string | null, roles: Role[]) =>
  signInAs(server, name, staffId, roles, 'Кабинет информатики');

const stamped = <T extends object>(doc: T, by: string, identity: string[] = []) =>
  stampEveryPart(clock, doc, by, identity);

const refusalsOf = (token: string) => refusalReasons(server, token);

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
