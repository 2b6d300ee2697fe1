// A reporting period the deputy closed refuses every change to its lessons and period marks: the
// one message the desktop shows before a write and the server gives when it refuses one.
export function closedPeriodMessage(periodName: string): string {
  return `Период «${periodName}» закрыт: изменения не приняты`;
}
