/**
 * UCloudStack rollback: `RollbackSnapshot` needs a `Normal` snapshot of this disk and the disk unbound or bound to
 * a stopped VM ("回滚时硬盘必须处于未绑定或其挂载的主机为关机状态", UCloudDoc-Team/UCloudStack apiguide/snapshot.md
 * @0014c564 §5.3; RetCode 2501 otherwise). The disk is `Rollbacking` until done, then the state it had.
 */
import type { UCloudStackClient } from "../ucloudstack/services.ts";
import type { components } from "../../generated/ucloudstack/ucloudstack.ts";
import { statusGroups } from "../../generated/ucloudstack/ucloudstack.waiters.ts";
import type { RevertDriver } from "./revert.ts";
import { numeric, text, type Volume, type VolumeStatus, vocabulary } from "./model.ts";

export type UCloudStackDiskRecord = components["schemas"]["DiskInfo"];
const word = vocabulary<VolumeStatus>(statusGroups.DiskStatus);
const vmWord = vocabulary<string>(statusGroups.VMState);

const volumeOf = (raw: UCloudStackDiskRecord): Volume<UCloudStackDiskRecord> => ({
  provider: "ucloudstack",
  id: raw.DiskID ?? "",
  name: text(raw.Name),
  status: word(raw.DiskStatus),
  sizeGiB: numeric(raw.Size),
  instanceId: raw.AttachResourceID || undefined,
  raw,
});
const record = (volume: Volume) => volume.raw as UCloudStackDiskRecord;
const ucsOf = (ctx: { client: unknown }) => ctx.client as UCloudStackClient;
const snapshotStatus = (raw: unknown) => (raw as { SnapshotStatus?: string }).SnapshotStatus;

export const ucloudstackRevert: RevertDriver = {
  async volume(ctx, id, call) {
    const disk = (await ucsOf(ctx).describeDisk({ DiskIDs: [id] }, call)).Infos?.find((one) => one.DiskID === id);
    return disk && volumeOf(disk);
  },
  async instance(ctx, volume, call) {
    const id = volume.instanceId;
    if (!id) return undefined;
    const { running, status } = await ucloudstackRevert.state(ctx, id, call);
    return { id, running, status };
  },
  async state(ctx, id, call) {
    const status = (await ucsOf(ctx).describeVMInstance({ VMIDs: [id] }, call)).Infos?.find((one) => one.VMID === id)?.State;
    return { id, running: vmWord(status) === "running", stopped: vmWord(status) === "stopped", status };
  },
  untilStopped: async (ctx, id, w) => void (await w.wait(ctx.client, "VMStopped", { VMIDs: [id] })),
  spell: ({ snapshot, volume }) => ({ snapshot: snapshotStatus(snapshot.raw), volume: record(volume).DiskStatus }),
  judge({ snapshot, volume, instance }, stopInstance) {
    if (snapshot.status !== "available")
      return `snapshot ${snapshot.id} is ${snapshotStatus(snapshot.raw)}: wait until it is Normal (waitUntilReady), then revert`;
    if (volume.status === "available") return { stop: false, detach: false };
    if (volume.status === "attached" && instance) {
      if (vmWord(instance.status) === "stopped") return { stop: false, detach: false };
      if (instance.running) {
        if (stopInstance) return { stop: true, detach: false };
        return `disk ${volume.id} is bound to VM ${instance.id}, which is ${instance.status}: stop the VM or pass stopInstance: true (RollbackSnapshot RetCode 2501)`;
      }
      return `VM ${instance.id} of disk ${volume.id} is ${instance.status}: wait until it is Stopped (or Running, with stopInstance: true)`;
    }
    return `disk ${volume.id} is ${record(volume).DiskStatus}: RollbackSnapshot needs it unbound or bound; wait until it is`;
  },
  async stop(ctx, id, w) {
    await ucsOf(ctx).stopVMInstance({ VMID: id }, w.call);
    await w.wait(ctx.client, "VMStopped", { VMIDs: [id] });
  },
  async start(ctx, id, w) {
    await ucsOf(ctx).startVMInstance({ VMID: id }, w.call);
    await w.wait(ctx.client, "VMRunning", { VMIDs: [id] });
  },
  rollback: (ctx, targets, call) =>
    Promise.all(
      targets.map(({ snapshot, volume }) =>
        ucsOf(ctx)
          .rollbackSnapshot({ SnapshotID: snapshot.id, DiskID: volume.id }, call)
          .then(
            () => undefined,
            (error: unknown) => error ?? new Error("rollback failed"),
          ),
      ),
    ),
  async settle(ctx, { volume }, w) {
    const waiter = volume.status === "attached" ? "DiskBound" : "DiskAvailable";
    return volumeOf(((await w.wait(ctx.client, waiter, { DiskIDs: [volume.id] })) as { Infos: UCloudStackDiskRecord[] }).Infos[0]!);
  },
};
