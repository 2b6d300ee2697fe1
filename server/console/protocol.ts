// The admin console's wire types: `npm run admin` sends one command to the running server
// (POST /api/v1/console) and prints what comes back. Both ends are Node (scripts/ and server/).
import { z } from 'zod';

export const CONSOLE_PATH = '/api/v1/console';
/** GET: the online backup of the embedded database (npm run backup -- --online). */
export const CONSOLE_BACKUP_PATH = '/api/v1/console/backup';
/** The console token travels in this header, never in the Authorization of a user session. */
export const CONSOLE_TOKEN_HEADER = 'x-journal-console';

export const ConsoleRequestSchema = z
  .object({
    command: z.string().min(1).max(50),
    args: z.array(z.string().max(1000)).max(20),
    options: z.record(z.string().max(50), z.union([z.string().max(1000), z.boolean()])),
    /** A table file for the imports, read by the CLI (the server never opens the CLI's paths). */
    file: z
      .object({ name: z.string().min(1).max(500), base64: z.string().max(15 * 1024 * 1024) })
      .strict()
      .optional(),
  })
  .strict();
export type ConsoleRequest = z.infer<typeof ConsoleRequestSchema>;

/** One piece of output: a line of text or a table (printed with console.table). */
export const ConsoleLineSchema = z.union([
  z.object({ stream: z.enum(['out', 'err']), text: z.string() }).strict(),
  z
    .object({ stream: z.literal('out'), table: z.array(z.record(z.string(), z.unknown())) })
    .strict(),
]);
export type ConsoleLine = z.infer<typeof ConsoleLineSchema>;

export const ConsoleResultSchema = z
  .object({ lines: z.array(ConsoleLineSchema), exitCode: z.number().int() })
  .strict();
export type ConsoleResult = z.infer<typeof ConsoleResultSchema>;
