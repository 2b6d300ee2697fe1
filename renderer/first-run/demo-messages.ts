// Messages between the demo-school loader and its worker.
import type { Snapshot } from '../../shared/snapshot';

export interface DemoRequest {
  students: number;
  seed: number;
  /** The journal is filled up to this date, "YYYY-MM-DD". */
  asOf: string;
}

export type DemoResponse = { ok: true; snapshot: Snapshot } | { ok: false; message: string };

/** Runs the generator in a module worker (allowed by the CSP's worker-src 'self'). */
export function generateInWorker(request: DemoRequest): Promise<Snapshot> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./demo-worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<DemoResponse>) => {
      worker.terminate();
      if (event.data.ok) resolve(event.data.snapshot);
      else reject(new Error(event.data.message));
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message || 'Ошибка в фоновом потоке'));
    };
    worker.postMessage(request);
  });
}
