// "Печать выписки" on the journal page: extracts of the course's students for the selected period.
import { useState } from 'react';
import type { Course } from '../../shared/course';
import type { Period } from '../../shared/period';
import type { SchoolClass } from '../../shared/school-class';
import { useSession } from '../data/session';
import { courseExtractJob } from './jobs';
import type { PrintJob } from './print-job';
import { PrintDialog } from './PrintDialog';

interface Props {
  course: Course;
  klass: SchoolClass | undefined;
  /** "5А · Математика" */
  title: string;
  period: Period;
}

export function CourseExtractButton({ course, klass, title, period }: Props) {
  const { db } = useSession();
  const [job, setJob] = useState<PrintJob | null>(null);
  const open = () => {
    const group = course.groupId ? klass?.groups.find((g) => g.id === course.groupId) : undefined;
    setJob(courseExtractJob(db, course, title, period, group ? group.studentIds : null));
  };
  return (
    <>
      <button type="button" onClick={open}>
        Печать выписки
      </button>
      {job && (
        <PrintDialog
          job={job}
          onClose={() => setJob(null)}
          emptyText="В этом курсе нет учеников: печатать нечего."
        />
      )}
    </>
  );
}
