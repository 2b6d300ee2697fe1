// For the set-up e2e: an EMPTY school server (started by sync-helpers, with its printed one-time
// set-up link) and the server's API as an administrator (reading replicated documents, importing staff).
export { startEmptyServer, type EmptyServer } from './sync-helpers';

/** The server's API as one signed-in account. */
export async function apiAs(serverUrl: string, login: string, password: string) {
  const res = await fetch(`${serverUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password, deviceName: 'Проверка e2e' }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const { token } = (await res.json()) as { token: string };
  const auth = { authorization: `Bearer ${token}` };
  return {
    /** Every document of a replicated collection, as the server holds it. */
    async pull(collection: string): Promise<Record<string, unknown>[]> {
      const r = await fetch(`${serverUrl}/api/v1/sync/${collection}/pull?checkpoint=&limit=1000`, {
        headers: auth,
      });
      if (!r.ok) throw new Error(`pull ${collection}: ${r.status}`);
      return ((await r.json()) as { documents: Record<string, unknown>[] }).documents;
    },
    async importFile(kind: string, body: Uint8Array): Promise<unknown> {
      const r = await fetch(`${serverUrl}/api/v1/school/import/${kind}?mode=commit`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/octet-stream' },
        body: Buffer.from(body),
      });
      const answer = (await r.json()) as { committed?: boolean; errors?: string[] };
      if (!r.ok || !answer.committed) throw new Error(`import ${kind}: ${JSON.stringify(answer)}`);
      return answer;
    },
  };
}
