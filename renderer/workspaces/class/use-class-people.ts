// Live students (those who left too) and consents of one class, through their classId indexes.
import type { Consent } from '../../../shared/consent';
import type { Student } from '../../../shared/student';
import { useSession } from '../../app/session';
import { useLiveQuery } from '../../lib/use-live-query';

export function useClassStudents(classId: string): Student[] | null {
  const { db } = useSession();
  return useLiveQuery<Student>(
    () => db.students.find({ selector: { classId } }),
    `class-students:${classId}`,
  );
}

export function useClassConsents(classId: string): Consent[] | null {
  const { db } = useSession();
  return useLiveQuery<Consent>(
    () => db.consents.find({ selector: { classId } }),
    `class-consents:${classId}`,
  );
}
