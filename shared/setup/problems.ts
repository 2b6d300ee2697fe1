// A set-up problem: a Russian message tied to a field path ("year.holidays.2.end"), shared by the set-up forms and the server's refusals.
import { z } from 'zod';

export interface SetupProblem {
  /** Dotted path to the field inside the document: "bells.3.end", "cells.12.courseId"; '' for the whole document. */
  path: string;
  message: string;
}

let russian: z.core.$ZodErrorMap | undefined;

function russianErrorMap(): z.core.$ZodErrorMap {
  russian ??= z.locales.ru().localeError;
  return russian;
}

export function pathOf(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/** Parses with the schema (messages in Russian); the problems are the schema's issues. */
export function parseProblems<S extends z.ZodType>(
  schema: S,
  doc: unknown,
): { data: z.infer<S>; problems: [] } | { data: null; problems: SetupProblem[] } {
  const result = schema.safeParse(doc, { error: russianErrorMap() });
  if (result.success) return { data: result.data, problems: [] };
  return {
    data: null,
    problems: result.error.issues.map((i) => ({ path: pathOf(i.path), message: i.message })),
  };
}

/** One line for a refusal: the first few problems, "path: message; …". */
export function formatProblems(problems: readonly SetupProblem[], limit = 3): string {
  const listed = problems
    .slice(0, limit)
    .map((p) => (p.path ? `${p.path}: ${p.message}` : p.message))
    .join('; ');
  const more = problems.length > limit ? ` (и ещё: ${problems.length - limit})` : '';
  return listed + more;
}

/** Collects problems under a path prefix. */
export class ProblemList {
  readonly items: SetupProblem[] = [];

  add(path: string, message: string): void {
    this.items.push({ path, message });
  }
}
