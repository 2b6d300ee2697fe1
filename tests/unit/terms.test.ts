// One term per thing (docs/GLOSSARY.md): printed documents and report tables say «обучающийся», never
// «ученик»; the proposed period mark is «предложение», never «прогноз». Scans the user-visible
// strings of the document and report code (comments are left out).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');

function files(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return files(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

/** String literals and JSX text of a source file, comments removed. */
function visibleText(path: string): string {
  const source = readFileSync(join(ROOT, path), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  return source;
}

const REPORTS = [
  ...files('shared/documents'),
  ...files('shared/reports'),
  ...files('renderer/workspaces/school'),
  'renderer/workspaces/class/OverviewTab.tsx',
  'renderer/workspaces/class/overview-risk.ts',
];

function hits(pattern: RegExp): string[] {
  return REPORTS.flatMap((path) =>
    visibleText(path)
      .split('\n')
      .filter((line) => pattern.test(line))
      .map((line) => `${path}: ${line.trim()}`),
  );
}

describe('terms in documents and report tables', () => {
  it('the scan covers the documents and the reports', () => {
    expect(REPORTS.length).toBeGreaterThan(30);
    // The scan finds the word where it is: the summary sheet's column header.
    expect(hits(/Фамилия, имя, отчество обучающегося/).length).toBeGreaterThan(0);
  });

  it('«обучающийся», not «ученик»', () => {
    expect(hits(/(^|[^а-яё])[Уу]чени(к|ц)/)).toEqual([]);
  });

  it('«предложение», not «прогноз»', () => {
    expect(hits(/[Пп]рогноз/)).toEqual([]);
  });
});
