// The one contract between the renderer and the host (Electron preload or the plain browser):
// channel allow-list, zod schemas per channel and the JournalBridge interface both sides satisfy.
import { z } from 'zod';

/** Every channel the renderer may call; anything else is dropped by preload and main. */
export const BRIDGE_CHANNELS = [
  'app:info',
  'pdf:save',
  'pdf:open',
  'secret:protect',
  'secret:unprotect',
  'link:open-external',
] as const;

export type BridgeChannel = (typeof BRIDGE_CHANNELS)[number];

export function isBridgeChannel(value: unknown): value is BridgeChannel {
  return typeof value === 'string' && (BRIDGE_CHANNELS as readonly string[]).includes(value);
}

/** A year's summary of a large school stays far below this; anything bigger is a bug or abuse. */
export const MAX_PDF_BYTES = 50 * 1024 * 1024;
/** Secrets are tokens and passphrases, not documents. */
export const MAX_SECRET_CHARS = 64 * 1024;
export const MAX_FILE_NAME_CHARS = 200;
export const MAX_URL_CHARS = 2048;

// Cross-realm safe: bytes copied by contextBridge or IPC come from another JS realm, where
// `instanceof Uint8Array` is false; a Node Buffer is a Uint8Array too.
function isUint8Array(value: unknown): value is Uint8Array {
  return (
    ArrayBuffer.isView(value) && Object.prototype.toString.call(value) === '[object Uint8Array]'
  );
}

// Every PDF starts with "%PDF-"; checking it keeps the host from writing arbitrary bytes to disk.
function startsWithPdfMagic(bytes: Uint8Array): boolean {
  const magic = [0x25, 0x50, 0x44, 0x46, 0x2d];
  return bytes.length >= magic.length && magic.every((byte, i) => bytes[i] === byte);
}

export const PdfBytesSchema = z
  .custom<Uint8Array>(isUint8Array, { message: 'Ожидаются байты PDF (Uint8Array)' })
  .refine((bytes) => bytes.byteLength <= MAX_PDF_BYTES, {
    message: 'PDF больше 50 МБ',
  })
  .refine(startsWithPdfMagic, { message: 'Данные не являются PDF-документом' });

export const FileNameSchema = z
  .string()
  .trim()
  .min(1, 'Пустое имя файла')
  .max(MAX_FILE_NAME_CHARS, 'Слишком длинное имя файла');

// WHATWG URL exists in every runtime shared/ runs in (browser, worker, Node), but shared/ is
// compiled without DOM or Node types, so declare the little we use.
interface ParsedUrl {
  href: string;
  protocol: string;
  hostname: string;
  username: string;
  password: string;
}
declare const URL: new (input: string) => ParsedUrl;

/**
 * Only web links leave the app; javascript:, file:, data: and custom schemes are refused.
 * The output is the parsed, normalized href, so the host opens exactly what was checked.
 */
export const ExternalUrlSchema = z
  .string()
  .max(MAX_URL_CHARS)
  .refine(isWebUrl, { message: 'Разрешены только ссылки http и https' })
  .transform((value) => new URL(value).href);

export function isWebUrl(value: string): boolean {
  let url: ParsedUrl;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  // Credentials in a link are a phishing trick ("https://school.ru@evil.example").
  return (
    (url.protocol === 'http:' || url.protocol === 'https:') &&
    url.hostname !== '' &&
    url.username === '' &&
    url.password === ''
  );
}

export const AppInfoSchema = z
  .object({
    version: z.string().min(1),
    /** process.platform in Electron ('win32', 'linux', …), 'browser' otherwise. */
    platform: z.string().min(1),
    runtime: z.enum(['electron', 'browser']),
    /** True when secrets are protected by the OS keychain (DPAPI, Keychain, libsecret/kwallet). */
    osEncryption: z.boolean(),
    /** The school server chosen at launch (JOURNAL_SERVER_URL or --server=), if any. */
    serverUrl: z.string().nullable(),
    /** The administrator allowed http:// to other computers (shared/server-url.ts). */
    allowInsecureHttp: z.boolean().optional(),
  })
  .strict();
