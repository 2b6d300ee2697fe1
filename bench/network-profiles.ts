// The desktop's first download (snapshot, then replication) of a subject teacher, a class teacher
// and the deputy over three links emulated in Chromium (CDP Network.emulateNetworkConditions):
// unthrottled, 10 Mbit/s with 50 ms latency, 2 Mbit/s with 300 ms latency. Bytes on the wire are
// what Chromium received for the API's answers (CDP, compressed, headers included). The floor, per
// person and link: those bytes ÷ the bandwidth + a raw Dexie bulkPut of the same documents in the
// same browser, same run (bench/sync.ts's baseline). The link applies from the click that
// connects (the desktop's renderer is on disk); each run ends with a check that it paces fetch
// streams (`probeStream`). The server runs in its own process with the demo school (--demo).
// Needs out/renderer.
//   npx tsx bench/network-profiles.ts     (BENCH_NET_STUDENTS=1000; BENCH_NET_WHO, BENCH_NET_LINKS narrow it)
import { existsSync } from 'node:fs';
import os from 'node:os';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { FIRST_DOWNLOAD_PEOPLE } from './_people';
import { launch, printTable, runIfMain } from './entry';
import { startServer, timeDexie, timeFirstDownload } from './sync';

const STUDENTS = Number(process.env.BENCH_NET_STUDENTS ?? 1000);

interface Link {
  name: string;
  /** Bits per second both ways; null: not throttled. */
  bitsPerSecond: number | null;
  latencyMs: number;
}

const LINKS: readonly Link[] = [
  { name: 'unthrottled', bitsPerSecond: null, latencyMs: 0 },
  { name: '10 Mbit/s, 50 ms', bitsPerSecond: 10e6, latencyMs: 50 },
  { name: '2 Mbit/s, 300 ms', bitsPerSecond: 2e6, latencyMs: 300 },
];

/** BENCH_NET_WHO=teacher,deputy and BENCH_NET_LINKS=0,2 (indexes into LINKS) narrow a run. */
const PEOPLE = FIRST_DOWNLOAD_PEOPLE.filter(
  (p) => !process.env.BENCH_NET_WHO || process.env.BENCH_NET_WHO.split(',').includes(p.login),
);
const RUN_LINKS = LINKS.filter(
  (_, i) =>
    !process.env.BENCH_NET_LINKS || process.env.BENCH_NET_LINKS.split(',').includes(String(i)),
);

interface Answer {
  url: string;
  /** Header bytes (the response's encodedDataLength when its headers arrived). */
  headerBytes: number;
  /** Body bytes as received (compressed), summed over Network.dataReceived. */
  streamed: number;
  /** Everything received for it, headers included (Network.loadingFinished). */
  finished?: number;
}

/** Counts what the page receives, per answer, from `reset()` on. */
async function watchWire(page: Page): Promise<{
  cdp: CDPSession;
  reset(): void;
  /** Of the answers whose URL passes `only` (the server's API by default). */
  totals(only?: (url: string) => boolean): { bytes: number; requests: number; open: number };
}> {
  const cdp = await page.context().newCDPSession(page);
  let answers = new Map<string, Answer>();
  cdp.on('Network.requestWillBeSent', (e) => {
    answers.set(e.requestId, { url: e.request.url, headerBytes: 0, streamed: 0 });
  });
  cdp.on('Network.responseReceived', (e) => {
    const a = answers.get(e.requestId);
    if (a) {
      a.headerBytes = e.response.encodedDataLength;
    }
  });
  cdp.on('Network.dataReceived', (e) => {
    const a = answers.get(e.requestId);
    if (a) a.streamed += e.encodedDataLength;
  });
  cdp.on('Network.loadingFinished', (e) => {
    const a = answers.get(e.requestId);
    if (a) a.finished = e.encodedDataLength;
  });
  await cdp.send('Network.enable');
  // A snapshot stream is cancelled after its last line (no loadingFinished), the live stream stays
  // open: they count what came so far.
  const bytesOf = (a: Answer) => a.finished ?? a.headerBytes + a.streamed;
  return {
    cdp,
    reset: () => {
      answers = new Map();
    },
    totals: (only = (url) => new URL(url).pathname.startsWith('/api/')) => {
      const all = [...answers.values()].filter((a) => only(a.url));
      return {
        bytes: all.reduce((n, a) => n + bytesOf(a), 0),
        requests: all.length,
        open: all.filter((a) => a.finished === undefined).length,
      };
    },
  };
}

async function throttle(cdp: CDPSession, link: Link): Promise<void> {
  // CDP takes bytes per second; -1 disables throttling.
  const throughput = link.bitsPerSecond === null ? -1 : link.bitsPerSecond / 8;
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: link.latencyMs,
    downloadThroughput: throughput,
    uploadThroughput: throughput,
  });
}

interface Run {
  docs: number;
  ms: number;
  openMs: number;
  bytes: number;
  requests: number;
  /** The throttling check on the same link (`probeStream`). */
  probe: { bytes: number; ms: number };
}

/**
 * Whether the link's throttling applies to fetch streams, as the snapshot is read
 * (renderer/sync/snapshot-download.ts: fetch, then a ReadableStream reader): the renderer's main
 * script fetched the same way and read to its end. The server sends it at once (a file), so the
 * link sets the pace: throttled, it cannot take less than the latency + its bytes ÷ bandwidth.
 * (The lessons' snapshot itself is paced by the server: read alone, unthrottled, the deputy's
 * took longer than 2 Mbit/s allows.)
 */
