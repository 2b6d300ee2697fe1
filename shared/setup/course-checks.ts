// Checks of a course (a line of the curriculum): its class, subject, group and teacher exist, and the class has no second course of the same subject and group.
import { CourseSchema, type Course } from '../course';
import type { SetupContext } from './context';
import { parseProblems, ProblemList, type SetupProblem } from './problems';

export function checkCourse(doc: unknown, ctx: SetupContext): SetupProblem[] {
  const parsed = parseProblems(CourseSchema, doc);
  if (parsed.data === null) return parsed.problems;
  const c: Course = parsed.data;
  const out = new ProblemList();
  const cls = ctx.classes.find((k) => k.id === c.classId);
  if (!cls) out.add('classId', 'Класс не найден');
  const subject = ctx.school?.subjects.find((s) => s.id === c.subjectId);
  if (ctx.school && !subject) out.add('subjectId', 'Предмета нет в списке предметов школы');
  if (cls && c.groupId !== null && !cls.groups.some((g) => g.id === c.groupId))
    out.add('groupId', `В классе ${cls.name} нет такой группы`);
  if (!ctx.staff.some((s) => s.id === c.teacherId))
    out.add('teacherId', 'Учитель не найден среди сотрудников');
  const twin = ctx.courses.find(
    (o) =>
      o.id !== c.id &&
      o.classId === c.classId &&
      o.subjectId === c.subjectId &&
      o.groupId === c.groupId,
  );
  if (twin && cls)
    out.add(
      'subjectId',
      `Курс «${subject?.name ?? c.subjectId}» в ${cls.name}${c.groupId ? ' для этой группы' : ''} уже есть`,
    );
  return out.items;
}
