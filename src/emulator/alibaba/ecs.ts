/**
 * The ECS actions with state: disks, snapshots, instances and the disks' attachments, in
 * ECS's own answer shapes. The rules are the spec's (openapi/alibaba/ecs.yaml, each action's
 * description and `x-error-codes`, which cite the action pages of the ECS API reference
 * (help.aliyun.com / alibabacloud.com, "api-ecs-2014-05-26-<action>") and their error tables);
 * each refusal is a documented code with its documented status and message (answers.ts).
 * `DryRun=true` runs every check, including the resource-state ones, and changes nothing
 * (the spec's `DryRun` parameter: "for write actions, resource state limits").
 */
import { createHash } from "node:crypto";
import { answers } from "../../../generated/alibaba/ecs.answers.ts";
import type { EmulatorResponse } from "../http-server.ts";
import { alibabaError, newRequestId } from "./answers.ts";
import type { AlibabaCall, EcsHandlers } from "./call.ts";
import { ALIBABA_DURATIONS, type AlibabaDisk, type AlibabaInstance, type AlibabaSnapshot, ecsTime, newId } from "./model.ts";

/** ECS's limit of manual snapshots per disk (CreateSnapshot: `QuotaExceed.Snapshot`). */
export const SNAPSHOTS_PER_DISK = 256;

const fail = (call: AlibabaCall<unknown>, code: string, message?: string) => alibabaError(call.operationId, code, call.host, { message });
const dryRun = (call: AlibabaCall<unknown>) => alibabaError(call.operationId, "DryRunOperation", call.host);
const ok = (body: Record<string, unknown> = {}): EmulatorResponse => ({ status: 200, body: { RequestId: newRequestId(), ...body } });

/**
 * `faults.failNext({ kind: "resource-error" })` on an action whose resource the documents give no
 * error state: ECS's disk states (AlibabaCloudDocs/ecs "Appendix/Disk states.md": Creating,
 * Available, In_Use, ReIniting, Detaching, Deleting, Deleted) and instance states ("Instance
 * states.md": Pending, Starting, Running, Stopping, Stopped) have none, so the call itself fails,
 * with the action's documented 500 `InternalError` ("The request processing has failed due to
 * some unknown error."), and nothing changes. (A snapshot has one, `failed`: CreateSnapshot.)
 */
const failedOnTheServer = (call: AlibabaCall<unknown>) => alibabaError(call.operationId, "InternalError", call.host, { status: 500 });

/** A list given as one JSON array string (`DiskIds`, `SnapshotIds`, `InstanceIds`). */
function idList(text: unknown): string[] | undefined | "malformed" {
  if (typeof text !== "string") return undefined;
  try {
    const list: unknown = JSON.parse(text);
    return Array.isArray(list) && list.every((item) => typeof item === "string") ? list : "malformed";
  } catch {
    return "malformed";
  }
}

/** Newest first, as ECS lists by default; ties by id. */
function newestFirst<T extends { createdAt: number; id: string }>(items: Iterable<T>): T[] {
  return [...items].sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1));
}

/**
 * ECS's two pagings (spec: DescribeSnapshots/DescribeDisks/DescribeInstances "Paging"): token
 * paging when `NextToken` or `MaxResults` is given (`NextToken` of the previous answer, empty
 * on the last page), else the deprecated `PageNumber`/`PageSize` with `TotalCount`. The token is
 * opaque to the client: the offset and the filters it was made for, which it must come back with.
 */
