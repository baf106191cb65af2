/**
 * `cloud-disk-openapi/snapshots`: snapshot workflows over the provider clients: the snapshot manager,
 * `createSnapshotManager({ provider, client })` (one `Snapshot` shape across Huawei EVS, Alibaba ECS and
 * UCloudStack), and the waiters, `waitUntil(client, waiterName, params, { maxWaitMs, signal, onProgress })`,
 * defined in each spec (`x-waiters`) and typed from the client's service. Runtime-neutral; it imports no
 * provider entry (only their types).
 */
export {
  createSnapshotManager,
  type CreateSnapshotInput,
  type CreateSnapshotOptions,
  type ListSnapshotsOptions,
  type SnapshotManager,
  type SnapshotManagerOptions,
  type SnapshotProvider,
  type SnapshotProviders,
  type SnapshotWaitOptions,
  type SnapshotWaitProgress,
} from "./manager.ts";
export type { Snapshot, SnapshotStatus, Volume, VolumeStatus } from "./model.ts";
export type { SnapshotManyOptions, SnapshotManyResult } from "./snapshot-many.ts";
export type { RevertManyOptions, RevertManyResult } from "./revert-many.ts";
export type { BatchOptions, BatchProgress } from "./batch.ts";
export {
  DEFAULT_REVERT_WAIT_MS,
  type RevertInput,
  type RevertOptions,
  type RevertProgress,
  type RevertResult,
  type RevertStep,
} from "./revert.ts";
export {
  PreconditionError,
  type PreconditionDetails,
  RevertFailedError,
  type RevertFailedDetails,
  type RevertStepName,
  type RevertUndo,
} from "./errors.ts";
export type { HuaweiVolumeRecord } from "./revert-huawei.ts";
export type { AlibabaDiskRecord } from "./revert-alibaba.ts";
export type { UCloudStackDiskRecord } from "./revert-ucloudstack.ts";
export type { HuaweiCreateExtra, HuaweiListExtra, HuaweiSnapshotRecord } from "./huawei.ts";
export type { AlibabaCreateExtra, AlibabaListExtra, AlibabaSnapshotRecord } from "./alibaba.ts";
export type { UCloudStackCreateExtra, UCloudStackListExtra, UCloudStackSnapshotRecord } from "./ucloudstack.ts";
export {
  waitUntil,
  type WaitableClient,
  type WaiterName,
  type WaitObserved,
  type WaitOptions,
  type WaitParams,
  type WaitProgress,
  type WaitResult,
  type WaiterTableOf,
} from "../waiters/engine.ts";
export { WaitFailedError, WaitTimeoutError } from "../waiters/errors.ts";
export type { Acceptor, Comparator, ErrorMatcher, PathMatcher, WaiterSpec, WaiterState, WaiterTable } from "../waiters/waiter-spec.ts";
export type { Waiters as HuaweiEvsWaiters } from "../../generated/huawei/evs.waiters.ts";
export type { Waiters as HuaweiEcsWaiters } from "../../generated/huawei/ecs.waiters.ts";
export type { Waiters as AlibabaEcsWaiters } from "../../generated/alibaba/ecs.waiters.ts";
export type { Waiters as UCloudStackWaiters } from "../../generated/ucloudstack/ucloudstack.waiters.ts";
// The classes a wait or a manager call rejects with besides the wait's own (a poll's ApiError is rethrown as it is): the same classes as every provider entry's.
export {
  AbortedError,
  ApiError,
  CloudDiskError,
  InvalidParameterError,
  isApiError,
  isCloudDiskError,
  NotFoundError,
  PaginationError,
  ThrottledError,
} from "../core/common/errors.ts";
