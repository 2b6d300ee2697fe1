// `npm start`: the school server on its embedded database (the demo school on first run) and the desktop app connected to it.
// Where no Electron binary exists (it cannot be downloaded on every machine), says so and leaves the journal at its http URL.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { displayProblem, findElectronBinary } from './electron-binary';

const root = path.resolve(import.meta.dirname, '..');
const port = Number(process.env.PORT ?? 8080);
const dataDir = path.resolve(root, process.env.JOURNAL_DATA_DIR ?? 'data');
const serverUrl = `http://localhost:${port}`;

function run(script: string): void {
  console.log(`> npm run ${script}`);
  const result = spawnSync('npm', ['run', '--silent', script], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`npm run ${script} failed (exit ${result.status}); nothing was started.`);
    process.exit(result.status ?? 1);
  }
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/api/v1/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`the server did not answer at ${url} within ${timeoutMs / 1000} s`);
}

if (!existsSync(path.join(root, 'out/renderer/index.html'))) run('build:renderer');
if (!existsSync(path.join(root, 'out/electron/main.js'))) run('build:electron');

const server = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    'scripts/server.ts',
    '--port',
    String(port),
    '--host',
    '127.0.0.1',
    // On this machine only, the desktop at http://localhost: no certificate needed.
    '--no-tls',
    '--data-dir',
    dataDir,
    '--static-dir',
    'out/renderer',
    '--demo',
    '--demo-as-of',
    'today',
  ],
  { cwd: root, stdio: 'inherit' },
);
const children: ChildProcess[] = [server];
const stopAll = () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
};
process.on('SIGINT', stopAll);
process.on('SIGTERM', stopAll);
server.on('exit', (code) => {
  stopAll();
  process.exit(code ?? 0);
});

try {
  // The first run loads the demo school into a new database: allow for it.
  await waitForHealth(serverUrl, server, 180_000);
} catch (error) {
  console.error(`Could not start the school server: ${(error as Error).message}`);
  stopAll();
  process.exit(1);
}

const electron = findElectronBinary();
const noDisplay = displayProblem();
if (electron.found && !noDisplay) {
  console.log(`Starting the desktop app connected to ${serverUrl}`);
  const app = spawn(electron.executablePath, ['.', `--server=${serverUrl}`], {
    cwd: root,
    stdio: 'inherit',
  });
  children.push(app);
  app.on('exit', () => stopAll());
} else {
  const why = electron.found ? noDisplay : electron.reason;
  console.log(
    [
      '',
      `The desktop app was not started: ${why}.`,
      `The journal is open in any browser at ${serverUrl}`,
      'Press Ctrl+C to stop the server.',
      '',
    ].join('\n'),
  );
}
