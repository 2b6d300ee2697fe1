// The Chromium the e2e tests and the benchmarks drive: Debian's /usr/bin/chromium (or
// CHROMIUM_PATH) with the same flags everywhere.
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // Russian formats in native controls (date inputs), as on a school's PC.
  '--lang=ru-RU',
];

/** Launch options for playwright's chromium.launch / launchPersistentContext. */
export const chromiumLaunchOptions = () => ({
  executablePath: CHROMIUM_PATH,
  args: [...CHROMIUM_ARGS],
});
