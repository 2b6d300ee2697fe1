// Hybrid logical clock (Kulkarni et al., 2014): timestamps that follow causality even when PC clocks are wrong.

/**
 * One HLC timestamp. `wallMs` is the largest physical time (ms since epoch) this node has
 * seen, `counter` orders events that share it, `node` identifies the device (breaks ties).
 */
export interface Hlc {
  wallMs: number;
  counter: number;
  node: string;
}

/** Widths of the zero-padded fields: 15 digits of ms last until the year 33658. */
const WALL_DIGITS = 15;
const COUNTER_DIGITS = 5;
export const MAX_WALL_MS = 10 ** WALL_DIGITS - 1;
export const MAX_COUNTER = 10 ** COUNTER_DIGITS - 1;

/** Node ids end the encoding, so they may not contain '-' (the separator) and must stay short. */
const NODE_PATTERN = /^[A-Za-z0-9_.:]{1,40}$/;
const ENCODED_PATTERN = /^(\d{15})-(\d{5})-([A-Za-z0-9_.:]{1,40})$/;

/** True for a string in exactly the encoding `encodeHlc` produces (the only form a stamp may take). */
export function isEncodedHlc(value: string): boolean {
  return ENCODED_PATTERN.test(value);
}

/** A remote clock this far ahead of ours is broken, not merely skewed. */
export const DEFAULT_MAX_DRIFT_MS = 365 * 24 * 60 * 60 * 1000;

/** Thrown by `receive` when a remote timestamp is implausibly far in the future. */
export class ClockDriftError extends Error {
  constructor(
    readonly remote: string,
    readonly localWallMs: number,
    readonly maxDriftMs: number,
  ) {
    super(
      `Remote timestamp ${remote} is more than ${maxDriftMs} ms ahead of local time ` +
        `${localWallMs}; refusing it so that one wrong clock cannot push every clock forward`,
    );
    this.name = 'ClockDriftError';
  }
}

export function isValidNodeId(node: string): boolean {
  return NODE_PATTERN.test(node);
}

function assertNodeId(node: string): void {
  if (!isValidNodeId(node)) {
    throw new Error(
      `Invalid HLC node id ${JSON.stringify(node)}: use 1–40 characters from A–Z a–z 0–9 _ . : (no '-')`,
    );
  }
}

/** Fixed-width fields make plain string comparison equal to (wallMs, counter, node) order. */
export function encodeHlc(t: Hlc): string {
  if (!Number.isInteger(t.wallMs) || t.wallMs < 0 || t.wallMs > MAX_WALL_MS) {
    throw new Error(`HLC wall time out of range: ${t.wallMs}`);
  }
  if (!Number.isInteger(t.counter) || t.counter < 0 || t.counter > MAX_COUNTER) {
    throw new Error(`HLC counter out of range: ${t.counter}`);
  }
  assertNodeId(t.node);
  const wall = String(t.wallMs).padStart(WALL_DIGITS, '0');
  const counter = String(t.counter).padStart(COUNTER_DIGITS, '0');
  return `${wall}-${counter}-${t.node}`;
}

export function decodeHlc(encoded: string): Hlc {
  const m = ENCODED_PATTERN.exec(encoded);
  if (!m) throw new Error(`Malformed HLC timestamp: ${JSON.stringify(encoded)}`);
  const [, wall, counter, node] = m as unknown as [string, string, string, string];
  return { wallMs: Number(wall), counter: Number(counter), node };
}

/** Total order of encoded timestamps: -1, 0 or 1. Plain string order by construction. */
export function compareHlc(a: string, b: string): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface ClockOptions {
  /** Reject remote wall times further than this ahead of local physical time. */
  maxDriftMs?: number;
  /** The last timestamp this node issued (persisted), so a restart never reissues an older one. */
  last?: string;
}

export interface Clock {
  readonly node: string;
  /** A local event (an edit): a timestamp greater than every one issued or received before. */
  tick(): string;
  /** Another node's timestamp was seen: advance past it. Returns the receive event's timestamp. */
  receive(remote: string): string;
  /** The most recent timestamp issued (for persisting between runs). */
  last(): string;
}

export function createClock(
  node: string,
  now: () => number = Date.now,
  options: ClockOptions = {},
): Clock {
  assertNodeId(node);
  const maxDriftMs = options.maxDriftMs ?? DEFAULT_MAX_DRIFT_MS;
  if (!(maxDriftMs >= 0)) throw new Error(`maxDriftMs must be non-negative: ${maxDriftMs}`);

  let wallMs = 0;
  let counter = 0;
  if (options.last !== undefined) {
    const restored = decodeHlc(options.last);
    wallMs = restored.wallMs;
    counter = restored.counter;
  }

  // A broken `now` (NaN, negative, fractional) must not corrupt the encoding.
  const physical = (): number => {
    const t = Math.floor(now());
    return Number.isFinite(t) ? Math.min(Math.max(t, 0), MAX_WALL_MS) : 0;
  };

  // Counter overflow borrows the next millisecond: still monotonic, just a little ahead of wall time.
  const bump = (): void => {
    if (counter < MAX_COUNTER) {
      counter += 1;
    } else {
      wallMs += 1;
      counter = 0;
    }
  };

  const current = (): string => encodeHlc({ wallMs, counter, node });

  return {
    node,
    tick() {
      const pt = physical();
      if (pt > wallMs) {
        wallMs = pt;
        counter = 0;
      } else {
        bump();
      }
      return current();
    },
    receive(remote) {
      const m = decodeHlc(remote);
      const pt = physical();
      if (m.wallMs - pt > maxDriftMs) throw new ClockDriftError(remote, pt, maxDriftMs);
      const nextWall = Math.max(wallMs, m.wallMs, pt);
      if (nextWall === wallMs && nextWall === m.wallMs) {
        counter = Math.max(counter, m.counter);
        bump();
      } else if (nextWall === wallMs) {
        bump();
      } else if (nextWall === m.wallMs) {
        wallMs = m.wallMs;
        counter = m.counter;
        bump();
      } else {
        wallMs = pt;
        counter = 0;
      }
      return current();
    },
    last: current,
  };
}
