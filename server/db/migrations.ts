// Versioned schema migrations: an ordered list, applied once each, recorded in schema_migrations.
import type { Db } from './db';

export interface Migration {
  version: number;
  name: string;
  /** Statements run in order inside the migration's transaction. */
  statements: string[];
}

/** Append only: never edit a migration that has shipped, add the next version instead. */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'accounts, devices, tokens',
    statements: [
      `CREATE TABLE accounts (
        id text PRIMARY KEY,
        login text NOT NULL UNIQUE,
        display_name text NOT NULL DEFAULT '',
        password_hash text NOT NULL,
        staff_id text,
        roles jsonb NOT NULL DEFAULT '[]'::jsonb,
        disabled boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE TABLE devices (
        id text PRIMARY KEY,
        account_id text NOT NULL REFERENCES accounts (id),
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz,
        last_ip text,
        revoked_at timestamptz
      )`,
      `CREATE INDEX devices_account ON devices (account_id)`,
      `CREATE TABLE tokens (
        token_hash text PRIMARY KEY,
        device_id text NOT NULL REFERENCES devices (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      )`,
      `CREATE INDEX tokens_device ON tokens (device_id)`,
    ],
  },
  {
    version: 2,
    name: 'replicated documents, audit log, refusals',
    statements: [
      // ONE global sequence orders every accepted write of every collection.
      `CREATE SEQUENCE document_seq`,
      `CREATE TABLE documents (
        collection text NOT NULL,
        id text NOT NULL,
        seq bigint NOT NULL UNIQUE,
        deleted boolean NOT NULL DEFAULT false,
        doc jsonb NOT NULL,
        updated_by text,
        updated_device text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (collection, id)
      )`,
      `CREATE INDEX documents_collection_seq ON documents (collection, seq)`,
      `CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        collection text NOT NULL,
        doc_id text NOT NULL,
        seq bigint NOT NULL,
        account_id text,
        device_id text,
        at timestamptz NOT NULL DEFAULT now(),
        before jsonb,
        after jsonb NOT NULL
      )`,
      `CREATE INDEX audit_log_doc ON audit_log (collection, doc_id, seq)`,
      `CREATE TABLE refusals (
        id bigserial PRIMARY KEY,
        collection text NOT NULL,
        doc_id text,
        account_id text,
        device_id text,
        at timestamptz NOT NULL DEFAULT now(),
        reason text NOT NULL,
        attempted jsonb
      )`,
      `CREATE INDEX refusals_at ON refusals (at)`,
    ],
  },
  {
    version: 3,
    name: 'audit log: changed parts, superseded values, entries without a write',
    statements: [
      // Per changed part: path, before, after, stamps (null for a new document).
      `ALTER TABLE audit_log ADD COLUMN parts jsonb`,
      // Values that lost a server-side merge (with their stamps).
      `ALTER TABLE audit_log ADD COLUMN superseded jsonb`,
      // 'write' (a stored change), 'superseded' (a push whose every part lost: no seq), 'import'.
      `ALTER TABLE audit_log ADD COLUMN kind text NOT NULL DEFAULT 'write'`,
      `ALTER TABLE audit_log ALTER COLUMN seq DROP NOT NULL`,
      `CREATE INDEX refusals_account ON refusals (account_id, id)`,
    ],
  },
  {
    version: 4,
    name: 'compromised accounts, compromise reports, login attempts',
    statements: [
      // Set when the account was marked compromised; its tokens issued before are refused with a
      // message saying so. The password is replaced by an unusable marker until an admin sets one.
      `ALTER TABLE accounts ADD COLUMN compromised_at timestamptz`,
      `ALTER TABLE accounts ADD COLUMN password_reset_required boolean NOT NULL DEFAULT false`,
      `CREATE TABLE compromise_reports (
        id bigserial PRIMARY KEY,
        account_id text NOT NULL REFERENCES accounts (id),
        login text NOT NULL,
        since timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by text NOT NULL,
        report jsonb NOT NULL
      )`,
      `CREATE INDEX compromise_reports_account ON compromise_reports (account_id, id)`,
      // Every login attempt: who tried which login from where, and the outcome. Never a password.
      `CREATE TABLE login_attempts (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        login text NOT NULL,
        ip text,
        outcome text NOT NULL,
        account_id text
      )`,
      `CREATE INDEX login_attempts_login ON login_attempts (login, id)`,
      `CREATE INDEX login_attempts_at ON login_attempts (at)`,
      `CREATE INDEX audit_log_account ON audit_log (account_id, at)`,
    ],
  },
  {
    version: 6,
    name: 'one-time set-up code of an empty server; known sign-in addresses',
    statements: [
      // Only the SHA-256 of the code printed at start; the row is deleted when the code is used.
      `CREATE TABLE setup_codes (
        code_hash text PRIMARY KEY,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      // The lockout asks «has this login signed in from this address?» on every login attempt.
      `CREATE INDEX login_attempts_success ON login_attempts (login, ip) WHERE outcome = 'success'`,
    ],
  },
  {
    version: 7,
    name: 'lessons by class and date (timetable generation)',
    statements: [
      // Regeneration after a timetable change reads one class's lessons from a date on.
      `CREATE INDEX documents_lessons_class_date ON documents ((doc->>'classId'), (doc->>'date'))
         WHERE collection = 'lessons'`,
    ],
  },
  {
    version: 8,
    name: 'one-time passwords',
    statements: [
      // Set when an administrator hands out a password (a new account, a reset): the first sign-in
      // must choose a new one before any device is registered.
      `ALTER TABLE accounts ADD COLUMN must_change_password boolean NOT NULL DEFAULT false`,
    ],
  },
  {
    version: 9,
    name: 'family e-diary: family accounts, links, sessions, views, settings, notifications',
    statements: [
      // Parents' and students' accounts of the e-diary (server/family/). Never in `accounts`: a
      // family token is unknown to every staff route by construction.
      `CREATE TABLE family_accounts (
        id text PRIMARY KEY,
        login text NOT NULL UNIQUE,
        kind text NOT NULL,
        display_name text NOT NULL,
        password_hash text NOT NULL,
        password_temporary boolean NOT NULL DEFAULT true,
        temporary_expires_at timestamptz,
        disabled_at timestamptz,
        disabled_reason text,
        compromised_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by text,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
      // Which children an account reads, and through which guardian's consent (null: the
      // student's own account). Inactive links are kept as the record of access that ended.
      `CREATE TABLE family_links (
        account_id text NOT NULL REFERENCES family_accounts (id),
        student_id text NOT NULL,
        guardian_id text,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by text,
        ended_at timestamptz,
        ended_reason text,
        PRIMARY KEY (account_id, student_id)
      )`,
      `CREATE INDEX family_links_student ON family_links (student_id, guardian_id)`,
      `CREATE TABLE family_sessions (
        token_hash text PRIMARY KEY,
        account_id text NOT NULL REFERENCES family_accounts (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        revoked_reason text
      )`,
      `CREATE INDEX family_sessions_account ON family_sessions (account_id)`,
      // Every diary page a family opened: who, which child, what, when; the address only as long
      // as the school's setting says (ipRetentionDays).
      `CREATE TABLE diary_views (
        id bigserial PRIMARY KEY,
        account_id text NOT NULL,
        student_id text NOT NULL,
        what text NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        ip text
      )`,
      `CREATE INDEX diary_views_student ON diary_views (student_id, at)`,
      `CREATE INDEX diary_views_with_ip ON diary_views (at) WHERE ip IS NOT NULL`,
      // The school's e-diary settings (one row): class averages, retention, channels, SMTP.
      `CREATE TABLE diary_settings (
        id integer PRIMARY KEY CHECK (id = 1),
        settings jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by text
      )`,
      // A family's opt-in to notifications.
      `CREATE TABLE family_notifications (
        account_id text PRIMARY KEY REFERENCES family_accounts (id),
        email text NOT NULL DEFAULT '',
        daily_digest boolean NOT NULL DEFAULT false,
        period_marks boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
      // Messages waiting to be sent, sent, or given up on; one row per message (dedupe_key).
      `CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        dedupe_key text NOT NULL UNIQUE,
        account_id text,
        channel text NOT NULL,
        recipient text NOT NULL,
        subject text NOT NULL,
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        gave_up_at timestamptz,
        last_error text
      )`,
      `CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE sent_at IS NULL AND gave_up_at IS NULL`,
      // How far the notifier has read the audit log (period marks set) and made digests.
      `CREATE TABLE notification_cursors (
        name text PRIMARY KEY,
        position bigint NOT NULL DEFAULT 0,
        day text
      )`,
      // The diary reads one class's lessons by date (migration 7's index), a class's period marks,
      // a student's consents.
      `CREATE INDEX documents_period_marks_class ON documents ((doc->>'classId'))
        WHERE collection = 'periodMarks'`,
      `CREATE INDEX documents_consents_student ON documents ((doc->>'studentId'))
        WHERE collection = 'consents'`,
      // «Who changed my child's data»: audit rows whose changed parts name the child.
      `CREATE INDEX audit_log_parts ON audit_log USING gin (parts jsonb_path_ops)`,
    ],
  },
  {
    version: 10,
    name: 'read scope columns and remembered scopes',
    statements: [
      // A scoped pull selects by class and course in SQL (server/sync/read-scope.ts grantSql);
      // the write path (server/sync/store.ts) fills both from the document.
      `ALTER TABLE documents ADD COLUMN class_id text, ADD COLUMN course_id text`,
      `UPDATE documents SET class_id = doc->>'classId', course_id = doc->>'courseId'
         WHERE doc ? 'classId' OR doc ? 'courseId'`,
      `CREATE INDEX documents_scope_class ON documents (collection, class_id, seq)`,
      `CREATE INDEX documents_scope_course ON documents (collection, course_id, seq)`,
      // Every read grant a checkpoint was handed out under, per account and hash (null: the
      // whole school): when a user's scope changes, the documents of the old grant outside the
      // new one are sent as tombstones — only of a grant that account was really given.
      `CREATE TABLE read_scopes (
        account_id text NOT NULL,
        hash text NOT NULL,
        grant_json jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (account_id, hash)
      )`,
    ],
  },
  {
    version: 11,
    name: 'login failure counters in the database',
    statements: [
      // The waits after wrong passwords (server/auth/rate-limit.ts), shared by every server
      // process on the database; '' where a counter does not use the login or the address.
      `CREATE TABLE login_failures (
        counter text NOT NULL,
        login text NOT NULL,
        address text NOT NULL,
        failures integer NOT NULL,
        last_failure_ms bigint NOT NULL,
        locked_until_ms bigint NOT NULL,
        PRIMARY KEY (counter, login, address)
      )`,
      `CREATE INDEX login_failures_login ON login_failures (login)`,
    ],
  },
  {
    version: 12,
    name: 'family auth epoch',
    statements: [
      // One counter bumped, in the writing transaction, by every write that can end or change a
      // family's session or the links its rights check reads (docs/DIARY.md «Performance»): the
      // diary's in-process caches of sessions and children are valid only while it is unchanged,
      // also across server processes on one PostgreSQL. The bump's row lock orders such writers.
      `CREATE TABLE family_epoch (
        one boolean PRIMARY KEY DEFAULT true CHECK (one),
        n bigint NOT NULL
      )`,
      `INSERT INTO family_epoch (one, n) VALUES (true, 0)`,
      `CREATE FUNCTION family_epoch_bump() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         UPDATE family_epoch SET n = n + 1;
         RETURN NULL;
       END $$`,
      `CREATE TRIGGER family_accounts_epoch AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
         ON family_accounts FOR EACH STATEMENT EXECUTE FUNCTION family_epoch_bump()`,
      `CREATE TRIGGER family_links_epoch AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
         ON family_links FOR EACH STATEMENT EXECUTE FUNCTION family_epoch_bump()`,
      // Not a new session (no cache can hold an unknown token), and not a recorded use (SessionUse
      // writes only last_used_at forward, at the evening peak's rate) — but a use moved back.
      `CREATE TRIGGER family_sessions_epoch_update AFTER UPDATE ON family_sessions FOR EACH ROW
         WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at
           OR OLD.revoked_reason IS DISTINCT FROM NEW.revoked_reason
           OR OLD.account_id IS DISTINCT FROM NEW.account_id
           OR OLD.token_hash IS DISTINCT FROM NEW.token_hash
           OR OLD.created_at IS DISTINCT FROM NEW.created_at
           OR NEW.last_used_at < OLD.last_used_at)
         EXECUTE FUNCTION family_epoch_bump()`,
      `CREATE TRIGGER family_sessions_epoch_delete AFTER DELETE OR TRUNCATE ON family_sessions
         FOR EACH STATEMENT EXECUTE FUNCTION family_epoch_bump()`,
    ],
  },
  {
    version: 13,
    name: 'family auth changes per account',
    statements: [
      // Which account each bump of family_epoch was for (NULL: every account, a TRUNCATE), so a
      // logout drops that family's cached session only, not every family's (docs/DIARY.md
      // «Performance»). The bump's row lock still orders the writers, so the numbers commit in
      // order and without gaps; the newest 100,000 are kept (a process that fell further behind
      // sees a gap and drops everything).
      `CREATE TABLE family_auth_changes (
        n bigint PRIMARY KEY,
        account_id text
      )`,
      `CREATE FUNCTION family_auth_change(account text) RETURNS void LANGUAGE plpgsql AS $$
       DECLARE v bigint;
       BEGIN
         UPDATE family_epoch SET n = n + 1 RETURNING n INTO v;
         INSERT INTO family_auth_changes (n, account_id) VALUES (v, account);
         DELETE FROM family_auth_changes WHERE n <= v - 100000;
       END $$`,
      `CREATE FUNCTION family_account_row_changed() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF TG_OP <> 'INSERT' THEN PERFORM family_auth_change(OLD.id); END IF;
         IF TG_OP <> 'DELETE' THEN PERFORM family_auth_change(NEW.id); END IF;
         RETURN NULL;
       END $$`,
      // family_links and family_sessions: the row's account.
      `CREATE FUNCTION family_auth_row_changed() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF TG_OP <> 'INSERT' THEN PERFORM family_auth_change(OLD.account_id); END IF;
         IF TG_OP <> 'DELETE' THEN PERFORM family_auth_change(NEW.account_id); END IF;
         RETURN NULL;
       END $$`,
      `CREATE FUNCTION family_auth_all_changed() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         PERFORM family_auth_change(NULL);
         RETURN NULL;
       END $$`,
      `DROP TRIGGER family_accounts_epoch ON family_accounts`,
      `DROP TRIGGER family_links_epoch ON family_links`,
      `DROP TRIGGER family_sessions_epoch_update ON family_sessions`,
      `DROP TRIGGER family_sessions_epoch_delete ON family_sessions`,
      `DROP FUNCTION family_epoch_bump()`,
      `CREATE TRIGGER family_accounts_auth AFTER INSERT OR UPDATE OR DELETE ON family_accounts
         FOR EACH ROW EXECUTE FUNCTION family_account_row_changed()`,
      `CREATE TRIGGER family_links_auth AFTER INSERT OR UPDATE OR DELETE ON family_links
         FOR EACH ROW EXECUTE FUNCTION family_auth_row_changed()`,
      // As before: not a new session, not a recorded use (last_used_at forward) — a use moved back.
      `CREATE TRIGGER family_sessions_auth AFTER UPDATE ON family_sessions FOR EACH ROW
         WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at
           OR OLD.revoked_reason IS DISTINCT FROM NEW.revoked_reason
           OR OLD.account_id IS DISTINCT FROM NEW.account_id
           OR OLD.token_hash IS DISTINCT FROM NEW.token_hash
           OR OLD.created_at IS DISTINCT FROM NEW.created_at
           OR NEW.last_used_at < OLD.last_used_at)
         EXECUTE FUNCTION family_auth_row_changed()`,
      `CREATE TRIGGER family_sessions_auth_delete AFTER DELETE ON family_sessions
         FOR EACH ROW EXECUTE FUNCTION family_auth_row_changed()`,
      `CREATE TRIGGER family_accounts_auth_truncate AFTER TRUNCATE ON family_accounts
         FOR EACH STATEMENT EXECUTE FUNCTION family_auth_all_changed()`,
      `CREATE TRIGGER family_links_auth_truncate AFTER TRUNCATE ON family_links
         FOR EACH STATEMENT EXECUTE FUNCTION family_auth_all_changed()`,
      `CREATE TRIGGER family_sessions_auth_truncate AFTER TRUNCATE ON family_sessions
         FOR EACH STATEMENT EXECUTE FUNCTION family_auth_all_changed()`,
    ],
  },
  {
    version: 14,
    name: 'scope columns generated from the document',
    statements: [
      // What a snapshot of lessons, period marks and consents sends is selected by these columns
      // alone (readIsGrant, server/sync/engine.ts): generated by the database, they equal the
      // document's fields whatever writes the row — the write path, a hand-made SQL fix, a tool.
      `DROP INDEX documents_scope_class`,
      `DROP INDEX documents_scope_course`,
      `ALTER TABLE documents DROP COLUMN class_id, DROP COLUMN course_id`,
      `ALTER TABLE documents
         ADD COLUMN class_id text GENERATED ALWAYS AS (doc->>'classId') STORED,
         ADD COLUMN course_id text GENERATED ALWAYS AS (doc->>'courseId') STORED`,
      `CREATE INDEX documents_scope_class ON documents (collection, class_id, seq)`,
      `CREATE INDEX documents_scope_course ON documents (collection, course_id, seq)`,
    ],
  },
];

/** Any fixed number: every server process migrating the same database takes this lock first. */
const MIGRATION_LOCK_KEY = 7_310_001;

/** Applies every migration newer than the database's version; returns the versions applied. */
export async function migrate(db: Db, list: readonly Migration[] = migrations): Promise<number[]> {
  await db.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const applied: number[] = [];
  for (const migration of [...list].sort((a, b) => a.version - b.version)) {
    await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      const done = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [
        migration.version,
      ]);
      if (done.rows.length > 0) return;
      for (const statement of migration.statements) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      applied.push(migration.version);
    });
  }
  return applied;
}
