/**
 * The request-rate limit of a batch (`ratePerSecond`): a token bucket that every call of the batch takes a
 * token from before it is sent, first come first served. It holds at most `burst` tokens (default: a tenth
 * of a second's worth, at least one), so a batch never opens with a burst the provider would throttle, and
 * refills continuously. A throttling answer from the provider pauses it (`pause`): no call of the batch goes
 * out before the pause ends, and the bucket restarts empty, so the batch slows down together instead of
 * every call retrying on its own.
 */
import { AbortedError } from "../core/common/errors.ts";

export interface RateGate {
  /** Resolves when the call may be sent; rejects with `AbortedError` if the signal fires first. */
  take(signal?: AbortSignal): Promise<void>;
  /** The provider asked to slow down: no call for `ms` milliseconds. */
  pause(ms: number): void;
}

export interface TokenBucketOptions {
  /** Most tokens held at once (calls that may go out back to back). */
  burst?: number;
  /** For tests: the clock in milliseconds (default `performance.now`). */
  now?: () => number;
}

interface Waiter {
  resolve(): void;
  /** Set once granted or abandoned: the pump skips it. */
  settled: boolean;
}

/** No limit: every call goes at once (a pause still holds the batch back). */
export function tokenBucket(ratePerSecond: number | undefined, options: TokenBucketOptions = {}): RateGate {
  const now = options.now ?? (() => performance.now());
  const perMs = ratePerSecond === undefined ? Number.POSITIVE_INFINITY : ratePerSecond / 1000;
  const burst = options.burst ?? (ratePerSecond === undefined ? 1 : Math.max(1, ratePerSecond / 10));
  let tokens = burst;
  let refilledAt = now();
  let pausedUntil = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let queue: Waiter[] = [];
  let head = 0;

  const refill = (at: number) => {
    if (at <= refilledAt) return;
    tokens = perMs === Number.POSITIVE_INFINITY ? burst : Math.min(burst, tokens + (at - refilledAt) * perMs);
    refilledAt = at;
  };
  /** A token now, if the bucket is not paused and holds one. */
  const grab = (at: number): boolean => {
    if (at < pausedUntil) return false;
    refill(at);
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };
  const schedule = (ms: number) => {
    timer = setTimeout(pump, Math.max(1, Math.ceil(ms)));
  };
  function pump(): void {
    timer = undefined;
    while (head < queue.length) {
      const waiter = queue[head]!;
      if (!waiter.settled) {
        const at = now();
        if (!grab(at)) {
          schedule(at < pausedUntil ? pausedUntil - at : (1 - tokens) / perMs);
          return;
        }
        waiter.settled = true;
        waiter.resolve();
      }
      head++;
    }
    queue = [];
    head = 0;
  }

  return {
    take(signal) {
      if (signal?.aborted) return Promise.reject(new AbortedError("the batch was aborted", { cause: signal.reason }));
      // The common case: nobody waiting and a token free, no promise to wait on.
      if (head === queue.length && grab(now())) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const waiter: Waiter = { resolve, settled: false };
        if (signal) {
          const onAbort = () => {
            if (waiter.settled) return;
            waiter.settled = true;
            reject(new AbortedError("the batch was aborted", { cause: signal.reason }));
          };
          signal.addEventListener("abort", onAbort, { once: true });
          waiter.resolve = () => {
            signal.removeEventListener("abort", onAbort);
            resolve();
          };
        }
        queue.push(waiter);
        if (timer === undefined) pump();
      });
    },
    pause(ms) {
      const until = now() + ms;
      if (until <= pausedUntil) return;
      pausedUntil = until;
      tokens = 0;
      refilledAt = until;
    },
  };
}
