// The error every repository throws with a message ready for the user ("Урок не найден в журнале.").
export class WriteError extends Error {
  override name = 'WriteError';
}
