/**
 * `createSnapshotManager({ provider, client })`: one snapshot API over a Huawei EVS, Alibaba ECS or UCloudStack
 * client: create, get, list (every page), delete, and the waits (the specs' waiters, run by `waitUntil`'s engine),
 * each answering the one `Snapshot` shape (`raw`: the provider's record). Provider parameters stay reachable,
 * typed from the client: `create(input, { provider: {...} })`, `list(filter, { provider: {...} })`.
 * Bad input is an `InvalidParameterError` naming the manager's field, before anything is sent.
 */
import { InvalidParameterError } from "../core/common/errors.ts";
import type { CallOptions } from "../core/operations/operation-types.ts";
import type { PaginateOptions } from "../core/operations/paginate.ts";
import type { EcsClient as HuaweiEcsClient, EvsClient } from "../huawei/services.ts";
import type { EcsClient } from "../alibaba/services.ts";
import type { UCloudStackClient } from "../ucloudstack/services.ts";
import { WAITER_TABLES, type WaitOptions, waitWith } from "../waiters/engine.ts";
import { WaitFailedError, WaitTimeoutError } from "../waiters/errors.ts";
import type { Adapter, CreateInput } from "./adapter.ts";
import { alibaba, type AlibabaCreateExtra, type AlibabaListExtra, type AlibabaSnapshotRecord } from "./alibaba.ts";
import { huawei, type HuaweiCreateExtra, type HuaweiListExtra, type HuaweiSnapshotRecord } from "./huawei.ts";
import type { Snapshot } from "./model.ts";
import { type SnapshotManyOptions, type SnapshotManyResult, type SnapshotSteps, snapshotMany } from "./snapshot-many.ts";
import {
  type Inspected,
  inspectRevert,
  revert,
  revertOnInstance,
  type RevertInput,
  type RevertOptions,
  type RevertResult,
} from "./revert.ts";
import { type RevertManyOptions, type RevertManyResult, revertMany } from "./revert-many.ts";
import type { AlibabaDiskRecord } from "./revert-alibaba.ts";
import type { HuaweiVolumeRecord } from "./revert-huawei.ts";
import type { UCloudStackDiskRecord } from "./revert-ucloudstack.ts";
import { ucloudstack, type UCloudStackCreateExtra, type UCloudStackListExtra, type UCloudStackSnapshotRecord } from "./ucloudstack.ts";

/** Per provider: the client the manager takes, its snapshot record, and the extra parameters of create and list. */
export interface SnapshotProviders {
  huawei: {
    client: EvsClient;
    compute: HuaweiEcsClient;
    record: HuaweiSnapshotRecord;
    volume: HuaweiVolumeRecord;
    create: HuaweiCreateExtra;
    list: HuaweiListExtra;
  };
  alibaba: {
    client: EcsClient;
    compute: never;
    record: AlibabaSnapshotRecord;
    volume: AlibabaDiskRecord;
    create: AlibabaCreateExtra;
    list: AlibabaListExtra;
  };
  ucloudstack: {
    client: UCloudStackClient;
    compute: never;
    record: UCloudStackSnapshotRecord;
    volume: UCloudStackDiskRecord;
    create: UCloudStackCreateExtra;
    list: UCloudStackListExtra;
  };
}
export type SnapshotProvider = keyof SnapshotProviders;

export interface SnapshotManagerOptions<P extends SnapshotProvider> {
  provider: P;
  /** `createEvsClient(...)` (Huawei), `createEcsClient(...)` (Alibaba), `createUCloudStackClient(...)`. */
  client: SnapshotProviders[P]["client"];
  /**
   * Huawei only: the ECS client (`createEcsClient` of cloud-disk-openapi/huawei) that `revert` with
   * `stopInstance: true` stops, detaches, re-attaches and starts with (the instance's own calls are ECS's, not EVS's).
   */
  compute?: SnapshotProviders[P]["compute"];
}

export interface CreateSnapshotInput extends CreateInput {
  /** Huawei: the snapshot's `metadata`; Alibaba: `Tag.N`; UCloudStack: refused (its CreateSnapshot takes none). */
  tags?: Readonly<Record<string, string>> | undefined;
}

