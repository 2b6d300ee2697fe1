// The first administrator (an account linked to no staff member, signing as `account:<login>`)
// sets up the year's periods over HTTP: an open period created by them is accepted; closing or
// reopening a period stays the deputy's act, refused to the administrator in Russian.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../server/auth/roles';
import { createDomainRegistry } from '../../../server/domain/registry';
import { createClock } from '../../../shared/hlc';
import { fixturePeriods, fixtureSchool } from '../../fixtures/school';
import { localToday } from '../../../server/domain/setup/setup-rules';
import { asNew, stampEveryPart, state } from './domain-fixture';
import { setPart } from '../../../shared/merge';
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

  it("the deputy closes and reopens a period together with the act's wall time (closedAt)", async () => {
    tokens.deputy = await login('deputy', 'staff-deputy', ['deputy', 'teacher']);
    const [first] = fixturePeriods(today);
    const year = { ...first!, id: 'p-year', kind: 'year' as const, scheme: null, name: 'Годовая' };
    const open = stamped({ ...year, closed: false }, 'account:admin', identity);
    expect(await push(server, tokens.admin!, 'periods', [asNew(open)])).toEqual([]);
    const act = (doc: typeof open, closed: boolean, wall: string) => {
      const stamp = { at: clock.tick(), by: 'staff-deputy' };
      return setPart(setPart(doc, 'closed', closed, stamp), 'closedAt', wall, stamp);
    };
    const closed = act(open, true, '2026-12-01T10:45:00');
    expect(
      await push(server, tokens.deputy, 'periods', [
        { assumedMasterState: state(open), newDocumentState: state(closed) },
      ]),
    ).toEqual([]);
    const reopened = act(closed, false, '2026-12-01T10:47:30');
    expect(
      await push(server, tokens.deputy, 'periods', [
        { assumedMasterState: state(closed), newDocumentState: state(reopened) },
      ]),
    ).toEqual([]);
    // Anything else in a closed period stays refused.
    const closedAgain = act(reopened, true, '2026-12-01T10:50:00');
    expect(
      await push(server, tokens.deputy, 'periods', [
        { assumedMasterState: state(reopened), newDocumentState: state(closedAgain) },
      ]),
    ).toEqual([]);
    const renamed = setPart(closedAgain, 'name', 'Другое', {
      at: clock.tick(),
      by: 'staff-deputy',
    });
    const answer = await push(server, tokens.deputy, 'periods', [
      { assumedMasterState: state(closedAgain), newDocumentState: state(renamed) },
    ]);
    expect(answer).toHaveLength(1);
  });
});
