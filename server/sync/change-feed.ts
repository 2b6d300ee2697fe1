// Live events across server processes that share one PostgreSQL (docs/OPERATIONS.md). A write
// transaction sends NOTIFY at its commit; every process, the writer included, then reads the
// documents table after the last seq it has passed on and hands the rows to its streams and its
// rights index in seq order. Reading the table (not the notification) is what makes it exact:
// seq order is commit order (the write lock), a missed notification only delays events until
// the next one or the safety poll, and a reconnected listener catches up by seq.
import type { Db, Queryable } from '../db/db';
import { toNumber } from '../db/db';
import type { ChangeBatch, ChangeHub } from './changes';
import type { DocState } from './collections';

export const CHANGE_CHANNEL = 'journal_changes';

/** Rows per read while catching up. */
const PAGE = 500;
/** Catch up at least this often, whatever the notifications (a lost one, a silent network). */
const SAFETY_POLL_MS = 5_000;

/** Tells the other processes that this transaction wrote documents; sent when it commits. */
export async function announceChanges(tx: Queryable): Promise<void> {
  await tx.query('SELECT pg_notify($1, $2)', [CHANGE_CHANNEL, '']);
}

export class SharedChangeFeed {
  private lastSeq = 0;
  private started = false;
  private running: Promise<void> | null = null;
  private again = false;
  private stopListening: (() => Promise<void>) | null = null;
  private poll: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Db & Required<Pick<Db, 'listen'>>,
    private readonly hub: ChangeHub,
    /** The rights index and other per-process caches learn every write, whoever made it. */
    private readonly afterWrite: (collection: string, written: ChangeBatch['documents']) => void,
  ) {}

  /** Whether events come from here (started and not stopped). */
  get following(): boolean {
    return this.started;
  }

  /** From now on: what was written before the start is in the table for pulls to read. */
  async start(): Promise<void> {
    const result = await this.db.query('SELECT COALESCE(MAX(seq), 0) AS seq FROM documents');
    this.lastSeq = toNumber(result.rows[0]!.seq);
    this.started = true;
    const wake = () => void this.catchUp();
    this.stopListening = await this.db.listen(CHANGE_CHANNEL, wake, wake);
    this.poll = setInterval(wake, SAFETY_POLL_MS);
    this.poll.unref();
  }

  async stop(): Promise<void> {
    this.started = false;
    clearInterval(this.poll);
    await this.stopListening?.();
    this.stopListening = null;
    await this.running;
  }

  /** Passes on every committed write after the last one passed on; one run at a time. */
  catchUp(): Promise<void> {
    if (!this.started) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.readAll().catch(() => undefined);
      } while (this.again && this.started);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async readAll(): Promise<void> {
    for (;;) {
      const result = await this.db.query(
        `SELECT collection, seq, deleted, doc FROM documents
         WHERE seq > $1 ORDER BY seq LIMIT $2`,
        [this.lastSeq, PAGE],
      );
      // Consecutive rows of one collection make one batch, so events keep seq order.
      let batch: ChangeBatch | null = null;
      for (const row of result.rows) {
        const seq = toNumber(row.seq);
        const state = {
          ...(row.doc as Record<string, unknown>),
          _deleted: row.deleted === true,
        } as DocState;
        const collection = String(row.collection);
        if (batch && batch.collection !== collection) {
          this.pass(batch);
          batch = null;
        }
        batch ??= { collection, documents: [], checkpoint: { seq } };
        batch.documents.push({ seq, state });
        batch.checkpoint = { seq };
        this.lastSeq = seq;
      }
      if (batch) this.pass(batch);
      if (result.rows.length < PAGE) return;
    }
  }

  private pass(batch: ChangeBatch): void {
    this.afterWrite(batch.collection, batch.documents);
    this.hub.emit(batch);
  }
}
