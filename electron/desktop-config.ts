// The desktop's own settings file (<userData>/desktop-config.json), kept by the main process:
// pinned server certificates and the administrator's permission for http:// to other computers.
// A missing or broken file means the defaults; writes replace the file atomically.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const DesktopConfigSchema = z.object({
  /** host → SHA-256 fingerprint "AB:CD:…" (certificate-pin.ts). */
  serverCertificates: z.record(z.string(), z.string()).default({}),
  /** Set by the school's administrator only: allow unencrypted http:// to another computer. */
  allowInsecureHttp: z.boolean().default(false),
});
export type DesktopConfig = z.infer<typeof DesktopConfigSchema>;

export const DESKTOP_CONFIG_FILE = 'desktop-config.json';

export function readDesktopConfig(dir: string): DesktopConfig {
  try {
    const parsed = DesktopConfigSchema.safeParse(
      JSON.parse(readFileSync(path.join(dir, DESKTOP_CONFIG_FILE), 'utf8')),
    );
    if (parsed.success) return parsed.data;
  } catch {
    // no file yet, or not JSON: defaults
  }
  return DesktopConfigSchema.parse({});
}

export function writeDesktopConfig(dir: string, config: DesktopConfig): void {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, DESKTOP_CONFIG_FILE);
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(DesktopConfigSchema.parse(config), null, 2), { mode: 0o600 });
  renameSync(temp, file);
}
