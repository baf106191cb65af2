/**
 * The shape of a generated waiter table (`generated/<provider>/<service>.waiters.ts`), written by
 * scripts/lib/waiters.ts from the specs' `x-waiters` (checked by scripts/lib/spec-reader.ts) and run
 * by `waitUntil` (engine.ts). A waiter polls one operation and reads its success body (or its error)
 * with acceptors, in order; the first that matches decides: `success`, `failure` or `retry`.
 */
import type { ErrorCategory, Provider } from "../core/common/errors.ts";

export type WaiterState = "success" | "failure" | "retry";

/**
 * How a path's value is compared (Smithy waiters' comparators):
 * - `stringEquals`: a single value (no `[]` in the path) equals `expected` (or one of its spellings);
 * - `anyStringEquals` / `allStringEquals`: over a list path (`Snapshots.Snapshot[].Status`), some / every
 *   value equals (every: the list is not empty);
 * - `booleanEquals`: the value equals `expected`; over a list path, every value does (and the list is not empty);
 * - `countEquals`: over a list path, the number of values (a missing list counts 0).
 */
export type Comparator = "stringEquals" | "anyStringEquals" | "allStringEquals" | "booleanEquals" | "countEquals";

/** A dot path into the success body; `[]` after a name projects over that list. */
export interface PathMatcher {
  readonly path: string;
  readonly comparator: Comparator;
  /** A string comparator's spellings (one, or several: any of them; a status group's); a boolean; a count. */
  readonly expected: string | readonly string[] | boolean | number;
}

/** The poll failed with an `ApiError` of this category (`not-found`: a deleted resource). */
export interface ErrorMatcher {
  readonly errorCategory: ErrorCategory;
}

export interface Acceptor {
  readonly state: WaiterState;
  readonly matcher: PathMatcher | ErrorMatcher;
}

export interface WaiterSpec {
  /** The polled operation's operationId. */
  readonly operation: string;
  readonly minDelayMs: number;
  readonly maxDelayMs: number;
  readonly acceptors: readonly Acceptor[];
  /** A path to a percentage (`"40%"` or 40) reported as `progress` to `onProgress` (the first value of a list path). */
  readonly progress?: string;
}

/** One service's waiters; `operations` (every operation they poll) tells which client they belong to. */
export interface WaiterTable {
  readonly provider: Provider;
  readonly service: string;
  readonly operations: readonly string[];
  readonly waiters: Readonly<Record<string, WaiterSpec>>;
}
