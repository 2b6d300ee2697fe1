// What an undone part becomes. A part that existed before the compromised write gets its old value
// back. A part of a document CREATED with the compromised account has no old value; the journal is a
// state document and is never hard-deleted, so:
//   - a lesson is set to «отменён» (status 'cancelled') and its topic, homework and students' cells
//     written with the account are cleared; its course, date, slot, type and holder stay, so the
//     deputy still sees the record and its history (a cancelled lesson counts for nothing: not
//     held, no marks, no absences);
//   - period marks written with the account are removed from the period-marks document;
//   - a reference document (class, course, staff member, student, period) is removed (tombstone),
//     when nobody else changed it since; otherwise, and for consents (a paper form stands behind
//     them), it is left for the administrator to check ("manual").
import { splitPath } from '../../shared/merge';
import type { DocumentPlan, PartRevert } from './plan';

/** The restored value of a part, or null to leave the part as it is. */
export function restoredValue(collection: string, revert: PartRevert): { value: unknown } | null {
  const [field, key] = splitPath(revert.path);
  const { value, created } = revert.restore;
  if (revert.path === '_deleted') return { value: value === true };
  if (!created) {
    // A record key that did not exist before (a new student's cell) is removed again.
    return { value: key !== undefined && value === null ? undefined : value };
  }
  if (collection === 'lessons') {
    if (revert.path === 'status') return { value: 'cancelled' };
    if (revert.path === 'topic' || revert.path === 'homework') return { value: '' };
    if (field === 'entries') return { value: key === undefined ? {} : undefined };
    return null;
  }
  if (collection === 'periodMarks' && field === 'marks') {
    return { value: key === undefined ? {} : undefined };
  }
  return null;
}

export type CreatedAction =
  | { action: 'cancelled' | 'cleared'; note: string }
  | { action: 'removed'; note: string }
  | { action: 'manual'; note: string };

/** What happens to a document the compromised account created. */
export function createdAction(
  collection: string,
  plan: DocumentPlan,
  stampedPaths: readonly string[],
): CreatedAction {
  const undone = new Set(plan.reverts.map((r) => r.path));
  const changedByOthers = plan.kept.length > 0;
  if (collection === 'lessons') {
    return undone.has('status')
      ? {
          action: 'cancelled',
          note: 'Урок создан с скомпрометированной учётной записи: отмечен как отменённый, его тема, домашнее задание и отметки, внесённые с этой записи, удалены',
        }
      : {
          action: 'manual',
          note: 'Урок создан с скомпрометированной учётной записи, но его статус потом менял другой сотрудник: проверьте урок',
        };
  }
  if (collection === 'periodMarks') {
    return {
      action: 'cleared',
      note: 'Отметки за период, выставленные с скомпрометированной учётной записи, удалены',
    };
  }
  if (collection === 'consents') {
    return {
      action: 'manual',
      note: 'Согласие зарегистрировано с скомпрометированной учётной записи: сверьте с бумажным заявлением',
    };
  }
  if (!changedByOthers && stampedPaths.every((p) => undone.has(p))) {
    return {
      action: 'removed',
      note: 'Запись создана с скомпрометированной учётной записи: удалена',
    };
  }
  return {
    action: 'manual',
    note: 'Запись создана с скомпрометированной учётной записи и потом изменена другими: проверьте её',
  };
}
