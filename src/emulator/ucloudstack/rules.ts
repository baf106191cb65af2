/**
 * What UCloudStack does with a disk, a snapshot or a VM: the documented preconditions and the
 * status machines. Each rule returns the changed resource or a `Refusal` (a RetCode of the
 * spec's catalog, answered in a 200 by answers.ts).
 *
 * Sources (the spec's operation descriptions cite them; ERRATA 61 and 66):
 *  - the 1.x snapshot chapter, https://github.com/UCloudDoc-Team/UCloudStack/blob/0014c5647be963eb61cea9cb10ca2afbbb8e237b/apiguide/snapshot.md
 *    §5.1 "若硬盘在升级或快照中，无法进行创建快照操作", §5.3 "回滚时硬盘必须处于未绑定或其挂载的主机为关机状态",
 *    only a `Normal` snapshot is rolled back to, §5.4 "仅支持状态为正常的快照进行删除操作";
 *  - the 1.x disk and VM chapters (apiguide/disk.md, apiguide/vm.md @0014c564): a disk is deleted
 *    only when bound to nothing ("云硬盘未绑定任何产品时可删除"), a VM is stopped only when running
 *    ("必须在运行状态下才可进行关闭操作") and started only when stopped ("必须在关机状态下才可进行开启操作");
 *  - the return codes, 1.x https://github.com/UCloudDoc-Team/UCloudStack/blob/0f9f789431e54772fdf5e4ff16fe50c484add391/apiretcode/README.md
 *    and 2.x https://github.com/UCloudDoc-Team/UCloudStack_v2.x/blob/0eebe1f4f48dc06635c55e981d408217cbdcfafd/apiretcode/README.md.
 *    The lists do not say which action returns which code; the emulator answers the 1.x code
 *    whose text names the failure (as the spec's examples do) and the 2.x one where 1.x has
 *    none (200: the snapshot does not exist).
 */
import { UCS_DURATIONS } from "./durations.ts";
import { freeDrive, newId, type UcsDisk, type UcsSnapshot, type UcsState, type UcsVm } from "./model.ts";

/** A refused request: a RetCode of the catalog and, optionally, what exactly was wrong. */
export interface Refusal {
  refused: true;
  retCode: string;
  detail?: string;
}

const refuse = (retCode: string, detail?: string): Refusal => ({ refused: true, retCode, ...(detail === undefined ? {} : { detail }) });
export const isRefusal = (value: unknown): value is Refusal => (value as Refusal | undefined)?.refused === true;

/** What a rule needs: the state, the clock, a way to schedule the end of a transition, and whether it is to fail. */
export interface RuleContext {
  state: UcsState;
  now: number;
  /** Runs `apply` once a transition that realistically takes `realisticMs` is over. */
  later(realisticMs: number, apply: () => void): void;
  /** `faults.failNext({ kind: "resource-error" })` asked this call's resource to end in its failed state. */
  endsInError: boolean;
}

/** 1.x `Unbound` / `Bound`: the steady states a disk is used from. */
const STEADY_DISK = ["Unbound", "Bound"];
/** Snapshot states during which its disk takes no other snapshot or rollback (RetCode 2502). */
const BUSY_SNAPSHOT = ["Createing", "RollBacking"];

/** 2205 (1.x 硬盘快照: 硬盘不存在) for a disk id that is not there. */
export function diskById(context: RuleContext, id: string): UcsDisk | Refusal {
  return context.state.disks.get(id) ?? refuse("2205", `${id}`);
}

/** 200 (2.x 公共: 资源不存在): the 1.x list has no "snapshot does not exist" code (ERRATA 61). */
export function snapshotById(context: RuleContext, id: string): UcsSnapshot | Refusal {
  return context.state.snapshots.get(id) ?? refuse("200", `${id}`);
}

/** 2011 (1.x: 主机不存在或主机状态不对) for a VM id that is not there. */
export function vmById(context: RuleContext, id: string): UcsVm | Refusal {
  return context.state.vms.get(id) ?? refuse("2011", `${id} does not exist`);
}

const snapshotsOf = (context: RuleContext, diskId: string) =>
  [...context.state.snapshots.values()].filter((snapshot) => snapshot.diskId === diskId);

export interface NewDisk {
  name: string;
  size: number;
  setType: string;
  chargeType: string;
  remark: string | undefined;
}

