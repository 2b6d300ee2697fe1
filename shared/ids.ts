// Fresh ids for documents made on a desktop or by an import: a readable prefix and 16 random
// base-36 characters ("st-k3j9x2p1…"). One generator, so both ends make ids of one shape.

/** The platform's CSPRNG (browsers and Node 20 both have Web Crypto on globalThis). */
const random = (
  globalThis as unknown as {
    crypto: { getRandomValues<T extends Uint8Array>(array: T): T };
  }
).crypto;

export function newId(prefix: string): string {
  const bytes = random.getRandomValues(new Uint8Array(16));
  return `${prefix}-${Array.from(bytes, (b) => (b % 36).toString(36)).join('')}`;
}

export function newStudentId(): string {
  return newId('st');
}

export function newGuardianId(): string {
  return newId('gd');
}
