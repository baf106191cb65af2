/**
 * `waitUntil`: polls one operation until its answer says the resource is where the caller wants it,
 * as a waiter of the service's spec (`x-waiters`, generated into `generated/<provider>/<service>.waiters.ts`)
 * describes: Smithy waiters' semantics (smithy.io/2.0/additional-specs/waiters.html). The first poll goes
 * out at once; each acceptor, in order, reads the success body (a dot path, `[]` projecting over a list) or
 * the poll's error (its category); the first that matches decides: `success` resolves with the last body
 * seen, `failure` rejects at once with `WaitFailedError`, `retry` (or no match on a body) waits and polls
 * again. A poll error no acceptor matches is rethrown as it is. Delays grow exponentially with full jitter
 * between `minDelayMs` and `maxDelayMs`; the last one is cut so that a poll still fits before `maxWaitMs`
 * (at least `minDelayMs` before it), after which the wait rejects with `WaitTimeoutError`.
 * The caller's signal ends the wait with `AbortedError`, mid-poll or mid-sleep.
 *
 * A layer above the client (src/core/client): nothing in src/core or a provider folder imports this.
 */
import { AbortedError, DeadlineExceededError, InvalidParameterError, isApiError } from "../core/common/errors.ts";
import { functionProblem, isAbortSignal, msProblem, optionsProblem, type Rule } from "../core/common/option-rules.ts";
import { waiterTable as huaweiEvs } from "../../generated/huawei/evs.waiters.ts";
import { waiterTable as huaweiEcs } from "../../generated/huawei/ecs.waiters.ts";
import { waiterTable as alibabaEcs } from "../../generated/alibaba/ecs.waiters.ts";
import { waiterTable as ucloudstack } from "../../generated/ucloudstack/ucloudstack.waiters.ts";
import { WaitFailedError, WaitTimeoutError, type WaitErrorDetails } from "./errors.ts";
import type { Acceptor, ErrorMatcher, PathMatcher, WaiterSpec, WaiterTable } from "./waiter-spec.ts";

/** Every service's waiters. */
export const WAITER_TABLES = [huaweiEvs, huaweiEcs, alibabaEcs, ucloudstack] as const;
type Tables = (typeof WAITER_TABLES)[number];

/** What `waitUntil` needs of a client: its operation table (which service it is) and its by-name methods. */
export interface WaitableClient {
  readonly operations: object;
}

type OperationsOf<Client> = Client extends { readonly operations: infer Ops } ? keyof Ops : never;
/** The waiter table of a client's service: the one whose polled operations the client has. */
export type WaiterTableOf<Client, Table = Tables> = Table extends WaiterTable
  ? Table["operations"][number] extends OperationsOf<Client>
    ? Table
    : never
  : never;
/** The waiter names of a client's service (`"SnapshotAvailable" | ...` for a Huawei EVS client). */
export type WaiterName<Client> = keyof WaiterTableOf<Client>["waiters"] & string;
type WaiterOf<Client, Name> = WaiterTableOf<Client>["waiters"] extends infer Waiters
  ? Name extends keyof Waiters
    ? Waiters[Name]
    : never
  : never;
type OperationOf<Client, Name> = WaiterOf<Client, Name> extends { readonly operation: infer Op extends string } ? Op : never;
type AcceptorOf<Client, Name> = WaiterOf<Client, Name> extends { readonly acceptors: readonly (infer A)[] } ? A : never;
type MethodOf<Client, Name> = Client[Uncapitalize<OperationOf<Client, Name>> & keyof Client];
/** The polled operation's parameters. */
export type WaitParams<Client, Name extends WaiterName<Client>> =
  MethodOf<Client, Name> extends (...args: infer Args) => unknown ? Args[0] : never;
/** The polled operation's success body. */
export type WaitObserved<Client, Name extends WaiterName<Client>> =
  MethodOf<Client, Name> extends (...args: never[]) => infer R ? Awaited<R> : never;
/** What the wait resolves to: the last body seen; `undefined` too when an error can end it well (a deleted resource's not-found). */
export type WaitResult<Client, Name extends WaiterName<Client>> = [
  Extract<AcceptorOf<Client, Name>, { readonly state: "success"; readonly matcher: ErrorMatcher }>,
] extends [never]
  ? WaitObserved<Client, Name>
  : WaitObserved<Client, Name> | undefined;

/** One `onProgress` call: after each poll that leaves the wait going. */
export interface WaitProgress<Observed = unknown> {
  /** Polls so far (1 after the first). */
  attempt: number;
  elapsedMs: number;
  state: "retry";
  /** This poll's success body (`undefined` when an acceptor matched its error). */
  observed: Observed | undefined;
  /** The waiter's progress value, as a number (Alibaba `Progress: "40%"` -> 40), when the body has one. */
  progress?: number;
}