function page<T>(
  call: AlibabaCall<unknown>,
  all: readonly T[],
  defaults: { maxResults: number },
): { items: T[]; fields: Record<string, unknown> } | EmulatorResponse {
  const params = call.params as Record<string, unknown>;
  // Worked out only for token paging (a page-numbered call, the usual describe, needs none).
  const fingerprint = () =>
    createHash("sha256")
      .update(
        JSON.stringify(
          Object.entries(params)
            .filter(([name]) => !["NextToken", "MaxResults", "PageNumber", "PageSize", "DryRun"].includes(name))
            .sort(),
        ),
      )
      .digest("hex")
      .slice(0, 12);
  if (params.NextToken !== undefined || params.MaxResults !== undefined) {
    const filters = fingerprint();
    const size = typeof params.MaxResults === "number" ? params.MaxResults : defaults.maxResults;
    let offset = 0;
    if (typeof params.NextToken === "string" && params.NextToken !== "") {
      const [madeFor, at] = Buffer.from(params.NextToken, "base64url").toString("utf8").split(":");
      offset = Number(at);
      // The documents name no code for a bad NextToken: ECS's common InvalidParameter (common.yaml).
      if (madeFor !== filters || !Number.isInteger(offset) || offset < 0)
        return fail(call, "InvalidParameter", "The specified NextToken is not valid.");
    }
    const items = all.slice(offset, offset + size);
    const next = offset + size < all.length ? Buffer.from(`${filters}:${offset + size}`).toString("base64url") : "";
    return { items, fields: { TotalCount: all.length, NextToken: next, MaxResults: size } };
  }
  const pageNumber = typeof params.PageNumber === "number" ? params.PageNumber : 1;
  const pageSize = typeof params.PageSize === "number" ? params.PageSize : 10;
  const items = all.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
  return { items, fields: { TotalCount: all.length, PageNumber: pageNumber, PageSize: pageSize } };
}
const isAnswer = (value: unknown): value is EmulatorResponse => typeof (value as EmulatorResponse).status === "number";

function diskView(disk: AlibabaDisk, call: AlibabaCall<unknown>) {
  return {
    DiskId: disk.id,
    DiskName: disk.name,
    Description: disk.description,
    Type: disk.type,
    Category: disk.category,
    PerformanceLevel: disk.category === "cloud_essd" ? "PL1" : "",
    Size: disk.size,
    Status: disk.status,
    InstanceId: disk.instanceId ?? "",
    Device: disk.device ?? "",
    ZoneId: disk.zoneId,
    RegionId: call.state.regionId,
    DiskChargeType: "PostPaid",
    Portable: disk.portable,
    DeleteWithInstance: disk.deleteWithInstance,
    DeleteAutoSnapshot: false,
    EnableAutoSnapshot: false,
    EnableAutomatedSnapshotPolicy: false,
    Encrypted: false,
    MultiAttach: "Disabled",
    SourceSnapshotId: disk.sourceSnapshotId,
    ImageId: "",
    CreationTime: ecsTime(disk.createdAt),
    AttachedTime: disk.attachedAt === undefined ? "" : ecsTime(disk.attachedAt),
    DetachedTime: disk.detachedAt === undefined ? "" : ecsTime(disk.detachedAt),
    OperationLocks: { OperationLock: [] },
    Attachments: {
      Attachment:
        disk.instanceId && disk.attachedAt !== undefined
          ? [{ InstanceId: disk.instanceId, Device: disk.device ?? "", AttachedTime: ecsTime(disk.attachedAt) }]
          : [],
    },
    Tags: { Tag: [] },
  };
}

function snapshotView(snapshot: AlibabaSnapshot, call: AlibabaCall<unknown>) {
  const usedByDisks = [...call.state.disks.values()].some((disk) => disk.sourceSnapshotId === snapshot.id);
  const remaining =
    snapshot.status === "progressing" ? Math.ceil(((100 - snapshot.progress) / 100) * (ALIBABA_DURATIONS.createSnapshot / 1000)) : 0;
  return {
    SnapshotId: snapshot.id,
    SnapshotName: snapshot.name,
    Description: snapshot.description,
    Status: snapshot.status,
    Progress: `${snapshot.progress}%`,
    RemainTime: remaining,
    CreationTime: ecsTime(snapshot.createdAt),
    LastModifiedTime: ecsTime(snapshot.modifiedAt),
    SourceDiskId: snapshot.diskId,
    SourceDiskSize: String(snapshot.sourceDiskSize),
    SourceDiskType: snapshot.sourceDiskType,
    SourceStorageType: "disk",
    SnapshotType: "user",
    Category: snapshot.category,
    Usage: usedByDisks ? "disk" : "none",
    Available: snapshot.usable,
    Encrypted: false,
    InstantAccess: snapshot.instantAccess,
    ...(snapshot.retentionDays === undefined ? {} : { RetentionDays: snapshot.retentionDays }),
    RegionId: call.state.regionId,
    Tags: { Tag: [] },
  };
}

