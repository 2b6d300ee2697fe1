// Messages of a set-up form keyed by the document path they are about ("year.holidays.2.end"), as
// the shared checks return them; what a form shows next to each field and what it lists above.
import type { SetupProblem } from '../../../shared/setup/problems';

export type FieldErrors = Readonly<Record<string, string>>;

/** The first message per path; paths are prefixed with `prefix` ("year" → "year.start"). */
export function errorsOf(problems: readonly SetupProblem[], prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of problems) {
    const path = prefix && p.path ? `${prefix}.${p.path}` : prefix || p.path;
    out[path] ??= p.message;
  }
  return out;
}

/**
 * Tracks which paths a form renders next to a field during one render, so the messages of the
 * other paths (a whole-document problem, a hidden field) are listed at the top and never lost.
 */
export class ErrorPlacement {
  private readonly placed = new Set<string>();
  constructor(readonly errors: FieldErrors) {}

  /** The message for a field's path, marking it as shown next to the field. */
  at(path: string): string | undefined {
    this.placed.add(path);
    return this.errors[path];
  }

  /** Messages no field shows. */
  unplaced(): string[] {
    return Object.entries(this.errors)
      .filter(([path]) => !this.placed.has(path))
      .map(([, message]) => message);
  }
}