export interface WaitOptions<Observed = unknown> {
  /** How long the whole wait may take, polls and delays together (required: there is no good default). */
  maxWaitMs: number;
  /** The shortest delay between polls (default: the waiter's). */
  minDelayMs?: number;
  /** The longest delay between polls (default: the waiter's). */
  maxDelayMs?: number;
  signal?: AbortSignal;
  onProgress?: (event: WaitProgress<Observed>) => void;
  /** For tests: how to wait `ms` milliseconds (default: a timer). The engine stops waiting on abort itself. */
  sleep?: (ms: number) => Promise<void>;
  /** For tests: the clock in milliseconds (default `Date.now`), with `sleep` a test can move time itself. */
  now?: () => number;
}

/** The wait options' rules (also the waits' part of the snapshot manager's revert and batch options). */
export const WAIT_OPTION_RULES: Record<keyof WaitOptions, Rule> = {
  maxWaitMs: (value) => msProblem(value),
  minDelayMs: (value) => msProblem(value),
  maxDelayMs: (value) => msProblem(value),
  signal: (value) => (isAbortSignal(value) ? undefined : "must be an AbortSignal"),
  onProgress: functionProblem,
  sleep: functionProblem,
  now: functionProblem,
};

/**
 * Waits until `client`'s resource is in the state the waiter `name` of its service waits for
 * (`waitUntil(evs, "SnapshotAvailable", { snapshot_id }, { maxWaitMs: 600_000 })`).
 */
export function waitUntil<Client extends WaitableClient, Name extends WaiterName<Client>>(
  client: Client,
  name: Name,
  params: WaitParams<Client, Name>,
  options: WaitOptions<WaitObserved<Client, Name>>,
): Promise<WaitResult<Client, Name>> {
  return waitWith(WAITER_TABLES, client, name, params, options as WaitOptions) as Promise<WaitResult<Client, Name>>;
}

/** `waitUntil` over the given tables (the engine's tests pass their own). */
export async function waitWith(
  tables: readonly WaiterTable[],
  client: WaitableClient,
  name: string,
  params: unknown,
  options: WaitOptions,
): Promise<unknown> {
  const operations = client?.operations;
  const table = operations && tables.find((t) => t.operations.every((op) => Object.hasOwn(operations, op)));
  if (!table)
    throw new InvalidParameterError("client", "must be a client of a service with waiters (Huawei EVS or ECS, Alibaba ECS, UCloudStack)");
  const waiter = Object.hasOwn(table.waiters, name) ? table.waiters[name]! : undefined;
  if (!waiter)
    throw new InvalidParameterError(
      "waiterName",
      `must be one of ${Object.keys(table.waiters).join(", ")} (${table.provider} ${table.service})`,
    );
  const problem = optionsProblem(options, WAIT_OPTION_RULES);
  if (problem)
    throw typeof problem === "string"
      ? new InvalidParameterError("options", problem)
      : new InvalidParameterError(`options.${problem[0]}`, problem[1]);
  if (options.maxWaitMs === undefined)
    throw new InvalidParameterError("options.maxWaitMs", "is required (how long the whole wait may take, in ms)");
  const minDelayMs = options.minDelayMs ?? waiter.minDelayMs;
  const maxDelayMs = options.maxDelayMs ?? Math.max(waiter.maxDelayMs, minDelayMs);
  if (minDelayMs > maxDelayMs) throw new InvalidParameterError("options.minDelayMs", `must not exceed maxDelayMs (${maxDelayMs})`);
  const method = (client as unknown as Record<string, unknown>)[waiter.operation.charAt(0).toLowerCase() + waiter.operation.slice(1)];
  if (typeof method !== "function") throw new InvalidParameterError("client", `has no method for ${waiter.operation}`);
  return run({ ...table, name, waiter, params, options, minDelayMs, maxDelayMs, poll: method.bind(client) as Poll });
}

type Poll = (params: unknown, options: { signal?: AbortSignal; deadlineMs: number }) => Promise<unknown>;

interface Run extends WaiterTable {
  name: string;
  waiter: WaiterSpec;
  params: unknown;
  options: WaitOptions;
  minDelayMs: number;
  maxDelayMs: number;
  poll: Poll;
}

