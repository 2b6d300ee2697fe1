import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mimeTypeFor, resolveAppFile } from '../../../electron/app-protocol';

const root = path.resolve('/srv/out/renderer');
const files = new Set(
  ['index.html', 'assets/index-abc.js', 'assets/style.css', 'fonts/PTSerif.ttf', 'sql.wasm'].map(
    (f) => path.join(root, f),
  ),
);
const exists = (filePath: string) => files.has(filePath);
const resolve = (url: string) => resolveAppFile(url, root, exists);

describe('app:// protocol mapping', () => {
  it('serves index.html for the root', () => {
    expect(resolve('app://journal/')).toEqual({
      status: 200,
      filePath: path.join(root, 'index.html'),
      mimeType: 'text/html; charset=utf-8',
    });
  });

  it('serves assets with the right MIME type, ignoring query and hash', () => {
    expect(resolve('app://journal/assets/index-abc.js?v=1#x')).toMatchObject({
      status: 200,
      filePath: path.join(root, 'assets/index-abc.js'),
      mimeType: 'text/javascript; charset=utf-8',
    });
    expect(resolve('app://journal/assets/style.css')).toMatchObject({
      mimeType: 'text/css; charset=utf-8',
    });
    expect(resolve('app://journal/fonts/PTSerif.ttf')).toMatchObject({ mimeType: 'font/ttf' });
    expect(resolve('app://journal/sql.wasm')).toMatchObject({ mimeType: 'application/wasm' });
  });

  it('answers 404 for a missing asset and index.html for a client-side route', () => {
    expect(resolve('app://journal/assets/missing.js')).toEqual({ status: 404 });
    expect(resolve('app://journal/classes/5a')).toMatchObject({
      status: 200,
      filePath: path.join(root, 'index.html'),
    });
  });

  it('refuses every way out of the renderer folder', () => {
    expect(resolve('app://journal/assets/..%2f..%2fmain.js')).toEqual({ status: 403 });
    expect(resolve('app://journal/..%5c..%5cmain.js')).toEqual({ status: 403 });
    expect(resolve('app://journal/a%00.js')).toEqual({ status: 403 });
    // The URL parser folds "/../" and "/%2e%2e/" before we see them: they stay inside the root.
    expect(resolve('app://journal/../../etc/x.js')).toEqual({ status: 404 });
    expect(resolve('app://journal/%2e%2e/%2e%2e/x.js')).toEqual({ status: 404 });
    expect(resolve('app://journal/../../etc/passwd')).toMatchObject({
      filePath: path.join(root, 'index.html'),
    });
  });

  it('never resolves outside the root, whatever the URL', () => {
    const attempts = [
      'app://journal/%2e%2e/%2e%2e/etc/passwd',
      'app://journal/.%2e/.%2e/etc/passwd',
      'app://journal//etc/passwd',
      'app://journal/%2Fetc%2Fpasswd',
      'app://journal/C:%5CWindows%5Cwin.ini',
    ];
    const everything = (filePath: string) => filePath.length > 0;
    for (const url of attempts) {
      const result = resolveAppFile(url, root, everything);
      if (result.status === 200) expect(result.filePath.startsWith(root + path.sep)).toBe(true);
    }
  });

  it('refuses other hosts and schemes, and bad encodings', () => {
    expect(resolve('app://other/index.html')).toEqual({ status: 403 });
    expect(resolve('file:///srv/out/renderer/index.html')).toEqual({ status: 403 });
    expect(resolve('app://journal/%E0%A4%A')).toEqual({ status: 400 });
    expect(resolve('::::')).toEqual({ status: 400 });
  });

  it('falls back to a generic MIME type', () => {
    expect(mimeTypeFor('x.bin')).toBe('application/octet-stream');
    expect(mimeTypeFor('X.HTML')).toBe('text/html; charset=utf-8');
  });
});
