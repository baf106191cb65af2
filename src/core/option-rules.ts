/**
 * What fetch, `Headers` and timers accept, as rules that return a problem (or
 * nothing). Client configuration (ConfigurationError) and per-call options
 * (InvalidParameterError) both use them, so a value is refused the same way wherever
 * it is given, before anything is sent, instead of failing later as a bare
 * `TypeError` from fetch or, worse, being sent changed.
 */

/**
 * The longest delay a timer keeps: `setTimeout` stores it as a signed 32-bit number, and
 * a longer one fires at once (Node warns and uses 1 ms), so a huge timeout would time
 * every attempt out immediately (https://developer.mozilla.org/en-US/docs/Web/API/Window/setTimeout#maximum_delay_value).
 */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** A number of milliseconds for a timer: finite, > 0 (or ≥ 0 where `allowZero`), at most MAX_TIMER_MS. */
export function msProblem(value: unknown, allowZero = false): string | undefined {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || (value === 0 && !allowZero) || value > MAX_TIMER_MS) {
    return `must be a number of milliseconds ${allowZero ? "≥ 0" : "> 0"} and ≤ ${MAX_TIMER_MS}`;
  }
  return undefined;
}

/** A header name: an RFC 9110 token (https://www.rfc-editor.org/rfc/rfc9110#section-5.6.2). */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/**
 * A header value the request can carry unchanged and sign as it is sent: printable
 * ASCII and tabs inside. fetch refuses CR, LF and NUL, sends other characters up to
 * U+00FF as single bytes while every signer here hashes UTF-8 (a signature mismatch),
 * and trims leading and trailing whitespace (the signed value would differ from the sent one).
 */
const SENDABLE_VALUE = /^(?:[\x21-\x7e](?:[\t\x20-\x7e]*[\x21-\x7e])?)?$/;

/** A header name safe to quote in an error (`field` / `option`): controls and non-ASCII shown as `?`. */
export function printableName(name: string): string {
  return name.replace(/[^\x21-\x7e]/g, "?");
}

export interface HeaderProblem {
  /** The offending header's name (printable), or undefined when the whole map is wrong. */
  name: string | undefined;
  problem: string;
}

/** A map of extra headers: a plain object of names (tokens, each once in any case) to sendable string values. */
export function headersProblem(headers: unknown): HeaderProblem | undefined {
  if (headers === null || typeof headers !== "object" || Array.isArray(headers) || (Object.getPrototypeOf(headers) !== Object.prototype && Object.getPrototypeOf(headers) !== null)) {
    return { name: undefined, problem: "must be a plain object of header names to string values" };
  }
  const seen = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) {
    if (!TOKEN.test(name)) return { name: printableName(name), problem: "is not a valid header name" };
    const lower = name.toLowerCase();
    const earlier = seen.get(lower);
    if (earlier !== undefined) return { name, problem: `is given twice (also as '${earlier}')` };
    seen.set(lower, name);
    if (typeof value !== "string") return { name, problem: "must be a string" };
    if (!SENDABLE_VALUE.test(value)) return { name, problem: "must be printable ASCII without leading or trailing whitespace" };
  }
  return undefined;
}

/**
 * An AbortSignal, from this realm or another (a test environment's, a polyfill's):
 * what the transport and pagination use of it, checked by shape.
 */
export function isAbortSignal(value: unknown): value is AbortSignal {
  if (value === null || typeof value !== "object") return false;
  const signal = value as Partial<Record<"aborted" | "addEventListener" | "removeEventListener" | "throwIfAborted", unknown>>;
  return typeof signal.aborted === "boolean" && typeof signal.addEventListener === "function" && typeof signal.removeEventListener === "function" && typeof signal.throwIfAborted === "function";
}
