/**
 * Per-call options (`CallOptions`: signal, timeoutMs, deadlineMs, headers), checked
 * before anything is built or sent. A wrong one is an InvalidParameterError whose
 * `field` names it (`options.timeoutMs`, `options.headers.X-Trace`), never a later
 * `TypeError` from fetch or a timeout after retries.
 */
import { InvalidParameterError, type Provider } from "./errors.ts";
import type { CallOptions } from "./operation-types.ts";
import { headersProblem, isAbortSignal, msProblem, printableName } from "./option-rules.ts";

/** The options every call takes. A key not listed is refused: a typo (`timeOutMs`) must not be ignored silently. */
export const CALL_OPTION_KEYS: readonly string[] = ["signal", "timeoutMs", "deadlineMs", "headers"];

/**
 * Checks a call's options and returns them. `extraKeys` are further options the caller
 * of this check handles itself (`maxPages` for pagination).
 */
export function checkCallOptions<T extends CallOptions>(options: T | undefined, operation: string, provider: Provider, extraKeys: readonly string[] = []): T | undefined {
  if (options === undefined) return options;
  const fail = (field: string, problem: string) => new InvalidParameterError(field, problem, { provider, operation });
  if (options === null || typeof options !== "object" || Array.isArray(options)) throw fail("options", `must be an object ({ ${CALL_OPTION_KEYS.join(", ")} })`);
  for (const key in options) {
    if (!CALL_OPTION_KEYS.includes(key) && !extraKeys.includes(key)) throw fail(`options.${printableName(key)}`, `is not a call option (known: ${[...CALL_OPTION_KEYS, ...extraKeys].join(", ")})`);
  }
  const { signal, timeoutMs, deadlineMs, headers } = options as CallOptions;
  // null is what RequestInit takes for "no signal".
  if (signal != null && !isAbortSignal(signal)) throw fail("options.signal", "must be an AbortSignal");
  if (timeoutMs !== undefined) {
    const problem = msProblem(timeoutMs);
    if (problem) throw fail("options.timeoutMs", problem);
  }
  if (deadlineMs !== undefined) {
    const problem = msProblem(deadlineMs);
    if (problem) throw fail("options.deadlineMs", problem);
  }
  if (headers !== undefined) {
    const problem = headersProblem(headers);
    if (problem) throw fail(problem.name === undefined ? "options.headers" : `options.headers.${problem.name}`, problem.problem);
  }
  return options;
}
