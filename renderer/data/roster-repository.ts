// Domain verbs for the class roster: add a student, edit their fields and guardians, move them out,
// record their arrival from another school.
// Every changed part is stamped with this device's HLC and the signed-in staff member, the whole
// document is checked against the zod schema, and the write goes to the local database at once.
import type { Clock } from '../../shared/hlc';
import { setPart } from '../../shared/merge';
import { newGuardianId, newStudentId } from '../../shared/ids';
import { SerialQueue } from '../../shared/serial-queue';
import {
  GuardianSchema,
  StudentMovementSchema,
  StudentSchema,
  type Guardian,
  type Student,
} from '../../shared/student';
import type { JournalDatabase } from '../db/types';
import { createSigner } from './signer';
import { WriteError } from './write-error';

/** The student's own fields a class teacher edits; each is a separately stamped part. */
export interface StudentFields {
  lastName: string;
  firstName: string;
  middleName: string;
  gender: Student['gender'];
  birthDate: string;
  /** The child's address for the consent form. */
  address: string;
}
export type StudentField = keyof StudentFields;
export const STUDENT_FIELDS: readonly StudentField[] = [
  'lastName',
  'firstName',
  'middleName',
  'gender',
  'birthDate',
  'address',
];

export interface NewStudent extends StudentFields {
  classId: string;
  guardians?: readonly Guardian[];
}

/**
 * Leaving the school (status "left", the student stays in the class's old pages) or another class,
 * on a date by an order (both recorded in the student's `movements`).
 */
export type MoveOut = { date: string; orderNumber: string } & (
  | { kind: 'left' }
  | { kind: 'transfer'; classId: string }
);

export interface RosterRepository {
  addStudent(input: NewStudent): Promise<Student>;
  /** Stamps only the fields whose value differs from the stored one. */
  updateStudent(studentId: string, changes: Partial<StudentFields>): Promise<Student>;
  /** Adds or replaces a guardian (`guardians.<id>`); `null` removes them (the stamp stays). */
  setGuardian(studentId: string, guardianId: string, guardian: Guardian | null): Promise<Student>;
  /** Marks stay: lessons refer to the student, not to the class. */
  moveOut(studentId: string, move: MoveOut): Promise<Student>;
  /** Records that the student came from another school into their class, by an order. */
  recordArrival(studentId: string, order: { date: string; orderNumber: string }): Promise<Student>;
}

export function createRosterRepository(
  db: JournalDatabase,
  clock: Clock,
  author: () => string | null,
): RosterRepository {
  const queue = new SerialQueue();

  const { stamp } = createSigner(clock, author);

  /** Applies parts in one write, each with its own fresh stamp; returns the stored student. */
  const writeParts = (studentId: string, parts: [string, unknown][]): Promise<Student> =>
    queue.run(studentId, async () => {
      const doc = await db.students.findOne(studentId).exec();
      if (!doc) throw new WriteError('Ученик не найден в списке класса.');
      if (parts.length === 0) return doc.toJSON() as Student;
      const written = await doc.incrementalModify((current) => {
        let next = current as Student;
        for (const [path, value] of parts) next = setPart(next, path, value, stamp());
        return StudentSchema.parse(next);
      });
      return written.toJSON() as Student;
    });

  return {
    async addStudent(input) {
      const at = stamp();
      const guardians: Record<string, Guardian> = {};
      for (const g of input.guardians ?? []) guardians[newGuardianId()] = GuardianSchema.parse(g);
      const paths = [
        ...STUDENT_FIELDS,
        'classId',
        'status',
        ...Object.keys(guardians).map((id) => `guardians.${id}`),
      ];
      const student = StudentSchema.parse({
        id: newStudentId(),
        lastName: input.lastName,
        firstName: input.firstName,
        middleName: input.middleName,
        gender: input.gender,
        birthDate: input.birthDate,
        address: input.address,
        classId: input.classId,
        status: 'active',
        guardians,
        stamps: Object.fromEntries(paths.map((p) => [p, at])),
      });
      const doc = await db.students.insert(student);
      return doc.toJSON() as Student;
    },

    async updateStudent(studentId, changes) {
      const stored = await db.students.findOne(studentId).exec();
      if (!stored) throw new WriteError('Ученик не найден в списке класса.');
      const current = stored.toJSON() as Student;
      const parts: [string, unknown][] = [];
      for (const field of STUDENT_FIELDS) {
        if (!(field in changes)) continue;
        const value = changes[field];
        if (value !== undefined && value !== current[field]) parts.push([field, value]);
      }
      return writeParts(studentId, parts);
    },

    async setGuardian(studentId, guardianId, guardian) {
      const value = guardian === null ? undefined : GuardianSchema.parse(guardian);
      return writeParts(studentId, [[`guardians.${guardianId}`, value]]);
    },

    async moveOut(studentId, move) {
      const current = await db.students.findOne(studentId).exec();
      if (!current) throw new WriteError('Ученик не найден.');
      const student = current.toJSON() as Student;
      if (move.kind === 'transfer' && !(await db.classes.findOne(move.classId).exec()))
        throw new WriteError('Класс, в который переводится ученик, не найден.');
      const movement = StudentMovementSchema.parse({
        kind: move.kind,
        date: move.date,
        orderNumber: move.orderNumber.trim(),
        fromClassId: student.classId,
        toClassId: move.kind === 'transfer' ? move.classId : null,
      });
      const movements = [...(student.movements ?? []), movement];
      return move.kind === 'left'
        ? writeParts(studentId, [
            ['status', 'left'],
            ['movements', movements],
          ])
        : writeParts(studentId, [
            ['classId', move.classId],
            ['movements', movements],
          ]);
    },

    async recordArrival(studentId, order) {
      const current = await db.students.findOne(studentId).exec();
      if (!current) throw new WriteError('Ученик не найден.');
      const student = current.toJSON() as Student;
      const movement = StudentMovementSchema.parse({
        kind: 'enrolled',
        date: order.date,
        orderNumber: order.orderNumber.trim(),
        fromClassId: null,
        toClassId: student.classId,
      });
      // Oldest first: the arrival goes before movements dated later.
      const movements = [...(student.movements ?? []), movement].sort((a, b) =>
        a.date.localeCompare(b.date),
      );
      return writeParts(studentId, [['movements', movements]]);
    },
  };
}
