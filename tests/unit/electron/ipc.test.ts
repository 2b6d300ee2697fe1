import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  createMainHandlers,
  dispatchBridgeCall,
  UntrustedSenderError,
  type MainDeps,
} from '../../../electron/ipc';
import type { SafeStorageLike } from '../../../electron/secrets';

const pdf = () => new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37]);
const trusted = { windowId: 7, frameUrl: 'app://journal/index.html' };
const ourWindows = new Set([7]);

const fakeStorage: SafeStorageLike = {
  isEncryptionAvailable: () => true,
  encryptString: (s) => Buffer.from(`enc:${s}`),
  decryptString: (b) => b.toString().replace(/^enc:/, ''),
  getSelectedStorageBackend: () => 'gnome_libsecret',
};

function deps(overrides: Partial<MainDeps> = {}): MainDeps {
  return {
    appInfo: { version: '0.1.0', platform: 'linux', runtime: 'electron', serverUrl: null },
    safeStorage: fakeStorage,
    documentsDir: '/home/t/Документы',
    tempDir: '/tmp/kz',
    showSaveDialog: vi.fn(async (p: string) => p),
    writeFile: vi.fn(async () => {}),
    openPath: vi.fn(async () => ''),
    openExternal: vi.fn(async () => {}),
    randomId: () => 'r1',
    ...overrides,
  };
}

const call = (d: MainDeps, channel: string, payload: unknown, sender = trusted) =>
  dispatchBridgeCall(createMainHandlers(d), channel, sender, ourWindows, payload);

describe('dispatchBridgeCall', () => {
  it('refuses unknown channels and untrusted senders before any side effect', async () => {
    const d = deps();
    await expect(call(d, 'shell:exec', {})).rejects.toThrow(/Неизвестный канал/);
    await expect(
      call(
        d,
        'link:open-external',
        { url: 'https://a.ru' },
        { windowId: 8, frameUrl: trusted.frameUrl },
      ),
    ).rejects.toThrow(UntrustedSenderError);
    await expect(
      call(
        d,
        'link:open-external',
        { url: 'https://a.ru' },
        { windowId: 7, frameUrl: 'https://evil.example/' },
      ),
    ).rejects.toThrow(UntrustedSenderError);
    expect(d.openExternal).not.toHaveBeenCalled();
  });

  it('refuses invalid payloads before the handler runs', async () => {
    const d = deps();
    await expect(call(d, 'link:open-external', { url: 'javascript:alert(1)' })).rejects.toThrow();
    await expect(call(d, 'pdf:save', { suggestedName: 'a', bytes: 'x' })).rejects.toThrow();
    expect(d.openExternal).not.toHaveBeenCalled();
    expect(d.showSaveDialog).not.toHaveBeenCalled();
  });

  it('reports app info with the real encryption state', async () => {
    await expect(call(deps(), 'app:info', {})).resolves.toEqual({
      version: '0.1.0',
      platform: 'linux',
      runtime: 'electron',
      serverUrl: null,
      osEncryption: true,
    });
  });
});

describe('pdf:save', () => {
  it('writes to the sanitized chosen path, forcing .pdf', async () => {
    const d = deps({ showSaveDialog: vi.fn(async () => '/home/t/Документы/Итоги') });
    await expect(
      call(d, 'pdf:save', { suggestedName: '5А: итоги', bytes: pdf() }),
    ).resolves.toEqual({
      status: 'saved',
      path: path.join('/home/t/Документы', 'Итоги.pdf'),
    });
    expect(d.showSaveDialog).toHaveBeenCalledWith(path.join('/home/t/Документы', '5А_ итоги.pdf'));
    expect(d.writeFile).toHaveBeenCalledWith(path.join('/home/t/Документы', 'Итоги.pdf'), pdf());
  });

  it('returns cancelled without writing', async () => {
    const d = deps({ showSaveDialog: vi.fn(async () => undefined) });
    await expect(call(d, 'pdf:save', { suggestedName: 'a', bytes: pdf() })).resolves.toEqual({
      status: 'cancelled',
    });
    expect(d.writeFile).not.toHaveBeenCalled();
  });

  it('refuses a relative dialog result', async () => {
    const d = deps({ showSaveDialog: vi.fn(async () => 'relative.pdf') });
    await expect(call(d, 'pdf:save', { suggestedName: 'a', bytes: pdf() })).rejects.toThrow(
      /Недопустимый путь/,
    );
    expect(d.writeFile).not.toHaveBeenCalled();
  });
});

describe('pdf:open', () => {
  it('writes a temp file and opens it', async () => {
    const d = deps();
    await expect(call(d, 'pdf:open', { name: 'Журнал', bytes: pdf() })).resolves.toEqual({
      opened: true,
    });
    expect(d.openPath).toHaveBeenCalledWith(path.join('/tmp/kz', 'Журнал-r1.pdf'));
  });

  it('reports a missing viewer', async () => {
    const d = deps({ openPath: vi.fn(async () => 'No application') });
    await expect(call(d, 'pdf:open', { name: 'a', bytes: pdf() })).resolves.toEqual({
      opened: false,
    });
  });
});

describe('secrets and links', () => {
  it('round-trips a secret through the OS keychain', async () => {
    const d = deps();
    const protectedSecret = await call(d, 'secret:protect', { plainText: 'токен' });
    expect(protectedSecret).toEqual({
      value: Buffer.from('enc:токен').toString('base64'),
      osEncryption: true,
    });
    await expect(call(d, 'secret:unprotect', protectedSecret)).resolves.toEqual({
      plainText: 'токен',
    });
  });

  it('opens only normalized web links', async () => {
    const d = deps();
    await call(d, 'link:open-external', { url: 'HTTPS://Example.com/a b' });
    expect(d.openExternal).toHaveBeenCalledWith('https://example.com/a%20b');
  });
});
