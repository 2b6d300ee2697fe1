// Students and consents: personal data (152-ФЗ). A teacher sees the names of the students of the
// classes they teach, without birth date, address and guardians; the class teacher sees and keeps their
// own class's students, guardians and consents; the deputy and the administrator see everything.
import { todayIso } from '../../shared/dates';
import { studentPartsProblem } from '../../shared/roster-checks';
import { hasRole, type AuthUser } from '../auth/roles';
import type { DocState } from '../sync/collections';
import { refusals } from './messages';
import { readByGrant, readGrant } from './read-grants';
import type { RulesFactory } from './rule-types';
import type { SchoolIndex } from './school-index';

/** Student parts withheld from teachers who do not lead the student's class. */
export const PERSONAL_FIELDS = ['birthDate', 'address', 'guardians'] as const;

export function isPersonalPath(path: string): boolean {
  const field = path.split('.')[0] ?? '';
  return (PERSONAL_FIELDS as readonly string[]).includes(field);
}

/** The student without personal parts and their stamps. */
export function stripPersonal(doc: DocState): DocState {
  const stamps = (doc.stamps ?? {}) as Record<string, unknown>;
  const kept: Record<string, unknown> = {};
  for (const [path, stamp] of Object.entries(stamps)) {
    if (!isPersonalPath(path)) kept[path] = stamp;
  }
  return { ...doc, birthDate: '', address: '', guardians: {}, stamps: kept };
}

function leads(index: SchoolIndex, user: AuthUser, classId: unknown): boolean {
  if (typeof classId !== 'string' || !hasRole(user, 'classTeacher') || user.staffId === null) {
    return false;
  }
  return index.classes.get(classId)?.classTeacherId === user.staffId;
}

export const rosterRules: RulesFactory = (index) => {
  const studentsGrant = readGrant(index, 'students');
  const consentsGrant = readGrant(index, 'consents');
  return {
    students: {
      journalRecord: false,
      scoped: true,
      grant: studentsGrant,
      canRead: readByGrant(studentsGrant),
      redact(user, doc) {
        const scope = index.scopeOf(user);
        return scope.all || scope.led.has(String(doc.classId)) ? doc : stripPersonal(doc);
      },
      canWrite(user, before, after, parts) {
        const rights = studentRights(index, user, before, after, parts);
        if (rights !== true || after._deleted === true) return rights;
        // The forms' content rules (shared/roster-checks) for the parts that changed, for every author.
        const grade = index.classes.get(String(after.classId))?.grade;
        const problem = studentPartsProblem(
          after as unknown as Parameters<typeof studentPartsProblem>[0],
          before === null ? 'all' : parts,
          grade !== undefined && Number.isInteger(grade) ? grade : null,
          todayIso(),
        );
        return problem ?? true;
      },
    },
    consents: {
      journalRecord: true,
      scoped: true,
      grant: consentsGrant,
      canWrite(user, before, after) {
        if (hasRole(user, 'admin')) return true;
        const own =
          leads(index, user, after.classId) && (!before || leads(index, user, before.classId));
        return own ? true : 'Реестр согласий ведёт классный руководитель этого класса';
      },
    },
  };
};

function studentRights(
  index: SchoolIndex,
  user: AuthUser,
  before: DocState | null,
  after: DocState,
  parts: string[],
): true | string {
  if (hasRole(user, 'admin')) return true;
  const notOwn = 'Изменять сведения об ученике может классный руководитель его класса';
  const moving = (p: string) => p === 'classId' || p === 'status' || p === 'movements';
  if (before !== null && parts.some(moving)) {
    // Moving a student out (left the school, or to another class) is done by the class
    // teacher of the class they leave, or the deputy; the marks stay with the student.
    const leadsOld = leads(index, user, before.classId);
    if (!leadsOld && !hasRole(user, 'deputy')) return refusals.moveStudent;
    const otherParts = parts.some((p) => !moving(p));
    return !otherParts || leadsOld ? true : notOwn;
  }
  const own = leads(index, user, after.classId) && (!before || leads(index, user, before.classId));
  return own ? true : notOwn;
}
