import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  buildContentSecurityPolicy,
  defaultSavePath,
  isAllowedNavigation,
  isAppUrl,
  isPermissionAllowed,
  isTrustedSender,
  resolveSavePath,
  sanitizePdfFileName,
  serverConnectSources,
  tempPdfPath,
} from '../../../electron/security';

describe('navigation', () => {
  it('allows only our app:// pages', () => {
    expect(isAllowedNavigation(APP_ENTRY_URL)).toBe(true);
    expect(isAllowedNavigation('app://journal/lessons/5a#today')).toBe(true);
  });

  it.each([
    'https://example.com/',
    'http://journal/',
    'file:///etc/passwd',
    'app://evil/index.html',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'blob:app://journal/1234',
    'not a url',
    '',
  ])('refuses %s', (url) => {
    expect(isAllowedNavigation(url)).toBe(false);
  });

  it('tells our URLs apart from look-alikes', () => {
    expect(isAppUrl('app://journal.evil.com/')).toBe(false);
    expect(isAppUrl('app://journal:8080/')).toBe(false);
  });
});

describe('IPC sender check', () => {
  const ours = new Set([1, 2]);

  it('trusts our window showing an app:// page', () => {
    expect(isTrustedSender({ windowId: 1, frameUrl: APP_ENTRY_URL }, ours)).toBe(true);
  });

  it('refuses foreign windows, foreign pages and missing frames', () => {
    expect(isTrustedSender({ windowId: 3, frameUrl: APP_ENTRY_URL }, ours)).toBe(false);
    expect(isTrustedSender({ windowId: null, frameUrl: APP_ENTRY_URL }, ours)).toBe(false);
    expect(isTrustedSender({ windowId: 1, frameUrl: 'https://evil.example/' }, ours)).toBe(false);
    expect(isTrustedSender({ windowId: 1, frameUrl: 'blob:app://journal/x' }, ours)).toBe(false);
    expect(isTrustedSender({ windowId: 1, frameUrl: 'file:///tmp/x.html' }, ours)).toBe(false);
    expect(isTrustedSender({ windowId: 1, frameUrl: null }, ours)).toBe(false);
    expect(isTrustedSender({ windowId: 1, frameUrl: undefined }, ours)).toBe(false);
  });
});

describe('Content-Security-Policy', () => {
  it('is strict without a server', () => {
    const csp = buildContentSecurityPolicy(null);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("img-src 'self' data: blob:");
    expect(csp).toContain("worker-src 'self' blob:");
    expect(csp).toContain("connect-src 'self';");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-src 'self' blob:");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("form-action 'none'");
  });

  it('lets the renderer reach the configured server over http and WebSocket', () => {
    const csp = buildContentSecurityPolicy('http://192.168.1.10:8080/journal');
    expect(csp).toContain("connect-src 'self' http://192.168.1.10:8080 ws://192.168.1.10:8080");
    expect(serverConnectSources('https://school.example')).toEqual([
      'https://school.example',
      'wss://school.example',
    ]);
  });

  it('ignores a server URL that is not http(s)', () => {
    expect(serverConnectSources('javascript:alert(1)')).toEqual([]);
    expect(serverConnectSources('ftp://x')).toEqual([]);
    expect(serverConnectSources('nonsense')).toEqual([]);
  });
});

it('grants no permission', () => {
  for (const permission of ['media', 'geolocation', 'notifications', 'openExternal']) {
    expect(isPermissionAllowed(permission)).toBe(false);
  }
});

describe('PDF file names', () => {
  it('keeps Russian names and forces .pdf', () => {
    expect(sanitizePdfFileName('Сводная ведомость 5А')).toBe('Сводная ведомость 5А.pdf');
    expect(sanitizePdfFileName('Отчёт.PDF')).toBe('Отчёт.pdf');
    expect(sanitizePdfFileName('report.exe')).toBe('report.exe.pdf');
  });

  it('removes separators, forbidden and control characters', () => {
    expect(sanitizePdfFileName('5А: I четверть / итог')).toBe('5А_ I четверть _ итог.pdf');
    expect(sanitizePdfFileName('../../etc/passwd')).toBe('_.._etc_passwd.pdf');
    expect(sanitizePdfFileName('a\u0000b\nc')).toBe('a_b_c.pdf');
  });

  it('never yields an empty, hidden or reserved name', () => {
    expect(sanitizePdfFileName('')).toBe('Документ.pdf');
    expect(sanitizePdfFileName('...')).toBe('Документ.pdf');
    expect(sanitizePdfFileName('.bashrc')).toBe('bashrc.pdf');
    expect(sanitizePdfFileName('CON')).toBe('Документ_CON.pdf');
    expect(sanitizePdfFileName('x'.repeat(500)).length).toBeLessThanOrEqual(154);
  });
});

describe('save path from the dialog', () => {
  it('accepts an absolute path and forces .pdf', () => {
    expect(resolveSavePath('/home/t/Документы/Журнал', path.posix)).toBe(
      '/home/t/Документы/Журнал.pdf',
    );
    expect(resolveSavePath('/home/t/a.pdf', path.posix)).toBe('/home/t/a.pdf');
    expect(resolveSavePath('C:\\Users\\t\\Отчёт.txt', path.win32)).toBe(
      'C:\\Users\\t\\Отчёт.txt.pdf',
    );
  });

  it('refuses relative, traversing, empty and NUL paths', () => {
    expect(resolveSavePath(undefined, path.posix)).toBeNull();
    expect(resolveSavePath('', path.posix)).toBeNull();
    expect(resolveSavePath('report.pdf', path.posix)).toBeNull();
    expect(resolveSavePath('/home/t/../../etc/cron.d/x', path.posix)).toBeNull();
    expect(resolveSavePath('C:\\Users\\..\\Windows\\x.pdf', path.win32)).toBeNull();
    expect(resolveSavePath('/home/t/a\0.pdf', path.posix)).toBeNull();
  });

  it('offers a sanitized default inside the documents folder', () => {
    expect(defaultSavePath('/home/t/Документы', 'Журнал 5А/Б', path.posix)).toBe(
      '/home/t/Документы/Журнал 5А_Б.pdf',
    );
  });

  it('builds unique temp names inside the temp folder', () => {
    const a = tempPdfPath('/tmp/kz', '../evil', 'abc-123', path.posix);
    expect(a).toBe('/tmp/kz/_evil-abc123.pdf');
    expect(path.posix.dirname(a)).toBe('/tmp/kz');
  });
});
