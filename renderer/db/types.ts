// The typed local database: one RxDB collection per shared/collections.ts entry.
import type { RxCollection, RxDatabase } from 'rxdb';
import type { CollectionName, DocumentOf } from '../../shared/collections';

export type JournalCollections = { [N in CollectionName]: RxCollection<DocumentOf<N>> };
export type JournalDatabase = RxDatabase<JournalCollections>;
