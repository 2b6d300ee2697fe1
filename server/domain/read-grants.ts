// Each scoped collection's read grant, from the user's scope (school-index.ts): the one
// definition of who reads which lessons, period marks, students and consents. canRead, the pull's
// SQL filter and the checkpoint's scope hash all come from it.
import type { AuthUser } from '../auth/roles';
import type { DocState, ScopeGrant } from '../sync/collections';
import { inGrant, makeGrant } from '../sync/read-scope';
import type { SchoolIndex, UserScope } from './school-index';

export type ScopedCollection = 'lessons' | 'periodMarks' | 'students' | 'consents';

function grantFor(collection: ScopedCollection, scope: UserScope): ScopeGrant {
  switch (collection) {
    // A subject teacher: their courses and the lessons they hold as a substitute; a class
    // teacher: every subject of the class they lead.
    case 'lessons':
      return makeGrant({ classIds: scope.led, courseIds: scope.courses, ids: scope.heldLessons });
    case 'periodMarks':
      return makeGrant({ classIds: scope.led, courseIds: scope.courses });
    // Names of the students they teach; unstripped only in the classes they lead (redaction).
    case 'students':
      return makeGrant({ classIds: scope.visible }, [...scope.led].sort());
    case 'consents':
      return makeGrant({ classIds: scope.led });
  }
}

/** The grant function of one collection (null: the user reads everything), cached per scope. */
export function readGrant(
  index: SchoolIndex,
  collection: ScopedCollection,
): (user: AuthUser) => ScopeGrant | null {
  const cache = new WeakMap<UserScope, ScopeGrant>();
  return (user) => {
    const scope = index.scopeOf(user);
    if (scope.all) return null;
    let grant = cache.get(scope);
    if (!grant) cache.set(scope, (grant = grantFor(collection, scope)));
    return grant;
  };
}

/** canRead of a scoped collection: inside the user's grant. */
export function readByGrant(
  grant: (user: AuthUser) => ScopeGrant | null,
): (user: AuthUser, doc: DocState) => boolean {
  return (user, doc) => inGrant(grant(user), doc);
}
