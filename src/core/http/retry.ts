/**
 * Retry policy as data (cf. ky's `retry` option): which statuses are retried, how
 * many attempts, how long to wait. Whether an operation may be retried at all is
 * decided per operation (see `OperationSpec.retrySafe`): reads, and writes made
 * idempotent by a client token. Authentication failures are never retried, whatever
 * the policy says: Huawei locks an access key after repeated bad signatures.
 */
import { countProblem, msProblem, optionsProblem, type Rule } from "../common/option-rules.ts";

export interface RetryPolicy {
  /** Total attempts including the first. 1 disables retries. @default 3 */
  maxAttempts: number;
  /** HTTP statuses worth another attempt. @default [429, 500, 502, 503, 504] */
  statusCodes: readonly number[];
  /** First backoff step in ms; doubles each attempt. @default 250 */
  baseDelayMs: number;
  /** Upper bound for one backoff wait of our own. @default 20000 */
  maxDelayMs: number;
  /**
   * Longest server-requested wait (`Retry-After`) the client sits out before retrying. A server asking for
   * longer gets no retry: the call fails at once with the answer's error (a `ThrottledError` carries `retryAfterMs`). @default 60000
   */
  maxRetryAfterMs: number;
  /** Retry on connection errors (refused, reset, cut-off body). @default true */
  retryNetworkErrors: boolean;
  /** Retry when one attempt times out. @default true */
  retryTimeouts: boolean;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  maxAttempts: 3,
  statusCodes: Object.freeze([429, 500, 502, 503, 504]),
  baseDelayMs: 250,
  maxDelayMs: 20_000,
  maxRetryAfterMs: 60_000,
  retryNetworkErrors: true,
  retryTimeouts: true,
});

/** Never retried, even if a caller lists them: repeated bad signatures lock the key. */
const NEVER_RETRIED = new Set([401, 403]);

const delayProblem: Rule = (value) => msProblem(value, true);
const booleanProblem: Rule = (value) => (typeof value === "boolean" ? undefined : "must be true or false");

/** One rule per policy field: a NaN or Infinity would otherwise retry without end, a negative delay spin. */
const POLICY_RULES: Record<keyof RetryPolicy, Rule> = {
  maxAttempts: countProblem,
  statusCodes: (value) =>
    Array.isArray(value) && value.every((status) => Number.isInteger(status) && status >= 400 && status <= 599)
      ? undefined
      : "must be an array of HTTP error statuses (400–599)",
  baseDelayMs: delayProblem,
  maxDelayMs: delayProblem,
  maxRetryAfterMs: delayProblem,
  retryNetworkErrors: booleanProblem,
  retryTimeouts: booleanProblem,
};

/**
 * The `retry` option: `false` (one attempt), a number of attempts, or an object
 * overriding some defaults. Checked with the other options when a client is built
 * (config.ts), so a wrong one is a ConfigurationError naming it (`retry.maxAttempts`).
 */
export const retryProblem: Rule = (input) => {
  if (input === false) return undefined;
  if (typeof input === "number") return countProblem(input) && "as a number sets maxAttempts: it must be a whole number ≥ 1";
  const problem = optionsProblem(input, POLICY_RULES);
  // A whole-value problem (not an object) also says what else is accepted.
  return typeof problem === "string" ? problem.replace("must be", "must be false (no retries), a number of attempts, or") : problem;
};

/** The policy a `retry` option that passed `retryProblem` describes. */
export function resolveRetryPolicy(input: Partial<RetryPolicy> | number | false | undefined): RetryPolicy {
  if (input === undefined) return { ...DEFAULT_RETRY_POLICY };
  if (typeof input !== "object") return { ...DEFAULT_RETRY_POLICY, maxAttempts: input || 1 };
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY };
  for (const [key, value] of Object.entries(input)) {
    if (value !== undefined) (policy as unknown as Record<string, unknown>)[key] = Array.isArray(value) ? Object.freeze([...value]) : value;
  }
  return policy;
}

export function isRetryableStatus(policy: RetryPolicy, status: number): boolean {
  return !NEVER_RETRIED.has(status) && policy.statusCodes.includes(status);
}

/**
 * Milliseconds to wait before attempt `attempt + 1` (attempt counts from 1), or
 * `undefined` when the server asks for a longer wait than `maxRetryAfterMs`: then
 * there is no retry, and the answer's error (carrying `retryAfterMs`) goes to the caller
 * at once instead of being retried early against the server's word.
 * A server's `Retry-After` is honoured as given; otherwise exponential backoff with full
 * jitter, so many clients failing together do not retry in lockstep.
 */
export function retryDelayMs(
  policy: RetryPolicy,
  attempt: number,
  retryAfter: string | null,
  now: number,
  random: () => number = Math.random,
): number | undefined {
  const fromServer = parseRetryAfter(retryAfter, now);
  if (fromServer !== undefined) return fromServer <= policy.maxRetryAfterMs ? fromServer : undefined;
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(random() * ceiling);
}

/** `Retry-After` as delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
