// The class teacher's «контроль за просмотром электронного дневника» (seed 004) as rows: every
// guardian of every student of the class (and a student's own account), their answer in the
// registry, the login, when the diary was last opened, and whether the family needs a paper
// extract — they chose paper, refused or withdrew, or have not opened the diary for N days.
import { fullName } from './common';
import type { Consent } from './consent';
import { effectiveChannel } from './consent';
import { addDays, formatDate, isoDate } from './dates';
import type { FamilyAccessRow, FamilyAccessState } from './family-access';
import { GUARDIAN_KIND_LABELS, compareStudents, type Student } from './student';

export interface FamilyViewRow {
  /** The student's number in the class list (1-based, alphabetical). */
  number: number;
  studentId: string;
  studentName: string;
  /** Null for the student's own account. */
  guardianId: string | null;
  holderName: string;
  /** "мать", "отец", "сам обучающийся" */
  holderKind: string;
  decision: Consent['decision'] | 'none';
  login: string | null;
  access: FamilyAccessState | 'none';
  lastViewAt: string | null;
  viewsInRange: number;
  /** This holder chose paper, or has a login but has not opened the diary for N days. */
  needsPaper: boolean;
  /** This holder's login is open and the diary was opened within N days. */
  fresh: boolean;
  /** The login waits after too many wrong passwords (an unlock is offered). */
  locked: boolean;
  /** "просмотрено сегодня", "просмотрено 28.11.2026", "не открывали 15 дн.", "бумажные выписки"… */
  status: string;
}

/** The local calendar day of an ISO moment. */
export function localDay(moment: string): string {
  return isoDate(new Date(moment));
}

function viewStatus(lastViewAt: string | null, today: string): string {
  if (!lastViewAt) return 'ещё не открывали';
  const day = localDay(lastViewAt);
  if (day === today) return 'просмотрено сегодня';
  if (day === addDays(today, -1)) return 'просмотрено вчера';
  return `просмотрено ${formatDate(day)}`;
}

export function familyViewRows(input: {
  students: readonly Student[];
  consents: readonly Consent[];
  access: readonly FamilyAccessRow[];
  today: string;
  paperAfterDays: number;
}): FamilyViewRow[] {
  const consentOf = new Map(input.consents.map((c) => [`${c.studentId}|${c.guardianId}`, c]));
  const accessOf = new Map(input.access.map((a) => [`${a.studentId}|${a.guardianId ?? ''}`, a]));
  const staleBefore = addDays(input.today, -(input.paperAfterDays - 1));
  const rows: FamilyViewRow[] = [];
  const active = input.students.filter((s) => s.status === 'active').sort(compareStudents);
  active.forEach((student, i) => {
    const push = (guardianId: string | null, holderName: string, holderKind: string) => {
      const consent = guardianId ? consentOf.get(`${student.id}|${guardianId}`) : undefined;
      const access = accessOf.get(`${student.id}|${guardianId ?? ''}`);
      if (guardianId === null && !access) return;
      const paperChosen = consent !== undefined && effectiveChannel(consent) === 'paper';
      const open = access !== undefined && access.state !== 'closed';
      const lastDay = access?.lastViewAt ? localDay(access.lastViewAt) : null;
      const stale = open && (lastDay === null || lastDay < staleBefore);
      let status: string;
      if (paperChosen) status = 'бумажные выписки';
      else if (open) status = viewStatus(access.lastViewAt, input.today);
      else if (access?.state === 'closed') status = 'доступ закрыт';
      else if (consent?.decision === 'consent') status = 'логин не выдан';
      else status = 'нет ответа';
      if (stale && lastDay !== null && !paperChosen)
        status = `не открывали с ${formatDate(lastDay)}`;
      rows.push({
        number: i + 1,
        studentId: student.id,
        studentName: fullName(student),
        guardianId,
        holderName,
        holderKind,
        decision: consent?.decision ?? 'none',
        login: access?.login ?? null,
        access: access?.state ?? 'none',
        lastViewAt: access?.lastViewAt ?? null,
        viewsInRange: access?.viewsInRange ?? 0,
        needsPaper: paperChosen || stale,
        fresh: open && !stale,
        locked: open && access.locked,
        status,
      });
    };
    const guardians = Object.entries(student.guardians).sort(([a], [b]) => (a < b ? -1 : 1));
    for (const [id, g] of guardians) push(id, fullName(g), GUARDIAN_KIND_LABELS[g.kind]);
    push(null, fullName(student), 'сам обучающийся');
  });
  return rows;
}

/**
 * The students whose family needs a paper extract: nobody of the family opened the diary within N
 * days, and someone chose paper or has a login left unopened. Each student once, in list order.
 */
export function studentsNeedingPaper(rows: readonly FamilyViewRow[]): string[] {
  const fresh = new Set(rows.filter((r) => r.fresh).map((r) => r.studentId));
  const out: string[] = [];
  for (const r of rows) {
    if (r.needsPaper && !fresh.has(r.studentId) && !out.includes(r.studentId))
      out.push(r.studentId);
  }
  return out;
}
