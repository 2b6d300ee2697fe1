// `npm run server` as a child process, the way a school runs it: resolved once it prints its
// address and how to stop it; `stop` sends SIGTERM and waits for the exit.
import { spawn, type ChildProcess } from 'node:child_process';

export interface ServerProcess {
  child: ChildProcess;
  output: () => string;
  url: string;
  stop(): Promise<void>;
}

export async function startServerProcess(
  dataDir: string,
  args: readonly string[] = [],
  env: Record<string, string> = {},
  /** Node's own options (a CPU profile in a benchmark). */
  nodeArgs: readonly string[] = [],
): Promise<ServerProcess> {
  const child = spawn(
    process.execPath,
    [
      ...nodeArgs,
      '--import',
      'tsx',
      'scripts/server.ts',
      '--port',
      '0',
      '--host',
      '127.0.0.1',
      '--data-dir',
      dataDir,
      ...args,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: 'warn', ...env } },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Сервер журнала работает: (\S+)/.exec(output);
      // The start message ends with how to stop the server.
      if (match && output.includes('Остановить сервер: Ctrl+C')) resolve(match[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  return {
    child,
    output: () => output,
    url,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
