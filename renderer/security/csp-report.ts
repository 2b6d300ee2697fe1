// Logs Content-Security-Policy violations to the console, where Electron's main process and the
// developer tools see them. The CSP itself is set by electron/security.ts.

export interface CspViolation {
  violatedDirective: string;
  blockedURI: string;
  sourceFile: string;
  lineNumber: number;
}

export function formatCspViolation(v: CspViolation): string {
  const where = v.sourceFile ? ` (${v.sourceFile}:${v.lineNumber})` : '';
  return `[csp] blocked ${v.blockedURI || 'inline'} by ${v.violatedDirective}${where}`;
}

export function installCspViolationLogger(target: Pick<Document, 'addEventListener'>): void {
  target.addEventListener('securitypolicyviolation', (event) => {
    console.error(formatCspViolation(event));
  });
}