export type AppInfo = z.infer<typeof AppInfoSchema>;

export const PdfSaveRequestSchema = z
  .object({ suggestedName: FileNameSchema, bytes: PdfBytesSchema })
  .strict();
export type PdfSaveRequest = z.infer<typeof PdfSaveRequestSchema>;

export const PdfSaveResultSchema = z.discriminatedUnion('status', [
  /** Written where the user chose in the native dialog. */
  z.object({ status: z.literal('saved'), path: z.string().min(1) }).strict(),
  /** Handed to the browser's downloads; the final path is unknown. */
  z.object({ status: z.literal('downloaded'), fileName: z.string().min(1) }).strict(),
  z.object({ status: z.literal('cancelled') }).strict(),
]);
export type PdfSaveResult = z.infer<typeof PdfSaveResultSchema>;

export const PdfOpenRequestSchema = z
  .object({ name: FileNameSchema, bytes: PdfBytesSchema })
  .strict();
export type PdfOpenRequest = z.infer<typeof PdfOpenRequestSchema>;

/** opened is false when the OS has no PDF viewer or the browser blocked the new tab. */
export const OpenResultSchema = z.object({ opened: z.boolean() }).strict();
export type OpenResult = z.infer<typeof OpenResultSchema>;

export const SecretProtectRequestSchema = z
  .object({ plainText: z.string().max(MAX_SECRET_CHARS) })
  .strict();
export type SecretProtectRequest = z.infer<typeof SecretProtectRequestSchema>;

/**
 * A secret as stored by the renderer. With osEncryption the value is base64 of the OS-encrypted
 * bytes; without it the value is the plain text unchanged, and the UI may say so.
 */
export const ProtectedSecretSchema = z
  .object({
    value: z.string().max(MAX_SECRET_CHARS * 2),
    osEncryption: z.boolean(),
  })
  .strict();
export type ProtectedSecret = z.infer<typeof ProtectedSecretSchema>;

export const SecretUnprotectResultSchema = z.object({ plainText: z.string() }).strict();
export type SecretUnprotectResult = z.infer<typeof SecretUnprotectResultSchema>;

export const LinkOpenRequestSchema = z.object({ url: ExternalUrlSchema }).strict();
export type LinkOpenRequest = z.infer<typeof LinkOpenRequestSchema>;

export const EmptyRequestSchema = z.object({}).strict();

/** Request and response schema of every channel; main and preload both parse with these. */
export const bridgeSchemas = {
  'app:info': { request: EmptyRequestSchema, response: AppInfoSchema },
  'pdf:save': { request: PdfSaveRequestSchema, response: PdfSaveResultSchema },
  'pdf:open': { request: PdfOpenRequestSchema, response: OpenResultSchema },
  'secret:protect': { request: SecretProtectRequestSchema, response: ProtectedSecretSchema },
  'secret:unprotect': { request: ProtectedSecretSchema, response: SecretUnprotectResultSchema },
  'link:open-external': { request: LinkOpenRequestSchema, response: OpenResultSchema },
} as const satisfies Record<BridgeChannel, { request: z.ZodType; response: z.ZodType }>;

export type BridgeRequest<C extends BridgeChannel> = z.infer<(typeof bridgeSchemas)[C]['request']>;
export type BridgeResponse<C extends BridgeChannel> = z.infer<
  (typeof bridgeSchemas)[C]['response']
>;

/** What a host implements: one async handler per channel, given an already validated request. */
export type BridgeHandlers = {
  [C in BridgeChannel]: (request: BridgeRequest<C>) => Promise<BridgeResponse<C>>;
};

