/**
 * `revertMany(snapshotIds, options)`: roll many volumes back, each to its snapshot, through the batch runner
 * (batch.ts). Two passes: every snapshot is inspected first (its volume, and the instance the volume is
 * attached to), then the targets are grouped by instance, so that a machine is stopped once, all of its
 * volumes are rolled back (Alibaba: one `ResetDisks` call for several disks of one instance), and it is
 * started once; volumes attached to nothing are a group each. `concurrency` bounds the inspections at once,
 * then the groups at once; `ratePerSecond` meters every call. One result per input snapshot, in input order:
 * `{ snapshotId, status: "fulfilled", result }` or `{ snapshotId, status: "rejected", error }`. Two snapshots
 * of one volume in one batch are refused (the second one's result names it): which should win is the
 * caller's choice, not ours.
 */
import { AbortedError, CloudDiskError, InvalidParameterError } from "../core/common/errors.ts";
import type { Rule } from "../core/common/option-rules.ts";
import { WAIT_OPTION_RULES } from "../waiters/engine.ts";
import { type BatchOptions, type BatchProgress, batchLane, checkBatchOptions, laneClient, runBatch, type Settled } from "./batch.ts";

export type RevertManyResult<Result = unknown> =
  | { snapshotId: string; status: "fulfilled"; result: Result }
  | { snapshotId: string; status: "rejected"; error: unknown };

export interface RevertManyOptions<Result = unknown> extends BatchOptions {
  /** Stop (and, on Huawei, detach) what the provider requires, and bring it back after: as `revert`'s `stopInstance`. */
  stopInstance?: boolean;
  /** Each wait's limit, as `revert` takes it. */
  maxWaitMs?: number;
  minDelayMs?: number;
  maxDelayMs?: number;
  onProgress?: (event: BatchProgress<RevertManyResult<Result>>) => void;
  /** For tests: the waits' delay and clock. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/** One snapshot as inspected before anything changes: what grouping needs of it. */
export interface RevertTarget {
  volume: { id: string };
  instance?: { id: string } | undefined;
}

/** What revertMany needs of the manager's revert, over the client it is given. */
export interface RevertSteps<Target extends RevertTarget, Result> {
  inspect(snapshotId: string, options: { signal?: AbortSignal }): Promise<Target>;
  /** Every target of one instance (or one detached volume) together; one settled outcome per target, in order. */
  revertTogether(targets: Target[], options: object): Promise<Array<Settled<Result>>>;
}

const MANY_RULES: Record<string, Rule> = {
  stopInstance: (value) => (typeof value === "boolean" ? undefined : "must be true or false"),
  maxWaitMs: WAIT_OPTION_RULES.maxWaitMs,
  minDelayMs: WAIT_OPTION_RULES.minDelayMs,
  maxDelayMs: WAIT_OPTION_RULES.maxDelayMs,
  sleep: WAIT_OPTION_RULES.sleep,
  now: WAIT_OPTION_RULES.now,
};

/** Wraps a client so that its calls go through the batch's lane (rate, throttling). */
export type LaneWrap = <Client extends object>(client: Client) => Client;

export async function revertMany<Target extends RevertTarget, Result>(
  stepsOver: (wrap: LaneWrap) => RevertSteps<Target, Result>,
  snapshotIds: readonly string[],
  options: RevertManyOptions<Result> = {},
): Promise<Array<RevertManyResult<Result>>> {
  if (!Array.isArray(snapshotIds)) throw new InvalidParameterError("snapshotIds", "must be an array of snapshot IDs");
  snapshotIds.forEach((id, index) => {
    if (typeof id !== "string" || !id) throw new InvalidParameterError(`snapshotIds[${index}]`, "must be a non-empty string");
  });
  const seen = new Map<string, number>();
  snapshotIds.forEach((id, index) => {
    if (seen.has(id)) throw new InvalidParameterError(`snapshotIds[${index}]`, `repeats snapshotIds[${seen.get(id)}] (${id})`);
    seen.set(id, index);
  });
  checkBatchOptions(options, MANY_RULES);
  const { onProgress, signal, stopInstance, maxWaitMs, minDelayMs, maxDelayMs, sleep, now } = options;
  const lane = batchLane(options);
  const steps = stepsOver((client) => laneClient(client, lane));
  const revertOptions = Object.fromEntries(
    Object.entries({ stopInstance, maxWaitMs, minDelayMs, maxDelayMs, signal, sleep, now }).filter(([, value]) => value !== undefined),
  );

  const results = new Array<RevertManyResult<Result>>(snapshotIds.length);
  const counts = { done: 0, fulfilled: 0, rejected: 0 };
  // An onProgress that throws stops the batch as an abort would (no group starts after it; those under way finish).
  const stopped = new AbortController();
  const batchSignal = signal ? AbortSignal.any([signal, stopped.signal]) : stopped.signal;
  const settle = (index: number, outcome: Settled<Result>) => {
    const snapshotId = snapshotIds[index]!;
    const result: RevertManyResult<Result> =
      outcome.status === "fulfilled"
        ? { snapshotId, status: "fulfilled", result: outcome.value }
        : { snapshotId, status: "rejected", error: outcome.error };
    results[index] = result;
    counts.done++;
    counts[outcome.status]++;
    try {
      onProgress?.({ total: snapshotIds.length, ...counts, throttled: lane.throttled, index, result });
    } catch (error) {
      if (!stopped.signal.aborted) stopped.abort(new AbortedError("the batch stopped: onProgress threw", { cause: error }));
    }
  };

  // 1. Inspect every snapshot (reads only).
  const inspected = await runBatch(
    snapshotIds,
    (id) => steps.inspect(id, signal ? { signal } : {}),
    (_id, outcome) => outcome,
    { ...options, signal: batchSignal, onProgress: undefined },
    lane,
  );

  // 2. Group by instance (a detached volume alone); a volume met twice is the caller's conflict to settle.
  const groups = new Map<string, number[]>();
  const volumes = new Map<string, number>();
  for (const [index, outcome] of inspected.entries()) {
    if (outcome.status === "rejected") {
      settle(index, outcome);
      continue;
    }
    const { volume, instance } = outcome.value;
    const first = volumes.get(volume.id);
    if (first !== undefined) {
      const error = new InvalidParameterError(`snapshotIds[${index}]`, `rolls back volume ${volume.id} again (snapshotIds[${first}] does)`);
      settle(index, { status: "rejected", error });
      continue;
    }
    volumes.set(volume.id, index);
    const key = instance ? `instance ${instance.id}` : `volume ${volume.id}`;
    groups.set(key, [...(groups.get(key) ?? []), index]);
  }

  // 3. Each group together: one stop and one start per instance.
  await runBatch(
    [...groups.values()],
    async (indices) => {
      const targets = indices.map((index) => (inspected[index] as { value: Target }).value);
      const outcomes = await steps.revertTogether(targets, revertOptions);
      for (const [k, index] of indices.entries())
        settle(index, outcomes[k] ?? { status: "rejected", error: new CloudDiskError("the rollback gave no outcome for this snapshot") });
    },
    (indices, outcome) => {
      if (outcome.status === "rejected") for (const index of indices) if (!results[index]) settle(index, outcome);
    },
    { ...options, signal: batchSignal, onProgress: undefined },
    lane,
  );
  return results;
}
