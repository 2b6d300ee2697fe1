// The roster and consent repositories of the session: signed with the signed-in staff member.
import { useMemo } from 'react';
import { useSession } from '../../app/session';
import { createConsentRepository, type ConsentRepository } from '../../db/consent-repository';
import { createRosterRepository, type RosterRepository } from '../../db/roster-repository';

export function useClassRepositories(): { roster: RosterRepository; consents: ConsentRepository } {
  const { db, clock, staffId } = useSession();
  return useMemo(
    () => ({
      roster: createRosterRepository(db, clock, () => staffId),
      consents: createConsentRepository(db, clock, () => staffId),
    }),
    [db, clock, staffId],
  );
}
