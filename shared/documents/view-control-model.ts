// The «лист контроля за просмотром электронного дневника» (seed 004) of one class as plain data:
// per guardian (and student's own account) the registry answer, the login, the last view and the
// views in the range, and whether a paper extract is due; signed by the class teacher.
import { formatDate, formatDateTime } from '../dates';
import { studentsNeedingPaper, type FamilyViewRow } from '../family-view-rows';

export interface ViewControlRow {
  number: string;
  studentName: string;
  holder: string;
  login: string;
  lastView: string;
  views: string;
  status: string;
  needsPaper: boolean;
}

export interface ViewControlModel {
  kind: 'viewControl';
  schoolName: string;
  className: string;
  classTeacher: string;
  /** "с 21.11.2026 по 04.12.2026" */
  rangeLabel: string;
  paperAfterDays: number;
  issuedOn: string;
  rows: ViewControlRow[];
  /** Families due a paper extract (studentsNeedingPaper). */
  paperCount: number;
}

const DECISION_TEXT: Record<FamilyViewRow['decision'], string> = {
  consent: 'согласие',
  refusal: 'отказ',
  withdrawal: 'отзыв согласия',
  none: 'нет ответа',
};

export function buildViewControlModel(input: {
  schoolName: string;
  className: string;
  classTeacher: string;
  from: string;
  to: string;
  paperAfterDays: number;
  issuedOn: string;
  rows: readonly FamilyViewRow[];
}): ViewControlModel {
  const paper = new Set(studentsNeedingPaper(input.rows));
  const rows: ViewControlRow[] = [];
  let previous = '';
  for (const r of input.rows) {
    const first = r.studentId !== previous;
    previous = r.studentId;
    rows.push({
      number: first ? String(r.number) : '',
      studentName: first ? r.studentName : '',
      holder:
        r.guardianId === null
          ? `${r.holderName} (${r.holderKind}): собственный логин`
          : `${r.holderName} (${r.holderKind}); ${DECISION_TEXT[r.decision]}`,
      login: r.login ?? '—',
      lastView: r.lastViewAt ? formatDateTime(r.lastViewAt) : '—',
      views: r.login ? String(r.viewsInRange) : '—',
      status: r.status,
      // The family's extract is noted on the row that made it due.
      needsPaper: r.needsPaper && paper.has(r.studentId),
    });
  }
  return {
    kind: 'viewControl',
    schoolName: input.schoolName,
    className: input.className,
    classTeacher: input.classTeacher,
    rangeLabel: `с ${formatDate(input.from)} по ${formatDate(input.to)}`,
    paperAfterDays: input.paperAfterDays,
    issuedOn: input.issuedOn,
    rows,
    paperCount: paper.size,
  };
}
