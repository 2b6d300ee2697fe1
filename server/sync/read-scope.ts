// The one read check: what a user may see of a stored document. Pull pages, push answers (a
// conflict answer is a read), live streams and the cell history all pass through it.
import type { AuthUser } from '../auth/roles';
import type { CollectionDescriptor, DocState } from './collections';

/** The document as this user may see it (redacted), or null when they may not read it at all. */
export function visibleTo(
  descriptor: CollectionDescriptor,
  user: AuthUser,
  state: DocState,
): DocState | null {
  if (!descriptor.canRead(user, state)) return null;
  return descriptor.redact ? descriptor.redact(user, state) : state;
}

/**
 * A push answer for a document the user may not read: the state they sent, as a tombstone —
 * exactly what a refused insert of a document that does not exist gets, so the answer tells
 * nothing of the stored document (neither its content nor that it exists).
 */
export function unseenAnswer(sent: DocState): DocState {
  return { ...sent, _deleted: true };
}
