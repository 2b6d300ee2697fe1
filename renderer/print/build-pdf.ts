// Client API of the PDF worker: buildPdfInWorker(request) → PDF bytes. One worker, fonts fetched once.
import boldUrl from '@expo-google-fonts/pt-sans/700Bold/PTSans_700Bold.ttf?url';
import regularUrl from '@expo-google-fonts/pt-sans/400Regular/PTSans_400Regular.ttf?url';
import italicUrl from '@expo-google-fonts/pt-sans/400Regular_Italic/PTSans_400Regular_Italic.ttf?url';
import type { DocumentFonts } from '../../shared/documents';
import type { PdfRequest, PdfResponse, PrintableModel } from './pdf-messages';

export interface BuildPdfRequest {
  kind: PrintableModel['kind'];
  model: PrintableModel;
}

let worker: Worker | undefined;
let fontsSent = false;
let fontsLoading: Promise<DocumentFonts> | undefined;
let nextId = 1;
const pending = new Map<number, { resolve: (b: Uint8Array) => void; reject: (e: Error) => void }>();

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
    if (data.ok) p.resolve(data.bytes);
    else p.reject(new Error(data.message));
  };
  w.onerror = (event) => {
    event.preventDefault();
    failAll(`Ошибка печати: ${event.message || 'модуль печати не запустился'}.`);
  };
  worker = w;
  return w;
}

/** Renders a document model (buildConsentModel / buildExtractModel / buildSummaryModel, or a ReportModel) in the worker. */
export async function buildPdfInWorker(request: BuildPdfRequest): Promise<Uint8Array> {
  const fonts = fontsSent ? undefined : await loadFonts();
  const w = getWorker();
  const id = nextId++;
  const message: PdfRequest = { id, kind: request.kind, model: request.model };
  if (fonts) {
    message.fonts = fonts;
    fontsSent = true;
  }
  return new Promise<Uint8Array>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    w.postMessage(message);
  });
}
