// Request validation with zod: a failure becomes a 400 with a readable Russian message.
import type { z } from 'zod';
import { ApiError, messages } from './errors';

/** One line per problem: `path: message`. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) =>
      issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
    )
    .join('; ');
}

export function parseBody<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new ApiError(
      400,
      'VALIDATION_FAILED',
      `${messages.validationFailed}: ${describeZodError(result.error)}`,
      result.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
    );
  }
  return result.data;
}
