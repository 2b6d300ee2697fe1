// Launch configuration of the desktop app, read from the environment and command line.

/**
 * The school server URL: `--server=URL` wins over JOURNAL_SERVER_URL. Only http(s) URLs are
 * accepted (anything else would open the CSP to it); the result is normalized, or null.
 */
export function resolveServerUrl(
  env: Record<string, string | undefined>,
  argv: readonly string[],
): string | null {
  const fromArg = argv.find((arg) => arg.startsWith('--server='))?.slice('--server='.length);
  const candidate = (fromArg ?? env.JOURNAL_SERVER_URL ?? '').trim();
  if (candidate === '') return null;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username !== '' || url.password !== '') return null;
  url.hash = '';
  url.search = '';
  return url.href.replace(/\/+$/, '');
}
