// Domain verbs for lessons: every change is stamped with this device's HLC and the signed-in
// staff member, checked against the zod schema, and written to the local database at once.
import type { RxDocument } from 'rxdb';
import type { Clock } from '../../shared/hlc';
import {
  LessonEntrySchema,
  LessonSchema,
  type Lesson,
  type LessonEntry,
  type LessonStatus,
  type LessonType,
} from '../../shared/lesson';
import { lessonRemovalRefusal } from '../../shared/lesson-contents';
import { lessonId } from '../../shared/lesson-id';
import { setPart } from '../../shared/merge';
import { SerialQueue } from '../../shared/serial-queue';
import { createFieldDrafts, type FieldDrafts } from '../db/field-drafts';
import type { JournalDatabase } from '../db/types';
import { createSigner } from './signer';
import { WriteError } from './write-error';

/** The lesson parts a teacher edits in the side panel; each is stamped on its own. */
export interface LessonFields {
  topic: string;
  homework: string;
  lessonType: LessonType;
  status: LessonStatus;
  teacherId: string;
  workTypeId: string | null;
}
export type LessonField = keyof LessonFields;
export const LESSON_FIELDS: readonly LessonField[] = [
  'topic',
  'homework',
  'lessonType',
  'status',
  'teacherId',
  'workTypeId',
];

export interface NewLesson {
  courseId: string;
  classId: string;
  date: string;
  slot: number;
  teacherId: string;
  lessonType?: LessonType;
  workTypeId?: string | null;
  topic?: string;
  homework?: string;
}

/**
 * Same course, date and slot on two devices, from the timetable or an import gives one document,
 * merged rather than duplicated (the rule is shared/lesson-id.ts).
 */
export const lessonIdFor = lessonId;

/** What an entry updater decided: the new cell (null = empty), or to leave the cell as it is. */
export type EntryUpdate<R> = { entry: LessonEntry | null; result: R } | { unchanged: R };

export interface EntryChange<R> {
  before: LessonEntry | null;
  after: LessonEntry | null;
  changed: boolean;
  result: R;
}

export interface LessonRepository {
  /**
   * Computes the new cell from the stored one inside the per-lesson queue, so quick keystrokes
   * ("5" then "4") never read a cell before the previous write landed.
   */
  updateLessonEntry<R>(
    lessonId: string,
    studentId: string,
    update: (current: LessonEntry | null) => EntryUpdate<R>,
  ): Promise<EntryChange<R>>;
  /** `null` empties the cell (the stamp stays, so the removal wins a merge against older edits). */
  setLessonEntry(lessonId: string, studentId: string, entry: LessonEntry | null): Promise<Lesson>;
  setLessonField<F extends LessonField>(
    lessonId: string,
    field: F,
    value: LessonFields[F],
  ): Promise<Lesson>;
  addLesson(input: NewLesson): Promise<Lesson>;
  cancelLesson(lessonId: string): Promise<Lesson>;
  /** Removes a lesson added by mistake; refused while it holds anything (shared/lesson-contents.ts). */
  removeLesson(lessonId: string): Promise<void>;
  /** Writes field values typed in a previous run that ended before they reached the database. */
  recoverDrafts(): Promise<number>;
}

