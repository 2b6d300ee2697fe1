// Web Worker: generates the demo school off the main thread and checks it against the schemas.
import '../zod-setup';
import { generateSchool } from '../../shared/demo';
import { parseSnapshot } from '../../shared/snapshot';
import type { DemoRequest, DemoResponse } from './demo-messages';

const DEMO_YEAR_START = '2026-09-01';
const DEMO_YEAR_END = '2027-05-31';

self.onmessage = (event: MessageEvent<DemoRequest>) => {
  const post = (message: DemoResponse) => self.postMessage(message);
  try {
    const { students, seed } = event.data;
    // The demo calendar is the 2026/2027 year: outside it, fill the whole year or nothing yet.
    const asOf =
      event.data.asOf < DEMO_YEAR_START
        ? DEMO_YEAR_START
        : event.data.asOf > DEMO_YEAR_END
          ? DEMO_YEAR_END
          : event.data.asOf;
    const snapshot = parseSnapshot(generateSchool({ students, seed, asOf }));
    post({ ok: true, snapshot });
  } catch (error) {
    post({ ok: false, message: error instanceof Error ? error.message : String(error) });
  }
};
