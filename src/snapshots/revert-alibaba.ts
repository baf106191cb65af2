/**
 * Alibaba rollback: `ResetDisk` needs a usable snapshot (`Available`) of this disk, the disk `Available`, or `In_use`
 * on a `Stopped` instance (ResetDisk, https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-resetdisk:
 * "the instance must be in the Stopped state"; `IncorrectInstanceStatus`, `InvalidSnapshotId.NotReady`). The disk is
 * `ReIniting` until the reset is over, then the status it had. Several disks of one instance go in one
 * `ResetDisks`, whose per-disk outcomes come back in a 200 (`OperationProgressSet`).
 */
import { ApiError } from "../core/common/errors.ts";
import type { EcsClient } from "../alibaba/services.ts";
import type { components } from "../../generated/alibaba/ecs.ts";
import { statusGroups } from "../../generated/alibaba/ecs.waiters.ts";
import type { RevertDriver } from "./revert.ts";
import { numeric, text, type Volume, type VolumeStatus, vocabulary } from "./model.ts";

export type AlibabaDiskRecord = components["schemas"]["Disk"];
const word = vocabulary<VolumeStatus>(statusGroups.DiskStatus);

const volumeOf = (raw: AlibabaDiskRecord): Volume<AlibabaDiskRecord> => ({
  provider: "alibaba",
  id: raw.DiskId,
  name: text(raw.DiskName),
  status: word(raw.Status),
  sizeGiB: numeric(raw.Size),
  instanceId: raw.InstanceId || undefined,
  raw,
});
const disks = (body: unknown) => (body as { Disks?: { Disk?: AlibabaDiskRecord[] } }).Disks?.Disk ?? [];
const record = (volume: Volume) => volume.raw as AlibabaDiskRecord;
const ecsOf = (ctx: { client: unknown }) => ctx.client as EcsClient;
type Snap = { Status?: string; Available?: boolean };

export const alibabaRevert: RevertDriver = {
  async volume(ctx, id, call) {
    const [disk] = disks(await ecsOf(ctx).describeDisks({ DiskIds: JSON.stringify([id]) }, call));
    return disk && volumeOf(disk);
  },
  async instance(ctx, volume, call) {
    const id = volume.instanceId;
    if (!id) return undefined;
    const { running, status } = await alibabaRevert.state(ctx, id, call);
    return { id, running, status };
  },
  async state(ctx, id, call) {
    const body = await ecsOf(ctx).describeInstanceStatus({ InstanceId: [id] }, call);
    const status = body.InstanceStatuses?.InstanceStatus?.find((one) => one.InstanceId === id)?.Status;
    return { id, running: status === "Running", stopped: status === "Stopped", status };
  },
  untilStopped: async (ctx, id, w) => void (await w.wait(ctx.client, "InstanceStopped", { InstanceId: [id] })),
  spell: ({ snapshot, volume }) => ({ snapshot: (snapshot.raw as Snap).Status, volume: record(volume).Status }),
  judge({ snapshot, volume, instance }, stopInstance) {
    const raw = snapshot.raw as Snap;
    const status = record(volume).Status;
    if (raw.Available !== true || raw.Status === "failed")
      return `snapshot ${snapshot.id} is not usable (Status ${raw.Status}, Available ${raw.Available}): wait until it is ready (waitUntilReady), then revert`;
    if (status === "Available") return { stop: false, detach: false };
    if (status === "In_use" && instance) {
      if (instance.status === "Stopped") return { stop: false, detach: false };
      if (instance.running) {
        if (stopInstance) return { stop: true, detach: false };
        return `disk ${volume.id} is In_use on instance ${instance.id}, which is Running: stop the instance or pass stopInstance: true`;
      }
      return `instance ${instance.id} of disk ${volume.id} is ${instance.status}: wait until it is Stopped (or Running, with stopInstance: true)`;
    }
    return `disk ${volume.id} is ${status}: ResetDisk needs it Available or In_use; wait until it is`;
  },
  async stop(ctx, id, w) {
    await ecsOf(ctx).stopInstance({ InstanceId: id }, w.call);
    await w.wait(ctx.client, "InstanceStopped", { InstanceId: [id] });
  },
  async start(ctx, id, w) {
    await ecsOf(ctx).startInstance({ InstanceId: id }, w.call);
    await w.wait(ctx.client, "InstanceRunning", { InstanceId: [id] });
  },
  async rollback(ctx, targets, call) {
    const ecs = ecsOf(ctx);
    if (targets.length === 1) {
      const { snapshot, volume } = targets[0]!;
      return ecs.resetDisk({ DiskId: volume.id, SnapshotId: snapshot.id }, call).then(
        () => [undefined],
        (error: unknown) => [error],
      );
    }
    const body = await ecs.resetDisks(
      { Disk: targets.map(({ snapshot, volume }) => ({ DiskId: volume.id, SnapshotId: snapshot.id })) },
      call,
    );
    const progress = (body as components["schemas"]["ResetDisksResponse"]).OperationProgressSet?.OperationProgress ?? [];
    return targets.map(({ volume }) => {
      const entry = progress.find((one) =>
        one.RelatedItemSet?.RelatedItem?.some((item) => item.Name === "DiskId" && item.Value === volume.id),
      );
      if (entry?.OperationStatus === "Success") return undefined;
      const code = entry?.ErrorCode || undefined;
      return new ApiError({
        provider: "alibaba",
        operation: "ResetDisks",
        status: 200,
        code,
        message: entry?.ErrorMsg || `disk ${volume.id} was not reset`,
        requestId: (body as { RequestId?: string }).RequestId,
        category: code === "InternalError" ? "server" : "invalid-state",
        body,
      });
    });
  },
  async settle(ctx, { volume }, w) {
    const waiter = record(volume).Status === "In_use" ? "DiskInUse" : "DiskAvailable";
    return volumeOf(disks(await w.wait(ctx.client, waiter, { DiskIds: JSON.stringify([volume.id]) }))[0]!);
  },
};
