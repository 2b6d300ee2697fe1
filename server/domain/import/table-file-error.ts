// A table file refused as a whole (too big, a zip bomb, empty, the wrong kind of table), with a
// Russian message for the person who exported it.
export class TableFileError extends Error {
  override name = 'TableFileError';
}
