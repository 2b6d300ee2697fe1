// Whom the journal signs a server account's changes as: its staff member; the first administrator
// (linked to nobody) as `account:<login>`, the author the server expects; anyone else not at all.
import { describe, expect, it } from 'vitest';
import { journalIdentity } from '../../../renderer/sync/session-store';
import { authorOf } from '../../../server/domain/parts';

const account = (staffId: string | null, roles: string[]) => ({
  id: 'a1',
  login: 'admin',
  displayName: null,
  staffId,
  roles,
});

describe('journalIdentity', () => {
  it('is the staff member when the account has one', () => {
    expect(journalIdentity(account('st-7', ['teacher', 'admin']))).toBe('st-7');
  });
  it("is the server's author for an administrator linked to no staff member", () => {
    const identity = journalIdentity(account(null, ['admin']));
    expect(identity).toBe('account:admin');
    expect(
      authorOf({
        accountId: 'a1',
        login: 'admin',
        displayName: 'Администратор',
        staffId: null,
        roles: ['admin'],
        deviceId: 'd1',
        deviceName: 'Кабинет информатики',
      }),
    ).toBe(identity);
  });
  it('is nobody for another account without a staff member', () => {
    expect(journalIdentity(account(null, ['teacher']))).toBeNull();
  });
});
