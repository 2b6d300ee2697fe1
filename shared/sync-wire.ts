// The sync wire contract (docs/SYNC.md) as zod schemas and their types, used by the server to
// build and check its answers and by the desktop to parse them: the protocol header, the error
// body and its codes, the checkpoint, push rows, pull pages, refusals and a cell's history.
import { z } from 'zod';
import { SERVER_TIME_HEADER } from './clock-skew';

// --- Versioning -----------------------------------------------------------------------------

export const API_PREFIX = '/api/v1';
/** Sent by clients on every request and by the server on every /api answer (lower case). */
export const PROTOCOL_HEADER = 'x-journal-protocol';
export { SERVER_TIME_HEADER };
/** The protocol this build speaks (server and desktop are released together). */
export const PROTOCOL_VERSION = 1;
/** Clients announcing an older protocol get HTTP 426 and are asked to update. */
export const MIN_CLIENT_PROTOCOL = 1;

// --- Errors ---------------------------------------------------------------------------------

export const ERROR_CODES = [
  'BAD_REQUEST',
  'INVALID_JSON',
  'INVALID_TEXT',
  'URI_TOO_LONG',
  'HEADERS_TOO_LARGE',
  'REQUEST_TIMEOUT',
  'VALIDATION_FAILED',
  'UNAUTHORIZED',
  'INVALID_CREDENTIALS',
  'ACCOUNT_DISABLED',
  'PASSWORD_CHANGE_REQUIRED',
  'FORBIDDEN',
  'NOT_FOUND',
  'UNKNOWN_COLLECTION',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'TOO_MANY_ATTEMPTS',
  'UPGRADE_REQUIRED',
  'CONFLICT',
  /** A first-download snapshot resumed after the user's read scope changed (replication takes over). */
  'SNAPSHOT_OUTDATED',
  /** A family e-diary login that already works (family/issue.ts). */
  'LOGIN_ALREADY_ISSUED',
  'INTERNAL',
] as const;
export const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

