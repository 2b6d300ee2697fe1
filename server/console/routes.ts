// POST /api/v1/console: the admin CLI's commands, run inside the server while it holds the data
// folder (console-file.ts says how the CLI proves itself). Accepted only from this very machine and
// only with the token of this server's run; every command is logged (never its arguments: they
// may hold a password).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../errors';
import { parseBody } from '../validation';
import { MAX_TABLE_FILE_BYTES } from '../domain/import/table-file';
import { runConsoleCommand, type ConsoleContext } from './commands';
import {
  CONSOLE_BACKUP_PATH,
  CONSOLE_PATH,
  CONSOLE_TOKEN_HEADER,
  ConsoleRequestSchema,
} from './protocol';

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** Loopback, or the address the server itself listens on (the CLI on the same machine). */
export function isSameMachine(remote: string | undefined, local: string | undefined): boolean {
  if (!remote) return false;
  const address = remote.replace(/^::ffff:/, '');
  if (address === '::1' || /^127\./.test(address)) return true;
  return local !== undefined && address === local.replace(/^::ffff:/, '');
}

export function registerConsoleRoute(
  app: FastifyInstance,
  options: { token: string; context: () => ConsoleContext },
): void {
  const expected = digest(options.token);
  const refuse = (request: FastifyRequest, why: string) => {
    request.log.warn({ ip: request.socket.remoteAddress, why }, 'console refused');
    return new ApiError(
      401,
      'UNAUTHORIZED',
      'Команды консоли принимаются только с этого компьютера и с ключом из файла рядом с папкой данных',
    );
  };
  const onRequest = async (request: FastifyRequest) => {
    // The socket's own address: X-Forwarded-For (trustProxy) must not make a remote caller local.
    if (!isSameMachine(request.socket.remoteAddress, request.socket.localAddress)) {
      throw refuse(request, 'not this machine');
    }
    const given = request.headers[CONSOLE_TOKEN_HEADER];
    if (typeof given !== 'string' || !timingSafeEqual(digest(given), expected)) {
      throw refuse(request, 'wrong token');
    }
  };
  app.get(CONSOLE_BACKUP_PATH, { onRequest }, async (request, reply) => {
    const { db } = options.context();
    if (!db.dumpDataDir) {
      throw new ApiError(
        409,
        'CONFLICT',
        'База данных — PostgreSQL: резервную копию делает pg_dump (npm run backup с DATABASE_URL)',
      );
    }
    const data = Buffer.from(await (await db.dumpDataDir()).arrayBuffer());
    request.log.warn({ bytes: data.byteLength }, 'console backup');
    return reply.header('Content-Type', 'application/gzip').send(data);
  });
  app.post(
    CONSOLE_PATH,
    {
      // A table file for the imports, in base64.
      bodyLimit: Math.ceil((MAX_TABLE_FILE_BYTES * 4) / 3) + 64 * 1024,
      onRequest,
    },
    async (request) => {
      const body = parseBody(ConsoleRequestSchema, request.body);
      request.log.warn({ command: body.command }, 'console command');
      return runConsoleCommand(options.context(), body);
    },
  );
}
