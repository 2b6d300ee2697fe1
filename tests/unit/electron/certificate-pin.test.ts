// Trust on first use of the school server's certificate (electron/certificate-pin.ts) and the
// desktop config file that keeps the pins, in plain Node (the Electron binary cannot run here).
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  changedCertificateWarning,
  decideCertificate,
  fingerprintHex,
} from '../../../electron/certificate-pin';
import {
  DESKTOP_CONFIG_FILE,
  readDesktopConfig,
  writeDesktopConfig,
} from '../../../electron/desktop-config';

/** What Electron reports as `certificate.fingerprint`: sha256/ + base64 of the DER's SHA-256. */
function electronFingerprint(pem: string): string {
  const der = new X509Certificate(pem).raw;
  return `sha256/${createHash('sha256').update(der).digest('base64')}`;
}

let school: string;
let impostor: string;

beforeAll(async () => {
  school = (await generate([{ name: 'commonName', value: 'school' }], { keyType: 'ec' })).cert;
  impostor = (await generate([{ name: 'commonName', value: 'school' }], { keyType: 'ec' })).cert;
});

const request = (
  pem: string,
  hostname = 'journal.school7.local',
  verificationResult = 'net::ERR_CERT_AUTHORITY_INVALID',
) => ({
  hostname,
  fingerprint: electronFingerprint(pem),
  verificationResult,
});

describe('certificate pinning', () => {
  it("shows Electron's fingerprint the way the server prints it (Node's fingerprint256)", () => {
    expect(fingerprintHex(electronFingerprint(school))).toBe(
      new X509Certificate(school).fingerprint256,
    );
    expect(fingerprintHex('sha1/AAAA')).toBeNull();
    expect(fingerprintHex('sha256/AAAA')).toBeNull();
  });

  it('pins a self-signed certificate at the first connection, then accepts only it', () => {
    const first = decideCertificate(request(school), 'journal.school7.local', {});
    expect(first).toEqual({
      verdict: 'accept',
      pinned: true,
      pins: { 'journal.school7.local': new X509Certificate(school).fingerprint256 },
    });
    const pins = first.verdict === 'accept' ? first.pins : {};
    expect(decideCertificate(request(school), 'journal.school7.local', pins)).toEqual({
      verdict: 'accept',
      pinned: false,
      pins,
    });
    const changed = decideCertificate(request(impostor), 'journal.school7.local', pins);
    expect(changed).toEqual({
      verdict: 'reject',
      expected: new X509Certificate(school).fingerprint256,
      presented: new X509Certificate(impostor).fingerprint256,
    });
    // Host names compare case-insensitively.
    expect(
      decideCertificate(request(impostor, 'JOURNAL.school7.local'), 'journal.school7.local', pins)
        .verdict,
    ).toBe('reject');
  });

  it('leaves other hosts and CA-trusted certificates to Chromium', () => {
    expect(
      decideCertificate(request(impostor, 'other.example'), 'journal.school7.local', {}).verdict,
    ).toBe('chromium');
    expect(
      decideCertificate(request(school, 'journal.school7.local', 'OK'), 'journal.school7.local', {})
        .verdict,
    ).toBe('chromium');
    expect(decideCertificate(request(school), null, {}).verdict).toBe('chromium');
  });

  it('warns in Russian with both fingerprints and the way out', () => {
    const warning = changedCertificateWarning('journal.school7.local', 'AA:BB', 'CC:DD');
    expect(warning.title).toBe('Сертификат сервера школы изменился');
    expect(warning.detail).toContain('Сохранённый отпечаток: AA:BB');
    expect(warning.detail).toContain('Отпечаток сейчас: CC:DD');
    expect(warning.detail).toContain('--forget-server-certificate');
  });
});

describe('desktop config file', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'journal-desktop-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('defaults when missing or broken; keeps pins across a restart; private to the user', () => {
    expect(readDesktopConfig(dir)).toEqual({ serverCertificates: {}, allowInsecureHttp: false });
    writeFileSync(path.join(dir, DESKTOP_CONFIG_FILE), '{not json');
    expect(readDesktopConfig(dir)).toEqual({ serverCertificates: {}, allowInsecureHttp: false });
    writeDesktopConfig(dir, {
      serverCertificates: { 'journal.school7.local': 'AA:BB' },
      allowInsecureHttp: false,
    });
    expect(readDesktopConfig(dir).serverCertificates).toEqual({ 'journal.school7.local': 'AA:BB' });
    expect(
      JSON.parse(readFileSync(path.join(dir, DESKTOP_CONFIG_FILE), 'utf8')).allowInsecureHttp,
    ).toBe(false);
    if (process.platform !== 'win32') {
      expect(statSync(path.join(dir, DESKTOP_CONFIG_FILE)).mode & 0o077).toBe(0);
    }
  });
});
