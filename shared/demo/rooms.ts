// Rooms of the demo school: every teacher has a room of their own (a primary teacher's is their class's), PE in gyms, труд in workshops.
import type { TeacherDraft } from './staffing';

export function roomsOf(
  teachers: readonly Pick<TeacherDraft, 'id' | 'specs'>[],
): Map<string, string> {
  const rooms = new Map<string, string>();
  const count = (spec: string) => teachers.filter((t) => t.specs[0] === spec).length;
  const numbered = { pe: 0, trud: 0, room: 0 };
  for (const t of teachers) {
    const spec = t.specs[0] ?? '';
    if (spec === 'pe') {
      numbered.pe += 1;
      rooms.set(t.id, count('pe') === 1 ? 'Спортзал' : `Спортзал ${numbered.pe}`);
    } else if (spec === 'trud') {
      numbered.trud += 1;
      rooms.set(t.id, count('trud') === 1 ? 'Мастерская' : `Мастерская ${numbered.trud}`);
    } else {
      numbered.room += 1;
      rooms.set(t.id, `каб. ${numbered.room}`);
    }
  }
  return rooms;
}
