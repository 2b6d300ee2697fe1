// The data layer's one live query: RxDB's official React hook (useLiveRxQuery of
// rxdb/plugins/react), its documents handed on as plain JSON so no RxDocument reaches a screen.
import { useEffect, useMemo, useState } from 'react';
import type { MangoQuery, RxCollection } from 'rxdb';
import { useLiveRxQuery } from 'rxdb/plugins/react';

/**
 * The documents matching `query`, live; null until the first result (and after an error, which is
 * logged). `query` must keep its identity for the life of the calling component — a module
 * constant, or memoized on the values it is built from — and must not change while it is
 * mounted: RxDB 17.6's hook never clears its `loading` flag after a query change. A screen whose
 * query depends on a choice (the period, the class) renders the part that reads under a React
 * `key` of that choice, so each choice gets a fresh hook.
 */
export function useLiveDocuments<T>(
  collection: RxCollection<T>,
  query: MangoQuery<T>,
): T[] | null {
  const [mountedWith] = useState(query);
  if (import.meta.env.DEV && mountedWith !== query) {
    console.error('useLiveDocuments: the query changed while mounted; key the component on it');
  }
  const { results, loading, error } = useLiveRxQuery<T>({ collection, query });
  useEffect(() => {
    if (error) console.error(`Live query on ${collection.name} failed: ${error}`);
  }, [collection.name, error]);
  return useMemo(
    () => (loading || error ? null : results.map((doc) => doc.toJSON() as T)),
    [results, loading, error],
  );
}
