/**
 * The UCloudStack emulator's state: cloud disks, their snapshots and the VMs they are attached
 * to, in one region (and zone). Plain records kept in insertion order (lists page in creation
 * order), removed when deleted. Status spellings are the 1.x guide's (the spec's `SnapshotStatus`,
 * `DiskStatus` and `VMState` schemas list them): snapshots `Createing` (sic) → `Normal`,
 * `RollBacking`, `Deleting`, `Failure`; disks `Creating` → `Unbound`, `Bounding` → `Bound`,
 * `Unbounding`, `Upgrading`, `Snapshoting` (sic), `Rollbacking`, `Deleting`, `Failed`; VMs
 * `Running`, `Stopping`, `Stopped`, `Starting`.
 */
import { randomBytes } from "node:crypto";
import { ConfigurationError } from "../../core/common/errors.ts";

export interface UcsDisk {
  id: string;
  name: string;
  remark: string;
  /** GB. */
  size: number;
  setType: string;
  /** `Boot` (system disk) or `Data`. */
  usage: "Boot" | "Data";
  status: string;
  /** The VM it is bound to, and its device name there (`vda`, `vdb`, …). */
  vmId: string | undefined;
  drive: string | undefined;
  chargeType: string;
  /** Epoch ms. */
  createdAt: number;
}

export interface UcsSnapshot {
  id: string;
  diskId: string;
  name: string;
  remark: string;
  /** GB: the disk's size when it was taken. */
  size: number;
  status: string;
  createdAt: number;
}

export interface UcsVm {
  id: string;
  name: string;
  state: string;
  cpu: number;
  memory: number;
  createdAt: number;
}

export interface UcsState {
  region: string;
  zone: string;
  /** The most snapshots one disk may have (RetCode 2500 beyond it). */
  snapshotLimitPerDisk: number;
  disks: Map<string, UcsDisk>;
  snapshots: Map<string, UcsSnapshot>;
  vms: Map<string, UcsVm>;
}

/** The initial state a test gives (`startEmulator({ provider: "ucloudstack", fixture })`); every field optional but a disk's size. */
export interface UCloudStackFixture {
  /** `Region` every request must name (default `cn`); another is RetCode 162. */
  region?: string;
  /** `Zone` a request may name (default `zone-01`); another is RetCode 163. */
  zone?: string;
  /**
   * The most snapshots one disk may have. The guides say there is a per-disk limit (1.x RetCode
   * 2500, 2.x 7000) but not its size; default 10 (an emulator choice).
   */
  snapshotLimitPerDisk?: number;
  vms?: Array<{ id?: string; name?: string; state?: "Running" | "Stopped"; cpu?: number; memory?: number }>;
  disks?: Array<{
    id?: string;
    name?: string;
    size: number;
    setType?: string;
    /** `Boot` for a system disk (needs `vmId`); default `Data`. */
    usage?: "Boot" | "Data";
    /** Bound to this VM (one of `vms`); the status is then `Bound`, else `Unbound`. */
    vmId?: string;
    drive?: string;
  }>;
  snapshots?: Array<{ id?: string; diskId: string; name?: string; remark?: string }>;
}

/** The documented default: a running VM with a system and a data disk, a stopped VM with a system disk, an unbound data disk, one `Normal` snapshot. */
export const DEFAULT_UCLOUDSTACK_FIXTURE: UCloudStackFixture = {
  region: "cn",
  zone: "zone-01",
  vms: [
    { id: "vm-8fz3k1qp", name: "web-01", state: "Running", cpu: 2, memory: 4096 },
    { id: "vm-2b6d9r4t", name: "batch-01", state: "Stopped", cpu: 4, memory: 8192 },
  ],
  disks: [
    { id: "disk-l5c7ue0a", name: "web-01-system", size: 40, usage: "Boot", vmId: "vm-8fz3k1qp", drive: "vda" },
    { id: "disk-7hp3ws2e", name: "web-01-data", size: 100, setType: "SSD", vmId: "vm-8fz3k1qp", drive: "vdb" },
    { id: "disk-3m8x1c5v", name: "batch-01-system", size: 40, usage: "Boot", vmId: "vm-2b6d9r4t", drive: "vda" },
    { id: "disk-9qk2vxmb", name: "spare-data", size: 200, setType: "SSD" },
  ],
  snapshots: [{ id: "snapshot-pz6m1kfa", diskId: "disk-7hp3ws2e", name: "web-01-data-nightly", remark: "Nightly backup job" }],
};

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";
/** `snapshot-h7w3xrnm`: the resource type and 8 lower-case letters or digits, as the guides' ids look. */
export function newId(prefix: "disk" | "snapshot" | "vm"): string {
  return `${prefix}-${Array.from(randomBytes(8), (byte) => ALPHABET[byte % 36]).join("")}`;
}

