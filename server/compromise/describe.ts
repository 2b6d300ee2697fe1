// Names the places of a report in the journal's own terms: class, subject, lesson date, student.
// Reads the few documents it needs (classes, courses, students, periods, the school's subjects)
// once each, inside the marking's transaction.
import type { Queryable } from '../db/db';
import { COLLECTIONS, isCollectionName } from '../../shared/collections';
import { fullName, type PersonName } from '../../shared/common';
import { formatDate } from '../../shared/dates';
import { splitPath } from '../../shared/merge';

const PART_LABELS: Record<string, string> = {
  topic: 'тема урока',
  homework: 'домашнее задание',
  status: 'проведён / отменён',
  teacherId: 'кто ведёт урок (замена)',
  lessonType: 'тип урока',
  workTypeId: 'вид работы',
  _deleted: 'удаление',
};

export class PlaceResolver {
  private readonly cache = new Map<string, Record<string, unknown> | null>();
  private subjects: Map<string, string> | undefined;

  constructor(private readonly db: Queryable) {}

  private async doc(collection: string, id: unknown): Promise<Record<string, unknown> | null> {
    if (typeof id !== 'string') return null;
    const key = `${collection}\u0000${id}`;
    if (!this.cache.has(key)) {
      const result = await this.db.query(
        'SELECT doc FROM documents WHERE collection = $1 AND id = $2',
        [collection, id],
      );
      this.cache.set(key, (result.rows[0]?.doc as Record<string, unknown> | undefined) ?? null);
    }
    return this.cache.get(key) ?? null;
  }

  private async subjectName(subjectId: unknown): Promise<string | null> {
    if (!this.subjects) {
      this.subjects = new Map();
      const result = await this.db.query(`SELECT doc FROM documents WHERE collection = 'school'`);
      for (const row of result.rows) {
        const list = (row.doc as { subjects?: { id: string; name: string }[] }).subjects ?? [];
        for (const s of list) this.subjects.set(s.id, s.name);
      }
    }
    return typeof subjectId === 'string' ? (this.subjects.get(subjectId) ?? subjectId) : null;
  }

  private async personName(collection: string, id: unknown): Promise<string | null> {
    const doc = await this.doc(collection, id);
    if (!doc || typeof doc.lastName !== 'string') return typeof id === 'string' ? id : null;
    return fullName(doc as unknown as PersonName);
  }

  /** "7А, Математика, урок 12.11.2026 (2-й)" for a lesson; similar for other collections. */
  async documentLabel(collection: string, doc: Record<string, unknown>): Promise<string> {
    const className = String((await this.doc('classes', doc.classId))?.name ?? doc.classId ?? '');
    const course = await this.doc('courses', doc.courseId);
    const subject = course ? await this.subjectName(course.subjectId) : null;
    switch (collection) {
      case 'lessons':
        return [className, subject, `урок ${formatDate(String(doc.date))} (${String(doc.slot)}-й)`]
          .filter(Boolean)
          .join(', ');
      case 'periodMarks': {
        const period = await this.doc('periods', doc.periodId);
        return [className, subject, `отметки за ${String(period?.name ?? doc.periodId)}`]
          .filter(Boolean)
          .join(', ');
      }
      case 'students':
        return `обучающийся ${(await this.personName('students', doc.id)) ?? ''}`.trim();
      case 'consents':
        return `согласие: ${(await this.personName('students', doc.studentId)) ?? ''}, ${className}`;
      default: {
        const label = isCollectionName(collection) ? COLLECTIONS[collection].label : collection;
        return `${label}: ${String(doc.name ?? doc.id ?? '')}`;
      }
    }
  }

  /** The document's label plus the part: "…, Иванова Мария: отметки и посещаемость". */
  async placeLabel(
    collection: string,
    doc: Record<string, unknown>,
    path: string,
  ): Promise<string> {
    const base = await this.documentLabel(collection, doc);
    const [field, key] = splitPath(path);
    let part = PART_LABELS[path] ?? path;
    if (key !== undefined && (field === 'entries' || field === 'marks')) {
      const student = await this.personName('students', key);
      part = `${student ?? key}: ${field === 'entries' ? 'отметки и посещаемость' : 'отметка за период'}`;
    }
    return `${base}: ${part}`;
  }
}
