import { describe, expect, it } from 'vitest';
import { resolveServerUrl } from '../../../electron/config';
import {
  hasOsEncryption,
  protectSecret,
  unprotectSecret,
  type SafeStorageLike,
} from '../../../electron/secrets';

function storage(available: boolean, backend?: string): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (s) => Buffer.from([...Buffer.from(s)].map((b) => b ^ 0x5a)),
    decryptString: (b) => Buffer.from([...b].map((x) => x ^ 0x5a)).toString(),
    ...(backend ? { getSelectedStorageBackend: () => backend } : {}),
  };
}

describe('secrets', () => {
  it('uses the OS keychain when there is one', () => {
    const s = storage(true);
    const secret = protectSecret(s, 'win32', 'пароль');
    expect(secret.osEncryption).toBe(true);
    expect(secret.value).not.toContain('пароль');
    expect(unprotectSecret(s, 'win32', secret)).toBe('пароль');
  });

  it("treats Linux's basic_text fallback as no encryption", () => {
    expect(hasOsEncryption(storage(true, 'basic_text'), 'linux')).toBe(false);
    expect(hasOsEncryption(storage(true, 'kwallet5'), 'linux')).toBe(true);
    expect(protectSecret(storage(true, 'basic_text'), 'linux', 'x')).toEqual({
      value: 'x',
      osEncryption: false,
    });
  });

  it('passes plain secrets through and refuses encrypted ones without a keychain', () => {
    const none = storage(false);
    expect(protectSecret(none, 'linux', 'x')).toEqual({ value: 'x', osEncryption: false });
    expect(unprotectSecret(none, 'linux', { value: 'x', osEncryption: false })).toBe('x');
    expect(() => unprotectSecret(none, 'linux', { value: 'AAAA', osEncryption: true })).toThrow(
      /недоступно/,
    );
    expect(() =>
      unprotectSecret(storage(true), 'win32', { value: '!!', osEncryption: true }),
    ).toThrow(/Повреждённые/);
  });
});

describe('server URL', () => {
  it('prefers --server= over the environment', () => {
    expect(
      resolveServerUrl({ JOURNAL_SERVER_URL: 'http://env:1' }, [
        'electron',
        '.',
        '--server=https://arg.ru/',
      ]),
    ).toBe('https://arg.ru');
    expect(resolveServerUrl({ JOURNAL_SERVER_URL: 'http://10.0.0.5:8080/' }, [])).toBe(
      'http://10.0.0.5:8080',
    );
  });

  it('drops query, hash and refuses non-web or credentialed URLs', () => {
    expect(resolveServerUrl({}, ['--server=http://s/j/?a=1#x'])).toBe('http://s/j');
    expect(resolveServerUrl({}, [])).toBeNull();
    expect(resolveServerUrl({ JOURNAL_SERVER_URL: 'javascript:alert(1)' }, [])).toBeNull();
    expect(resolveServerUrl({ JOURNAL_SERVER_URL: 'file:///x' }, [])).toBeNull();
    expect(resolveServerUrl({ JOURNAL_SERVER_URL: 'http://u:p@s/' }, [])).toBeNull();
    expect(resolveServerUrl({ JOURNAL_SERVER_URL: 'not a url' }, [])).toBeNull();
  });
});
