// Whom the journal signs a server account's changes as: its staff member; an account linked to
// nobody (the first administrator, made by the set-up link) as `account:<login>` — exactly the
// author the server expects (server/domain/doc-parts.ts authorOf), so its stamps are accepted.
import { describe, expect, it } from 'vitest';
import { identityOf } from '../../../renderer/sync/login';
import { authorOf } from '../../../server/domain/doc-parts';

const account = (staffId: string | null) => ({ login: 'admin', staffId });

describe('identityOf', () => {
  it('is the staff member when the account has one', () => {
    expect(identityOf(account('st-7'))).toBe('st-7');
  });
  it("is the server's author for an account linked to no staff member", () => {
    const identity = identityOf(account(null));
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
});
