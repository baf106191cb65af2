/**
 * Huawei EVS through the native snapshot API (`CreateSnapshot`, `ShowSnapshot`, `ListSnapshots`,
 * `DeleteSnapshot` under /cloudsnapshots). Tags travel as the snapshot's `metadata` (EVS tags are for
 * volumes). `force: true` is sent unless the caller says otherwise: it only lifts the refusal to snapshot an
 * attached (`in-use`) or attaching volume (OpenStack block-storage api-ref "Create a snapshot": `force`,
 * "even if the volume is attached"; Huawei evs_04_2016 / CinderCreateSnapshotV3: "attaching"), and the
 * cross-provider `create` snapshots a volume whether it is attached or not, as Alibaba and UCloudStack do.
 */
import type { EvsClient } from "../huawei/services.ts";
import type { components } from "../../generated/huawei/evs.ts";
import { statusGroups } from "../../generated/huawei/evs.waiters.ts";
import type { Adapter } from "./adapter.ts";
import { date, defined, numeric, percent, text, vocabulary } from "./model.ts";

type Params<M> = M extends (params: infer P, ...rest: never[]) => unknown ? NonNullable<P> : never;
/** `ShowSnapshot`'s record, or `ListSnapshots`' (which adds the dedicated storage and service type). */
export type HuaweiSnapshotRecord = components["schemas"]["NativeSnapshot"] | components["schemas"]["NativeSnapshotListItem"];
/** `force` (and any later field of `snapshot` the manager does not set itself). */
export type HuaweiCreateExtra = Omit<Params<EvsClient["createSnapshot"]>["snapshot"], "volume_id" | "name" | "description" | "metadata">;
/** `ListSnapshots` filters and page size (`limit`) besides `volume_id`. */
export type HuaweiListExtra = Omit<Params<EvsClient["listSnapshots"]>, "volume_id" | "offset">;

const status = vocabulary<"creating" | "available" | "rolling-back" | "deleting" | "failed">(statusGroups.SnapshotStatus);

export const huawei: Adapter<EvsClient, HuaweiSnapshotRecord> = {
  provider: "huawei",
  async create(evs, { volumeId, name, description, tags }, extra, options) {
    const snapshot = { force: true, ...extra, volume_id: volumeId, name, description, metadata: tags };
    return (await evs.createSnapshot({ snapshot: defined(snapshot) as typeof snapshot }, options)).snapshot;
  },
  get: async (evs, id, options) => (await evs.showSnapshot({ snapshot_id: id }, options)).snapshot,
  list: (evs, volumeId, extra, options) => evs.paginate("ListSnapshots", defined({ ...extra, volume_id: volumeId }), options),
  delete: (evs, id, options) => evs.deleteSnapshot({ snapshot_id: id }, options),
  waiters: ["SnapshotAvailable", "SnapshotAvailable", "SnapshotDeleted"],
  waitParams: (id) => ({ snapshot_id: id }),
  pick: (body) => (body as { snapshot?: HuaweiSnapshotRecord } | undefined)?.snapshot,
  normalise(raw) {
    const word = status(raw.status);
    return {
      provider: "huawei",
      id: raw.id,
      volumeId: raw.volume_id,
      name: text(raw.name),
      description: text(raw.description),
      status: word,
      readyToUse: word === "available",
      progress: percent(raw["os-extended-snapshot-attributes:progress"]),
      sizeGiB: numeric(raw.size),
      createdAt: date(raw.created_at),
      raw,
    };
  },
  fields: { "snapshot.volume_id": "volumeId", "snapshot.name": "name", "snapshot.description": "description", "snapshot.metadata": "tags" },
};