export interface CreateSnapshotOptions<P extends SnapshotProvider> extends CallOptions {
  /** The provider call's own parameters besides those the manager sets (Huawei `force`, Alibaba `RetentionDays`...). */
  provider?: SnapshotProviders[P]["create"];
}

export interface ListSnapshotsOptions<P extends SnapshotProvider> extends PaginateOptions {
  /** The list call's own filters and page size (Huawei `limit`, Alibaba `MaxResults`, UCloudStack `Limit`...). */
  provider?: SnapshotProviders[P]["list"];
}

/** One `onProgress` call of a wait: after each poll that leaves it going. */
export interface SnapshotWaitProgress<Record = unknown> {
  attempt: number;
  elapsedMs: number;
  /** 0 to 100, where the provider says. */
  progress?: number;
  /** The snapshot as this poll saw it (`undefined` when the poll saw none: a deletion). */
  snapshot: Snapshot<Record> | undefined;
}

export interface SnapshotWaitOptions<Record = unknown> extends Omit<WaitOptions, "onProgress"> {
  onProgress?: (event: SnapshotWaitProgress<Record>) => void;
}

/**
 * The waits reject as `waitUntil` does: `WaitFailedError` at once when the snapshot fails, `WaitTimeoutError`
 * after `maxWaitMs`, `AbortedError`; the first two carry the last snapshot seen as `lastObserved` (a `Snapshot`,
 * `raw` its record) and the engine's error, with the whole polled body, as `cause`.
 */
export interface SnapshotManager<P extends SnapshotProvider, Record = SnapshotProviders[P]["record"]> {
  readonly provider: P;
  /** Starts a snapshot of `volumeId`; resolves with it as the provider answers (usually `creating`). */
  create(input: CreateSnapshotInput, options?: CreateSnapshotOptions<P>): Promise<Snapshot<Record>>;
  /** One snapshot; a not-found `ApiError` (`category: "not-found"`) when there is none. */
  get(id: string, options?: CallOptions): Promise<Snapshot<Record>>;
  /** Every snapshot (of `volumeId`), over every page; a walk that cannot complete ends with a `PaginationError`. */
  list(filter?: { volumeId?: string }, options?: ListSnapshotsOptions<P>): AsyncGenerator<Snapshot<Record>, void, undefined>;
  /** Starts the deletion (`waitUntilDeleted` waits for it). */
  delete(id: string, options?: CallOptions): Promise<void>;
  /** Until the snapshot can be used (Alibaba: `Available`, possibly before it is accomplished; others: available). */
  waitUntilReady(id: string, options: SnapshotWaitOptions<Record>): Promise<Snapshot<Record>>;
  /** Until the snapshot is complete (Alibaba: `accomplished`; others: the same as ready). */
  waitUntilCompleted(id: string, options: SnapshotWaitOptions<Record>): Promise<Snapshot<Record>>;
  /** Until the snapshot is gone. */
  waitUntilDeleted(id: string, options: SnapshotWaitOptions<Record>): Promise<void>;
  /**
   * A snapshot of every volume, each waited for (`waitFor`), at most `concurrency` at once and `ratePerSecond`
   * calls a second; resolves with one result per volume, in input order (snapshot-many.ts).
   */
  snapshotMany(
    volumeIds: readonly string[],
    options?: SnapshotManyOptions<Record, SnapshotProviders[P]["create"]>,
  ): Promise<Array<SnapshotManyResult<Record>>>;
  /**
   * Rolls the snapshot's volume back to it; resolves when the volume is usable again. The provider's preconditions
   * are checked first (reads only): a refusal is a `PreconditionError` that says what to do, nothing sent. With
   * `stopInstance: true` the instance is stopped (Huawei: the volume detached) where the provider needs it and
   * restored afterwards; a step that fails is undone in reverse and the revert rejects with `RevertFailedError`.
   * Each wait takes at most `maxWaitMs` (default 15 minutes); `signal` ends the forward steps, and the restoring
   * ones (re-attach, start) still run, so that an abort leaves no machine stopped.
   */
  revert(input: RevertInput, options?: RevertOptions): Promise<RevertResult<Record, SnapshotProviders[P]["volume"]>>;
  /**
   * Rolls many volumes back, each to its snapshot: all inspected first, then grouped by instance (one stop, one
   * start per machine; Alibaba: one `ResetDisks` per instance), `concurrency` groups at once and `ratePerSecond`
   * calls a second; one result per snapshot, in input order (revert-many.ts).
   */
  revertMany(
    snapshotIds: readonly string[],
    options?: RevertManyOptions<RevertResult<Record, SnapshotProviders[P]["volume"]>>,
  ): Promise<Array<RevertManyResult<RevertResult<Record, SnapshotProviders[P]["volume"]>>>>;
}

