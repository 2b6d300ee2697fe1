// Every error leaves the server as `{ error: { code, message } }` with a Russian message: our own
// ApiErrors, zod and Fastify errors, and the router's and Node's HTTP parser's own refusals
// (a malformed URL, a too long one, broken or oversized headers), which Fastify would otherwise
// answer in English in its own shape.
import type { Socket } from 'node:net';
import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, messages, type ErrorBody, type ErrorCode } from '../errors';

export function errorBody(code: ErrorCode, message: string): ErrorBody {
  return { error: { code, message } };
}

/** Fastify's errors by code → our status, code and message; anything unknown is a plain 400/500. */
const FASTIFY_ERRORS: Record<string, [number, ErrorCode, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'PAYLOAD_TOO_LARGE', messages.payloadTooLarge],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'UNSUPPORTED_MEDIA_TYPE', messages.unsupportedMediaType],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'INVALID_JSON', messages.invalidJson],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'INVALID_JSON', messages.invalidJson],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'BAD_REQUEST', messages.badRequest],
  FST_ERR_BAD_URL: [400, 'BAD_REQUEST', messages.badUrl],
  FST_ERR_MAX_PARAM_LENGTH: [414, 'URI_TOO_LONG', messages.uriTooLong],
};

export function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof ApiError) {
    return reply.code(error.statusCode).send(error.toBody());
  }
  const err = (error ?? {}) as Partial<FastifyError> & { validation?: unknown };
  const known = err.code ? FASTIFY_ERRORS[err.code] : undefined;
  if (known) {
    const [status, code, message] = known;
    return reply.code(status).send(errorBody(code, message));
  }
  const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
  if (err.validation) {
    return reply.code(400).send(errorBody('VALIDATION_FAILED', messages.validationFailed));
  }
  if (status === 413)
    return reply.code(413).send(errorBody('PAYLOAD_TOO_LARGE', messages.payloadTooLarge));
  if (status === 415) {
    return reply.code(415).send(errorBody('UNSUPPORTED_MEDIA_TYPE', messages.unsupportedMediaType));
  }
  if (status === 400 && error instanceof SyntaxError) {
    return reply.code(400).send(errorBody('INVALID_JSON', messages.invalidJson));
  }
  if (status >= 400 && status < 500) {
    // Fastify's own words are English and technical: log them, answer in Russian.
    request.log.info({ code: err.code, message: err.message }, 'client error');
    return reply.code(status).send(errorBody('BAD_REQUEST', messages.badRequest));
  }
  request.log.error({ err: error }, 'request failed');
  return reply.code(500).send(errorBody('INTERNAL', messages.internal));
}

/** The router's refusals (bad percent-encoding, a path parameter past maxParamLength). */
export function handleFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  void handleError(error, request, reply);
}

/** Errors Node's HTTP parser raises before Fastify has a request (the socket is closed after). */
const CLIENT_ERRORS: Record<string, [number, ErrorCode, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'HEADERS_TOO_LARGE', messages.headersTooLarge],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'REQUEST_TIMEOUT', messages.requestTimeout],
};

export function handleClientError(
  this: FastifyInstance,
  error: NodeJS.ErrnoException,
  socket: Socket,
): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, message] = CLIENT_ERRORS[error.code ?? ''] ?? [
    400,
    'BAD_REQUEST' as const,
    messages.badRequest,
  ];
  this.log.debug({ code: error.code }, 'client error');
  if (socket.writable) {
    const body = JSON.stringify(errorBody(code, message));
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
  }
  socket.destroy(error);
}
