// Which school-server addresses the desktop accepts (shared/server-url.ts): https anywhere, http
// only to this computer unless the administrator allowed it.
import { describe, expect, it } from 'vitest';
import {
  checkServerUrl,
  INSECURE_HTTP_MESSAGE,
  isLoopbackHost,
  normalizeServerUrl,
} from '../../shared/server-url';

const strict = { allowInsecureHttp: false };

describe('server address policy', () => {
  it('accepts https anywhere and http to this computer', () => {
    expect(checkServerUrl('https://journal.school7.ru:8443/', strict)).toEqual({
      ok: true,
      url: 'https://journal.school7.ru:8443',
    });
    for (const url of [
      'http://localhost:8080',
      'http://127.0.0.1:8080',
      'http://127.8.9.10',
      'http://[::1]:8080',
    ]) {
      expect(checkServerUrl(url, strict), url).toEqual({ ok: true, url });
    }
  });

  it('refuses plain http to another computer with a Russian explanation', () => {
    for (const url of [
      'http://192.168.1.10:8080',
      'http://journal.school7.ru',
      'http://localhost.evil.example',
      'http://127.0.0.1.nip.io',
    ]) {
      const check = checkServerUrl(url, strict);
      expect(check, url).toEqual({ ok: false, message: INSECURE_HTTP_MESSAGE });
    }
    expect(INSECURE_HTTP_MESSAGE).toMatch(
      /^Адрес начинается с http:\/\/: соединение с сервером не шифруется/,
    );
  });

  it('allows it only when the administrator said so', () => {
    expect(checkServerUrl('http://192.168.1.10:8080', { allowInsecureHttp: true })).toEqual({
      ok: true,
      url: 'http://192.168.1.10:8080',
    });
  });

  it('a typed address without a scheme becomes https (http for this computer)', () => {
    expect(normalizeServerUrl(' journal.school7.ru:8080/ ')).toBe(
      'https://journal.school7.ru:8080',
    );
    expect(normalizeServerUrl('localhost:8080')).toBe('http://localhost:8080');
    expect(checkServerUrl('192.168.1.10:8443', strict)).toEqual({
      ok: true,
      url: 'https://192.168.1.10:8443',
    });
  });

  it('refuses other schemes and credentials', () => {
    expect(checkServerUrl('ftp://x', strict).ok).toBe(false);
    expect(checkServerUrl('https://u:p@journal.school7.ru', strict).ok).toBe(false);
    expect(checkServerUrl('https://', strict).ok).toBe(false);
    expect(isLoopbackHost('LOCALHOST')).toBe(true);
    expect(isLoopbackHost('128.0.0.1')).toBe(false);
  });
});
