// The admin CLI's side of the console: one command sent to the running server named in the
// console file. Over HTTPS the server's certificate must have the fingerprint written in the
// file, checked before a byte of the request (with its token) is sent.
import http from 'node:http';
import { isIP } from 'node:net';
import tls from 'node:tls';
import type { ConsoleFile } from './console-file';
import {
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

export async function sendConsoleCommand(
  info: ConsoleFile,
  request: ConsoleRequest,
): Promise<ConsoleResult> {
  const url = new URL(info.url);
  const body = Buffer.from(JSON.stringify(request), 'utf8');
  if (url.protocol === 'https:' && !info.fingerprint256) {
    throw new ConsoleConnectionError('В файле консоли нет отпечатка сертификата сервера');
  }
  const text = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = http.request(
      {
        method: 'POST',
        host: url.hostname,
        port: url.port,
        path: CONSOLE_PATH,
        headers: {
          'content-type': 'application/json',
          'content-length': body.byteLength,
          [CONSOLE_TOKEN_HEADER]: info.token,
        },
        ...(url.protocol === 'https:'
          ? { createConnection: pinnedConnection(url, info.fingerprint256!) as never }
          : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
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
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.text);
  } catch {
    throw new ConsoleConnectionError(`Сервер ответил непонятно (код ${text.status})`);
  }
  if (text.status !== 200) {
    const message = (parsed as { error?: { message?: string } }).error?.message;
    throw new ConsoleConnectionError(message ?? `Сервер отказал (код ${text.status})`);
  }
  return ConsoleResultSchema.parse(parsed);
}
