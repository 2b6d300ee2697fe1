// Reference data everyone reads: the school profile, periods, classes, staff and courses.
// The administrator keeps them; the deputy also sets up the school card, classes and courses
// («Школа → Настройка») and runs the periods.
import { hasRole, type AuthUser } from '../auth/roles';
import type { WriteDecision } from '../sync/collections';
import { refusals } from './parts';
import type { DomainRules, RulesFactory } from './registry';

const everyone = () => true;

function adminOnly(user: AuthUser): WriteDecision {
  return hasRole(user, 'admin') ? true : refusals.adminOnly;
}

export const referenceRules: RulesFactory = () => {
  const reference = (canWrite: DomainRules['canWrite']): DomainRules => ({
    journalRecord: false,
    scoped: false,
    canRead: everyone,
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
      // Closing and reopening is the deputy's explicit, audited act; a period created open (the
      // administrator's set-up of the year) is neither.
      const act = before !== null || after.closed === true;
      if (parts.includes('closed') && act && !deputy) {
        return 'Закрывать и открывать период может только заместитель директора';
      }
      return deputy || hasRole(user, 'admin')
        ? true
        : 'Изменять учебные периоды могут заместитель директора и администратор';
    }),
  };
};