/** Device names in a VM in the order they are handed out. */
export const DRIVES = ["vda", "vdb", "vdc", "vdd", "vde", "vdf", "vdg"] as const;

/** Builds the state a fixture describes; a fixture that contradicts itself is a `ConfigurationError` naming the field. */
export function ucloudStackState(fixture: UCloudStackFixture, now: number): UcsState {
  const bad = (field: string, problem: string) => new ConfigurationError(`fixture.${field}`, problem, { provider: "ucloudstack" });
  const text = (value: unknown) => typeof value === "string" && value.length > 0;
  const region = fixture.region ?? "cn";
  const zone = fixture.zone ?? "zone-01";
  if (!text(region)) throw bad("region", "must be a non-empty string");
  if (!text(zone)) throw bad("zone", "must be a non-empty string");
  const limit = fixture.snapshotLimitPerDisk ?? 10;
  if (!(Number.isInteger(limit) && limit >= 1)) throw bad("snapshotLimitPerDisk", "must be a whole number ≥ 1");
  const state: UcsState = { region, zone, snapshotLimitPerDisk: limit, disks: new Map(), snapshots: new Map(), vms: new Map() };
  for (const [index, vm] of (fixture.vms ?? []).entries()) {
    const id = vm.id ?? newId("vm");
    if (state.vms.has(id)) throw bad(`vms[${index}].id`, `'${id}' is used twice`);
    if (vm.state !== undefined && vm.state !== "Running" && vm.state !== "Stopped")
      throw bad(`vms[${index}].state`, "must be 'Running' or 'Stopped'");
    state.vms.set(id, {
      id,
      name: vm.name ?? `vm-${index + 1}`,
      state: vm.state ?? "Running",
      cpu: vm.cpu ?? 2,
      memory: vm.memory ?? 4096,
      createdAt: now,
    });
  }
  for (const [index, disk] of (fixture.disks ?? []).entries()) {
    const id = disk.id ?? newId("disk");
    if (state.disks.has(id)) throw bad(`disks[${index}].id`, `'${id}' is used twice`);
    if (!(Number.isInteger(disk.size) && disk.size >= 1)) throw bad(`disks[${index}].size`, "must be a whole number of GB ≥ 1");
    if (disk.vmId !== undefined && !state.vms.has(disk.vmId))
      throw bad(`disks[${index}].vmId`, `'${disk.vmId}' is not one of the fixture's vms`);
    const usage = disk.usage ?? "Data";
    if (usage !== "Boot" && usage !== "Data") throw bad(`disks[${index}].usage`, "must be 'Boot' or 'Data'");
    if (usage === "Boot" && disk.vmId === undefined) throw bad(`disks[${index}].vmId`, "a system (Boot) disk must belong to a VM");
    const drive = disk.vmId === undefined ? undefined : (disk.drive ?? freeDrive(state, disk.vmId));
    state.disks.set(id, {
      id,
      name: disk.name ?? `disk-${index + 1}`,
      remark: "",
      size: disk.size,
      setType: disk.setType ?? "Normal",
      usage,
      status: disk.vmId === undefined ? "Unbound" : "Bound",
      vmId: disk.vmId,
      drive,
      chargeType: "Dynamic",
      createdAt: now,
    });
  }
  for (const [index, snapshot] of (fixture.snapshots ?? []).entries()) {
    const id = snapshot.id ?? newId("snapshot");
    const disk = state.disks.get(snapshot.diskId);
    if (!disk) throw bad(`snapshots[${index}].diskId`, `'${snapshot.diskId}' is not one of the fixture's disks`);
    if (state.snapshots.has(id)) throw bad(`snapshots[${index}].id`, `'${id}' is used twice`);
    state.snapshots.set(id, {
      id,
      diskId: disk.id,
      name: snapshot.name ?? `snapshot-${index + 1}`,
      remark: snapshot.remark ?? "",
      size: disk.size,
      status: "Normal",
      createdAt: now,
    });
  }
  return state;
}

/** The first device name no disk of the VM uses. */
export function freeDrive(state: UcsState, vmId: string): string {
  const used = new Set([...state.disks.values()].filter((disk) => disk.vmId === vmId).map((disk) => disk.drive));
  return DRIVES.find((drive) => !used.has(drive)) ?? `vd${String.fromCharCode(97 + used.size)}`;
}

/** Unix seconds, as the API writes times. */
export const unixTime = (ms: number) => Math.floor(ms / 1000);
