/**
 * UCloudStack: `CreateSnapshot` (a `Name` of 1 to 30 characters is required: the manager names an unnamed
 * snapshot `snapshot-<UTC yyyymmddhhmmss>`), `DescribeSnapshot` (`SnapshotIDs`; a disk's by `DiskID`, offset
 * paging), `DeleteSnapshot`. `CreateSnapshot` takes no tags: `tags` are refused (InvalidParameterError naming
 * `tags`). `CreateSnapshot` answers only the ID, so `create` reads the new snapshot back once.
 */
import { InvalidParameterError, isApiError } from "../core/common/errors.ts";
import type { UCloudStackClient } from "../ucloudstack/services.ts";
import type { components } from "../../generated/ucloudstack/ucloudstack.ts";
import { statusGroups } from "../../generated/ucloudstack/ucloudstack.waiters.ts";
import type { Adapter } from "./adapter.ts";
import { date, defined, notFound, numeric, text, vocabulary } from "./model.ts";

type Params<M> = M extends (params: infer P, ...rest: never[]) => unknown ? NonNullable<P> : never;
export type UCloudStackSnapshotRecord = components["schemas"]["SnapshotInfo"];
/** `ProjectID`, `CompanyID`, ... (everything `CreateSnapshot` takes but the disk, name and remark). */
export type UCloudStackCreateExtra = Omit<Params<UCloudStackClient["createSnapshot"]>, "DiskID" | "Name" | "Remark">;
/** `DescribeSnapshot` filters and page size (`Limit`) besides `DiskID`. */
export type UCloudStackListExtra = Omit<Params<UCloudStackClient["describeSnapshot"]>, "DiskID" | "Offset">;

const status = vocabulary<"creating" | "available" | "rolling-back" | "deleting" | "deleted" | "failed">(statusGroups.SnapshotStatus);

export const ucloudstack: Adapter<UCloudStackClient, UCloudStackSnapshotRecord> = {
  provider: "ucloudstack",
  async create(ucs, { volumeId, name, description, tags }, extra, options) {
    if (tags !== undefined)
      throw new InvalidParameterError("tags", "is not supported on UCloudStack (CreateSnapshot takes no tags)", {
        provider: "ucloudstack",
      });
    const Name = name ?? `snapshot-${new Date().toISOString().replace(/\D/g, "").slice(0, 14)}`;
    const body = await ucs.createSnapshot(
      defined({ ...extra, DiskID: volumeId, Name, Remark: description }) as Params<UCloudStackClient["createSnapshot"]>,
      options,
    );
    const id = body.SnapshotID!;
    // Read back for the whole record; a snapshot not listed yet is still the one created: answer what is known.
    return ucloudstack.get(ucs, id, options).catch((error: unknown) => {
      if (isApiError(error) && error.category === "not-found")
        return { SnapshotID: id, SnapshotStatus: "Creating", DiskID: volumeId, Name, ...defined({ Remark: description }) };
      throw error;
    });
  },
  async get(ucs, id, options) {
    const found = ucloudstack.pick(await ucs.describeSnapshot({ SnapshotIDs: [id] }, options));
    if (found) return found;
    throw notFound("ucloudstack", "DescribeSnapshot", id);
  },
  list: (ucs, volumeId, extra, options) => ucs.paginate("DescribeSnapshot", defined({ ...extra, DiskID: volumeId }), options),
  delete: (ucs, id, options) => ucs.deleteSnapshot({ SnapshotID: id }, options),
  waiters: ["SnapshotNormal", "SnapshotNormal", "SnapshotDeleted"],
  waitParams: (id) => ({ SnapshotIDs: [id] }),
  pick: (body) => (body as { Infos?: UCloudStackSnapshotRecord[] } | undefined)?.Infos?.[0],
  normalise(raw) {
    const word = status(raw.SnapshotStatus);
    return {
      provider: "ucloudstack",
      id: raw.SnapshotID ?? "",
      volumeId: raw.DiskID ?? "",
      name: text(raw.Name),
      description: text(raw.Remark),
      status: word,
      readyToUse: word === "available",
      progress: undefined,
      sizeGiB: numeric(raw.SnapshotSize),
      createdAt: date(raw.CreateTime),
      raw,
    };
  },
  fields: { DiskID: "volumeId", Name: "name", Remark: "description" },
};
