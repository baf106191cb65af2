/**
 * The 13 actions of the spec with state: disks (CreateDisk, DescribeDisk, AttachDisk,
 * DetachDisk, UpgradeDisk, DeleteDisk), snapshots (CreateSnapshot, DescribeSnapshot,
 * RollbackSnapshot, DeleteSnapshot) and VMs (DescribeVMInstance, StopVMInstance,
 * StartVMInstance). Each handler gets the flat parameters already checked against the spec
 * (typed from generated/ucloudstack/ucloudstack.ts), applies the rule (rules.ts) and answers in
 * the spec's success shape or as a RetCode-in-200 failure. The views carry the 1.x guide's
 * fields (with `Zone`), plus the disk's `Drive` and the snapshot's `SnapshotSize`/`DiskName`.
 */
import type { components, operations } from "../../../generated/ucloudstack/ucloudstack.ts";
import type { EmulatorResponse } from "../http-server.ts";
import { offsetPage } from "../paging.ts";
import { failure, success } from "./answers.ts";
import { type UcsDisk, type UcsSnapshot, type UcsState, type UcsVm, unixTime } from "./model.ts";
import * as rules from "./rules.ts";

type Schemas = components["schemas"];
type RequestOf<Id extends keyof operations> = operations[Id]["requestBody"]["content"]["application/json"];

export interface UcsCall<Params> extends rules.RuleContext {
  action: string;
  params: Params;
}

type Handlers = { [Id in keyof operations]: (call: UcsCall<RequestOf<Id>>) => EmulatorResponse };
export type UcsHandler = (call: UcsCall<Record<string, unknown>>) => EmulatorResponse;

const refused = (call: UcsCall<unknown>, refusal: rules.Refusal) => failure(call.action, refusal.retCode, refusal.detail);

/** The spec's paging: `Offset` (default 0), `Limit` (default 20, at most 100: the check has refused more), `TotalCount` of every match. */
function page<T, V>(call: UcsCall<{ Offset?: number; Limit?: number }>, all: readonly T[], view: (item: T) => V) {
  const { items, total } = offsetPage(all, call.params.Offset ?? 0, call.params.Limit ?? 20);
  return success(call.action, { TotalCount: total, Infos: items.map(view) });
}

export function diskView(disk: UcsDisk, state: UcsState): Schemas["DiskInfo"] {
  return {
    Region: state.region,
    Zone: state.zone,
    DiskID: disk.id,
    Name: disk.name,
    Remark: disk.remark,
    Size: disk.size,
    SetType: disk.setType,
    DiskType: disk.usage,
    DiskStatus: disk.status,
    AttachResourceID: disk.vmId ?? "",
    ...(disk.drive === undefined ? {} : { Drive: disk.drive, AttachResourceType: "VM" }),
    ChargeType: disk.chargeType,
    CreateTime: unixTime(disk.createdAt),
    // Hourly (`Dynamic`) disks do not expire; the guides' examples write 0.
    ExpireTime: 0,
    SnapshotCount: [...state.snapshots.values()].filter((snapshot) => snapshot.diskId === disk.id).length,
  };
}

export function snapshotView(snapshot: UcsSnapshot, state: UcsState): Schemas["SnapshotInfo"] {
  const disk = state.disks.get(snapshot.diskId);
  return {
    Region: state.region,
    Zone: state.zone,
    Name: snapshot.name,
    Remark: snapshot.remark,
    SnapshotID: snapshot.id,
    SnapshotStatus: snapshot.status,
    DiskID: snapshot.diskId,
    ...(disk === undefined ? {} : { DiskType: disk.usage, DiskName: disk.name }),
    SnapshotSize: snapshot.size,
    CreateTime: unixTime(snapshot.createdAt),
  };
}

export function vmView(vm: UcsVm, state: UcsState): Schemas["VMInstanceInfo"] {
  const disks = [...state.disks.values()].filter((disk) => disk.vmId === vm.id);
  return {
    Region: state.region,
    Zone: state.zone,
    VMID: vm.id,
    Name: vm.name,
    Remark: "",
    State: vm.state,
    CPU: vm.cpu,
    Memory: vm.memory,
    ChargeType: "Dynamic",
    CreateTime: unixTime(vm.createdAt),
    ExpireTime: 0,
    DiskInfos: disks.map((disk) => ({
      Type: disk.usage,
      DiskID: disk.id,
      Name: disk.name,
      Drive: disk.drive,
      Size: disk.size,
      IsElastic: disk.usage === "Boot" ? "N" : "Y",
    })),
  };
}

const has = (list: readonly string[] | undefined, value: string) => list === undefined || list.includes(value);

