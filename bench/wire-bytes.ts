// Bytes on the wire of a first download (every pull page of every collection, 1,000 documents a
// page as the desktop asks) for a subject teacher, a class teacher and the deputy of the demo
// school, uncompressed (the baseline, same run) and with gzip and brotli. Bodies are counted as
// they leave the server (raw node:http, nothing decompressed); headers are not counted.
//   npx tsx bench/wire-bytes.ts      (BENCH_WIRE_STUDENTS=1000, BENCH_WIRE_AS_OF=2026-12-01)
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { buildServer } from '../server/app';
import { createAccount } from '../server/auth/accounts';
import type { Role } from '../server/auth/roles';
import { openDb } from '../server/db/open';
import { loadSnapshot } from '../server/domain/load-snapshot';
import { createDomainRegistry } from '../server/domain/registry';
import { COLLECTION_NAMES } from '../shared/collections';
import { DEMO_SEED } from '../server/demo';
import { generateSchool } from '../shared/demo';
import { FIRST_DOWNLOAD_PEOPLE } from './_people';

const STUDENTS = Number(process.env.BENCH_WIRE_STUDENTS ?? 1000);
const PAGE = 1000;
/** Lessons held up to this date (e.g. 2026-12-01); default the whole year, as `--demo`. */
const AS_OF = process.env.BENCH_WIRE_AS_OF;

const school = generateSchool(
  AS_OF
    ? { students: STUDENTS, seed: DEMO_SEED, asOf: AS_OF }
    : { students: STUDENTS, seed: DEMO_SEED },
);
const db = await openDb();
const app = buildServer({ db, registry: createDomainRegistry(), staticDir: null });
await loadSnapshot(app.syncEngine, school);
const url = await app.listen({ port: 0, host: '127.0.0.1' });

async function signIn(login: string, staffId: string, roles: Role[]): Promise<string> {
  await createAccount(db, { login, password: 'bench', staffId, roles });
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password: 'bench', deviceName: 'Замер' }),
  });
  return ((await res.json()) as { token: string }).token;
}

/** One GET; the body's bytes as sent, and its encoding. */
function get(path: string, headers: Record<string, string>) {
  return new Promise<{ body: Buffer; encoding: string }>((resolve, reject) => {
    const req = request(url + path, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        res.statusCode === 200
          ? resolve({
              body: Buffer.concat(chunks),
              encoding: String(res.headers['content-encoding'] ?? 'identity'),
            })
          : reject(new Error(`${path}: ${res.statusCode}`)),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

/** The whole first download in one encoding: wire bytes, JSON bytes, documents, ms. */
async function download(token: string, acceptEncoding: string | null) {
  let wire = 0;
  let docs = 0;
  let pages = 0;
  const t0 = performance.now();
  for (const name of COLLECTION_NAMES) {
    let checkpoint = '';
    for (;;) {
      const path = `/api/v1/sync/${name}/pull?checkpoint=${encodeURIComponent(checkpoint)}&limit=${PAGE}`;
      const headers: Record<string, string> = { authorization: `Bearer ${token}` };
      if (acceptEncoding) headers['accept-encoding'] = acceptEncoding;
      const { body, encoding } = await get(path, headers);
      const expected = acceptEncoding ?? 'identity';
      // Pages under the threshold go uncompressed whatever was asked.
      if (encoding !== expected && body.length >= 1024) {
        throw new Error(`${name}: ${encoding} instead of ${expected}`);
      }
      wire += body.length;
      pages += 1;
      const text = (
        encoding === 'gzip'
          ? gunzipSync(body)
          : encoding === 'br'
            ? brotliDecompressSync(body)
            : body
      ).toString('utf8');
      const page = JSON.parse(text) as { documents: unknown[]; checkpoint: unknown };
      docs += page.documents.length;
      if (page.documents.length < PAGE) break;
      checkpoint = JSON.stringify(page.checkpoint);
    }
  }
  return { wire, docs, pages, ms: performance.now() - t0 };
}

const mb = (n: number) => (n / 1e6).toFixed(2);
console.log(
  `First download on the wire, demo school of ${STUDENTS} students${AS_OF ? ` as of ${AS_OF}` : ''}, pages of ${PAGE}`,
);
console.log('who              docs   pages  identity MB  gzip MB (×)        brotli MB (×)');
for (const { who, login, staffId, roles } of FIRST_DOWNLOAD_PEOPLE) {
  const token = await signIn(login, staffId, roles);
  const plain = await download(token, null);
  const gzip = await download(token, 'gzip');
  const br = await download(token, 'br');
  if (gzip.docs !== plain.docs || br.docs !== plain.docs)
    throw new Error(`${who}: documents differ`);
  console.log(
    [
      who.padEnd(15),
      String(plain.docs).padStart(6),
      String(plain.pages).padStart(6),
      mb(plain.wire).padStart(11),
      `${mb(gzip.wire)} (1/${(plain.wire / gzip.wire).toFixed(1)})`.padStart(17),
      `${mb(br.wire)} (1/${(plain.wire / br.wire).toFixed(1)})`.padStart(19),
      `  ms: ${plain.ms.toFixed(0)} / ${gzip.ms.toFixed(0)} / ${br.ms.toFixed(0)}`,
    ].join(' '),
  );
}
await app.close();
await db.close();
