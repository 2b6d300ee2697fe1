// An EMPTY school server for the set-up e2e (scripts/server.ts with no demo, a temporary PGlite
// folder, serving the built renderer): its printed one-time set-up link, and the server's API as
// an administrator (reading replicated documents, importing staff).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface EmptyServer {
  url: string;
  /** "http://127.0.0.1:…/?setup=…" as the server printed it. */
  setupLink: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export async function startEmptyServer(): Promise<EmptyServer> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'journal-setup-e2e-'));
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'scripts/server.ts',
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
      '--no-tls',
      '--data-dir',
      dataDir,
      '--static-dir',
      'out/renderer',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: 'warn' } },
  );
  let output = '';
  const setupLink = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const link = /(http:\/\/\S+\/\?setup=\S+)/.exec(output)?.[1];
      if (link && output.includes('Сервер журнала работает')) {
        clearTimeout(timer);
        resolve(link);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    setupLink,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The server's API as one signed-in account. */
export async function apiAs(serverUrl: string, login: string, password: string) {
  const res = await fetch(`${serverUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password, deviceName: 'Проверка e2e' }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const { token } = (await res.json()) as { token: string };
  const auth = { authorization: `Bearer ${token}` };
  return {
    /** Every document of a replicated collection, as the server holds it. */
    async pull(collection: string): Promise<Record<string, unknown>[]> {
      const r = await fetch(`${serverUrl}/api/v1/sync/${collection}/pull?checkpoint=&limit=1000`, {
        headers: auth,
      });
      if (!r.ok) throw new Error(`pull ${collection}: ${r.status}`);
      return ((await r.json()) as { documents: Record<string, unknown>[] }).documents;
    },
    async importFile(kind: string, body: Uint8Array): Promise<unknown> {
      const r = await fetch(`${serverUrl}/api/v1/school/import/${kind}?mode=commit`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/octet-stream' },
        body: Buffer.from(body),
      });
      const answer = (await r.json()) as { committed?: boolean; errors?: string[] };
      if (!r.ok || !answer.committed) throw new Error(`import ${kind}: ${JSON.stringify(answer)}`);
      return answer;
    },
  };
}
