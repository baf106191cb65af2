/**
 * The one snapshot shape of the snapshot manager, across Huawei EVS, Alibaba ECS and UCloudStack (CSI's
 * `ready_to_use`, `creation_time`, `size_bytes`, `source_volume_id`, plus status and progress), and the
 * status vocabularies. Spellings map onto words through the specs' `x-status-groups` (generated into the
 * waiter modules as `statusGroups`): no status table lives here.
 */
import { NotFoundError, type Provider } from "../core/common/errors.ts";
import type { statusGroups as huaweiGroups } from "../../generated/huawei/evs.waiters.ts";
import type { statusGroups as alibabaGroups } from "../../generated/alibaba/ecs.waiters.ts";
import type { statusGroups as ucloudstackGroups } from "../../generated/ucloudstack/ucloudstack.waiters.ts";

/**
 * Where a snapshot is, in one small vocabulary: the words of the specs' snapshot status groups. `unknown`:
 * a spelling no spec groups (Huawei `backing-up`, UCloudStack `Unknown`, a new one). Whether a snapshot can
 * be used is `readyToUse`, not `status` (an Alibaba snapshot is usable while still `creating`).
 */
export type SnapshotStatus = "creating" | "available" | "rolling-back" | "deleting" | "deleted" | "failed" | "unknown";

/** Where a volume (disk) is: the words of the specs' volume / disk status groups, or `unknown`. */
export type VolumeStatus =
  | "creating"
  | "cloning"
  | "available"
  | "attaching"
  | "attached"
  | "detaching"
  | "resizing"
  | "snapshotting"
  | "rolling-back"
  | "deleting"
  | "deleted"
  | "releasing"
  | "released"
  | "failed"
  | "unknown";

// A word a spec adds to a group must be added to the union above on purpose: this fails to compile until it is.
type Covered<Words extends string, Union extends string> = [Exclude<Words, Union>] extends [never] ? true : Exclude<Words, Union>;
type Holds<Check extends true> = Check;
type SnapshotWords =
  | keyof (typeof huaweiGroups)["SnapshotStatus"]
  | keyof (typeof alibabaGroups)["SnapshotStatus"]
  | keyof (typeof ucloudstackGroups)["SnapshotStatus"];
type VolumeWords =
  | keyof (typeof huaweiGroups)["VolumeStatus"]
  | keyof (typeof alibabaGroups)["DiskStatus"]
  | keyof (typeof ucloudstackGroups)["DiskStatus"];
/** Compiles only while the unions hold every word the specs group. */
export type StatusUnionsCoverTheSpecs = [Holds<Covered<SnapshotWords, SnapshotStatus>>, Holds<Covered<VolumeWords, VolumeStatus>>];

/** One snapshot, the same on every provider; `raw` is the provider's own record, nothing lost. */
export interface Snapshot<Raw = unknown> {
  provider: Provider;
  id: string;
  /** The volume (disk) it was taken from. */
  volumeId: string;
  name: string | undefined;
  description: string | undefined;
  status: SnapshotStatus;
  /** It can be rolled back to or a volume created from it (Alibaba `Available`; elsewhere: `available`). */
  readyToUse: boolean;
  /** Creation progress, 0 to 100, where the provider says (Huawei, Alibaba); `undefined` on UCloudStack. */
  progress: number | undefined;
  /** Size in GiB (of the source volume); `undefined` when the record has none (UCloudStack 1.x). */
  sizeGiB: number | undefined;
  /** When it was taken; `undefined` when the record has no readable time (UCloudStack fields are all optional). */
  createdAt: Date | undefined;
  raw: Raw;
}

/** One volume (disk), the same on every provider (what the rollback steps return). */
export interface Volume<Raw = unknown> {
  provider: Provider;
  id: string;
  name: string | undefined;
  status: VolumeStatus;
  sizeGiB: number | undefined;
  /** The instance (server, VM) it is attached to, if any. */
  instanceId: string | undefined;
  raw: Raw;
}

const key = (spelling: string) => spelling.toLowerCase().replace(/[^a-z]/g, "");

/** A spelling -> word reader over one `statusGroups` entry (case and non-letters ignored, as the reader compares them). */
export function vocabulary<Word extends string>(groups: Readonly<Record<string, string>>): (raw: unknown) => Word | "unknown" {
  const words = new Map<string, Word>();
  for (const [word, spellings] of Object.entries(groups))
    for (const spelling of spellings.split(" ")) words.set(key(spelling), word as Word);
  return (raw) => (typeof raw === "string" && words.get(key(raw))) || "unknown";
}

/** `"40%"`, `"40"` or 40 -> 40; anything else -> undefined. */
export function percent(value: unknown): number | undefined {
  const match = typeof value === "string" ? /^\s*(\d+(?:\.\d+)?)\s*%?\s*$/.exec(value) : null;
  const number = typeof value === "number" ? value : match ? Number(match[1]) : Number.NaN;
  return number >= 0 && number <= 100 ? number : undefined;
}

/** A number from a number or a numeric string (Alibaba `SourceDiskSize: "40"`), else undefined. */
export function numeric(value: unknown): number | undefined {
  const number = typeof value === "number" ? value : typeof value === "string" && value.trim() ? Number(value) : Number.NaN;
  return Number.isFinite(number) ? number : undefined;
}

/** A Date from an ISO text (a zone-less one read as UTC: Huawei EVS) or Unix seconds (UCloudStack), else undefined. */
export function date(value: unknown): Date | undefined {
  const parsed =
    typeof value === "number"
      ? new Date(value * 1000)
      : typeof value === "string" && value
        ? new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`)
        : undefined;
  return parsed && !Number.isNaN(parsed.getTime()) ? parsed : undefined;
}

/** A string field, or undefined for null/absent/other. */
export const text = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

/** The object without its `undefined` properties (nothing unset goes on the wire). */
export function defined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** A list call that found no such snapshot answers like a show call would: a not-found `ApiError`. */
export function notFound(provider: Provider, operation: string, id: string): NotFoundError {
  const message = `no snapshot ${id}`;
  return new NotFoundError({
    provider,
    operation,
    status: 200,
    code: undefined,
    message,
    requestId: undefined,
    category: "not-found",
    body: undefined,
  });
}