/** What the renderer calls: `window.journal` in Electron, the browser implementation otherwise. */
export interface JournalBridge {
  getAppInfo(): Promise<AppInfo>;
  /** Native save dialog in Electron, a download in the browser. */
  savePdf(request: PdfSaveRequest): Promise<PdfSaveResult>;
  /** Opens the document in the system PDF viewer (Electron) or a new tab (browser). */
  openPdf(request: PdfOpenRequest): Promise<OpenResult>;
  protectSecret(request: SecretProtectRequest): Promise<ProtectedSecret>;
  unprotectSecret(secret: ProtectedSecret): Promise<SecretUnprotectResult>;
  openExternal(request: LinkOpenRequest): Promise<OpenResult>;
}

/** Thrown for a payload that fails its schema; the message is safe to show to the user. */
export class BridgeValidationError extends Error {
  constructor(
    readonly channel: string,
    readonly direction: 'request' | 'response',
    detail: string,
  ) {
    super(`Недопустимые данные (${channel}): ${detail}`);
    this.name = 'BridgeValidationError';
  }
}

export function parseBridgeRequest<C extends BridgeChannel>(
  channel: C,
  payload: unknown,
): BridgeRequest<C> {
  return parseWith(channel, 'request', payload) as BridgeRequest<C>;
}

export function parseBridgeResponse<C extends BridgeChannel>(
  channel: C,
  payload: unknown,
): BridgeResponse<C> {
  return parseWith(channel, 'response', payload) as BridgeResponse<C>;
}

function parseWith(
  channel: BridgeChannel,
  direction: 'request' | 'response',
  payload: unknown,
): unknown {
  const schema: z.ZodType = bridgeSchemas[channel][direction];
  const result = schema.safeParse(payload);
  if (!result.success) {
    const detail = result.error.issues.map((issue) => issue.message).join('; ');
    throw new BridgeValidationError(channel, direction, detail);
  }
  return result.data;
}

/** Transport used by createJournalBridge: IPC in the preload, direct handler calls in a browser. */
export type BridgeInvoke = (channel: BridgeChannel, request: unknown) => Promise<unknown>;

/**
 * Builds a JournalBridge over any transport, validating each request before it leaves and each
 * response when it comes back, so both implementations behave the same on bad data.
 */
export function createJournalBridge(invoke: BridgeInvoke): JournalBridge {
  async function call<C extends BridgeChannel>(
    channel: C,
    request: unknown,
  ): Promise<BridgeResponse<C>> {
    const valid = parseBridgeRequest(channel, request);
    return parseBridgeResponse(channel, await invoke(channel, valid));
  }
  return {
    getAppInfo: () => call('app:info', {}),
    savePdf: (request) => call('pdf:save', request),
    openPdf: (request) => call('pdf:open', request),
    protectSecret: (request) => call('secret:protect', request),
    unprotectSecret: (secret) => call('secret:unprotect', secret),
    openExternal: (request) => call('link:open-external', request),
  };
}

/** Serves a BridgeInvoke from local handlers (the browser implementation, tests). */
export function invokeFromHandlers(handlers: BridgeHandlers): BridgeInvoke {
  return (channel, request) =>
    (handlers[channel] as (request: unknown) => Promise<unknown>)(request);
}

/** Serves a BridgeInvoke from another JournalBridge (the renderer re-validating window.journal). */
export function invokeFromBridge(bridge: JournalBridge): BridgeInvoke {
  const methods: { [C in BridgeChannel]: (request: never) => Promise<unknown> } = {
    'app:info': () => bridge.getAppInfo(),
    'pdf:save': (request: PdfSaveRequest) => bridge.savePdf(request),
    'pdf:open': (request: PdfOpenRequest) => bridge.openPdf(request),
    'secret:protect': (request: SecretProtectRequest) => bridge.protectSecret(request),
    'secret:unprotect': (secret: ProtectedSecret) => bridge.unprotectSecret(secret),
    'link:open-external': (request: LinkOpenRequest) => bridge.openExternal(request),
  };
  return (channel, request) => methods[channel](request as never);
}
