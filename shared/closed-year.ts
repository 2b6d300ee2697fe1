// A school year that was closed at the year transition refuses every change to its documents: the
// one message the desktop shows before a write and the server gives when it refuses one.
export function closedYearMessage(yearName: string): string {
  return `Учебный год ${yearName} закрыт: изменения не приняты`;
}
