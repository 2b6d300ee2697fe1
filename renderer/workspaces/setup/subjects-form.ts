// The subjects' form: full and short names ↔ the school card's `subjects` (ids kept, new ones made).
import { newId } from '../../../shared/ids';
import type { School, Subject } from '../../../shared/school';
import { checkSchool } from '../../../shared/setup/school-checks';
import type { Unstamped } from '../../../shared/setup/stamp-changes';
import { errorsOf } from './form-problems';

export type SubjectDraft = Subject;

export function newSubject(): SubjectDraft {
  return { id: newId('subj'), name: '', short: '' };
}

export function buildSubjects(
  school: Unstamped<School>,
  rows: readonly SubjectDraft[],
): { ok: true; school: Unstamped<School> } | { ok: false; errors: Record<string, string> } {
  const subjects = rows.map((s) => ({ id: s.id, name: s.name.trim(), short: s.short.trim() }));
  const next = { ...school, subjects };
  const errors = errorsOf(checkSchool({ ...next, stamps: {} }));
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, school: next };
}