/** The body of every error response: `{ error: { code, message, details? } }`. */
export const ErrorBodySchema = z.object({
  error: z.object({
    code: ErrorCodeSchema,
    /** Russian, for the user. */
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

// --- Replication ----------------------------------------------------------------------------

export const MAX_PULL_LIMIT = 1000;
export const MAX_PUSH_ROWS = 1000;

/** `{ seq }`, for scoped collections `{ seq, scope }` (docs/SYNC.md, «Checkpoints»). */
export const CheckpointSchema = z.object({
  seq: z.number().int().min(0),
  // The read grant's hash, or while withdrawing an earlier grant `<hash>><held>@<seq>`.
  scope: z.string().max(100).optional(),
});
export type Checkpoint = z.infer<typeof CheckpointSchema>;

/** A document as sent by the client: its own fields (RxDB's extras are ignored by the server). */
export const SentDocumentSchema = z.record(z.string(), z.unknown());

/** A document state the server sends: the document's fields plus `_deleted` (RxDB's WithDeleted). */
export const DocStateSchema = z.looseObject({ _deleted: z.boolean() });
export type DocState = Record<string, unknown> & { _deleted: boolean };

/** One row of a push body (RxDB's RxReplicationWriteToMasterRow). */
export const PushRowSchema = z.object({
  assumedMasterState: SentDocumentSchema.nullable().optional(),
  newDocumentState: SentDocumentSchema,
});
export type PushRow = z.infer<typeof PushRowSchema>;

export const PushBodySchema = z
  .array(PushRowSchema)
  .max(MAX_PUSH_ROWS, `Не более ${MAX_PUSH_ROWS} документов в одном запросе`);

/** The push answer: the master states the client must adopt (empty: all accepted). */
export const PushAnswerSchema = z.array(DocStateSchema);
export type PushAnswer = z.infer<typeof PushAnswerSchema>;

/** `GET …/pull` query: the checkpoint as JSON text (empty or absent: from the beginning). */
export const PullQuerySchema = z.object({
  checkpoint: z.string().max(1000).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(100),
});

/** A pull page; also the payload of a live-stream batch event. */
export const PullPageSchema = z.object({
  documents: z.array(DocStateSchema),
  checkpoint: CheckpointSchema,
});
export type PullPage = z.infer<typeof PullPageSchema>;

/** `GET /api/v1/sync/stream?collections=a,b`: the collections of one multiplexed stream. */
export const StreamQuerySchema = z.object({ collections: z.string().min(1).max(2000) });

/** A batch event of the multiplexed stream: a pull page of one collection. */
export const StreamBatchSchema = PullPageSchema.extend({ collection: z.string() });
export type StreamBatch = z.infer<typeof StreamBatchSchema>;
/** A resync event of the multiplexed stream: one collection, or (no collection) every one. */
export const StreamResyncSchema = z.object({ collection: z.string().optional() });
export type StreamResync = z.infer<typeof StreamResyncSchema>;

// --- First-download snapshot ----------------------------------------------------------------

/** Documents per NDJSON line of a snapshot stream (default; a client may ask 50–1000). */
export const SNAPSHOT_CHUNK_SIZE = 1000;

/** `GET /api/v1/sync/snapshot?collections=a,b`: the collections of one first download. */
export const SnapshotPlanQuerySchema = z.object({ collections: z.string().min(1).max(2000) });

/**
 * One collection's snapshot: the pull checkpoint it corresponds to (taken before any document is
 * read; replication pulls from it) and how many documents of the user's read scope it holds.
 */
export const SnapshotPartSchema = z.object({
  collection: z.string(),
  checkpoint: CheckpointSchema,
  total: z.number().int().min(0),
});
export type SnapshotPart = z.infer<typeof SnapshotPartSchema>;

export const SnapshotPlanSchema = z.object({ collections: z.array(SnapshotPartSchema) });
export type SnapshotPlan = z.infer<typeof SnapshotPlanSchema>;

/**
 * `GET /api/v1/sync/:collection/snapshot?checkpoint=<json>&after=<seq>&limit=<n>`: the documents of the
 * plan's checkpoint after `after` (0: from the start; a resumed download passes the last `after`
 * it stored).
 */
export const SnapshotQuerySchema = z.object({
  checkpoint: z.string().min(1).max(1000),
  after: z.coerce.number().int().min(0).default(0),
  /** Documents per line: smaller lines lose less to a cut on a bad connection. */
  limit: z.coerce.number().int().min(50).max(MAX_PULL_LIMIT).default(SNAPSHOT_CHUNK_SIZE),
});

/**
 * One line of the snapshot stream (application/x-ndjson): documents in seq order and the seq the
 * server has read up to (resume after it). The last line has `done: true`; a stream that ends
 * without it was cut.
 */
/**
 * DocStateSchema's check without its copy: parsing copies every key of an object, and a snapshot
 * line holds ~500 documents of ~2 KB each, which the desktop then stores as they are.
 */
const DocStateInPlaceSchema = z.custom<DocState>(
  (v) =>
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    typeof (v as { _deleted?: unknown })._deleted === 'boolean',
  { message: 'Документ без признака удаления (_deleted)' },
);

export const SnapshotChunkSchema = z.object({
  documents: z.array(DocStateInPlaceSchema),
  after: z.number().int().min(0),
  done: z.boolean().optional(),
});
export type SnapshotChunk = z.infer<typeof SnapshotChunkSchema>;

// --- Refusals -------------------------------------------------------------------------------

/** One of the caller's refused writes as `GET /api/v1/refusals/mine` returns it. */
export const RefusalSchema = z.object({
  /** The server's row number (a bigserial): a number on the wire. */
  id: z.number().int(),
  /** Server time, ISO 8601. */
  at: z.string().nullable(),
  collection: z.string(),
  docId: z.string().nullable(),
  /** Russian, for the user. */
  reason: z.string(),
  /** The device's name, when it still exists. */
  device: z.string().nullable(),
});
export type Refusal = z.infer<typeof RefusalSchema>;

export const RefusalsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export const RefusalsAnswerSchema = z.object({ refusals: z.array(RefusalSchema) });
export type RefusalsAnswer = z.infer<typeof RefusalsAnswerSchema>;

// --- Cell history ---------------------------------------------------------------------------

/** A part's stamp as the audit log keeps it (`null`: set at creation). */
const HistoryStampSchema = z.looseObject({ at: z.string(), by: z.string() }).nullable();

/** A value that lost a merge; `from` says which side lost when the server resolved it. */
export const SupersededEntrySchema = z.looseObject({
  path: z.string(),
  value: z.unknown(),
  stamp: HistoryStampSchema,
  from: z.enum(['server', 'client']).optional(),
});
export type SupersededEntry = z.infer<typeof SupersededEntrySchema>;

export const HistoryEntrySchema = z.object({
  seq: z.number().int().nullable(),
  /** Server time of the write. */
  at: z.string().nullable(),
  /** 'import' (loaded by the administrator), 'write', or 'superseded' (a push that lost entirely). */
  kind: z.string(),
  who: z.object({
    login: z.string().nullable(),
    staffId: z.string().nullable(),
    name: z.string().nullable(),
  }),
  device: z.object({ id: z.string().nullable(), name: z.string().nullable() }),
  path: z.string().nullable(),
  /** The HLC stamp of the part after this change (null for a whole document). */
  stamp: HistoryStampSchema,
  before: z.unknown(),
  after: z.unknown(),
  /** Values that lost a merge in this push, with their stamps. */
  superseded: z.array(SupersededEntrySchema),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

export const HistoryQuerySchema = z.object({ path: z.string().min(1).max(200).optional() });

/** `GET /api/v1/history/:collection/:id` → the document's (or one part's) entries, oldest first. */
export const HistoryAnswerSchema = z.object({
  collection: z.string(),
  id: z.string(),
  path: z.string().nullable(),
  entries: z.array(HistoryEntrySchema),
});
export type HistoryAnswer = z.infer<typeof HistoryAnswerSchema>;
