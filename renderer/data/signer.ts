// Who signs a change, and when: every stamped part a repository writes carries this device's HLC
// time and the signed-in staff member. Refuses in Russian when nobody is signed in.
import type { Clock } from '../../shared/hlc';
import type { Stamp } from '../../shared/stamp';
import { WriteError } from './write-error';

export interface Signer {
  /** The signed-in staff member. */
  by(): string;
  /** A fresh stamp: the next HLC time, signed by `by()`. */
  stamp(): Stamp;
}

export function createSigner(clock: Clock, author: () => string | null): Signer {
  const by = (): string => {
    const staffId = author();
    if (!staffId) throw new WriteError('Не выбран пользователь: изменения некому подписать.');
    return staffId;
  };
  return { by, stamp: () => ({ at: clock.tick(), by: by() }) };
}
