/**
 * Per-call options (`CallOptions`: signal, timeoutMs, deadlineMs, headers), checked
 * before anything is built or sent. A wrong one is an InvalidParameterError whose
 * `field` names it (`options.timeoutMs`, `options.headers.X-Trace`), never a later
 * `TypeError` from fetch or a timeout after retries.
 */
import { InvalidParameterError, type Provider } from "../common/errors.ts";
import type { CallOptions } from "./operation-types.ts";
import { headersProblem, isAbortSignal, msProblem, optionsProblem, type Rule } from "../common/option-rules.ts";

/** The options every call takes; any other key is refused (a typo such as `timeOutMs` must not be ignored silently). */
const CALL_RULES: Record<keyof CallOptions, Rule> = {
  // null is what RequestInit takes for "no signal".
  signal: (value) => (value === null || isAbortSignal(value) ? undefined : "must be an AbortSignal"),
  timeoutMs: msProblem,
  deadlineMs: msProblem,
  headers: headersProblem,
};

/**
 * Checks a call's options and returns them. `extraKeys` are further options the caller
 * of this check handles itself (`maxPages` for pagination).
 */
export function checkCallOptions<T extends CallOptions>(
  options: T | undefined,
  operation: string,
  provider: Provider,
  extraKeys: readonly string[] = [],
): T | undefined {
  const problem = options === undefined ? undefined : optionsProblem(options, CALL_RULES, extraKeys);
  if (problem)
    throw typeof problem === "string"
      ? new InvalidParameterError("options", problem, { provider, operation })
      : new InvalidParameterError(`options.${problem[0]}`, problem[1], { provider, operation });
  return options;
}
