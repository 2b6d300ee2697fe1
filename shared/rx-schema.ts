// Derives RxDB JSON schemas from the zod schemas, so the zod schema stays the one source of truth.
import { z } from 'zod';
import { COLLECTIONS, type CollectionName } from './collections';

type JsonSchema = Record<string, unknown> & {
  properties?: Record<string, JsonSchema>;
  required?: string[];
};

/** The subset of RxDB's RxJsonSchema this project produces (rxdb is not imported into shared/). */
export interface DerivedRxSchema {
  title: string;
  version: number;
  primaryKey: 'id';
  type: 'object';
  properties: Record<string, JsonSchema>;
  required: string[];
  indexes: string[][];
  encrypted?: string[];
  additionalProperties: false;
}

/**
 * RxDB needs bounds on indexed fields to build sortable index strings: maxLength for strings,
 * minimum/maximum/multipleOf for numbers. The zod schemas already bound them; this checks it.
 */
function prepareIndexedField(
  collection: string,
  name: string,
  field: JsonSchema | undefined,
): JsonSchema {
  if (!field) throw new Error(`${collection}: indexed field "${name}" is not in the schema`);
  if (field.type === 'string') {
    if (typeof field.maxLength !== 'number') {
      throw new Error(`${collection}: indexed string "${name}" needs a maximum length`);
    }
    return field;
  }
  if (field.type === 'integer' || field.type === 'number') {
    if (typeof field.minimum !== 'number' || typeof field.maximum !== 'number') {
      throw new Error(`${collection}: indexed number "${name}" needs a minimum and a maximum`);
    }
    return { ...field, type: 'number', multipleOf: field.type === 'integer' ? 1 : 0.01 };
  }
  throw new Error(`${collection}: field "${name}" of type ${String(field.type)} cannot be indexed`);
}

/**
 * Defaults belong to zod (documents are parsed before they are stored); RxDB allows `default`
 * only at the top level, so the derived schema carries none.
 */
function withoutDefaults(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutDefaults);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'default' || key === '$schema') continue;
    out[key] = withoutDefaults(value);
  }
  return out;
}

export function toRxSchema(
  name: CollectionName,
  options: { encrypt?: boolean } = {},
): DerivedRxSchema {
  const descriptor = COLLECTIONS[name];
  const json = withoutDefaults(
    z.toJSONSchema(descriptor.schema, { io: 'output', unrepresentable: 'any' }),
  ) as JsonSchema;
  const properties: Record<string, JsonSchema> = { ...(json.properties ?? {}) };
  const required = new Set(json.required ?? []);
  for (const index of descriptor.indexes) {
    for (const field of index) {
      properties[field] = prepareIndexedField(name, field, properties[field]);
      required.add(field);
    }
  }
  required.add('id');
  const schema: DerivedRxSchema = {
    title: name,
    version: descriptor.version,
    primaryKey: 'id',
    type: 'object',
    properties,
    required: [...required],
    indexes: descriptor.indexes.map((i) => [...i]),
    additionalProperties: false,
  };
  if (options.encrypt && descriptor.personalFields.length > 0) {
    schema.encrypted = [...descriptor.personalFields];
  }
  return schema;
}