const instanceTemplate = (answers.DescribeInstances!.ok.body as { Instances: { Instance: Array<Record<string, unknown>> } }).Instances
  .Instance[0]!;

function instanceView(instance: AlibabaInstance, call: AlibabaCall<unknown>) {
  // The documented example's fields, with the emulated ones in place of its placeholders.
  return {
    ...instanceTemplate,
    InstanceId: instance.id,
    InstanceName: instance.name,
    HostName: instance.name,
    Description: "",
    Status: instance.status,
    InstanceType: instance.instanceType,
    ZoneId: instance.zoneId,
    RegionId: call.state.regionId,
    CreationTime: ecsTime(instance.createdAt).replace(/:\d\dZ$/, "Z"),
  };
}

/** The disk, or the documented not-found answer. */
function diskOf(call: AlibabaCall<unknown>, id: string, code = "InvalidDiskId.NotFound"): AlibabaDisk | EmulatorResponse {
  return call.state.disks.get(id) ?? fail(call, code);
}
function snapshotOf(call: AlibabaCall<unknown>, id: string): AlibabaSnapshot | EmulatorResponse {
  return call.state.snapshots.get(id) ?? fail(call, "InvalidSnapshotId.NotFound");
}
function instanceOf(call: AlibabaCall<unknown>, id: string): AlibabaInstance | EmulatorResponse {
  return call.state.instances.get(id) ?? fail(call, "InvalidInstanceId.NotFound");
}
const isDisk = (value: AlibabaDisk | EmulatorResponse): value is AlibabaDisk => "type" in value && "category" in value;

/** A snapshot of the disk that is not usable yet: what ResetDisk calls an unfinished snapshot. */
const unfinishedSnapshotOf = (call: AlibabaCall<unknown>, diskId: string) =>
  [...call.state.snapshots.values()].some(
    (snapshot) => snapshot.diskId === diskId && snapshot.status === "progressing" && !snapshot.usable,
  );

/**
 * Why a disk cannot be reset to a snapshot now, as ResetDisk's conditions say (spec ResetDisk and
 * ResetDisks descriptions): the snapshot is of this disk (`InvalidParameter.Mismatch`); the disk's
 * instance is `Stopped` (`IncorrectInstanceStatus`); the disk is `In_use` or `Available`
 * (`InvalidOperation.DiskResetInProgress` while a reset runs, `IncorrectDiskStatus` otherwise);
 * the snapshot is usable (`InvalidSnapshotId.NotReady`); no snapshot of the disk is unfinished
 * (`IncorrectDiskStatus.HasUnfinishedSnapshot`).
 */
function resetRefusal(call: AlibabaCall<unknown>, disk: AlibabaDisk, snapshot: AlibabaSnapshot): string | undefined {
  if (snapshot.diskId !== disk.id) return "InvalidParameter.Mismatch";
  const instance = disk.instanceId ? call.state.instances.get(disk.instanceId) : undefined;
  if (instance && instance.status !== "Stopped") return "IncorrectInstanceStatus";
  if (disk.status === "ReIniting") return "InvalidOperation.DiskResetInProgress";
  if (disk.status !== "In_use" && disk.status !== "Available") return "IncorrectDiskStatus";
  if (!snapshot.usable || snapshot.status === "failed") return "InvalidSnapshotId.NotReady";
  if (unfinishedSnapshotOf(call, disk.id)) return "IncorrectDiskStatus.HasUnfinishedSnapshot";
  return undefined;
}

/** `ReIniting` until the reset is over, then the status it had. */
function startReset(call: AlibabaCall<unknown>, disk: AlibabaDisk): void {
  const before = disk.status;
  disk.status = "ReIniting";
  call.later(ALIBABA_DURATIONS.resetDisk, () => {
    if (call.state.disks.get(disk.id) === disk && disk.status === "ReIniting") disk.status = before;
  });
}

function nextDevice(call: AlibabaCall<unknown>, instanceId: string): string {
  const used = new Set([...call.state.disks.values()].filter((disk) => disk.instanceId === instanceId).map((disk) => disk.device));
  for (const letter of "bcdefghijklmnopqrstuvwxyz") if (!used.has(`/dev/xvd${letter}`)) return `/dev/xvd${letter}`;
  return "/dev/xvdz";
}

