/**
 * Fault and load knobs for users' tests: throttling at a configurable rate (a token bucket
 * on the wall clock: a test that advances the emulator's clock does not refill it), server
 * errors at a rate or exactly on the next N calls, and latency. The provider decides what a
 * throttled or failed answer looks like (its real throttling answer, its 5xx envelope).
 */
import { InvalidParameterError } from "../core/common/errors.ts";

export interface FaultOptions {
  /**
   * Requests per second served before the provider's throttling answer; the bucket holds one
   * second's worth (a burst of that many). Absent: no throttling.
   */
  ratePerSecond?: number | undefined;
  /** Share of requests (0 to 1) answered with the provider's server error. */
  serverErrorRate?: number | undefined;
  /** Delay before every answer, in ms: a fixed value, or `[min, max]` drawn uniformly. */
  latencyMs?: number | readonly [number, number] | undefined;
  /** Random source for the rates and latency (tests pass a seeded one). Defaults to `Math.random`. */
  random?: (() => number) | undefined;
}

export type FaultKind = "throttled" | "server-error";

/**
 * What the next N matching requests get, whatever the rates say (`emu.faults.failNext`):
 * a throttling answer, a server error, or (`resource-error`) an accepted request whose
 * resource then ends in the provider's error state (a snapshot `error`/`failed`, a
 * rollback `error_rollbacking`, a job `FAIL`); where the documents give the resource no
 * error state (Alibaba disks and instances: ResetDisk, CreateDisk, Stop/StartInstance), the
 * call fails with the documented `InternalError` instead (ResetDisks: each disk `Failed`).
 */
export interface ScheduledFault {
  kind: FaultKind | "resource-error";
  /** How many requests (default 1). */
  count?: number;
  /** Only requests of this operation (its operationId) count. */
  operation?: string;
}

export interface Faults {
  /** The fault a request gets, if any (counts it against the bucket and the scheduled faults). */
  pick(operation: string | undefined): FaultKind | undefined;
  /** Whether this accepted call's resource is to end in an error state (uses up one scheduled `resource-error`). */
  takeResourceError(operation: string): boolean;
  /** The delay before this answer, in ms. */
  delayMs(): number;
  failNext(fault: ScheduledFault): void;
  /** Changes the rates (the bucket starts full again). */
  configure(options: FaultOptions): void;
  reset(): void;
}

export function checkFaultOptions(options: FaultOptions, field = "faults"): string | undefined {
  const { ratePerSecond, serverErrorRate, latencyMs } = options;
  if (ratePerSecond !== undefined && !(typeof ratePerSecond === "number" && ratePerSecond > 0 && Number.isFinite(ratePerSecond)))
    return `${field}.ratePerSecond must be a finite number > 0`;
  if (serverErrorRate !== undefined && !(typeof serverErrorRate === "number" && serverErrorRate >= 0 && serverErrorRate <= 1))
    return `${field}.serverErrorRate must be a number from 0 to 1`;
  const range = typeof latencyMs === "number" ? [latencyMs, latencyMs] : latencyMs;
  if (
    range !== undefined &&
    !(
      Array.isArray(range) &&
      range.length === 2 &&
      range.every((ms) => typeof ms === "number" && ms >= 0 && ms <= 60_000) &&
      range[0]! <= range[1]!
    )
  )
    return `${field}.latencyMs must be a number of ms from 0 to 60000, or [min, max] with min ≤ max`;
  if (options.random !== undefined && typeof options.random !== "function") return `${field}.random must be a function`;
  return undefined;
}

export function createFaults(initial: FaultOptions = {}): Faults {
  let options: FaultOptions = initial;
  let tokens = 0;
  let refilledAt = 0;
  let scheduled: Array<Required<Pick<ScheduledFault, "kind" | "count">> & { operation?: string | undefined }> = [];
  /** Uses up one scheduled fault of these kinds that applies to the operation. */
  const take = (kinds: readonly string[], operation: string | undefined) => {
    const index = scheduled.findIndex(
      (fault) => kinds.includes(fault.kind) && (fault.operation === undefined || fault.operation === operation),
    );
    if (index < 0) return undefined;
    const fault = scheduled[index]!;
    if (--fault.count === 0) scheduled.splice(index, 1);
    return fault.kind;
  };
  const random = () => (options.random ?? Math.random)();
  const refill = () => {
    tokens = options.ratePerSecond ?? 0;
    refilledAt = performance.now();
  };
  refill();
  return {
    pick(operation) {
      const scheduledKind = take(["throttled", "server-error"], operation);
      if (scheduledKind !== undefined) return scheduledKind as FaultKind;
      const rate = options.ratePerSecond;
      if (rate !== undefined) {
        const now = performance.now();
        tokens = Math.min(rate, tokens + ((now - refilledAt) / 1000) * rate);
        refilledAt = now;
        if (tokens < 1) return "throttled";
        tokens -= 1;
      }
      if (options.serverErrorRate && random() < options.serverErrorRate) return "server-error";
      return undefined;
    },
    takeResourceError(operation) {
      return take(["resource-error"], operation) !== undefined;
    },
    delayMs() {
      const latency = options.latencyMs;
      if (latency === undefined) return 0;
      if (typeof latency === "number") return latency;
      return latency[0] + random() * (latency[1] - latency[0]);
    },
    failNext(fault) {
      const count = fault.count ?? 1;
      if (!Number.isInteger(count) || count < 1) throw new InvalidParameterError("count", "must be a whole number ≥ 1");
      if (!["throttled", "server-error", "resource-error"].includes(fault.kind))
        throw new InvalidParameterError("kind", "must be 'throttled', 'server-error' or 'resource-error'");
      if (fault.operation !== undefined && typeof fault.operation !== "string")
        throw new InvalidParameterError("operation", "must be an operationId");
      scheduled.push({ kind: fault.kind, count, operation: fault.operation });
    },
    configure(next) {
      options = next;
      refill();
    },
    reset() {
      options = initial;
      scheduled = [];
      refill();
    },
  };
}
