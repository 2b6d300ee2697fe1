// Electron hardening checklist, in plain Node over the pure rules main.ts wires up: navigation,
// new windows and external links, IPC senders, the CSP and its violation log.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  createMainHandlers,
  dispatchBridgeCall,
  UntrustedSenderError,
  type MainDeps,
} from '../../../electron/ipc';
import {
  APP_ENTRY_URL,
  buildContentSecurityPolicy,
  handleWindowOpen,
  isAllowedNavigation,
  isTrustedSender,
} from '../../../electron/security';
import {
  formatCspViolation,
  installCspViolationLogger,
} from '../../../renderer/security/csp-report';

const HOSTILE_URLS = [
  'javascript:alert(document.cookie)',
  'JaVaScRiPt:alert(1)',
  'file:///C:/Windows/System32/calc.exe',
  'file:///etc/passwd',
  'data:text/html,<script>alert(1)</script>',
  'blob:app://journal/0b5e',
  'vbscript:msgbox(1)',
  'ms-msdt:/id PCWDiagnostic',
  'smb://evil.example/share',
  'app://journal/index.html',
  'https://user:pass@evil.example/',
  'https://school.ru@evil.example/',
  'http://',
  '',
  'not a url',
];

describe('navigation', () => {
  it('denies any URL that is not our app:// origin (property)', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (url) => {
        expect(isAllowedNavigation(url)).toBe(false);
      }),
    );
    fc.assert(
      fc.property(fc.string(), (suffix) => {
        const url = `app://journal/${suffix}`;
        // Whatever the path, an app://journal URL stays on our origin; nothing else passes.
        expect(isAllowedNavigation(url)).toBe(new URL(url).host === 'journal');
      }),
    );
  });

  it.each(HOSTILE_URLS.filter((u) => !u.startsWith('app://journal/')))('denies %s', (url) => {
    expect(isAllowedNavigation(url)).toBe(false);
  });
});

describe('new windows and external links', () => {
  it('never opens a new window; web links go to the OS browser', () => {
    const opener = vi.fn();
    expect(handleWindowOpen('https://edu.gov.ru/a b', opener)).toEqual({ action: 'deny' });
    expect(handleWindowOpen('http://school.local:8080/', opener)).toEqual({ action: 'deny' });
    expect(opener.mock.calls).toEqual([
      ['https://edu.gov.ru/a%20b'],
      ['http://school.local:8080/'],
    ]);
  });

  it.each(HOSTILE_URLS)('denies %s and hands nothing to the OS', (url) => {
    const opener = vi.fn();
    expect(handleWindowOpen(url, opener)).toEqual({ action: 'deny' });
    expect(opener).not.toHaveBeenCalled();
  });

  it('link:open-external refuses every non-web scheme before the opener runs', async () => {
    const openExternal = vi.fn(async () => {});
    const handlers = createMainHandlers({ ...baseDeps(), openExternal });
    for (const url of HOSTILE_URLS) {
      await expect(
        dispatchBridgeCall(handlers, 'link:open-external', main, ours, { url }),
      ).rejects.toThrow();
    }
    expect(openExternal).not.toHaveBeenCalled();
    await dispatchBridgeCall(handlers, 'link:open-external', main, ours, {
      url: 'https://edu.gov.ru/',
    });
    expect(openExternal).toHaveBeenCalledWith('https://edu.gov.ru/');
  });
});

const ours = new Set([1]);
const main = { windowId: 1, frameUrl: APP_ENTRY_URL, isMainFrame: true };

function baseDeps(): MainDeps {
  return {
    appInfo: { version: '0.1.0', platform: 'linux', runtime: 'electron', serverUrl: null },
    safeStorage: {
      isEncryptionAvailable: () => false,
      encryptString: () => Buffer.from(''),
      decryptString: () => '',
    },
    documentsDir: '/home/t',
    tempDir: '/tmp/kz',
    showSaveDialog: vi.fn(async () => undefined),
    writeFile: vi.fn(async () => {}),
    openPath: vi.fn(async () => ''),
    openExternal: vi.fn(async () => {}),
    randomId: () => 'r',
  };
}

