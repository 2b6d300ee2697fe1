// Checks of a class: name from parallel and letter, unique in its year, an existing class teacher, unique groups.
import { SchoolClassSchema, type SchoolClass } from '../school-class';
import type { SetupContext } from './context';
import { parseProblems, ProblemList, type SetupProblem } from './problems';

export function checkClass(doc: unknown, ctx: SetupContext): SetupProblem[] {
  const parsed = parseProblems(SchoolClassSchema, doc);
  if (parsed.data === null) return parsed.problems;
  const c: SchoolClass = parsed.data;
  const out = new ProblemList();
  if (!/^[А-ЯЁ]{1,3}$/u.test(c.letter))
    out.add('letter', 'Буква класса — заглавные русские буквы: А, Б, В…');
  if (c.name !== `${c.grade}${c.letter}`)
    out.add('name', `Название класса — «${c.grade}${c.letter}»`);
  const twin = ctx.classes.find(
    (o) => o.id !== c.id && o.yearId === c.yearId && o.grade === c.grade && o.letter === c.letter,
  );
  if (twin) out.add('letter', `Класс ${twin.name} уже есть`);
  if (!ctx.staff.some((s) => s.id === c.classTeacherId))
    out.add('classTeacherId', 'Классный руководитель не найден среди сотрудников');
  const ids = new Set<string>();
  const names = new Set<string>();
  c.groups.forEach((g, i) => {
    if (ids.has(g.id)) out.add(`groups.${i}.id`, 'Группа с таким кодом уже есть');
    const name = g.name.toLocaleLowerCase('ru');
    if (names.has(name)) out.add(`groups.${i}.name`, `Группа «${g.name}» указана дважды`);
    ids.add(g.id);
    names.add(name);
  });
  return out.items;
}