async function run({ provider, name, waiter, params, options, minDelayMs, maxDelayMs, poll }: Run): Promise<unknown> {
  const { signal, onProgress, maxWaitMs } = options;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const start = now();
  const deadline = start + maxWaitMs;
  let lastObserved: unknown;
  let attempt = 0;
  let last = false;
  const details = (cause?: unknown): WaitErrorDetails => ({
    provider,
    operation: waiter.operation,
    waiter: name,
    attempts: attempt,
    elapsedMs: now() - start,
    lastObserved,
    ...(cause === undefined ? {} : { cause }),
  });
  const aborted = () => new AbortedError(`${name}: the wait was aborted`, { provider, operation: waiter.operation, cause: signal?.reason });
  for (;;) {
    if (signal?.aborted) throw aborted();
    attempt++;
    let observed: unknown;
    let error: unknown;
    let failed = false;
    try {
      const callOptions = { deadlineMs: Math.max(1, Math.ceil(deadline - now())), ...(signal ? { signal } : {}) };
      observed = await untilAborted(poll(params, callOptions), signal, aborted);
      lastObserved = observed;
    } catch (caught) {
      if (signal?.aborted) throw caught instanceof AbortedError ? caught : aborted();
      if (caught instanceof DeadlineExceededError && now() >= deadline) throw new WaitTimeoutError(maxWaitMs, details(caught));
      error = caught;
      failed = true;
    }
    const acceptor = waiter.acceptors.find((candidate) => matches(candidate, failed, observed, error));
    if (failed && !acceptor) throw error;
    if (acceptor?.state === "success") return lastObserved;
    if (acceptor?.state === "failure")
      throw new WaitFailedError("the resource reached a state it cannot leave", details(failed ? error : undefined));
    if (onProgress) {
      const progress = waiter.progress === undefined || failed ? undefined : percentage(select(observed, waiter.progress));
      onProgress({
        attempt,
        elapsedMs: now() - start,
        state: "retry",
        observed: failed ? undefined : observed,
        ...(progress === undefined ? {} : { progress }),
      });
    }
    const remaining = deadline - now();
    // Smithy: no time for a poll after the shortest delay (or that was the last poll): time out;
    // else cut the delay so that one more poll fits, and make it the last.
    if (last || remaining < minDelayMs) throw new WaitTimeoutError(maxWaitMs, details());
    let delay = backoff(attempt, minDelayMs, maxDelayMs);
    if (remaining - delay <= minDelayMs) {
      delay = remaining - minDelayMs;
      last = true;
    }
    await untilAborted(sleep(delay), signal, aborted);
  }
}

/** Smithy's delay before poll `attempt + 1`: uniform between the shortest and min(longest, shortest × 2^(attempt-1)). */
export function backoff(attempt: number, minDelayMs: number, maxDelayMs: number): number {
  const ceiling = Math.min(maxDelayMs, minDelayMs * 2 ** Math.min(attempt - 1, 52));
  return minDelayMs + Math.random() * (ceiling - minDelayMs);
}

/** A promise that rejects with `aborted()` as soon as the signal fires (the poll or the sleep goes on unobserved). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined, aborted: () => Error): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(aborted());
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

function matches(acceptor: Acceptor, failed: boolean, observed: unknown, error: unknown): boolean {
  const matcher = acceptor.matcher;
  if ("errorCategory" in matcher) return failed && isApiError(error) && error.category === matcher.errorCategory;
  return !failed && compare(matcher, select(observed, matcher.path));
}

function compare({ comparator, expected, path }: PathMatcher, value: unknown): boolean {
  const values = Array.isArray(value) && path.includes("[]") ? (value as unknown[]) : [value];
  const spelled = (item: unknown) =>
    typeof item === "string" && (typeof expected === "string" ? item === expected : (expected as readonly unknown[]).includes(item));
  switch (comparator) {
    case "stringEquals":
      return spelled(value);
    case "anyStringEquals":
      return values.some(spelled);
    case "allStringEquals":
      return values.length > 0 && values.every(spelled);
    case "booleanEquals":
      return values.length > 0 && values.every((item) => item === expected);
    case "countEquals":
      return values.length === expected;
  }
}

/** The value at a dot path (`snapshot.status`), or the list of values when a name ends in `[]` (`Snapshots.Snapshot[].Status`). */
export function select(body: unknown, path: string): unknown {
  let current: unknown[] = [body];
  let list = false;
  for (const part of path.split(".")) {
    const project = part.endsWith("[]");
    const key = project ? part.slice(0, -2) : part;
    list ||= project;
    current = current.flatMap((holder) => {
      const value =
        holder !== null && typeof holder === "object" && !Array.isArray(holder) ? (holder as Record<string, unknown>)[key] : undefined;
      if (project) return Array.isArray(value) ? value : [];
      return value === undefined ? [] : [value];
    });
  }
  return list ? current : current[0];
}

/** `"40%"`, `"40"` or 40 -> 40; anything else (or a list's first value that is none of these) -> undefined. */
function percentage(value: unknown): number | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  if (typeof first === "number" && Number.isFinite(first)) return first;
  const match = typeof first === "string" ? /^\s*(\d+(?:\.\d+)?)\s*%?\s*$/.exec(first) : null;
  return match ? Number(match[1]) : undefined;
}
