// The wire types of the school server's admin routes for accounts (docs/SYNC.md): a compromise
// marking's report — shown to the deputy, stored for the record — and a registered device. Shared by
// the server (server/compromise, server/auth/sessions.ts) and the «Учётные записи» tab.

/** A person or device as shown in the report. */
export interface ReportActor {
  login: string | null;
  /** Full name of the staff member behind the account, when known. */
  name: string | null;
}

export interface ReportDevice {
  id: string | null;
  name: string | null;
}

/** Where a change was made, in the journal's own terms (class, subject, date, student). */
export interface ChangePlace {
  collection: string;
  docId: string;
  /** The part: "topic", "entries.<studentId>", "marks.<studentId>", "_deleted"… */
  path: string;
  /** "7А, Математика, урок 12.11.2026 (2-й), Иванова Мария Петровна: отметки и посещаемость" */
  label: string;
}

/** A write made with the compromised account after `since`, undone by this marking. */
export interface UndoneChange extends ChangePlace {
  seq: number;
  at: string | null;
  device: ReportDevice;
  /** The value the compromised account wrote (null when it removed the part). */
  compromisedValue: unknown;
  /** The value the part has again (null: the part is absent again). */
  restoredValue: unknown;
}

/** A part the compromised account wrote that someone else changed later: their change stays. */
export interface KeptChange extends ChangePlace {
  /** The compromised write. */
  compromisedSeq: number;
  compromisedAt: string | null;
  compromisedValue: unknown;
  /** The later write by another person, which stays. */
  seq: number;
  at: string | null;
  by: ReportActor;
  keptValue: unknown;
}

/** A document the compromised account created after `since`. */
export interface CreatedDocument {
  collection: string;
  docId: string;
  label: string;
  seq: number;
  at: string | null;
  device: ReportDevice;
  /**
   * cancelled: a lesson, set to «отменён» with its compromised content cleared;
   * cleared: period marks whose compromised marks were removed; removed: a reference document
   * tombstoned; manual: left for the administrator (see `note`).
   */
  action: 'cancelled' | 'cleared' | 'removed' | 'manual';
  note: string;
}

export interface CompromiseReport {
  id: number;
  login: string;
  accountId: string;
  displayName: string;
  /** The reported moment: every write with the account from then on is invalid. */
  since: string;
  /** When the marking ran, and who ran it. */
  createdAt: string;
  by: ReportActor;
  /** Devices and tokens revoked now (0 on a repeated run). */
  revokedDevices: number;
  revokedTokens: number;
  /** The password was voided now (false when it already was). */
  passwordVoided: boolean;
  undone: UndoneChange[];
  kept: KeptChange[];
  created: CreatedDocument[];
  /** Compromised parts already undone by an earlier marking (a repeated run). */
  alreadyUndone: number;
  /** Documents rewritten by this marking (each with a new seq). */
  documentsWritten: number;
}

/** A device an account logged in from (GET /api/v1/admin/devices). */
export interface Device {
  id: string;
  accountId: string;
  login?: string;
  name: string;
  createdAt: string | null;
  lastSeenAt: string | null;
  lastIp: string | null;
  revokedAt: string | null;
}
