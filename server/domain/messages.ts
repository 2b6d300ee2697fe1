// The Russian reasons the server gives for refusing a write (shown on the desktop as they are).
// None of them carries data of the refused document beyond what the writer sent.
import { closedPeriodMessage } from '../../shared/closed-period';
import { RIGHTS_REFUSALS } from '../../shared/lesson-rights';

export const refusals = {
  identity: (path: string) => `Поле «${path}» задаётся при создании и не изменяется`,
  identityId: 'Идентификатор документа не соответствует его содержанию',
  forged: (by: string) =>
    `Изменение подписано другим сотрудником (${by}), а не вами: изменения не приняты`,
  unstamped: (path: string) => `Изменение поля «${path}» не подписано: обновите программу журнала`,
  stampPath: (path: string) => `Отметка об изменении «${path}» не относится ни к одному полю`,
  tooManyStamps: (max: number) => `Слишком много отметок об изменениях (больше ${max})`,
  adminOnly: 'Изменять эти данные может только администратор',
  moveStudent:
    'Перевести ученика или отметить выбытие может классный руководитель его класса или заместитель директора',
  deletion: 'Записи журнала не удаляются: отметьте урок как отменённый',
  noDeletion:
    'Документы не удаляются и не восстанавливаются через синхронизацию: ученик отмечается выбывшим, сотрудник — неактивным, период не удаляется',
  notYourCourse: RIGHTS_REFUSALS.notYourCourse,
  closed: closedPeriodMessage,
  closedPeriodChange: (name: string) =>
    `Период «${name}» закрыт: его даты и название не изменяются, пока заместитель директора не откроет его`,
  overlapsClosed: (name: string) => `Даты периода пересекаются с закрытым периодом «${name}»`,
} as const;
