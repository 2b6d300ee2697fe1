// Client API of the PDF worker: buildPdfInWorker(request) → PDF bytes; buildJournalInWorker streams the
// year-end journal class by class with progress. One worker, fonts fetched once.
import boldUrl from '@expo-google-fonts/pt-sans/700Bold/PTSans_700Bold.ttf?url';
import regularUrl from '@expo-google-fonts/pt-sans/400Regular/PTSans_400Regular.ttf?url';
import italicUrl from '@expo-google-fonts/pt-sans/400Regular_Italic/PTSans_400Regular_Italic.ttf?url';
import type { DocumentFonts } from '../../shared/documents';
import type { DocumentSource } from '../../shared/documents/source';
import type { JournalMeta, PdfRequest, PdfResponse, PrintableModel } from './pdf-messages';

export interface BuildPdfRequest {
  kind: PrintableModel['kind'];
  model: PrintableModel;
}

let worker: Worker | undefined;
let fontsSent = false;
let fontsLoading: Promise<DocumentFonts> | undefined;
let nextId = 1;
type Answer = Extract<PdfResponse, { ok: true }>;
const pending = new Map<number, { resolve: (a: Answer) => void; reject: (e: Error) => void }>();

async function fetchFont(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Не удалось загрузить шрифт для печати (${response.status}).`);
  return new Uint8Array(await response.arrayBuffer());
}

function loadFonts(): Promise<DocumentFonts> {
  fontsLoading ??= Promise.all([
    fetchFont(regularUrl),
    fetchFont(boldUrl),
    fetchFont(italicUrl),
  ]).then(([regular, bold, italic]) => ({ regular, bold, italic }));
  fontsLoading.catch(() => {
    fontsLoading = undefined;
  });
  return fontsLoading;
}

function failAll(message: string): void {
  for (const p of pending.values()) p.reject(new Error(message));
  pending.clear();
  worker?.terminate();
  worker = undefined;
  fontsSent = false;
}

function getWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./pdf.worker.ts', import.meta.url), { type: 'module' });
  w.onmessage = (event: MessageEvent<PdfResponse>) => {
    const data = event.data;
    const p = pending.get(data.id);
    if (!p) return;
    pending.delete(data.id);
    if (data.ok) p.resolve(data);
    else p.reject(new Error(data.message));
  };
  w.onerror = (event) => {
    event.preventDefault();
    failAll(`Ошибка печати: ${event.message || 'модуль печати не запустился'}.`);
  };
  worker = w;
  return w;
}

type Request = PdfRequest extends infer R
  ? R extends unknown
    ? Omit<R, 'id' | 'fonts'>
    : never
  : never;

/** Sends one request (with the fonts the first time) and waits for its answer. */
async function ask(request: Request): Promise<Answer & { requestId: number }> {
  const fonts = fontsSent ? undefined : await loadFonts();
  const w = getWorker();
  const id = nextId++;
  const message = { ...request, id } as PdfRequest;
  if (fonts) {
    message.fonts = fonts;
    fontsSent = true;
  }
  return new Promise<Answer & { requestId: number }>((resolve, reject) => {
    pending.set(id, { resolve: (a) => resolve({ ...a, requestId: id }), reject });
    w.postMessage(message);
  });
}

function bytesOf(a: Answer): Uint8Array {
  if (!('bytes' in a)) throw new Error('Модуль печати ответил без документа.');
  return a.bytes;
}

/** Renders a document model (buildConsentModel / buildExtractModel / buildSummaryModel, or a ReportModel) in the worker. */
export async function buildPdfInWorker(request: BuildPdfRequest): Promise<Uint8Array> {
  return bytesOf(await ask({ type: 'render', kind: request.kind, model: request.model }));
}

export interface JournalProgress {
  /** Classes drawn so far, of `total`. */
  done: number;
  total: number;
  /** The class being gathered and drawn ("5А"). */
  current: string;
  sheets: number;
}

/**
 * The year-end journal of the given classes, drawn in the worker one class at a time: each class's
 * data is read from the local database only when the previous class is done, so neither the page
 * nor the worker holds the whole school at once, and the page stays responsive.
 */
export async function buildJournalInWorker(
  meta: JournalMeta,
  classes: readonly { id: string; name: string }[],
  gather: (classId: string) => Promise<DocumentSource>,
  issuedOn: string,
  onProgress: (p: JournalProgress) => void,
  cancelled: () => boolean = () => false,
): Promise<{ bytes: Uint8Array; sheets: number }> {
  const journal = (await ask({ type: 'journal-begin', meta })).requestId;
  let sheets = 0;
  for (let i = 0; i < classes.length; i++) {
    const cls = classes[i]!;
    if (cancelled()) throw new Error('Печать отменена.');
    onProgress({ done: i, total: classes.length, current: cls.name, sheets });
    const source = await gather(cls.id);
    const answer = await ask({ type: 'journal-class', journal, source, classId: cls.id, issuedOn });
    sheets += 'sheets' in answer ? answer.sheets : 0;
  }
  onProgress({ done: classes.length, total: classes.length, current: '', sheets });
  return { bytes: bytesOf(await ask({ type: 'journal-end', journal })), sheets };
}

/** Stops the worker (e.g. when the print screen closes); the next call starts a new one. */
export function stopPdfWorker(): void {
  failAll('Печать отменена.');
}