/** A new disk: `Creating`, then `Unbound` (`Failed` when a resource error was asked for). */
export function createDisk(context: RuleContext, request: NewDisk): UcsDisk {
  const disk: UcsDisk = {
    id: newId("disk"),
    name: request.name,
    remark: request.remark ?? "",
    size: request.size,
    setType: request.setType,
    usage: "Data",
    status: "Creating",
    vmId: undefined,
    drive: undefined,
    chargeType: request.chargeType,
    createdAt: context.now,
  };
  context.state.disks.set(disk.id, disk);
  const fails = context.endsInError;
  context.later(UCS_DURATIONS.createDisk, () => {
    disk.status = fails ? "Failed" : "Unbound";
  });
  return disk;
}

/** Deletes a disk bound to nothing (2202 when bound), without snapshots (2207), in a steady state (2206): `Deleting`, then gone. */
export function deleteDisk(context: RuleContext, disk: UcsDisk): UcsDisk | Refusal {
  if (disk.vmId !== undefined) return refuse("2202", `${disk.id} is bound to ${disk.vmId}`);
  if (disk.status !== "Unbound" && disk.status !== "Failed") return refuse("2206", `${disk.id} is ${disk.status}`);
  const snapshots = snapshotsOf(context, disk.id).length;
  if (snapshots > 0) return refuse("2207", `${disk.id} has ${snapshots}`);
  disk.status = "Deleting";
  context.later(UCS_DURATIONS.deleteDisk, () => {
    context.state.disks.delete(disk.id);
  });
  return disk;
}

/** Most disks one VM takes: 2204 "已超出资源可绑定的最大硬盘数：Arm虚拟机3块其他6块" (the emulated VMs are not Arm). */
export const DISKS_PER_VM = 6;

/** Binds an `Unbound` disk (2206 otherwise) to a VM with room (2204): `Bounding`, then `Bound`. */
export function attachDisk(context: RuleContext, disk: UcsDisk, vm: UcsVm): UcsDisk | Refusal {
  if (disk.status !== "Unbound") return refuse("2206", `${disk.id} is ${disk.status}`);
  const bound = [...context.state.disks.values()].filter((other) => other.vmId === vm.id).length;
  if (bound >= DISKS_PER_VM) return refuse("2204", `${vm.id} has ${bound}`);
  disk.drive = freeDrive(context.state, vm.id);
  disk.vmId = vm.id;
  disk.status = "Bounding";
  context.later(UCS_DURATIONS.attach, () => {
    disk.status = "Bound";
  });
  return disk;
}

/**
 * Unbinds a data disk `Bound` to that VM (2206 otherwise: not bound there, busy, or a system
 * disk, which the guides say cannot be detached and for which they name no other code):
 * `Unbounding`, then `Unbound`.
 */
export function detachDisk(context: RuleContext, disk: UcsDisk, vm: UcsVm): UcsDisk | Refusal {
  if (disk.vmId !== vm.id) return refuse("2206", `${disk.id} is not bound to ${vm.id}`);
  if (disk.usage === "Boot") return refuse("2206", `${disk.id} is the system disk of ${vm.id}`);
  if (disk.status !== "Bound") return refuse("2206", `${disk.id} is ${disk.status}`);
  disk.status = "Unbounding";
  context.later(UCS_DURATIONS.detach, () => {
    disk.status = "Unbound";
    disk.vmId = undefined;
    disk.drive = undefined;
  });
  return disk;
}

/** Grows a disk in a steady state (2206) to a size not smaller (2203, 1.x 云盘大小错误): `Upgrading`, then the size and the state it had. */
export function upgradeDisk(context: RuleContext, disk: UcsDisk, size: number): UcsDisk | Refusal {
  if (!STEADY_DISK.includes(disk.status)) return refuse("2206", `${disk.id} is ${disk.status}`);
  if (size < disk.size) return refuse("2203", `${size} GB is smaller than the disk's ${disk.size} GB`);
  const before = disk.status;
  const fails = context.endsInError;
  disk.status = "Upgrading";
  context.later(UCS_DURATIONS.upgradeDisk, () => {
    if (fails) disk.status = "Failed";
    else {
      disk.size = size;
      disk.status = before;
    }
  });
  return disk;
}

export interface NewSnapshot {
  name: string;
  remark: string | undefined;
}

/**
 * Snapshots a disk: refused while one of its snapshots is being created or rolled back (2502),
 * when the disk is not `Unbound`/`Bound` (2206: being upgraded, snapshotted…), or at the
 * per-disk limit (2500). The snapshot is `Createing` (the 1.x spelling) and the disk
 * `Snapshoting` (sic) until done; then `Normal` (`Failure` on a resource error) and the disk's
 * own state again.
 */
