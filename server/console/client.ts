// The admin CLI's side of the console: one command sent to the running server named in the
// console file. Over HTTPS the server's certificate must have the fingerprint written in the
// file, checked before a byte of the request (with its token) is sent.
import http from 'node:http';
import { isIP } from 'node:net';
import tls from 'node:tls';
import type { ConsoleFile } from './console-file';
import {
  CONSOLE_BACKUP_PATH,
  CONSOLE_PATH,
  CONSOLE_TOKEN_HEADER,
  ConsoleResultSchema,
  type ConsoleRequest,
  type ConsoleResult,
} from './protocol';

/** A failure to reach the server, in Russian. */
export class ConsoleConnectionError extends Error {
  override name = 'ConsoleConnectionError';
}

type Oncreate = (error: Error | null, socket?: tls.TLSSocket) => void;

function pinnedConnection(url: URL, fingerprint256: string) {
  return (_options: unknown, oncreate: Oncreate): undefined => {
    const socket = tls.connect({
      host: url.hostname,
      port: Number(url.port),
      // Not a CA check: the certificate is compared with the fingerprint the server wrote itself.
      rejectUnauthorized: false,
      ...(isIP(url.hostname) ? {} : { servername: url.hostname }),
    });
    socket.once('secureConnect', () => {
      const seen = socket.getPeerCertificate().fingerprint256;
      if (seen !== fingerprint256) {
        socket.destroy();
        oncreate(
          new ConsoleConnectionError(
            `Сертификат сервера по адресу ${url.origin} не совпадает с записанным в файле консоли ` +
              `(ожидался ${fingerprint256}, получен ${seen}). Команда не отправлена.`,
          ),
        );
        return;
      }
      oncreate(null, socket);
    });
    socket.once('error', (error) => oncreate(error));
    return undefined;
  };
}

/** One request to the console over the pinned connection; the answer's status and bytes. */
async function consoleRequest(
  info: ConsoleFile,
  method: 'GET' | 'POST',
  pathname: string,
  body?: Buffer,
): Promise<{ status: number; bytes: Buffer }> {
  const url = new URL(info.url);
  if (url.protocol === 'https:' && !info.fingerprint256) {
    throw new ConsoleConnectionError('В файле консоли нет отпечатка сертификата сервера');
  }
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        method,
        host: url.hostname,
        port: url.port,
        path: pathname,
        headers: {
          ...(body
            ? { 'content-type': 'application/json', 'content-length': body.byteLength }
            : {}),
          [CONSOLE_TOKEN_HEADER]: info.token,
        },
        ...(url.protocol === 'https:'
          ? { createConnection: pinnedConnection(url, info.fingerprint256!) as never }
          : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.on('error', (error) =>
      reject(
        error instanceof ConsoleConnectionError
          ? error
          : new ConsoleConnectionError(
              `Сервер журнала (${url.origin}, процесс ${info.pid}) не отвечает: ${error.message}. ` +
                'Если он остановлен, повторите команду, когда он завершится.',
            ),
      ),
    );
    req.end(body);
  });
}

function refusal(status: number, bytes: Buffer): ConsoleConnectionError {
  let message: string | undefined;
  try {
    message = (JSON.parse(bytes.toString('utf8')) as { error?: { message?: string } }).error
      ?.message;
  } catch {
    // not JSON
  }
  return new ConsoleConnectionError(message ?? `Сервер отказал (код ${status})`);
}

export async function sendConsoleCommand(
  info: ConsoleFile,
  request: ConsoleRequest,
): Promise<ConsoleResult> {
  const answer = await consoleRequest(
    info,
    'POST',
    CONSOLE_PATH,
    Buffer.from(JSON.stringify(request), 'utf8'),
  );
  if (answer.status !== 200) throw refusal(answer.status, answer.bytes);
  try {
    return ConsoleResultSchema.parse(JSON.parse(answer.bytes.toString('utf8')));
  } catch {
    throw new ConsoleConnectionError(`Сервер ответил непонятно (код ${answer.status})`);
  }
}

/** The running server's online backup (a .tar.gz of the PGlite folder), through the console. */
export async function downloadConsoleBackup(info: ConsoleFile): Promise<Uint8Array> {
  const answer = await consoleRequest(info, 'GET', CONSOLE_BACKUP_PATH);
  if (answer.status !== 200) throw refusal(answer.status, answer.bytes);
  return new Uint8Array(answer.bytes);
}
