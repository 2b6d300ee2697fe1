// Domain verbs for the school's staff (the administrator's «Сотрудники»): add a staff member, edit
// their name, position and roles. Every changed part is stamped by the signed-in person, the whole
// document is checked against the zod schema, and the write goes to the local database at once.
import type { Clock } from '../../shared/hlc';
import { newId } from '../../shared/ids';
import { setPart } from '../../shared/merge';
import { SerialQueue } from '../../shared/serial-queue';
import { StaffMemberSchema, type StaffMember } from '../../shared/staff';
import type { JournalDatabase } from '../db/types';
import { createSigner } from './signer';
import { WriteError } from './write-error';

/** The staff member's own fields; each is a separately stamped part. */
export type StaffFields = Pick<
  StaffMember,
  'lastName' | 'firstName' | 'middleName' | 'position' | 'roles' | 'active'
>;
export type StaffField = keyof StaffFields;
export const STAFF_FIELDS: readonly StaffField[] = [
  'lastName',
  'firstName',
  'middleName',
  'position',
  'roles',
  'active',
];

export interface StaffRepository {
  addStaff(input: StaffFields): Promise<StaffMember>;
  /** Stamps only the fields whose value differs from the stored one. */
  updateStaff(staffId: string, changes: Partial<StaffFields>): Promise<StaffMember>;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function createStaffRepository(
  db: JournalDatabase,
  clock: Clock,
  author: () => string | null,
): StaffRepository {
  const queue = new SerialQueue();
  const { stamp } = createSigner(clock, author);

  return {
    async addStaff(input) {
      const at = stamp();
      const staff = StaffMemberSchema.parse({
        id: newId('staff'),
        ...input,
        roles: [...new Set(input.roles)],
        stamps: Object.fromEntries(STAFF_FIELDS.map((p) => [p, at])),
      });
      const doc = await db.staff.insert(staff);
      return doc.toJSON() as StaffMember;
    },

    updateStaff: (staffId, changes) =>
      queue.run(staffId, async () => {
        const doc = await db.staff.findOne(staffId).exec();
        if (!doc) throw new WriteError('Сотрудник не найден.');
        const current = doc.toJSON() as StaffMember;
        const parts = STAFF_FIELDS.filter(
          (f) => f in changes && changes[f] !== undefined && !same(changes[f], current[f]),
        );
        if (parts.length === 0) return current;
        const written = await doc.incrementalModify((stored) => {
          let next = stored as StaffMember;
          for (const field of parts) {
            const value = field === 'roles' ? [...new Set(changes.roles)] : changes[field];
            next = setPart(next, field, value, stamp());
          }
          return StaffMemberSchema.parse(next);
        });
        return written.toJSON() as StaffMember;
      }),
  };
}
