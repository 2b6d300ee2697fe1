import { describe, expect, it, vi } from 'vitest';
import {
  browserPdfFileName,
  createBrowserBridge,
  type BrowserHost,
} from '../../../renderer/bridge/browser';

const pdf = () => new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31]);

function fakeHost(tabOpens = true): BrowserHost & { blobs: Blob[] } {
  const blobs: Blob[] = [];
  return {
    blobs,
    download: vi.fn(),
    openTab: vi.fn(() => tabOpens),
    createObjectURL: vi.fn((blob: Blob) => {
      blobs.push(blob);
      return `blob:test/${blobs.length}`;
    }),
    revokeObjectURL: vi.fn(),
  };
}

describe('browser bridge', () => {
  it('reports a browser runtime without OS encryption', async () => {
    const bridge = createBrowserBridge({
      host: fakeHost(),
      version: '0.1.0',
      serverUrl: 'http://s',
    });
    await expect(bridge.getAppInfo()).resolves.toEqual({
      version: '0.1.0',
      platform: 'browser',
      runtime: 'browser',
      osEncryption: false,
      serverUrl: 'http://s',
    });
  });

  it('saves a PDF as a download of a blob URL', async () => {
    const host = fakeHost();
    const bridge = createBrowserBridge({ host });
    await expect(bridge.savePdf({ suggestedName: 'Журнал 5А', bytes: pdf() })).resolves.toEqual({
      status: 'downloaded',
      fileName: 'Журнал 5А.pdf',
    });
    expect(host.download).toHaveBeenCalledWith('blob:test/1', 'Журнал 5А.pdf');
    expect(host.blobs[0]?.type).toBe('application/pdf');
    expect(host.blobs[0]?.size).toBe(6);
    expect(host.revokeObjectURL).toHaveBeenCalledWith('blob:test/1', expect.any(Number));
  });

  it('opens a PDF in a new tab and reports a blocked popup', async () => {
    await expect(
      createBrowserBridge({ host: fakeHost(true) }).openPdf({ name: 'a', bytes: pdf() }),
    ).resolves.toEqual({ opened: true });
    await expect(
      createBrowserBridge({ host: fakeHost(false) }).openPdf({ name: 'a', bytes: pdf() }),
    ).resolves.toEqual({ opened: false });
  });

  it('keeps secrets unchanged and says so', async () => {
    const bridge = createBrowserBridge({ host: fakeHost() });
    const secret = await bridge.protectSecret({ plainText: 'пароль' });
    expect(secret).toEqual({ value: 'пароль', osEncryption: false });
    await expect(bridge.unprotectSecret(secret)).resolves.toEqual({ plainText: 'пароль' });
    await expect(bridge.unprotectSecret({ value: 'AAAA', osEncryption: true })).rejects.toThrow();
  });

  it('validates like the desktop bridge', async () => {
    const host = fakeHost();
    const bridge = createBrowserBridge({ host });
    await expect(bridge.openExternal({ url: 'javascript:alert(1)' })).rejects.toThrow();
    await expect(
      bridge.savePdf({ suggestedName: 'a', bytes: new Uint8Array([1, 2, 3, 4, 5]) }),
    ).rejects.toThrow();
    expect(host.openTab).not.toHaveBeenCalled();
    expect(host.download).not.toHaveBeenCalled();
    await bridge.openExternal({ url: 'https://example.com' });
    expect(host.openTab).toHaveBeenCalledWith('https://example.com/', { noopener: true });
  });

  it('names downloads readably', () => {
    expect(browserPdfFileName('5А: итоги.pdf')).toBe('5А_ итоги.pdf');
    expect(browserPdfFileName('///')).toBe('___.pdf');
    expect(browserPdfFileName('  ')).toBe('Документ.pdf');
  });
});
