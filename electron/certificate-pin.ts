// Trust on first use for the school server's certificate (pure: main.ts wires it to Electron's
// setCertificateVerifyProc and stores the pins in the desktop config). A certificate Chromium
// trusts (a real CA) needs no pin. A self-signed one is pinned at the first connection to the
// school server; later the same fingerprint is accepted, and a different one is refused with a
// warning — someone may be pretending to be the server — until the administrator resets the pin.

/** Electron's `certificate.fingerprint` ("sha256/<base64>") → "AB:CD:…" as the server prints it. */
export function fingerprintHex(electronFingerprint: string): string | null {
  const match = /^sha256\/([A-Za-z0-9+/=]+)$/.exec(electronFingerprint);
  if (!match) return null;
  const bytes = Buffer.from(match[1]!, 'base64');
  if (bytes.length !== 32) return null;
  return [...bytes].map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join(':');
}

/** host (as Electron gives it, lower case) → pinned fingerprint "AB:CD:…". */
export type CertificatePins = Record<string, string>;

export type PinDecision =
  /** Not the school server, or a certificate Chromium trusts: Chromium's own verdict stands. */
  | { verdict: 'chromium' }
  | { verdict: 'accept'; pins: CertificatePins; pinned: boolean }
  | { verdict: 'reject'; expected: string; presented: string | null };

export interface CertificateRequest {
  hostname: string;
  /** Electron's fingerprint of the presented certificate ("sha256/…"). */
  fingerprint: string;
  /** Chromium's verification: 'OK' or a net error ("net::ERR_CERT_AUTHORITY_INVALID"). */
  verificationResult: string;
}

export function decideCertificate(
  request: CertificateRequest,
  serverHost: string | null,
  pins: CertificatePins,
): PinDecision {
  const host = request.hostname.toLowerCase();
  if (!serverHost || host !== serverHost.toLowerCase()) return { verdict: 'chromium' };
  if (request.verificationResult === 'OK') return { verdict: 'chromium' };
  const presented = fingerprintHex(request.fingerprint);
  const expected = pins[host];
  if (presented === null) return { verdict: 'reject', expected: expected ?? '', presented: null };
  if (expected === undefined) {
    return { verdict: 'accept', pins: { ...pins, [host]: presented }, pinned: true };
  }
  if (expected === presented) return { verdict: 'accept', pins, pinned: false };
  return { verdict: 'reject', expected, presented };
}

/** The Russian warning shown (once per fingerprint) when the pinned certificate changed. */
export function changedCertificateWarning(
  host: string,
  expected: string,
  presented: string | null,
) {
  return {
    title: 'Сертификат сервера школы изменился',
    message: `Сервер ${host} предъявил не тот сертификат, что при первом подключении. Соединение отклонено.`,
    detail:
      `Сохранённый отпечаток: ${expected || '(нет)'}\n` +
      `Отпечаток сейчас: ${presented ?? '(не прочитан)'}\n\n` +
      'Если администратор школы заменил сертификат сервера, сверьте новый отпечаток с тем, что ' +
      'сервер показывает при запуске, и запустите программу с ключом --forget-server-certificate. ' +
      'Если сертификат никто не менял, кто-то может выдавать себя за сервер школы: ' +
      'не входите и сообщите администратору.',
  };
}