const ADAPTERS: Record<SnapshotProvider, Adapter> = { huawei, alibaba, ucloudstack };
const CLIENTS: Record<SnapshotProvider, [operation: string, factory: string]> = {
  huawei: ["ShowSnapshot", "createEvsClient"],
  alibaba: ["DescribeSnapshots", "createEcsClient"],
  ucloudstack: ["DescribeSnapshot", "createUCloudStackClient"],
};
const INPUT_KEYS = ["volumeId", "name", "description", "tags"];

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);

function optionsOf<T extends { provider?: unknown }>(options: T): T {
  if (!isObject(options)) throw new InvalidParameterError("options", "must be an object");
  return options;
}

function text(field: string, value: unknown, required = false): void {
  if (value === undefined && !required) return;
  if (typeof value !== "string" || !value) throw new InvalidParameterError(field, "must be a non-empty string");
}

export function createSnapshotManager<P extends SnapshotProvider>(options: SnapshotManagerOptions<P>): SnapshotManager<P> {
  if (!isObject(options)) throw new InvalidParameterError("options", "must be an object ({ provider, client })");
  const { provider, client, compute } = options;
  if (!Object.hasOwn(ADAPTERS, provider)) throw new InvalidParameterError("provider", `must be one of ${Object.keys(ADAPTERS).join(", ")}`);
  const adapter = ADAPTERS[provider];
  const [operation, factory] = CLIENTS[provider];
  const operations = isObject(client) ? client.operations : undefined;
  if (!isObject(operations) || !Object.hasOwn(operations, operation))
    throw new InvalidParameterError("client", `must be a ${provider} client from ${factory}`);
  if (
    compute !== undefined &&
    (provider !== "huawei" || !isObject(compute) || !isObject(compute.operations) || !Object.hasOwn(compute.operations, "BatchStopServers"))
  )
    throw new InvalidParameterError(
      "compute",
      "must be a Huawei ECS client from createEcsClient (cloud-disk-openapi/huawei), and only with provider 'huawei'",
    );
  const context = { provider, client, compute, adapter };

  /** The client refused a parameter the manager filled from the caller's: name the caller's field. */
  const renamed = (error: unknown): never => {
    const field = error instanceof InvalidParameterError ? adapter.fields[error.field] : undefined;
    if (!field) throw error;
    const problem = (error as Error).message.split(`parameter '${(error as InvalidParameterError).field}' `).pop();
    throw new InvalidParameterError(field, `${problem} (${provider} ${(error as InvalidParameterError).field})`, {
      provider,
      cause: error,
    });
  };
  const snapshotOf = (body: unknown) => {
    const raw = adapter.pick(body);
    return raw === undefined ? undefined : adapter.normalise(raw);
  };

  const wait = async (which: 0 | 1 | 2, id: string, options: SnapshotWaitOptions): Promise<Snapshot | undefined> => {
    text("id", id, true);
    if (!isObject(options)) throw new InvalidParameterError("options", "must be an object (maxWaitMs, ...)");
    const { onProgress, ...rest } = options;
    const engine: WaitOptions = { ...rest };
    if (onProgress !== undefined) {
      if (typeof onProgress !== "function") throw new InvalidParameterError("options.onProgress", "must be a function");
      engine.onProgress = ({ attempt, elapsedMs, progress, observed }) =>
        onProgress({ attempt, elapsedMs, ...(progress === undefined ? {} : { progress }), snapshot: snapshotOf(observed) });
    }
    try {
      return snapshotOf(
        await waitWith(WAITER_TABLES, client as object as { operations: object }, adapter.waiters[which], adapter.waitParams(id), engine),
      );
    } catch (error) {
      if (!(error instanceof WaitFailedError || error instanceof WaitTimeoutError)) throw error;
      const { waiter, attempts, elapsedMs } = error;
      const details = {
        provider,
        operation: error.operation ?? "",
        waiter,
        attempts,
        elapsedMs,
        lastObserved: snapshotOf(error.lastObserved),
        cause: error,
      };
      throw error instanceof WaitTimeoutError
        ? new WaitTimeoutError(error.maxWaitMs, details)
        : new WaitFailedError(`snapshot ${id} is ${details.lastObserved?.status ?? "failed"}`, details);
    }
  };

  const manager: SnapshotManager<SnapshotProvider, unknown> = {
    provider,
    async create(input, options = {}) {
      if (!isObject(input)) throw new InvalidParameterError("input", "must be an object ({ volumeId, name?, description?, tags? })");
      for (const key of Object.keys(input))
        if (!INPUT_KEYS.includes(key))
          throw new InvalidParameterError(
            key,
            `is not a create input (${INPUT_KEYS.join(", ")}); provider parameters go in options.provider`,
          );
      text("volumeId", input.volumeId, true);
      text("name", input.name);
      text("description", input.description);
      if (input.tags !== undefined && (!isObject(input.tags) || Object.values(input.tags).some((value) => typeof value !== "string")))
        throw new InvalidParameterError("tags", "must be an object of string values");
      const { provider: extra = {}, ...call } = optionsOf(options);
      if (!isObject(extra)) throw new InvalidParameterError("options.provider", "must be an object of the provider call's parameters");
      return adapter.normalise(await adapter.create(client, input, extra, call).catch(renamed));
    },
    async get(id, options = {}) {
      text("id", id, true);
      return adapter.normalise(await adapter.get(client, id, options));
    },
    async *list(filter = {}, options = {}) {
      if (!isObject(filter)) throw new InvalidParameterError("filter", "must be an object ({ volumeId? })");
      text("volumeId", filter.volumeId);
      const { provider: extra = {}, ...walk } = optionsOf(options);
      if (!isObject(extra)) throw new InvalidParameterError("options.provider", "must be an object of the list call's parameters");
      for await (const raw of adapter.list(client, filter.volumeId, extra, walk)) yield adapter.normalise(raw);
    },
    async delete(id, options = {}) {
      text("id", id, true);
      await adapter.delete(client, id, options);
    },
    waitUntilReady: async (id, options) => (await wait(0, id, options))!,
    waitUntilCompleted: async (id, options) => (await wait(1, id, options))!,
    waitUntilDeleted: async (id, options) => {
      await wait(2, id, options);
    },
    snapshotMany: (volumeIds, options) =>
      snapshotMany(
        client as object,
        (laned) => createSnapshotManager({ provider, client: laned } as never) as SnapshotSteps,
        volumeIds,
        options,
      ),
    revert: (input, options = {}) => revert(context, input, options) as Promise<RevertResult<unknown, never>>,
    revertMany: (snapshotIds, options) => {
      if (options?.stopInstance === true && provider === "huawei" && compute === undefined)
        throw new InvalidParameterError(
          "compute",
          "is required for stopInstance: true on Huawei (createSnapshotManager({ provider, client, compute }))",
        );
      return revertMany<Inspected, RevertResult>(
        (wrap) => {
          const laned = { ...context, client: wrap(client as object), compute: compute && wrap(compute as object) };
          return {
            inspect: (snapshotId, call) => inspectRevert(laned, snapshotId, call),
            revertTogether: (targets, together) => revertOnInstance(laned, targets, together),
          };
        },
        snapshotIds,
        options as RevertManyOptions<RevertResult>,
      ) as Promise<never>;
    },
  };
  return manager as unknown as SnapshotManager<P>;
}
