// Validation of a domain document before any write (pushes and server-side operations alike):
// its zod schema with strict HLC stamps, stamps only on real parts (never on identity fields,
// which are stripped), a bounded number of stamps, the id its identity gives, and identity fields
// equal to the stored document's.
import type { z } from 'zod';
import { COLLECTIONS, type CollectionName } from '../../shared/collections';
import { isId } from '../../shared/common';
import { splitPath } from '../../shared/merge';
import { WriteRefusal, type CollectionDescriptor } from '../sync/collections';
import { jsonEqual } from '../sync/doc-state';
import { refusals } from './messages';

/** A lesson of 40 students has ~50 stamps; removals leave a stamp each. Far above any real use. */
export const MAX_STAMPS = 2000;

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The zod type under `.default()`, `.optional()`, `.nullable()` wrappers. */
function unwrap(type: z.ZodType): z.ZodType {
  let current = type as z.ZodType & { _zod: { def: { type: string; innerType?: z.ZodType } } };
  while (current._zod.def.innerType && current._zod.def.type !== 'record') {
    current = current._zod.def.innerType as typeof current;
  }
  return current;
}

export function documentValidator(name: CollectionName): CollectionDescriptor['validate'] {
  const descriptor = COLLECTIONS[name];
  const schema = descriptor.schema as unknown as z.ZodObject;
  const identity = new Set<string>(['id', ...descriptor.identity]);
  const fields = new Map<string, 'record' | 'value'>();
  for (const [field, type] of Object.entries(schema.shape)) {
    if (field === 'stamps' || identity.has(field)) continue;
    const inner = unwrap(type as z.ZodType) as unknown as { _zod: { def: { type: string } } };
    fields.set(field, inner._zod.def.type === 'record' ? 'record' : 'value');
  }
  const identityId = descriptor.identityId as ((doc: unknown) => string) | undefined;

  return (doc, before) => {
    // A stamp on an identity field would make it an ordinary mergeable part: it is dropped, and
    // the value must then equal the stored one.
    let input = doc;
    if (isRecord(doc) && isRecord(doc.stamps)) {
      const stamps: Json = {};
      for (const [path, stamp] of Object.entries(doc.stamps)) {
        if (!identity.has(splitPath(path)[0])) stamps[path] = stamp;
      }
      input = { ...doc, stamps };
    }
    const parsed = schema.parse(input) as Json & { stamps: Json };
    const paths = Object.keys(parsed.stamps);
    if (paths.length > MAX_STAMPS) throw new WriteRefusal(refusals.tooManyStamps(MAX_STAMPS));
    for (const path of paths) {
      const [field, key] = splitPath(path);
      const kind = fields.get(field);
      const fits = kind !== undefined && (key === undefined || (kind === 'record' && isId(key)));
      if (!fits) throw new WriteRefusal(refusals.stampPath(path.slice(0, 80)));
    }
    if (identityId && identityId(parsed) !== parsed.id) throw new WriteRefusal(refusals.identityId);
    if (before !== null) {
      for (const field of descriptor.identity) {
        if (!jsonEqual(parsed[field] ?? null, before[field] ?? null)) {
          throw new WriteRefusal(refusals.identity(field));
        }
      }
    }
    return parsed;
  };
}
