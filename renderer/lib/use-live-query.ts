// Subscribes a component to a live RxDB query; results are plain documents (no RxDocument methods).
import { useEffect, useState } from 'react';
import type { RxDocument, RxQuery } from 'rxdb';

/**
 * `makeQuery` is called when `key` changes (pass a string built from the query's inputs), and
 * `null` skips the query. Returns null until the first result arrives.
 */
export function useLiveQuery<T>(
  makeQuery: () => RxQuery<T, RxDocument<T>[]> | null,
  key: string,
): T[] | null {
  const [state, setState] = useState<{ key: string; docs: T[] } | null>(null);
  useEffect(() => {
    const query = makeQuery();
    if (!query) return;
    const sub = query.$.subscribe((docs) =>
      setState({ key, docs: docs.map((d) => d.toJSON() as T) }),
    );
    return () => sub.unsubscribe();
    // makeQuery is recreated every render; key says when the query really changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  // A result of the previous key is never shown for the new one.
  return state && state.key === key ? state.docs : null;
}

/** One document by id, live. */
export function useLiveDocument<T>(
  makeQuery: () => RxQuery<T, RxDocument<T> | null> | null,
  key: string,
): T | null | undefined {
  const [state, setState] = useState<{ key: string; doc: T | null } | null>(null);
  useEffect(() => {
    const query = makeQuery();
    if (!query) return;
    const sub = query.$.subscribe((doc) =>
      setState({ key, doc: doc ? (doc.toJSON() as T) : null }),
    );
    return () => sub.unsubscribe();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return state && state.key === key ? state.doc : undefined;
}