export const ecsHandlers: EcsHandlers = {
  CreateSnapshot(call) {
    const disk = diskOf(call, call.params.DiskId);
    if (!isDisk(disk)) return disk;
    if (disk.status !== "In_use" && disk.status !== "Available") return fail(call, "IncorrectDiskStatus");
    if (!disk.everAttached) return fail(call, "IncorrectDiskStatus.NeverAttached");
    const ofDisk = [...call.state.snapshots.values()].filter((snapshot) => snapshot.diskId === disk.id);
    if (ofDisk.some((snapshot) => snapshot.status === "progressing")) return fail(call, "IncorrectDiskStatus.CreatingSnapshot");
    if (ofDisk.length >= SNAPSHOTS_PER_DISK) return fail(call, "QuotaExceed.Snapshot");
    if (call.dryRun) return dryRun(call);
    const snapshot: AlibabaSnapshot = {
      id: newId("s"),
      diskId: disk.id,
      name: call.params.SnapshotName ?? "",
      description: call.params.Description ?? "",
      status: "progressing",
      progress: 0,
      usable: false,
      sourceDiskSize: disk.size,
      sourceDiskType: disk.type,
      category: call.params.Category === "Flash" ? "flash" : "standard",
      instantAccess: call.params.InstantAccess ?? false,
      retentionDays: call.params.RetentionDays,
      createdAt: call.now,
      modifiedAt: call.now,
    };
    call.state.snapshots.set(snapshot.id, snapshot);
    const fails = call.endsInError;
    const live = () => call.state.snapshots.get(snapshot.id) === snapshot && snapshot.status === "progressing";
    // Progress moves in tenths; the snapshot is usable (`Available`) at the documented separate point, before it is accomplished.
    for (let tenth = 1; tenth <= 10; tenth++)
      call.later((ALIBABA_DURATIONS.createSnapshot * tenth) / 10, (at) => {
        if (!live()) return;
        if (fails && tenth === 5) {
          snapshot.status = "failed";
          snapshot.modifiedAt = at;
          return;
        }
        snapshot.progress = tenth * 10;
        snapshot.modifiedAt = at;
        if (tenth === 10) {
          snapshot.status = "accomplished";
          snapshot.usable = true;
        }
      });
    call.later(ALIBABA_DURATIONS.snapshotUsable, () => {
      if (live() && !fails) snapshot.usable = true;
    });
    return ok({ SnapshotId: snapshot.id });
  },

  DescribeSnapshots(call) {
    const { DiskId, InstanceId, SnapshotName, Status, SnapshotType, Category } = call.params;
    const ids = idList(call.params.SnapshotIds);
    if (ids === "malformed") return fail(call, "InvalidSnapshotIds.Malformed");
    const ofInstance =
      InstanceId === undefined
        ? undefined
        : new Set([...call.state.disks.values()].filter((d) => d.instanceId === InstanceId).map((d) => d.id));
    // By id when the call names ids (a lookup each, not a scan of every snapshot); filtered before sorted.
    const candidates = ids === undefined ? [...call.state.snapshots.values()] : ids.flatMap((id) => call.state.snapshots.get(id) ?? []);
    const all = newestFirst(
      [...new Set(candidates)].filter(
        (snapshot) =>
          (DiskId === undefined || snapshot.diskId === DiskId) &&
          (ofInstance === undefined || ofInstance.has(snapshot.diskId)) &&
          (SnapshotName === undefined || snapshot.name === SnapshotName) &&
          (Status === undefined || Status === "all" || snapshot.status === Status) &&
          (SnapshotType === undefined || SnapshotType === "all" || SnapshotType === "user") &&
          (Category === undefined || snapshot.category === Category),
      ),
    );
    if (call.dryRun) return dryRun(call);
    const result = page(call, all, { maxResults: 10 });
    if (isAnswer(result)) return result;
    return ok({ ...result.fields, Snapshots: { Snapshot: result.items.map((snapshot) => snapshotView(snapshot, call)) } });
  },

  DeleteSnapshot(call) {
    const snapshot = snapshotOf(call, call.params.SnapshotId);
    if (isAnswer(snapshot)) return snapshot;
    if (snapshot.status === "progressing") return fail(call, "IncorrectDiskStatus.CreatingSnapshot");
    if (!call.params.Force && [...call.state.disks.values()].some((disk) => disk.sourceSnapshotId === snapshot.id))
      return fail(call, "SnapshotCreatedDisk");
    call.state.snapshots.delete(snapshot.id);
    return ok();
  },

  ModifySnapshotAttribute(call) {
    const snapshot = snapshotOf(call, call.params.SnapshotId);
    if (isAnswer(snapshot)) return snapshot;
    if (call.params.SnapshotName !== undefined) snapshot.name = call.params.SnapshotName;
    if (call.params.Description !== undefined) snapshot.description = call.params.Description;
    snapshot.modifiedAt = call.now;
    return ok();
  },

  CreateDisk(call) {
    const { Size, SnapshotId, InstanceId, ZoneId } = call.params;
    if (Size === undefined && SnapshotId === undefined)
      return fail(call, "MissingParameter", answerMessage("CreateDisk", "MissingParameter"));
    let source: AlibabaSnapshot | undefined;
    if (SnapshotId !== undefined) {
      const found = snapshotOf(call, SnapshotId);
      if (isAnswer(found)) return found;
      if (!found.usable || found.status === "failed") return fail(call, "InvalidSnapshot.NotReady");
      if (Size !== undefined && Size < found.sourceDiskSize) return fail(call, "InvalidDiskSize.TooSmall");
      source = found;
    }
    let instance: AlibabaInstance | undefined;
    if (InstanceId !== undefined) {
      const found = instanceOf(call, InstanceId);
      if (isAnswer(found)) return found;
      instance = found;
    } else if (ZoneId === undefined) return fail(call, "InvalidZoneId.NotFound", "The specified ZoneId (or an InstanceId) must be given.");
    if (call.dryRun) return dryRun(call);
    if (call.endsInError) return failedOnTheServer(call);
    const disk: AlibabaDisk = {
      id: newId("d"),
      name: call.params.DiskName ?? "",
      description: call.params.Description ?? "",
      size: Size ?? source!.sourceDiskSize,
      category: call.params.DiskCategory ?? "cloud",
      type: "data",
      status: "Creating",
      zoneId: instance?.zoneId ?? ZoneId!,
      portable: true,
      deleteWithInstance: false,
      instanceId: undefined,
      device: undefined,
      everAttached: false,
      sourceSnapshotId: source?.id ?? "",
      createdAt: call.now,
      attachedAt: undefined,
      detachedAt: undefined,
    };
    call.state.disks.set(disk.id, disk);
    call.later(ALIBABA_DURATIONS.createDisk, (at) => {
      if (call.state.disks.get(disk.id) !== disk) return;
      if (instance && call.state.instances.has(instance.id)) {
        // Created for an instance: attached to it once created.
        disk.instanceId = instance.id;
        disk.device = nextDevice(call, instance.id);
        disk.attachedAt = at;
        disk.everAttached = true;
        disk.status = "In_use";
      } else disk.status = "Available";
    });
    return ok({ DiskId: disk.id });
  },

  DescribeDisks(call) {
    const { InstanceId, DiskType, Category, Status, SnapshotId, Portable, DiskName, ZoneId } = call.params;
    const ids = idList(call.params.DiskIds);
    if (ids === "malformed") return fail(call, "InvalidParameter.DiskIds");
    const candidates = ids === undefined ? [...call.state.disks.values()] : ids.flatMap((id) => call.state.disks.get(id) ?? []);
    const all = newestFirst(new Set(candidates)).filter(
      (disk) =>
        (InstanceId === undefined || disk.instanceId === InstanceId) &&
        (DiskType === undefined || DiskType === "all" || disk.type === DiskType) &&
        (Category === undefined || Category === "all" || disk.category === Category) &&
        (Status === undefined || Status === "All" || disk.status === Status) &&
        (SnapshotId === undefined || disk.sourceSnapshotId === SnapshotId) &&
        (Portable === undefined || disk.portable === Portable) &&
        (DiskName === undefined || disk.name === DiskName) &&
        (ZoneId === undefined || disk.zoneId === ZoneId),
    );
    if (call.dryRun) return dryRun(call);
    const result = page(call, all, { maxResults: 10 });
    if (isAnswer(result)) return result;
    return ok({ ...result.fields, Disks: { Disk: result.items.map((disk) => diskView(disk, call)) } });
  },

  DeleteDisk(call) {
    // "If the specified DiskId parameter does not exist, the request is ignored."
    // (https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-deletedisk, Operation description)
    const disk = call.state.disks.get(call.params.DiskId);
    if (disk === undefined) return ok();
    if (disk.instanceId !== undefined) return fail(call, "DiskStillAttached");
    if (disk.status !== "Available") return fail(call, "IncorrectDiskStatus");
    // Manual snapshots outlive their disk (ECS keeps them; DeleteAutoSnapshot is about automatic ones).
    call.state.disks.delete(disk.id);
    return ok();
  },

  AttachDisk(call) {
    const disk = diskOf(call, call.params.DiskId);
    if (!isDisk(disk)) return disk;
    const instance = instanceOf(call, call.params.InstanceId);
    if (isAnswer(instance)) return instance;
    if (disk.instanceId !== undefined) return fail(call, "InvalidDisk.InUse");
    if (disk.status !== "Available") return fail(call, "IncorrectDiskStatus");
    if (instance.status !== "Running" && instance.status !== "Stopped") return fail(call, "IncorrectInstanceStatus");
    if (call.dryRun) return dryRun(call);
    disk.status = "Attaching";
    disk.instanceId = instance.id;
    disk.device = nextDevice(call, instance.id);
    call.later(ALIBABA_DURATIONS.attachDisk, (at) => {
      if (disk.status !== "Attaching") return;
      disk.status = "In_use";
      disk.attachedAt = at;
      disk.everAttached = true;
    });
    return ok();
  },

  DetachDisk(call) {
    const disk = diskOf(call, call.params.DiskId);
    if (!isDisk(disk)) return disk;
    const instance = instanceOf(call, call.params.InstanceId);
    if (isAnswer(instance)) return instance;
    // Not attached to this instance, a system disk, or in a transition: the disk's status does not allow it.
    if (disk.instanceId !== instance.id || disk.status !== "In_use" || disk.type === "system") return fail(call, "IncorrectDiskStatus");
    if (call.dryRun) return dryRun(call);
    disk.status = "Detaching";
    call.later(ALIBABA_DURATIONS.detachDisk, (at) => {
      if (disk.status !== "Detaching") return;
      disk.status = "Available";
      disk.instanceId = undefined;
      disk.device = undefined;
      disk.attachedAt = undefined;
      disk.detachedAt = at;
    });
    return ok();
  },

  ResizeDisk(call) {
    const disk = diskOf(call, call.params.DiskId);
    if (!isDisk(disk)) return disk;
    if (disk.status !== "In_use" && disk.status !== "Available") return fail(call, "IncorrectDiskStatus");
    if (call.params.NewSize <= disk.size) return fail(call, "InvalidDiskSize");
    if (call.dryRun) return dryRun(call);
    disk.size = call.params.NewSize;
    return ok();
  },

  ResetDisk(call) {
    const disk = diskOf(call, call.params.DiskId);
    if (!isDisk(disk)) return disk;
    const snapshot = snapshotOf(call, call.params.SnapshotId);
    if (isAnswer(snapshot)) return snapshot;
    const refusal = resetRefusal(call, disk, snapshot);
    if (refusal) return fail(call, refusal);
    if (call.dryRun) return dryRun(call);
    if (call.endsInError) return failedOnTheServer(call);
    startReset(call, disk);
    return ok();
  },

  /**
   * Each disk is checked on its own: a missing disk or snapshot refuses the call (the documented
   * not-found codes), a disk whose conditions fail is reported in `OperationProgressSet` with its
   * code (a 200 that contains failures, as the spec says), and the others are reset.
   */
  ResetDisks(call) {
    const pairs: Array<{ disk: AlibabaDisk; snapshot: AlibabaSnapshot; refusal: string | undefined }> = [];
    for (const entry of call.params.Disk) {
      const disk = diskOf(call, entry.DiskId);
      if (!isDisk(disk)) return disk;
      const snapshot = snapshotOf(call, entry.SnapshotId);
      if (isAnswer(snapshot)) return snapshot;
      pairs.push({ disk, snapshot, refusal: resetRefusal(call, disk, snapshot) });
    }
    if (pairs.every((pair) => pair.refusal !== undefined)) return fail(call, pairs[0]!.refusal!);
    if (call.dryRun) return dryRun(call);
    // A resource error: the disks the call would reset are reported `Failed` with the documented
    // InternalError (no disk state says a reset failed; see failedOnTheServer), in the 200 with
    // per-disk results that ResetDisks documents, and none is reset.
    const failed = call.endsInError ? "InternalError" : undefined;
    const progress = pairs.map(({ disk, snapshot, refusal: own }) => {
      const refusal = own ?? failed;
      if (!refusal) startReset(call, disk);
      return {
        OperationStatus: refusal ? "Failed" : "Success",
        ErrorCode: refusal ?? "",
        ErrorMsg: refusal ? answerMessage("ResetDisks", refusal) : "",
        RelatedItemSet: {
          RelatedItem: [
            { Name: "SnapshotId", Value: snapshot.id },
            { Name: "DiskId", Value: disk.id },
          ],
        },
      };
    });
    return ok({ OperationProgressSet: { OperationProgress: progress } });
  },

  DescribeInstances(call) {
    const { InstanceName, Status, ZoneId } = call.params;
    const ids = idList(call.params.InstanceIds);
    if (ids === "malformed") return fail(call, "InvalidParameter", "The specified InstanceIds is not a JSON array of instance IDs.");
    const all = newestFirst(call.state.instances.values()).filter(
      (instance) =>
        (ids === undefined || ids.includes(instance.id)) &&
        (InstanceName === undefined || instance.name === InstanceName) &&
        (Status === undefined || instance.status === Status) &&
        (ZoneId === undefined || instance.zoneId === ZoneId),
    );
    if (call.dryRun) return dryRun(call);
    const result = page(call, all, { maxResults: 10 });
    if (isAnswer(result)) return result;
    return ok({ ...result.fields, Instances: { Instance: result.items.map((instance) => instanceView(instance, call)) } });
  },

  DescribeInstanceStatus(call) {
    const wanted = call.params.InstanceId;
    const all = newestFirst(call.state.instances.values()).filter(
      (instance) =>
        (wanted === undefined || wanted.includes(instance.id)) &&
        (call.params.ZoneId === undefined || instance.zoneId === call.params.ZoneId),
    );
    const pageNumber = call.params.PageNumber ?? 1;
    const pageSize = call.params.PageSize ?? 10;
    const items = all.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
    return ok({
      InstanceStatuses: { InstanceStatus: items.map((instance) => ({ InstanceId: instance.id, Status: instance.status })) },
      PageNumber: pageNumber,
      PageSize: pageSize,
      TotalCount: all.length,
    });
  },

  StopInstance(call) {
    const instance = instanceOf(call, call.params.InstanceId);
    if (isAnswer(instance)) return instance;
    if (instance.status !== "Running") return fail(call, "IncorrectInstanceStatus");
    if (call.dryRun) return dryRun(call);
    if (call.endsInError) return failedOnTheServer(call);
    instance.status = "Stopping";
    call.later(ALIBABA_DURATIONS.stopInstance, () => {
      if (instance.status === "Stopping") instance.status = "Stopped";
    });
    return ok();
  },

  StartInstance(call) {
    const instance = instanceOf(call, call.params.InstanceId);
    if (isAnswer(instance)) return instance;
    if (instance.status !== "Stopped") return fail(call, "IncorrectInstanceStatus");
    if (call.dryRun) return dryRun(call);
    if (call.endsInError) return failedOnTheServer(call);
    instance.status = "Starting";
    call.later(ALIBABA_DURATIONS.startInstance, () => {
      if (instance.status === "Starting") instance.status = "Running";
    });
    return ok();
  },
};

/** The message an operation documents for a code (for `ErrorMsg`, and `MissingParameter`'s wording). */
function answerMessage(operationId: string, code: string): string {
  const body = alibabaError(operationId, code, "").body as { Message: string };
  return body.Message;
}
