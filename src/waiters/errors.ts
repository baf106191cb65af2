/** The ways a wait ends without success (besides `AbortedError` and a poll's own error, rethrown as it is). */
import { CloudDiskError, type Provider } from "../core/common/errors.ts";

export interface WaitErrorDetails {
  provider: Provider;
  /** The polled operation. */
  operation: string;
  waiter: string;
  attempts: number;
  elapsedMs: number;
  /** The last success body the wait saw (`undefined` if every poll failed). */
  lastObserved: unknown;
  cause?: unknown;
}

abstract class WaitError extends CloudDiskError {
  readonly waiter: string;
  readonly attempts: number;
  readonly elapsedMs: number;
  readonly lastObserved: unknown;
  constructor(message: string, details: WaitErrorDetails) {
    super(
      `${details.provider} ${details.waiter}: ${message} (${details.attempts} poll${details.attempts === 1 ? "" : "s"} of ${details.operation} in ${Math.round(details.elapsedMs)} ms)`,
      details,
    );
    this.waiter = details.waiter;
    this.attempts = details.attempts;
    this.elapsedMs = details.elapsedMs;
    this.lastObserved = details.lastObserved;
  }
}

/** The resource reached a state it cannot leave for the one waited for (`error`, `failed`): the wait ended at once. */
export class WaitFailedError extends WaitError {
  override name = "WaitFailedError";
}

/** `maxWaitMs` passed before the resource reached the state waited for. */
export class WaitTimeoutError extends WaitError {
  override name = "WaitTimeoutError";
  readonly maxWaitMs: number;
  constructor(maxWaitMs: number, details: WaitErrorDetails) {
    super(`not done within maxWaitMs (${maxWaitMs} ms)`, details);
    this.maxWaitMs = maxWaitMs;
  }
}
