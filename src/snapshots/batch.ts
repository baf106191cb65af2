/**
 * The batch runner under `snapshotMany` and `revertMany`: a pool that works on at most `concurrency` items at
 * once, a token bucket (`ratePerSecond`, rate.ts) that every call of the batch passes, throttling answers
 * absorbed (the bucket pauses for the answer's `Retry-After`, or a backoff, and the call is sent again: the
 * provider refused it, so nothing ran twice), cancellation, and one settled result per input, in input order:
 * an item is never dropped, whatever happens to the others. An abort settles every item not yet done as
 * rejected with `AbortedError`, and so does an `onProgress` that throws (its error the cause: the caller's
 * code failed, so no further item starts); the batch itself resolves.
 */
import { AbortedError, InvalidParameterError, ThrottledError } from "../core/common/errors.ts";
import { countProblem, functionProblem, isAbortSignal, optionsProblem, type Rule } from "../core/common/option-rules.ts";
import { type RateGate, tokenBucket } from "./rate.ts";

export interface BatchOptions {
  /** Items worked on at once (each from its first call to its last wait). Default 16. */
  concurrency?: number;
  /** The most calls per second the whole batch sends (creates, polls, reads). Default: no limit of our own. */
  ratePerSecond?: number;
  /** Stops the batch: items not yet done settle as rejected with `AbortedError`. */
  signal?: AbortSignal;
  /** How many times one call refused for throttling is sent again before its item fails with the `ThrottledError`. Default 8. */
  maxThrottleRetries?: number;
}

/** After each item settles. */
export interface BatchProgress<Result> {
  total: number;
  done: number;
  fulfilled: number;
  rejected: number;
  /** Calls refused for throttling and sent again so far (none reached the caller). */
  throttled: number;
  /** The input's position and its result. */
  index: number;
  result: Result;
}

export const DEFAULT_CONCURRENCY = 16;
export const DEFAULT_MAX_THROTTLE_RETRIES = 8;

const rateProblem: Rule = (value) =>
  typeof value === "number" && value > 0 && Number.isFinite(value) ? undefined : "must be a finite number > 0 (calls per second)";
const retriesProblem: Rule = (value) => (Number.isSafeInteger(value) && (value as number) >= 0 ? undefined : "must be a whole number ≥ 0");
export const BATCH_RULES: Record<keyof BatchOptions | "onProgress", Rule> = {
  concurrency: countProblem,
  ratePerSecond: rateProblem,
  signal: (value) => (isAbortSignal(value) ? undefined : "must be an AbortSignal"),
  maxThrottleRetries: retriesProblem,
  onProgress: functionProblem,
};

/** Checks batch options (and the caller's own `rules` for further keys); an `InvalidParameterError` naming `options.<key>`. */
export function checkBatchOptions(options: unknown, rules: Record<string, Rule> = {}): void {
  const problem = optionsProblem(options, { ...BATCH_RULES, ...rules });
  if (problem)
    throw typeof problem === "string"
      ? new InvalidParameterError("options", problem)
      : new InvalidParameterError(`options.${problem[0]}`, problem[1]);
}

/** What every call of one batch goes through. */
export interface BatchLane {
  gate: RateGate;
  maxThrottleRetries: number;
  signal: AbortSignal | undefined;
  /** Throttling answers absorbed so far. */
  throttled: number;
}

export function batchLane(options: BatchOptions): BatchLane {
  return {
    gate: tokenBucket(options.ratePerSecond),
    maxThrottleRetries: options.maxThrottleRetries ?? DEFAULT_MAX_THROTTLE_RETRIES,
    signal: options.signal,
    throttled: 0,
  };
}

/** Backoff after the n-th throttling answer without `Retry-After`: 0.5 s doubling to 16 s, with jitter. */
const throttleBackoffMs = (attempt: number) => 500 * 2 ** Math.min(attempt, 5) * (0.5 + Math.random() / 2);

/** Sends one call through the lane: a token first; on a throttling answer, pause the lane and send it again. */
export async function throughLane<T>(lane: BatchLane, signal: AbortSignal | undefined, call: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    await lane.gate.take(signal ?? lane.signal);
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof ThrottledError) || attempt >= lane.maxThrottleRetries) throw error;
      lane.throttled++;
      lane.gate.pause(error.retryAfterMs ?? throttleBackoffMs(attempt));
    }
  }
}

/**
 * The client as the batch uses it: every operation method (and `invoke`) sent through the lane. `paginate` is
 * left as it is (its pages are not counted against the rate).
 */
export function laneClient<Client extends object>(client: Client, lane: BatchLane): Client {
  const view: Record<string, unknown> = { ...(client as Record<string, unknown>) };
  for (const [key, value] of Object.entries(client)) {
    if (typeof value !== "function" || key === "paginate") continue;
    view[key] = (...args: unknown[]) => {
      const options = args[1] as { signal?: AbortSignal } | undefined;
      return throughLane(lane, options?.signal, () => (value as (...a: unknown[]) => Promise<unknown>).apply(client, args));
    };
  }
  return view as Client;
}

export type Settled<Value> = { status: "fulfilled"; value: Value } | { status: "rejected"; error: unknown };

/**
 * Runs `work` over `items`, at most `concurrency` at once, in input order; one settled result per item, in
 * input order. `settle` turns an item's outcome into the result the caller gets (and is reported by `onProgress`).
 */
export async function runBatch<Item, Value, Result>(
  items: readonly Item[],
  work: (item: Item, index: number) => Promise<Value>,
  settle: (item: Item, outcome: Settled<Value>) => Result,
  options: BatchOptions & { onProgress?: ((event: BatchProgress<Result>) => void) | undefined },
  lane: BatchLane,
): Promise<Result[]> {
  const results = new Array<Result>(items.length);
  const counts = { done: 0, fulfilled: 0, rejected: 0 };
  let next = 0;
  /** Set when `onProgress` throws: the caller wants out, as with an abort (its error the cause). */
  let progressFailure: { error: unknown } | undefined;
  const record = (index: number, outcome: Settled<Value>) => {
    const result = settle(items[index]!, outcome);
    results[index] = result;
    counts.done++;
    counts[outcome.status]++;
    try {
      options.onProgress?.({ total: items.length, ...counts, throttled: lane.throttled, index, result });
    } catch (error) {
      progressFailure ??= { error };
    }
  };
  const notStarted = (): AbortedError | undefined => {
    if (options.signal?.aborted)
      return new AbortedError("the batch was aborted before this item started", { cause: options.signal.reason });
    if (progressFailure)
      return new AbortedError("the batch stopped before this item started: onProgress threw", { cause: progressFailure.error });
    return undefined;
  };
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      const stopped = notStarted();
      if (stopped) {
        record(index, { status: "rejected", error: stopped });
        continue;
      }
      let outcome: Settled<Value>;
      try {
        outcome = { status: "fulfilled", value: await work(items[index]!, index) };
      } catch (error) {
        outcome = { status: "rejected", error };
      }
      record(index, outcome);
    }
  };
  const workers = Math.min(options.concurrency ?? DEFAULT_CONCURRENCY, items.length);
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}
