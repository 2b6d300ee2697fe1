// `npm run bench -- <name>…`: runs the named benchmarks (bench/<name>.ts), each in its own process so memory figures don't mix.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.startsWith('_'))
  .map((f) => f.replace(/\.ts$/, ''))
  .sort();

const requested = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = requested.length > 0 ? requested : available;

if (names.length === 0) {
  console.error('No benchmarks found in bench/.');
  process.exit(1);
}

let failed = 0;
for (const name of names) {
  const file = join(here, `${name}.ts`);
  if (!existsSync(file)) {
    console.error(`Unknown benchmark "${name}". Available: ${available.join(', ')}`);
    process.exit(2);
  }
  console.log(`\n=== bench: ${name} ===`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', file], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`Benchmark "${name}" failed (exit ${result.status ?? result.signal}).`);
    failed++;
  }
}
process.exit(failed > 0 ? 1 : 0);