export function createSnapshot(context: RuleContext, disk: UcsDisk, request: NewSnapshot): UcsSnapshot | Refusal {
  const siblings = snapshotsOf(context, disk.id);
  if (siblings.some((snapshot) => BUSY_SNAPSHOT.includes(snapshot.status))) return refuse("2502", `${disk.id}`);
  if (!STEADY_DISK.includes(disk.status)) return refuse("2206", `${disk.id} is ${disk.status}`);
  if (siblings.length >= context.state.snapshotLimitPerDisk)
    return refuse("2500", `${disk.id} has ${siblings.length}, the most one disk may have here`);
  const snapshot: UcsSnapshot = {
    id: newId("snapshot"),
    diskId: disk.id,
    name: request.name,
    remark: request.remark ?? "",
    size: disk.size,
    status: "Createing",
    createdAt: context.now,
  };
  context.state.snapshots.set(snapshot.id, snapshot);
  const before = disk.status;
  disk.status = "Snapshoting";
  const fails = context.endsInError;
  context.later(UCS_DURATIONS.createSnapshot, () => {
    snapshot.status = fails ? "Failure" : "Normal";
    if (disk.status === "Snapshoting") disk.status = before;
  });
  return snapshot;
}

/** Deletes a `Normal` snapshot (100 otherwise, 1.x 请求操作失败，请稍后重试): `Deleting`, then gone. */
export function deleteSnapshot(context: RuleContext, snapshot: UcsSnapshot): UcsSnapshot | Refusal {
  if (snapshot.status !== "Normal") return refuse("100", `the snapshot is ${snapshot.status}`);
  snapshot.status = "Deleting";
  context.later(UCS_DURATIONS.deleteSnapshot, () => {
    context.state.snapshots.delete(snapshot.id);
  });
  return snapshot;
}

/**
 * Rolls a disk back to one of its own snapshots (`DiskID` must be the snapshot's disk: the
 * guides name no code, so the generic parameter error 140). Refused while a snapshot of the
 * disk is being created or rolled back (2502), from a snapshot that is not `Normal` (100),
 * for a disk not `Unbound`/`Bound` (2206), and for a disk bound to a VM that is not `Stopped`
 * (2501). The disk is `Rollbacking` and the snapshot `RollBacking` until done; then the disk's
 * own state again (`Failed` on a resource error) and the snapshot `Normal`.
 */
export function rollback(context: RuleContext, snapshot: UcsSnapshot, disk: UcsDisk): UcsDisk | Refusal {
  if (snapshot.diskId !== disk.id) return refuse("140", `${snapshot.id} was taken from ${snapshot.diskId}, not from ${disk.id}`);
  if (snapshotsOf(context, disk.id).some((other) => BUSY_SNAPSHOT.includes(other.status))) return refuse("2502", `${disk.id}`);
  if (snapshot.status !== "Normal") return refuse("100", `the snapshot is ${snapshot.status}`);
  if (!STEADY_DISK.includes(disk.status)) return refuse("2206", `${disk.id} is ${disk.status}`);
  const vm = disk.vmId === undefined ? undefined : context.state.vms.get(disk.vmId);
  if (vm && vm.state !== "Stopped") return refuse("2501", `${vm.id} is ${vm.state}`);
  const before = disk.status;
  const fails = context.endsInError;
  disk.status = "Rollbacking";
  snapshot.status = "RollBacking";
  context.later(UCS_DURATIONS.rollback, () => {
    disk.status = fails ? "Failed" : before;
    snapshot.status = "Normal";
  });
  return disk;
}

/** Stops a `Running` VM (2011 otherwise): `Stopping`, then `Stopped`. */
export function stopVm(context: RuleContext, vm: UcsVm): UcsVm | Refusal {
  if (vm.state !== "Running") return refuse("2011", `${vm.id} is ${vm.state}`);
  vm.state = "Stopping";
  context.later(UCS_DURATIONS.stopVm, () => {
    vm.state = "Stopped";
  });
  return vm;
}

/** Starts a `Stopped` VM (2011 otherwise): `Starting`, then `Running`. */
export function startVm(context: RuleContext, vm: UcsVm): UcsVm | Refusal {
  if (vm.state !== "Stopped") return refuse("2011", `${vm.id} is ${vm.state}`);
  vm.state = "Starting";
  context.later(UCS_DURATIONS.startVm, () => {
    vm.state = "Running";
  });
  return vm;
}
