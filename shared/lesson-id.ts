// One identity rule for lessons (and the course and timetable ids built the same way): the same course, date and slot is the same document everywhere.
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';

/** Document ids are at most 64 characters of [A-Za-z0-9_:.-] (shared/common.ts IdSchema). */
const MAX_ID = 64;
const KEEP = 24;

/** 12 hex digits of SHA-256: 48 bits, collision-free in practice for one school's ids. */
function digest(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text))).slice(0, 12);
}

/**
 * `head` + `tail`, shortening `head` to its first 24 characters and a digest of the whole of it
 * when the id would be longer than 64 characters. Both parts must already be id characters.
 */
function bounded(head: string, tail: string): string {
  const id = head + tail;
  if (id.length <= MAX_ID) return id;
  return `${head.slice(0, KEEP)}.${digest(head)}${tail}`;
}

/**
 * `head` + `tail` within 64 characters for a long tail too: `head` keeps as much of itself as fits
 * before a digest of the whole of it; a tail leaving no room makes the id a digest of the whole.
 * Ids of 64 characters or fewer are unchanged.
 */
export function fitId(head: string, tail: string): string {
  const id = head + tail;
  if (id.length <= MAX_ID) return id;
  const room = MAX_ID - 13 - tail.length;
  if (room >= 8) return `${head.slice(0, room)}.${digest(head)}${tail}`;
  return `${id.slice(0, MAX_ID - 13)}.${digest(id)}`;
}

/**
 * The lesson of a course on a date in a lesson slot: "crs-5a-math:2026-09-01:3". The timetable
 * generator, the demo, the desktop's «Добавить урок», a перенос and every import use this rule,
 * so adding, generating or importing the same lesson twice yields one document.
 */
export function lessonId(courseId: string, date: string, slot: number): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`Lesson date ${date} is not YYYY-MM-DD`);
  if (!Number.isInteger(slot) || slot < 0 || slot > 12) throw new Error(`Lesson slot ${slot}`);
  return bounded(courseId, `:${date}:${slot}`);
}

/** A course of a class in a subject (and a group): "crs-<class>-<subject>[-<group>]". */
export function courseIdFor(classId: string, subjectId: string, groupId: string | null): string {
  return bounded(`crs-${classId}-${subjectId}${groupId ? `-${groupId}` : ''}`, '');
}

/** The timetable version of a class valid from a date: "tt:<class>:2027-01-15". */
export function timetableId(classId: string, validFrom: string): string {
  return bounded(`tt:${classId}`, `:${validFrom}`);
}
