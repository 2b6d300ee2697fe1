// Request validation with zod: a failure becomes a 400 with a readable Russian message (zod's own
// wording in its Russian locale where a schema gives none).
import { z } from 'zod';
import { ApiError, messages } from './errors';

/** One line per problem: `path: message`. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) =>
      issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
    )
    .join('; ');
}

let russianErrors: z.core.$ZodErrorMap | undefined;

export function parseBody<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  russianErrors ??= z.locales.ru().localeError;
  const result = schema.safeParse(value, { error: russianErrors });
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