export function createLessonRepository(
  db: JournalDatabase,
  clock: Clock,
  author: () => string | null,
  drafts: FieldDrafts = createFieldDrafts(db.name),
): LessonRepository {
  const queue = new SerialQueue();
  // A stale RxDocument is fine: incrementalModify re-reads on conflict. Caching skips a lookup per keystroke.
  const docs = new Map<string, RxDocument<Lesson>>();

  const { stamp } = createSigner(clock, author);

  const documentOf = async (lessonId: string): Promise<RxDocument<Lesson>> => {
    const cached = docs.get(lessonId);
    if (cached) return cached;
    const doc = await db.lessons.findOne(lessonId).exec();
    if (!doc) throw new WriteError('Урок не найден в журнале.');
    docs.set(lessonId, doc);
    return doc;
  };

  const writePart = (lessonId: string, path: string, value: unknown): Promise<Lesson> =>
    queue.run(lessonId, async () => {
      const doc = await documentOf(lessonId);
      const written = await doc.incrementalModify((current) => {
        const next = setPart(current as Lesson, path, value, stamp());
        return LessonSchema.parse(next);
      });
      docs.set(lessonId, written);
      return written.toJSON() as Lesson;
    });

  const latestFieldValue = new Map<string, { value: unknown; promise?: Promise<Lesson> }>();
  const writeLatest = (lessonId: string, field: LessonField, key: string): Promise<Lesson> => {
    const promise = queue.run(lessonId, async () => {
      const latest = latestFieldValue.get(key);
      latestFieldValue.delete(key);
      const doc = await documentOf(lessonId);
      if (!latest) return doc.getLatest().toJSON() as Lesson;
      const written = await doc.incrementalModify((current) =>
        LessonSchema.parse(setPart(current as Lesson, field, latest?.value, stamp())),
      );
      docs.set(lessonId, written);
      drafts.settle(lessonId, field, latest.value);
      return written.toJSON() as Lesson;
    });
    const entry = latestFieldValue.get(key);
    if (entry) entry.promise = promise;
    return promise;
  };

  const repository: LessonRepository = {
    updateLessonEntry<R>(
      lessonId: string,
      studentId: string,
      update: (current: LessonEntry | null) => EntryUpdate<R>,
    ): Promise<EntryChange<R>> {
      return queue.run(lessonId, async () => {
        // Inside the queue the previous write has landed, so the cached state is the newest.
        const doc = (await documentOf(lessonId)).getLatest();
        const before = (doc.toJSON() as Lesson).entries[studentId] ?? null;
        const decided = update(before);
        if ('unchanged' in decided) {
          return { before, after: before, changed: false, result: decided.unchanged };
        }
        const after = decided.entry === null ? null : LessonEntrySchema.parse(decided.entry);
        const written = await doc.incrementalModify((current) =>
          LessonSchema.parse(
            setPart(current as Lesson, `entries.${studentId}`, after ?? undefined, stamp()),
          ),
        );
        docs.set(lessonId, written);
        return { before, after, changed: true, result: decided.result };
      });
    },
    async setLessonEntry(lessonId, studentId, entry) {
      const value = entry === null ? undefined : LessonEntrySchema.parse(entry);
      return writePart(lessonId, `entries.${studentId}`, value);
    },
    async setLessonField(lessonId, field, value) {
      if (!LESSON_FIELDS.includes(field)) {
        throw new WriteError(`Поле «${field}» урока нельзя менять.`);
      }
      // Kept synchronously first: a crash before the write lands must not lose what is on screen.
      drafts.save(lessonId, field, value);
      // Typing faster than IndexedDB writes: a queued write of the same field takes the newest
      // value instead of queueing another, so the stored text never lags more than one write.
      const key = `${lessonId}|${field}`;
      const queued = latestFieldValue.get(key);
      latestFieldValue.set(key, { value, promise: queued?.promise });
      return queued?.promise ?? writeLatest(lessonId, field, key);
    },
    async addLesson(input) {
      const id = lessonIdFor(input.courseId, input.date, input.slot);
      const existing = await db.lessons.findOne(id).exec();
      // A removed lesson stays removed on the server: the same date and number cannot come back.
      const [tombstone] = existing
        ? []
        : await db.lessons.storageInstance.findDocumentsById([id], true);
      if (tombstone?._deleted) {
        throw new WriteError(
          'Урок на эту дату и с этим номером был удалён. Выберите другой номер урока.',
        );
      }
      if (existing) {
        throw new WriteError(
          existing.status === 'cancelled'
            ? 'Урок на эту дату и этим номером уже есть (отменён): откройте его и отметьте «Урок проведён».'
            : 'Урок на эту дату и этим номером уже есть.',
        );
      }
      const at = stamp();
      const fields: LessonFields = {
        topic: input.topic ?? '',
        homework: input.homework ?? '',
        lessonType: input.lessonType ?? 'regular',
        status: 'held',
        teacherId: input.teacherId,
        workTypeId: input.workTypeId ?? null,
      };
      const lesson = LessonSchema.parse({
        id,
        courseId: input.courseId,
        classId: input.classId,
        date: input.date,
        slot: input.slot,
        ...fields,
        entries: {},
        stamps: Object.fromEntries(LESSON_FIELDS.map((f) => [f, at])),
      });
      const doc = await db.lessons.insert(lesson);
      docs.set(id, doc);
      return doc.toJSON() as Lesson;
    },
    cancelLesson(lessonId) {
      return writePart(lessonId, 'status', 'cancelled');
    },
    removeLesson(lessonId) {
      return queue.run(lessonId, async () => {
        const doc = (await documentOf(lessonId)).getLatest();
        const refusal = lessonRemovalRefusal(doc.toJSON() as Lesson);
        if (refusal) throw new WriteError(`${refusal}.`);
        await doc.remove();
        docs.delete(lessonId);
      });
    },
    async recoverDrafts() {
      let recovered = 0;
      for (const draft of drafts.pending()) {
        const field = draft.field as LessonField;
        if (!LESSON_FIELDS.includes(field)) continue;
        try {
          await repository.setLessonField(draft.lessonId, field, draft.value as never);
          recovered++;
        } catch (error) {
          // A lesson that no longer exists, or a value the schema refuses: keep it out of the way.
          console.warn('A lesson field typed before a crash could not be written', error);
          drafts.settle(draft.lessonId, draft.field, draft.value);
        }
      }
      return recovered;
    },
  };
  return repository;
}
