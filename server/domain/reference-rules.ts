// Reference data everyone reads: the school profile, periods, classes, staff and courses.
// The administrator keeps them; the deputy also sets up the school card, classes and courses
// («Школа → Настройка») and runs the periods. A closed period is read-only until the deputy
// reopens it, and no period may shadow a closed one.
import { hasRole, type AuthUser } from '../auth/roles';
import type { DocState, WriteDecision } from '../sync/collections';
import { refusals } from './messages';
import type { DomainRules, RulesFactory } from './rule-types';
import type { SchoolIndex } from './school-index';

function adminOnly(user: AuthUser): WriteDecision {
  return hasRole(user, 'admin') ? true : refusals.adminOnly;
}

/**
 * A closed period of the same year, scheme and kind whose dates overlap `period`'s. The index finds
 * a date's period by number among those containing it, so an overlapping open one could take the
 * closed one's dates out of its protection.
 */
function closedOverlap(index: SchoolIndex, period: DocState): { name: string } | undefined {
  for (const [id, other] of index.periods) {
    if (id === period.id || !other.closed) continue;
    if (other.yearId !== period.yearId || other.kind !== period.kind) continue;
    if (other.scheme !== period.scheme) continue;
    if (other.start <= String(period.end) && String(period.start) <= other.end) return other;
  }
  return undefined;
}

export const referenceRules: RulesFactory = (index) => {
  const reference = (canWrite: DomainRules['canWrite']): DomainRules => ({
    journalRecord: false,
    scoped: false,
    canWrite,
  });
  const setUp = (user: AuthUser): WriteDecision =>
    hasRole(user, 'admin') || hasRole(user, 'deputy')
      ? true
      : 'Изменять настройки школы могут администратор и заместитель директора';
  return {
    school: reference(setUp),
    classes: reference(setUp),
    staff: reference(adminOnly),
    // Teacher assignments change during the year (the deputy's job as often as the admin's).
    courses: reference((user) =>
      hasRole(user, 'admin') || hasRole(user, 'deputy')
        ? true
        : 'Назначать курсы могут администратор и заместитель директора',
    ),
    periods: reference((user, before, after, parts) => {
      const deputy = hasRole(user, 'deputy');
      // Closing and reopening is the deputy's explicit, audited act; a new open period (the
      // administrator setting up the year) closes nothing.
      // The act's wall time (closedAt) is written with it.
      const act = (p: string) => p === 'closed' || p === 'closedAt';
      const closing = before === null ? after.closed === true : parts.some(act);
      if (closing && !deputy) {
        return 'Закрывать и открывать период может только заместитель директора';
      }
      if (!deputy && !hasRole(user, 'admin')) {
        return 'Изменять учебные периоды могут заместитель директора и администратор';
      }
      // A closed period changes in nothing but its reopening.
      if (before?.closed === true && parts.some((p) => !act(p))) {
        return refusals.closedPeriodChange(String(before.name));
      }
      if (before === null || parts.some((p) => p === 'start' || p === 'end')) {
        const clash = closedOverlap(index, after);
        if (clash) return refusals.overlapsClosed(clash.name);
      }
      return true;
    }),
  };
};