async function probeStream(
  page: Page,
  wire: Awaited<ReturnType<typeof watchWire>>,
): Promise<{ bytes: number; ms: number }> {
  wire.reset();
  const { ms, src } = await page.evaluate(async () => {
    const src = document.querySelector<HTMLScriptElement>('script[type=module][src]')!.src;
    const t0 = performance.now();
    const res = await fetch(src, { cache: 'no-store' });
    const reader = res.body!.getReader();
    while (!(await reader.read()).done);
    return { ms: performance.now() - t0, src };
  });
  // CDP's events trail the page: wait for the answer's loadingFinished.
  const probed = (u: string) => u === src;
  for (let i = 0; i < 100 && wire.totals(probed).open > 0; i++) {
    await new Promise((r) => setTimeout(r, 50));
  }
  return { ms, bytes: wire.totals(probed).bytes };
}

async function firstDownload(
  browser: Browser,
  url: string,
  login: string,
  link: Link,
): Promise<Run> {
  // The desktop app has no service worker: the browser copy's would fetch the app's files over
  // the link during the download (and serve the probe's script from its cache).
  const ctx = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: 'ru-RU',
    serviceWorkers: 'block',
  });
  try {
    const page = await ctx.newPage();
    const wire = await watchWire(page);
    // The desktop has its renderer on disk: only what goes to the server crosses the link.
    const result = await timeFirstDownload(page, url, 'snapshot', login, async () => {
      await throttle(wire.cdp, link);
      wire.reset();
    });
    const { bytes, requests } = wire.totals();
    const probe = await probeStream(page, wire);
    return { ...result, bytes, requests, probe };
  } finally {
    await ctx.close();
  }
}

/** The raw Dexie floor of `login`'s documents (unthrottled), and the pull pages' bytes. */
async function dexieFloor(
  browser: Browser,
  url: string,
  login: string,
): Promise<{ ms: number; docs: number; bytes: number }> {
  // The server's CSP forbids inline scripts; the baseline injects Dexie into a page of it.
  const ctx = await browser.newContext({ bypassCSP: true });
  try {
    const page = await ctx.newPage();
    const wire = await watchWire(page);
    const result = await timeDexie(page, url, login);
    return { ...result, bytes: wire.totals().bytes };
  } finally {
    await ctx.close();
  }
}

const mb = (bytes: number) => (bytes / 1e6).toFixed(2);
const mbits = (r: { bytes: number; ms: number }) =>
  ((r.bytes * 8) / (r.ms / 1000) / 1e6).toFixed(1);
const s = (ms: number) => (ms / 1000).toFixed(1);
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

async function main(): Promise<void> {
  if (!existsSync('out/renderer/index.html')) {
    throw new Error('out/renderer is not built: run `npm run build:renderer` first');
  }
  const started = Date.now();
  console.log(`load average at start: ${load()}`);
  const server = await startServer(STUDENTS);
  console.log(`server up with ${STUDENTS} students in ${s(Date.now() - started)} s`);
  const browser = await launch();
  const rows: (string | number)[][] = [
    [
      'who',
      'link',
      'documents',
      'wire MB',
      'requests',
      'journal opened s',
      'first download s',
      'bytes ÷ bandwidth s',
      'raw Dexie s',
      'floor s',
      '× floor',
      'check: a fetch stream ≥ latency + bytes ÷ bandwidth',
    ],
  ];
  try {
    for (const { who, login } of PEOPLE) {
      const dexie = await dexieFloor(browser, server.url, login);
      console.log(`${who}: raw Dexie ${JSON.stringify(dexie)}  (load ${load()})`);
      for (const link of RUN_LINKS) {
        const run = await firstDownload(browser, server.url, login, link);
        console.log(`${who}, ${link.name}: ${JSON.stringify(run)}  (load ${load()})`);
        if (run.docs !== dexie.docs) {
          console.log(`NOTE: ${who} received ${run.docs} documents, the baseline ${dexie.docs}`);
        }
        const transferMs =
          link.bitsPerSecond === null ? 0 : ((run.bytes * 8) / link.bitsPerSecond) * 1000;
        const floorMs = transferMs + dexie.ms;
        // Throttled, the stream cannot beat its bytes ÷ bandwidth (+ the request's latency).
        const probeFloorMs =
          link.bitsPerSecond === null
            ? 0
            : link.latencyMs + ((run.probe.bytes * 8) / link.bitsPerSecond) * 1000;
        rows.push([
          who,
          link.name,
          run.docs,
          mb(run.bytes),
          run.requests,
          s(run.openMs),
          s(run.ms),
          s(transferMs),
          s(dexie.ms),
          s(floorMs),
          run.ms / floorMs,
          `${mb(run.probe.bytes)} MB in ${s(run.probe.ms)} s ≥ ${s(probeFloorMs)} s (${mbits(run.probe)} Mbit/s)`,
        ]);
        if (run.probe.ms < probeFloorMs) {
          console.log(`NOTE: ${who}, ${link.name}: the stream came faster than the link allows`);
        }
      }
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  console.log(
    `\nFirst download per link, demo school of ${STUDENTS} students, ` +
      `${new Date().toISOString().slice(0, 10)}, load average at end ${load()}, ` +
      `whole bench ${s(Date.now() - started)} s`,
  );
  printTable(rows);
}

runIfMain(import.meta.url, main);
