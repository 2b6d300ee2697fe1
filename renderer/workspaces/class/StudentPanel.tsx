// The selected student: their fields, guardians, movements, printed documents (the personal card
// across years among them) and moving out of the class.
import { useMemo, useState } from 'react';
import { fullName } from '../../../shared/common';
import type { Consent } from '../../../shared/consent';
import type { Period } from '../../../shared/period';
import type { SchoolClass } from '../../../shared/school-class';
import type { Student } from '../../../shared/student';
import { useSession } from '../../data/session';
import type { RosterRepository } from '../../data/roster-repository';
import { archiveReader } from '../../archive/archive-client';
import { readPersonalCard } from '../../archive/read-personal-card';
import { consentApplicationsJob, studentExtractJob } from '../../print/jobs';
import { useSyncClient } from '../../sync/sync-context';
import type { PrintJob } from '../../print/print-job';
import { PrintDialog } from '../../print/PrintDialog';
import { ExtractPrintRow } from '../../print/ExtractSpanPicker';
import { GuardiansSection } from './GuardiansSection';
import { MoveOutForm } from './MoveOutForm';
import { StudentForm } from './StudentForm';
import { StudentMovements } from './StudentMovements';
import { studentPicks } from './consent-registry';
import { studentFormValues } from './student-form';

interface Props {
  student: Student;
  klass: SchoolClass;
  otherClasses: readonly SchoolClass[];
  periods: readonly Period[];
  defaultPeriod: Period | undefined;
  consents: readonly Consent[];
  /** The school's subjects (names of a conditional promotion's debts). */
  subjects: readonly { id: string; name: string }[];
  roster: RosterRepository;
  onMoved: () => void;
}

export function StudentPanel(props: Props) {
  const { student, klass, periods, roster } = props;
  const { db } = useSession();
  const session = useSyncClient()?.session ?? null;
  const [job, setJob] = useState<PrintJob | null>(null);
  const classes = useMemo(
    () => new Map([klass, ...props.otherClasses].map((c) => [c.id, c])),
    [klass, props.otherClasses],
  );
  const answered = useMemo(
    () =>
      new Set(props.consents.filter((c) => c.studentId === student.id).map((c) => c.guardianId)),
    [props.consents, student.id],
  );

  return (
    <aside className="student-panel" aria-label={`Ученик: ${fullName(student)}`}>
      <h2>{fullName(student)}</h2>
      <StudentForm
        key={student.id}
        initial={studentFormValues(student)}
        submitLabel="Сохранить"
        grade={klass.grade}
        onSubmit={async (value) => {
          await roster.updateStudent(student.id, value);
        }}
      />
      <GuardiansSection student={student} roster={roster} answered={answered} />
      <StudentMovements
        student={student}
        classes={classes}
        subjects={props.subjects}
        roster={roster}
      />
      <section className="student-print" aria-label="Печать">
        <h3>Печать</h3>
        <div className="print-row">
          <button
            type="button"
            onClick={() =>
              setJob(consentApplicationsJob(db, klass, 'consent', studentPicks(student)))
            }
          >
            Печать заявления
          </button>
          <button
            type="button"
            onClick={() =>
              setJob({
                title: `Личная карта обучающегося: ${fullName(student)}`,
                fileName: `Личная карта ${student.lastName} ${student.firstName}`,
                model: () => readPersonalCard(db, archiveReader(session), student.id),
              })
            }
          >
            Печать личной карты
          </button>
        </div>
        {periods.length > 0 && (
          <ExtractPrintRow
            periods={periods}
            initialPeriodId={props.defaultPeriod?.id ?? periods[0]?.id ?? ''}
            label="Печать выписки"
            onPrint={(options) => setJob(studentExtractJob(db, klass, options, periods, student))}
          />
        )}
      </section>
      <section className="student-move">
        <MoveOutForm
          student={student}
          klass={klass}
          otherClasses={props.otherClasses}
          roster={roster}
          onMoved={props.onMoved}
          openLogins={
            props.consents.filter(
              (c) => c.studentId === student.id && c.decision === 'consent' && c.loginIssued,
            ).length
          }
        />
      </section>
      {job && <PrintDialog job={job} onClose={() => setJob(null)} />}
    </aside>
  );
}
