import { describe, expect, it, vi } from 'vitest';
import {
  BRIDGE_CHANNELS,
  BridgeValidationError,
  MAX_PDF_BYTES,
  bridgeSchemas,
  createJournalBridge,
  invokeFromBridge,
  isBridgeChannel,
  parseBridgeRequest,
  parseBridgeResponse,
} from '../../../shared/bridge';

const pdf = (size = 64) => {
  const bytes = new Uint8Array(size);
  bytes.set([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37]); // "%PDF-1.7"
  return bytes;
};

describe('channel allow-list', () => {
  it('knows exactly the app channels', () => {
    expect([...BRIDGE_CHANNELS].sort()).toEqual(Object.keys(bridgeSchemas).sort());
    expect(isBridgeChannel('pdf:save')).toBe(true);
    for (const bad of ['pdf:print', 'shell:exec', '', 42, null, undefined, 'constructor']) {
      expect(isBridgeChannel(bad)).toBe(false);
    }
  });
});

describe('request schemas', () => {
  it('accept good payloads', () => {
    expect(parseBridgeRequest('app:info', {})).toEqual({});
    const save = parseBridgeRequest('pdf:save', { suggestedName: ' Журнал 5А ', bytes: pdf() });
    expect(save.suggestedName).toBe('Журнал 5А');
    expect(parseBridgeRequest('pdf:open', { name: 'x', bytes: Buffer.from(pdf()) }).name).toBe('x');
    expect(parseBridgeRequest('secret:protect', { plainText: 'пароль' })).toEqual({
      plainText: 'пароль',
    });
    expect(parseBridgeRequest('secret:unprotect', { value: 'abc=', osEncryption: true })).toEqual({
      value: 'abc=',
      osEncryption: true,
    });
    // Normalized to what the OS will actually open (punycode host, encoded path).
    const link = parseBridgeRequest('link:open-external', { url: 'https://школа.рф/расписание' });
    expect(link.url).toBe(new URL('https://школа.рф/расписание').href);
    expect(link.url.startsWith('https://xn--')).toBe(true);
  });

  it('accept bytes from another realm (as contextBridge and IPC deliver them)', async () => {
    const { runInNewContext } = await import('node:vm');
    const foreign = runInNewContext('new Uint8Array([37, 80, 68, 70, 45, 49])') as Uint8Array;
    expect(foreign instanceof Uint8Array).toBe(false);
    expect(() =>
      parseBridgeRequest('pdf:save', { suggestedName: 'a', bytes: foreign }),
    ).not.toThrow();
  });

  it.each([
    ['app:info', { extra: 1 }],
    ['app:info', undefined],
    ['pdf:save', { suggestedName: 'a', bytes: [37, 80, 68, 70, 45] }],
    ['pdf:save', { suggestedName: 'a', bytes: 'JVBERi0=' }],
    ['pdf:save', { suggestedName: 'a', bytes: new Uint16Array(8) }],
    ['pdf:save', { suggestedName: 'a', bytes: new Uint8Array([1, 2, 3, 4, 5, 6]) }],
    ['pdf:save', { suggestedName: '', bytes: pdf() }],
    ['pdf:save', { suggestedName: '   ', bytes: pdf() }],
    ['pdf:save', { suggestedName: 'a'.repeat(201), bytes: pdf() }],
    ['pdf:save', { suggestedName: 5, bytes: pdf() }],
    ['pdf:save', { suggestedName: 'a', bytes: pdf(), path: '/etc/passwd' }],
    ['pdf:open', { bytes: pdf() }],
    ['secret:protect', { plainText: 42 }],
    ['secret:protect', { plainText: 'x'.repeat(64 * 1024 + 1) }],
    ['secret:unprotect', { value: 'abc' }],
    ['link:open-external', { url: 'javascript:alert(1)' }],
    ['link:open-external', { url: 'JavaScript:alert(1)' }],
    ['link:open-external', { url: 'file:///etc/passwd' }],
    ['link:open-external', { url: 'data:text/html,x' }],
    ['link:open-external', { url: 'app://journal/index.html' }],
    ['link:open-external', { url: 'ms-msdt:/id PCWDiagnostic' }],
    ['link:open-external', { url: 'smb://server/share' }],
    ['link:open-external', { url: 'https://school.ru@evil.example/' }],
    ['link:open-external', { url: '//evil.example/' }],
    ['link:open-external', { url: 'https://' + 'a'.repeat(3000) + '.ru' }],
    ['link:open-external', {}],
  ] as const)('%s refuses %#', (channel, payload) => {
    expect(() => parseBridgeRequest(channel, payload)).toThrow(BridgeValidationError);
  });

  it('refuses a PDF over 50 MB', () => {
    const big = pdf(MAX_PDF_BYTES + 1);
    expect(() => parseBridgeRequest('pdf:save', { suggestedName: 'a', bytes: big })).toThrow(
      /50 МБ/,
    );
    expect(() =>
      parseBridgeRequest('pdf:save', { suggestedName: 'a', bytes: pdf(MAX_PDF_BYTES) }),
    ).not.toThrow();
  });
});

describe('response schemas', () => {
  it('accept the documented answers', () => {
    expect(
      parseBridgeResponse('app:info', {
        version: '0.1.0',
        platform: 'linux',
        runtime: 'electron',
        osEncryption: true,
        serverUrl: null,
      }).runtime,
    ).toBe('electron');
    expect(parseBridgeResponse('pdf:save', { status: 'cancelled' })).toEqual({
      status: 'cancelled',
    });
    expect(parseBridgeResponse('pdf:save', { status: 'saved', path: '/a.pdf' })).toEqual({
      status: 'saved',
      path: '/a.pdf',
    });
  });

  it('refuse malformed answers', () => {
    expect(() => parseBridgeResponse('pdf:save', { status: 'saved' })).toThrow();
    expect(() => parseBridgeResponse('pdf:save', { status: 'deleted' })).toThrow();
    expect(() => parseBridgeResponse('app:info', { version: '1' })).toThrow();
    expect(() => parseBridgeResponse('link:open-external', { opened: 'yes' })).toThrow();
  });
});

describe('createJournalBridge', () => {
  it('validates before sending and after receiving', async () => {
    const invoke = vi.fn(async (channel: string) =>
      channel === 'pdf:open' ? { opened: true } : { wrong: true },
    );
    const bridge = createJournalBridge(invoke);

    await expect(bridge.openPdf({ name: 'a', bytes: pdf() })).resolves.toEqual({ opened: true });
    expect(invoke).toHaveBeenCalledTimes(1);

    await expect(bridge.openExternal({ url: 'javascript:alert(1)' })).rejects.toThrow(
      BridgeValidationError,
    );
    expect(invoke).toHaveBeenCalledTimes(1);

    await expect(bridge.getAppInfo()).rejects.toThrow(/app:info/);
  });

  it('re-wraps an existing bridge channel by channel', async () => {
    const inner = createJournalBridge(async (channel, request) =>
      channel === 'secret:protect'
        ? { value: (request as { plainText: string }).plainText, osEncryption: false }
        : { opened: true },
    );
    const outer = createJournalBridge(invokeFromBridge(inner));
    await expect(outer.protectSecret({ plainText: 'x' })).resolves.toEqual({
      value: 'x',
      osEncryption: false,
    });
    await expect(outer.openExternal({ url: 'https://example.com' })).resolves.toEqual({
      opened: true,
    });
  });
});
