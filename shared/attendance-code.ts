// Attendance codes (н, б, у, оп…): their letters and meaning are a school setting.
import { z } from 'zod';

/** Why a student was not in the lesson: reports split absences by this category. */
export const AbsenceReasonSchema = z.enum(['illness', 'excused', 'unexcused', 'late']);
export type AbsenceReason = z.infer<typeof AbsenceReasonSchema>;

export const AttendanceCodeSchema = z.object({
  /** What the teacher types and sees in the cell: "н", "б", "у", "оп". */
  code: z.string().trim().min(1).max(3),
  /** "отсутствовал без уважительной причины" */
  label: z.string().min(1).max(80),
  reason: AbsenceReasonSchema,
});
export type AttendanceCode = z.infer<typeof AttendanceCodeSchema>;

/** A code with reason `late` means present; every other code means the lesson was missed. */
export function isAbsence(code: AttendanceCode): boolean {
  return code.reason !== 'late';
}

export const DEFAULT_ATTENDANCE_CODES: AttendanceCode[] = [
  { code: 'н', label: 'отсутствовал (причина не указана)', reason: 'unexcused' },
  { code: 'б', label: 'отсутствовал по болезни', reason: 'illness' },
  { code: 'у', label: 'отсутствовал по уважительной причине', reason: 'excused' },
  { code: 'оп', label: 'опоздал', reason: 'late' },
];

export const ABSENCE_REASON_LABELS: Record<AbsenceReason, string> = {
  illness: 'по болезни',
  excused: 'по уважительной причине',
  unexcused: 'без уважительной причины',
  late: 'опоздания',
};
