/**
 * Alibaba ECS: `CreateSnapshot` (tags as `Tag.N`), `DescribeSnapshots` (one snapshot by `SnapshotIds`; a
 * volume's by `DiskId`, token paging), `DeleteSnapshot`. `CreateSnapshot` answers only the ID, so `create`
 * reads the new snapshot back once. Ready is usable (`Available: true`, `SnapshotUsable`), which comes before
 * completed (`Status: accomplished`, `SnapshotCompleted`).
 */
import { isApiError } from "../core/common/errors.ts";
import type { EcsClient } from "../alibaba/services.ts";
import type { components } from "../../generated/alibaba/ecs.ts";
import { statusGroups } from "../../generated/alibaba/ecs.waiters.ts";
import type { Adapter } from "./adapter.ts";
import { date, defined, notFound, numeric, percent, text, vocabulary } from "./model.ts";

type Params<M> = M extends (params: infer P, ...rest: never[]) => unknown ? NonNullable<P> : never;
export type AlibabaSnapshotRecord = components["schemas"]["Snapshot"];
/** `RetentionDays`, `ResourceGroupId`, ... (everything `CreateSnapshot` takes but the disk, name, description and tags). */
export type AlibabaCreateExtra = Omit<Params<EcsClient["createSnapshot"]>, "DiskId" | "SnapshotName" | "Description" | "Tag">;
/** `DescribeSnapshots` filters and page size (`MaxResults`) besides `DiskId`. */
export type AlibabaListExtra = Omit<Params<EcsClient["describeSnapshots"]>, "DiskId" | "NextToken">;

const status = vocabulary<"creating" | "available" | "failed">(statusGroups.SnapshotStatus);
const records = (body: unknown) => (body as { Snapshots?: { Snapshot?: AlibabaSnapshotRecord[] } } | undefined)?.Snapshots?.Snapshot;

export const alibaba: Adapter<EcsClient, AlibabaSnapshotRecord> = {
  provider: "alibaba",
  async create(ecs, { volumeId, name, description, tags }, extra, options) {
    const Tag = tags && Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
    const body = await ecs.createSnapshot(
      defined({ ...extra, DiskId: volumeId, SnapshotName: name, Description: description, Tag }) as Params<EcsClient["createSnapshot"]>,
      options,
    );
    const id = (body as { SnapshotId: string }).SnapshotId;
    // Read back for the whole record; a snapshot not listed yet is still the one created: answer what is known.
    return alibaba.get(ecs, id, options).catch((error: unknown) => {
      if (isApiError(error) && error.category === "not-found")
        return {
          SnapshotId: id,
          Status: "progressing",
          SourceDiskId: volumeId,
          ...defined({ SnapshotName: name, Description: description }),
        };
      throw error;
    });
  },
  async get(ecs, id, options) {
    const found = alibaba.pick(await ecs.describeSnapshots({ SnapshotIds: JSON.stringify([id]) }, options));
    if (found) return found;
    throw notFound("alibaba", "DescribeSnapshots", id);
  },
  list: (ecs, volumeId, extra, options) => ecs.paginate("DescribeSnapshots", defined({ ...extra, DiskId: volumeId }), options),
  delete: (ecs, id, options) => ecs.deleteSnapshot({ SnapshotId: id }, options),
  waiters: ["SnapshotUsable", "SnapshotCompleted", "SnapshotDeleted"],
  waitParams: (id) => ({ SnapshotIds: JSON.stringify([id]) }),
  pick: (body) => records(body)?.[0],
  normalise(raw) {
    return {
      provider: "alibaba",
      id: raw.SnapshotId,
      volumeId: raw.SourceDiskId ?? "",
      name: text(raw.SnapshotName),
      description: text(raw.Description),
      status: status(raw.Status),
      readyToUse: raw.Available === true,
      progress: percent(raw.Progress),
      sizeGiB: numeric(raw.SourceDiskSize),
      createdAt: date(raw.CreationTime),
      raw,
    };
  },
  fields: { DiskId: "volumeId", SnapshotName: "name", Description: "description", Tag: "tags" },
};
