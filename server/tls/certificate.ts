// The server's TLS certificate: the school's own (--tls-cert/--tls-key), or a self-signed one made
// on first start in <data folder>/tls/ (the `selfsigned` package) for a school without one. Its
// SHA-256 fingerprint is printed at start: desktops pin it on first connection (docs/OPERATIONS.md).
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { format } from 'date-fns';
import { generate } from 'selfsigned';

export interface ServerCertificate {
  cert: string;
  key: string;
  /** "AB:CD:…" (SHA-256 of the DER certificate, as browsers and Electron show it). */
  fingerprint256: string;
  /** Where it came from, for the start message. */
  certFile: string;
  generated: boolean;
  /** ДД.ММ.ГГГГ */
  validTo: string;
}

export function fingerprintOf(certPem: string): string {
  return new X509Certificate(certPem).fingerprint256;
}

/** Every name and address this machine answers to now: the certificate's subject alt names. */
export function localNames(): { dns: string[]; ips: string[] } {
  const ips = new Set(['127.0.0.1', '::1']);
  for (const list of Object.values(os.networkInterfaces())) {
    for (const net of list ?? []) ips.add(net.address.replace(/%.*$/, ''));
  }
  const dns = new Set(['localhost', os.hostname()]);
  return { dns: [...dns].filter(Boolean), ips: [...ips] };
}

function describe(certPem: string, certFile: string, key: string, generated: boolean) {
  const x509 = new X509Certificate(certPem);
  return {
    cert: certPem,
    key,
    fingerprint256: x509.fingerprint256,
    certFile,
    generated,
    validTo: format(new Date(x509.validTo), 'dd.MM.yyyy'),
  };
}

/** The certificate and key given by the administrator (PEM files). */
export function readCertificate(certFile: string, keyFile: string): ServerCertificate {
  const cert = readFileSync(certFile, 'utf8');
  const key = readFileSync(keyFile, 'utf8');
  let matches: boolean;
  try {
    matches = new X509Certificate(cert).checkPrivateKey(createPrivateKey(key));
  } catch {
    throw new Error(
      `Файлы ${certFile} и ${keyFile} не читаются как сертификат и ключ в формате PEM`,
    );
  }
  if (!matches) throw new Error(`Ключ ${keyFile} не подходит к сертификату ${certFile}`);
  return describe(cert, path.resolve(certFile), key, false);
}

/** <dataDir>/tls/server.crt and server.key, made on first start (10 years) and kept. */
export async function selfSignedCertificate(dataDir: string): Promise<ServerCertificate> {
  const dir = path.join(path.resolve(dataDir), 'tls');
  const certFile = path.join(dir, 'server.crt');
  const keyFile = path.join(dir, 'server.key');
  if (existsSync(certFile) && existsSync(keyFile)) {
    return describe(readFileSync(certFile, 'utf8'), certFile, readFileSync(keyFile, 'utf8'), false);
  }
  const { dns, ips } = localNames();
  const notBefore = new Date(Date.now() - 24 * 3600 * 1000);
  const notAfter = new Date(notBefore);
  notAfter.setFullYear(notAfter.getFullYear() + 10);
  const pems = await generate(
    [{ name: 'commonName', value: `Классный журнал — ${os.hostname()}` }],
    {
      keyType: 'ec',
      curve: 'P-256',
      algorithm: 'sha256',
      notBeforeDate: notBefore,
      notAfterDate: notAfter,
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true },
        { name: 'extKeyUsage', serverAuth: true },
        {
          name: 'subjectAltName',
          altNames: [
            ...dns.map((value) => ({ type: 2 as const, value })),
            ...ips.map((ip) => ({ type: 7 as const, ip })),
          ],
        },
      ],
    },
  );
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(keyFile, pems.private, { mode: 0o600 });
  writeFileSync(certFile, pems.cert, { mode: 0o644 });
  return describe(pems.cert, certFile, pems.private, true);
}
