// Web Worker: generates the demo school off the main thread and checks it against the schemas.
import '../zod-setup';
import { clampToDemoYear, generateSchool } from '../../shared/demo';
import { parseSnapshot } from '../../shared/snapshot';
import type { DemoRequest, DemoResponse } from './demo-messages';

self.onmessage = (event: MessageEvent<DemoRequest>) => {
  const post = (message: DemoResponse) => self.postMessage(message);
  try {
    const { students, seed } = event.data;
    const asOf = clampToDemoYear(event.data.asOf);
    const snapshot = parseSnapshot(generateSchool({ students, seed, asOf }));
    post({ ok: true, snapshot });
  } catch (error) {
    post({ ok: false, message: error instanceof Error ? error.message : String(error) });
  }
};