describe('IPC senders', () => {
  it('trusts only the top frame of our live window showing our page', () => {
    expect(isTrustedSender(main, ours)).toBe(true);
    // An iframe, even one showing an app:// page.
    expect(isTrustedSender({ ...main, isMainFrame: false }, ours)).toBe(false);
    // Another frame URL (a PDF preview in a blob: iframe, a page navigated elsewhere).
    expect(isTrustedSender({ ...main, frameUrl: 'blob:app://journal/1' }, ours)).toBe(false);
    expect(isTrustedSender({ ...main, frameUrl: 'https://evil.example/' }, ours)).toBe(false);
    // A destroyed window (main.ts reports no id) and a closed one (no longer in our set).
    expect(isTrustedSender({ ...main, windowId: null }, ours)).toBe(false);
    const closing = new Set([1]);
    closing.delete(1);
    expect(isTrustedSender(main, closing)).toBe(false);
  });

  it('refuses secret and file channels from an untrusted sender with no side effect', async () => {
    const deps = baseDeps();
    const handlers = createMainHandlers(deps);
    const senders = [
      { ...main, isMainFrame: false },
      { ...main, windowId: 2 },
      { ...main, windowId: null },
      { ...main, frameUrl: 'file:///tmp/x.html' },
    ];
    const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d]);
    for (const sender of senders) {
      await expect(
        dispatchBridgeCall(handlers, 'secret:unprotect', sender, ours, {
          value: 'x',
          osEncryption: false,
        }),
      ).rejects.toThrow(UntrustedSenderError);
      await expect(
        dispatchBridgeCall(handlers, 'pdf:save', sender, ours, { suggestedName: 'a', bytes: pdf }),
      ).rejects.toThrow(UntrustedSenderError);
    }
    expect(deps.showSaveDialog).not.toHaveBeenCalled();
    expect(deps.writeFile).not.toHaveBeenCalled();
  });
});

describe('Content-Security-Policy', () => {
  function directives(csp: string): Map<string, string[]> {
    return new Map(
      csp.split(';').map((d) => {
        const [name = '', ...sources] = d.trim().split(/\s+/);
        return [name, sources];
      }),
    );
  }

  it('allows no eval and no inline or foreign script, and no plugins', () => {
    for (const server of [null, 'http://192.168.1.10:8080', 'https://school.example']) {
      const csp = directives(buildContentSecurityPolicy(server));
      for (const name of ['script-src', 'default-src', 'worker-src']) {
        const sources = csp.get(name) ?? [];
        expect(sources).not.toContain("'unsafe-eval'");
        expect(sources).not.toContain("'unsafe-inline'");
        expect(sources).not.toContain("'wasm-unsafe-eval'");
        expect(sources).not.toContain('*');
      }
      expect(csp.get('script-src')).toEqual(["'self'"]);
      expect(csp.get('object-src')).toEqual(["'none'"]);
      expect(csp.get('base-uri')).toEqual(["'none'"]);
    }
  });

  it('a hostile server URL cannot smuggle directives into the policy', () => {
    const csp = buildContentSecurityPolicy("http://x.example/; script-src 'unsafe-eval'");
    expect(csp).not.toContain('unsafe-eval');
    expect(directives(csp).get('script-src')).toEqual(["'self'"]);
  });

  it('violations are logged to the console, where main.ts picks them up', () => {
    let listener: ((event: SecurityPolicyViolationEvent) => void) | undefined;
    const target = {
      addEventListener: (name: string, l: (event: SecurityPolicyViolationEvent) => void) => {
        if (name === 'securitypolicyviolation') listener = l;
      },
    } as unknown as Document;
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    installCspViolationLogger(target);
    listener?.({
      violatedDirective: 'script-src',
      blockedURI: 'eval',
      sourceFile: 'app://journal/assets/index.js',
      lineNumber: 3,
    } as SecurityPolicyViolationEvent);
    expect(error).toHaveBeenCalledWith(
      '[csp] blocked eval by script-src (app://journal/assets/index.js:3)',
    );
    expect(
      formatCspViolation({
        violatedDirective: 'style-src',
        blockedURI: '',
        sourceFile: '',
        lineNumber: 0,
      }),
    ).toBe('[csp] blocked inline by style-src');
    error.mockRestore();
  });
});
