/**
 * What fetch, `Headers` and timers accept, as rules that return a problem (or
 * nothing). Client configuration (ConfigurationError) and per-call options
 * (InvalidParameterError) both use them, so a value is refused the same way wherever
 * it is given, before anything is sent, instead of failing later as a bare
 * `TypeError` from fetch or, worse, being sent changed.
 */

/**
 * A rule's verdict: nothing when the value is fine, the problem as text, or
 * `[part, problem]` when one part of the value is wrong (`X-A` of `headers`,
 * `debug` of `logger`, `maxAttempts` of `retry`): the caller prefixes the option's name.
 */
export type Problem = string | [part: string, problem: string] | undefined;
export type Rule = (value: unknown) => Problem;

/**
 * The longest delay a timer keeps: `setTimeout` stores it as a signed 32-bit number, and
 * a longer one fires at once (Node warns and uses 1 ms), so a huge timeout would time
 * every attempt out immediately (https://developer.mozilla.org/en-US/docs/Web/API/Window/setTimeout#maximum_delay_value).
 */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** A number of milliseconds for a timer: finite, > 0 (or ≥ 0 where `allowZero`), at most MAX_TIMER_MS. */
export function msProblem(value: unknown, allowZero = false): Problem {
  if (typeof value !== "number" || !(value >= 0 && value <= MAX_TIMER_MS) || (value === 0 && !allowZero)) {
    return `must be a number of milliseconds ${allowZero ? "≥ 0" : "> 0"} and ≤ ${MAX_TIMER_MS}`;
  }
}

/** A count (attempts, bytes, calls at once): a whole number ≥ 1. */
export const countProblem: Rule = (value) =>
  Number.isSafeInteger(value) && (value as number) >= 1 ? undefined : "must be a whole number ≥ 1";

/** Hooks and `fetch`. */
export const functionProblem: Rule = (value) => (typeof value === "function" ? undefined : "must be a function");

/** A header name: an RFC 9110 token (https://www.rfc-editor.org/rfc/rfc9110#section-5.6.2). */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/**
 * A header value the request can carry unchanged and sign as it is sent: printable
 * ASCII and tabs inside. fetch refuses CR, LF and NUL, sends other characters up to
 * U+00FF as single bytes while every signer here hashes UTF-8 (a signature mismatch),
 * and trims leading and trailing whitespace (the signed value would differ from the sent one).
 */
const SENDABLE_VALUE = /^(?:[\x21-\x7e](?:[\t\x20-\x7e]*[\x21-\x7e])?)?$/;

/** A name safe to quote in an error (`field` / `option`): controls and non-ASCII shown as `?`. */
export function printableName(name: string): string {
  return name.replace(/[^\x21-\x7e]/g, "?");
}

/** An object literal (`{...}` or `Object.create(null)`), not an array, a `Headers`, a class instance. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object") return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A map of extra headers: a plain object of names (tokens, each once in any case) to sendable string values. */
export const headersProblem: Rule = (headers) => {
  if (!isPlainObject(headers)) return "must be a plain object of header names to string values";
  const seen = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) {
    if (!TOKEN.test(name)) return [printableName(name), "is not a valid header name"];
    const earlier = seen.get(name.toLowerCase());
    if (earlier !== undefined) return [name, `is given twice (also as '${earlier}')`];
    seen.set(name.toLowerCase(), name);
    if (typeof value !== "string" || !SENDABLE_VALUE.test(value))
      return [name, "must be a string of printable ASCII without leading or trailing whitespace"];
  }
};

/**
 * An object of options checked against `rules`, one rule per option. A key with no
 * rule is refused (a typo such as `timeOutMs` silently ignored would leave a default
 * in force that the caller believes changed) unless it is one of `otherKeys`, options
 * the caller checks itself; an undefined value counts as absent.
 */
export function optionsProblem(options: unknown, rules: Record<string, Rule>, otherKeys: readonly string[] = []): Problem {
  const known = [...Object.keys(rules), ...otherKeys];
  if (options === null || typeof options !== "object" || Array.isArray(options)) return `must be an object with any of ${known.join(", ")}`;
  for (const key in options) {
    if (!known.includes(key)) {
      const near = known.find((name) => name.toLowerCase() === key.toLowerCase());
      return [printableName(key), near ? `is not an option; did you mean '${near}'?` : `is not an option (known: ${known.join(", ")})`];
    }
    const value = (options as Record<string, unknown>)[key];
    const problem = value === undefined || !Object.hasOwn(rules, key) ? undefined : rules[key]!(value);
    if (problem) return typeof problem === "string" ? [key, problem] : [`${key}.${problem[0]}`, problem[1]];
  }
}

/**
 * An AbortSignal, from this realm or another (a test environment's, a polyfill's):
 * what the transport and pagination use of it, checked by shape.
 */
export function isAbortSignal(value: unknown): value is AbortSignal {
  const signal = value as Partial<Record<"aborted" | "addEventListener" | "removeEventListener" | "throwIfAborted", unknown>> | null;
  return (
    typeof signal?.aborted === "boolean" &&
    ["addEventListener", "removeEventListener", "throwIfAborted"].every((method) => typeof signal[method as "aborted"] === "function")
  );
}
