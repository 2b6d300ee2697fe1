// Runs before `npm test`: names the system packages the tests need that this machine lacks, and
// the one command that installs them, instead of failing later with an obscure error.
import { existsSync } from 'node:fs';
import { CHROMIUM_PATH } from '../tests/chromium';

interface Requirement {
  /** Debian package that provides it. */
  pkg: string;
  /** What the tests use it for. */
  use: string;
  present: () => boolean;
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? '')
    .split(':')
    .some((dir) => dir !== '' && existsSync(`${dir}/${command}`));
}

const REQUIREMENTS: Requirement[] = [
  { pkg: 'chromium', use: 'UI tests (Playwright)', present: () => existsSync(CHROMIUM_PATH) },
  {
    pkg: 'poppler-utils',
    use: 'PDF tests (pdftotext, pdffonts, pdftoppm)',
    present: () => ['pdftotext', 'pdffonts', 'pdftoppm', 'pdfinfo'].every(onPath),
  },
  { pkg: 'qpdf', use: 'PDF structure checks', present: () => onPath('qpdf') },
  {
    pkg: 'postgresql',
    use: 'server tests on a real PostgreSQL 15',
    present: () => existsSync('/usr/lib/postgresql/15/bin/initdb'),
  },
];

const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`Node ${process.versions.node} is too old: the project needs 20.19 or newer.`);
  process.exit(1);
}

const missing = REQUIREMENTS.filter((r) => !r.present());
if (missing.length > 0) {
  console.error('The tests need system packages this machine does not have:');
  for (const r of missing) console.error(`  ${r.pkg.padEnd(14)} ${r.use}`);
  console.error('\nInstall them with:\n');
  console.error(`  sudo apt-get install -y ${missing.map((r) => r.pkg).join(' ')}\n`);
  process.exit(1);
}
