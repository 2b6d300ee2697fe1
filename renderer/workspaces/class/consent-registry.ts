// The consent registry as rows: one per guardian of every student of the class (a student with
// no guardian on record gets one empty row), with the guardian's answer, filters and counts.
import { effectiveChannel, type Consent, type ConsentDecision } from '../../../shared/consent';
import {
  orderedGuardians,
  type ConsentVariant,
  type GuardianPick,
} from '../../../shared/documents/consent-model';
import { compareStudents, type Guardian, type Student } from '../../../shared/student';

/** A guardian's state in the registry: their answer, or no answer yet. */
export type RegistryState = ConsentDecision | 'none';

export const REGISTRY_STATE_LABELS: Record<RegistryState, string> = {
  consent: 'согласие',
  refusal: 'отказ',
  withdrawal: 'отзыв согласия',
  none: 'нет ответа',
};

export const REGISTRY_STATES: readonly RegistryState[] = [
  'consent',
  'refusal',
  'withdrawal',
  'none',
];

/** "нет ответа", "бумажные выписки" (refusal, withdrawal or the paper channel), "все". */
export type RegistryFilter = 'none' | 'paper' | 'all';

export const REGISTRY_FILTERS: readonly { id: RegistryFilter; label: string }[] = [
  { id: 'none', label: 'Нет ответа' },
  { id: 'paper', label: 'Бумажные выписки' },
  { id: 'all', label: 'Все' },
];

export interface RegistryRow {
  /** Number of the student in the class list (1-based, alphabetical). */
  number: number;
  student: Student;
  /** Null when the student has no guardian on record. */
  guardianId: string | null;
  guardian: Guardian | null;
  consent: Consent | null;
  state: RegistryState;
  /** The family gets paper extracts from this guardian's answer. */
  paper: boolean;
}

/** Rows of the active students in journal order, guardians mother first (as in the applications). */
export function registryRows(
  students: readonly Student[],
  consents: readonly Consent[],
): RegistryRow[] {
  const byKey = new Map(consents.map((c) => [`${c.studentId}|${c.guardianId}`, c]));
  const rows: RegistryRow[] = [];
  const active = students.filter((s) => s.status === 'active').sort(compareStudents);
  active.forEach((student, i) => {
    const guardians = orderedGuardians(student);
    if (guardians.length === 0) {
      rows.push({
        number: i + 1,
        student,
        guardianId: null,
        guardian: null,
        consent: null,
        state: 'none',
        paper: false,
      });
    }
    for (const [guardianId, guardian] of guardians) {
      const consent = byKey.get(`${student.id}|${guardianId}`) ?? null;
      rows.push({
        number: i + 1,
        student,
        guardianId,
        guardian,
        consent,
        state: consent ? consent.decision : 'none',
        paper: consent !== null && effectiveChannel(consent) === 'paper',
      });
    }
  });
  return rows;
}

export function matchesFilter(row: RegistryRow, filter: RegistryFilter): boolean {
  switch (filter) {
    case 'none':
      return row.state === 'none';
    case 'paper':
      return row.paper;
    case 'all':
      return true;
  }
}

export function filterRows(rows: readonly RegistryRow[], filter: RegistryFilter): RegistryRow[] {
  return rows.filter((r) => matchesFilter(r, filter));
}

export type RegistryCounts = Record<RegistryState | RegistryFilter, number>;

/** Rows per state and per filter. */
export function registryCounts(rows: readonly RegistryRow[]): RegistryCounts {
  const counts: RegistryCounts = {
    consent: 0,
    refusal: 0,
    withdrawal: 0,
    none: 0,
    paper: 0,
    all: rows.length,
  };
  for (const r of rows) {
    counts[r.state]++;
    if (r.paper) counts.paper++;
  }
  return counts;
}

/** Whether a guardian in this state may be handed this form: a withdrawal only after a consent, a refusal not after one. */
export function formFits(variant: ConsentVariant, state: RegistryState): boolean {
  switch (variant) {
    case 'withdrawal':
      return state === 'consent';
    case 'refusal':
      return state !== 'consent';
    case 'consent':
      return true;
  }
}

/**
 * The forms to print for the shown rows (the filter applied first): one per guardian row (a row
 * without a guardian is a blank form), only for guardians the form fits (formFits).
 */
export function formPicks(rows: readonly RegistryRow[], variant: ConsentVariant): GuardianPick[] {
  return rows
    .filter((r) => formFits(variant, r.state))
    .map((r) => ({ studentId: r.student.id, guardianId: r.guardianId }));
}

/**
 * The «Логин выдан» cell: a refusal or withdrawal ends access, so a login still marked issued there
 * needs closing.
 */
export function loginCell(consent: Pick<Consent, 'decision' | 'loginIssued'> | null): {
  text: string;
  needsClosing: boolean;
} {
  if (!consent) return { text: '—', needsClosing: false };
  if (!consent.loginIssued) return { text: 'нет', needsClosing: false };
  return consent.decision === 'consent'
    ? { text: 'да', needsClosing: false }
    : { text: 'да — закройте доступ', needsClosing: true };
}

/** Every guardian of one student (one form each), or one blank form when none is on record. */
export function studentPicks(student: Student): GuardianPick[] {
  const guardians = orderedGuardians(student);
  return guardians.length === 0
    ? [{ studentId: student.id, guardianId: null }]
    : guardians.map(([guardianId]) => ({ studentId: student.id, guardianId }));
}

/**
 * The families of the rows, each with the guardian an application is addressed to: the first row
 * of that student with a guardian (rows without a guardian print a blank form).
 */
export function familiesOf(rows: readonly RegistryRow[]): Map<string, string> {
  const families = new Map<string, string>();
  for (const r of rows) {
    const chosen = families.get(r.student.id);
    if (chosen === undefined || (chosen === '' && r.guardianId)) {
      families.set(r.student.id, r.guardianId ?? '');
    }
  }
  return families;
}
