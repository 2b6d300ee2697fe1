// electron-builder.yml flips the Electron fuses that turn the packaged app into a locked binary.
// The file is read and validated by electron-builder's own config loader, so a misspelled key or
// a value electron-builder would ignore fails here, not silently at packaging time.
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '../../..');

interface BuilderConfig {
  asar?: unknown;
  electronFuses?: Record<string, unknown> | null;
}
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig(dir: string, file: string, extra: null): Promise<BuilderConfig>;
  validateConfiguration(config: BuilderConfig, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (on: boolean) => unknown };

describe('Electron fuses in electron-builder.yml', () => {
  it('turns off running as Node, NODE_OPTIONS and --inspect; asar only, checked; cookies encrypted', async () => {
    const config = await getConfig(root, 'electron-builder.yml', null);
    await validateConfiguration(config, new DebugLogger(false));
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('the validator used above refuses an unknown fuse name (so a typo cannot pass)', async () => {
    const config = await getConfig(root, 'electron-builder.yml', null);
    await expect(
      validateConfiguration(
        { ...config, electronFuses: { ...config.electronFuses, runAsNodee: false } },
        new DebugLogger(false),
      ),
    ).rejects.toThrow(/runAsNodee|electronFuses/);
  });
});