export const handlers: Handlers = {
  CreateDisk(call) {
    const { Name, DiskSpace, SetType, ChargeType, Remark } = call.params;
    const disk = rules.createDisk(call, { name: Name, size: DiskSpace, setType: SetType, chargeType: ChargeType, remark: Remark });
    return success(call.action, { DiskID: disk.id });
  },
  DescribeDisk(call) {
    const { DiskIDs, DiskType, AttachResourceID } = call.params;
    const all = [...call.state.disks.values()].filter(
      (disk) =>
        has(DiskIDs, disk.id) &&
        (DiskType === undefined || DiskType === disk.usage) &&
        (AttachResourceID === undefined || AttachResourceID === disk.vmId),
    );
    return page(call, all, (disk) => diskView(disk, call.state));
  },
  DeleteDisk(call) {
    const disk = rules.diskById(call, call.params.DiskID);
    const done = rules.isRefusal(disk) ? disk : rules.deleteDisk(call, disk);
    return rules.isRefusal(done) ? refused(call, done) : success(call.action);
  },
  AttachDisk(call) {
    const disk = rules.diskById(call, call.params.DiskID);
    if (rules.isRefusal(disk)) return refused(call, disk);
    const vm = rules.vmById(call, call.params.ResourceID);
    if (rules.isRefusal(vm)) return refused(call, vm);
    const done = rules.attachDisk(call, disk, vm);
    return rules.isRefusal(done) ? refused(call, done) : success(call.action);
  },
  DetachDisk(call) {
    const disk = rules.diskById(call, call.params.DiskID);
    if (rules.isRefusal(disk)) return refused(call, disk);
    const vm = rules.vmById(call, call.params.ResourceID);
    if (rules.isRefusal(vm)) return refused(call, vm);
    const done = rules.detachDisk(call, disk, vm);
    return rules.isRefusal(done) ? refused(call, done) : success(call.action);
  },
  UpgradeDisk(call) {
    const disk = rules.diskById(call, call.params.DiskID);
    const done = rules.isRefusal(disk) ? disk : rules.upgradeDisk(call, disk, call.params.DiskSpace);
    return rules.isRefusal(done) ? refused(call, done) : success(call.action);
  },
  CreateSnapshot(call) {
    const disk = rules.diskById(call, call.params.DiskID);
    const snapshot = rules.isRefusal(disk)
      ? disk
      : rules.createSnapshot(call, disk, { name: call.params.Name, remark: call.params.Remark });
    return rules.isRefusal(snapshot) ? refused(call, snapshot) : success(call.action, { SnapshotID: snapshot.id });
  },
  DescribeSnapshot(call) {
    const { SnapshotIDs, DiskID } = call.params;
    const all = [...call.state.snapshots.values()].filter(
      (snapshot) => has(SnapshotIDs, snapshot.id) && (DiskID === undefined || DiskID === snapshot.diskId),
    );
    return page(call, all, (snapshot) => snapshotView(snapshot, call.state));
  },
  RollbackSnapshot(call) {
    const snapshot = rules.snapshotById(call, call.params.SnapshotID);
    if (rules.isRefusal(snapshot)) return refused(call, snapshot);
    const disk = rules.diskById(call, call.params.DiskID);
    if (rules.isRefusal(disk)) return refused(call, disk);
    const done = rules.rollback(call, snapshot, disk);
    return rules.isRefusal(done) ? refused(call, done) : success(call.action);
  },
  DeleteSnapshot(call) {
    const snapshot = rules.snapshotById(call, call.params.SnapshotID);
    const done = rules.isRefusal(snapshot) ? snapshot : rules.deleteSnapshot(call, snapshot);
    return rules.isRefusal(done) ? refused(call, done) : success(call.action);
  },
  DescribeVMInstance(call) {
    const { VMIDs, States } = call.params;
    const all = [...call.state.vms.values()].filter((vm) => has(VMIDs, vm.id) && has(States, vm.state));
    return page(call, all, (vm) => vmView(vm, call.state));
  },
  StopVMInstance(call) {
    const vm = rules.vmById(call, call.params.VMID);
    const done = rules.isRefusal(vm) ? vm : rules.stopVm(call, vm);
    // The 1.x guide and the python SDK answer with the VM's id (StopVMInstanceResponse.VMID).
    return rules.isRefusal(done) ? refused(call, done) : success(call.action, { VMID: done.id });
  },
  StartVMInstance(call) {
    const vm = rules.vmById(call, call.params.VMID);
    const done = rules.isRefusal(vm) ? vm : rules.startVm(call, vm);
    return rules.isRefusal(done) ? refused(call, done) : success(call.action);
  },
};
