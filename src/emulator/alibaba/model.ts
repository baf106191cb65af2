/**
 * The Alibaba emulator's state: ECS disks, snapshots, instances and the disks' attachments,
 * and the ClientTokens already answered. Plain records in insertion order, removed when
 * deleted. Status spellings are ECS's own (openapi/alibaba/ecs.yaml): disks `Creating`,
 * `Available`, `Attaching`, `In_use`, `Detaching`, `ReIniting`; snapshots `progressing`,
 * `accomplished`, `failed`; instances `Running`, `Stopping`, `Stopped`, `Starting`.
 */
import { randomBytes } from "node:crypto";
import { ConfigurationError } from "../../core/common/errors.ts";

export interface AlibabaDisk {
  id: string;
  name: string;
  description: string;
  /** GiB. */
  size: number;
  category: string;
  type: "system" | "data";
  status: string;
  zoneId: string;
  portable: boolean;
  deleteWithInstance: boolean;
  instanceId: string | undefined;
  device: string | undefined;
  /** ECS refuses a snapshot of a disk that was never attached (`IncorrectDiskStatus.NeverAttached`). */
  everAttached: boolean;
  sourceSnapshotId: string;
  createdAt: number;
  attachedAt: number | undefined;
  detachedAt: number | undefined;
}

export interface AlibabaSnapshot {
  id: string;
  diskId: string;
  name: string;
  description: string;
  status: "progressing" | "accomplished" | "failed";
  /** 0 to 100. */
  progress: number;
  /** The documented "usable" point (`Available`): reached before `accomplished`. */
  usable: boolean;
  sourceDiskSize: number;
  sourceDiskType: "system" | "data";
  category: string;
  instantAccess: boolean;
  retentionDays: number | undefined;
  createdAt: number;
  modifiedAt: number;
}

export interface AlibabaInstance {
  id: string;
  name: string;
  status: "Running" | "Stopping" | "Stopped" | "Starting";
  zoneId: string;
  instanceType: string;
  createdAt: number;
}

export interface AlibabaState {
  regionId: string;
  disks: Map<string, AlibabaDisk>;
  snapshots: Map<string, AlibabaSnapshot>;
  instances: Map<string, AlibabaInstance>;
  /** ClientToken -> the parameters it came with and the answer given (CreateSnapshot, CreateDisk, ResizeDisk). */
  tokens: Map<string, { operationId: string; fingerprint: string; body: unknown }>;
}

/** The initial state a test gives (`startEmulator({ provider: "alibaba", fixture })`); every field optional but a disk's size. */
export interface AlibabaFixture {
  regionId?: string;
  zoneId?: string;
  instances?: Array<{ id?: string; name?: string; status?: "Running" | "Stopped"; instanceType?: string }>;
  disks?: Array<{
    id?: string;
    name?: string;
    size: number;
    category?: string;
    type?: "system" | "data";
    /** Attached to this instance (which must be in `instances`); the status is then `In_use`. */
    instanceId?: string;
    device?: string;
    portable?: boolean;
    /** A disk never attached cannot be snapshotted (default: it was attached once). */
    neverAttached?: boolean;
  }>;
  snapshots?: Array<{ id?: string; diskId: string; name?: string; description?: string }>;
}

/**
 * The documented default: a running instance with a system and a data disk, a stopped one
 * with a system disk, an unattached data disk, and one accomplished snapshot of the running
 * instance's data disk.
 */
export const DEFAULT_ALIBABA_FIXTURE: AlibabaFixture = {
  instances: [
    { id: "i-bp67acfmxazb4ph3web1", name: "web-01", status: "Running" },
    { id: "i-bp67acfmxazb4ph3bat1", name: "batch-01", status: "Stopped" },
  ],
  disks: [
    {
      id: "d-bp67acfmxazb4ph3sys1",
      name: "web-01-system",
      size: 40,
      type: "system",
      instanceId: "i-bp67acfmxazb4ph3web1",
      device: "/dev/xvda",
    },
    { id: "d-bp67acfmxazb4ph3dat1", name: "web-01-data", size: 100, instanceId: "i-bp67acfmxazb4ph3web1", device: "/dev/xvdb" },
    {
      id: "d-bp67acfmxazb4ph3sys2",
      name: "batch-01-system",
      size: 40,
      type: "system",
      instanceId: "i-bp67acfmxazb4ph3bat1",
      device: "/dev/xvda",
    },
    { id: "d-bp67acfmxazb4ph3spr1", name: "spare-data", size: 20 },
  ],
  snapshots: [{ id: "s-bp67acfmxazb4ph3nt01", diskId: "d-bp67acfmxazb4ph3dat1", name: "web-01-data-nightly" }],
};

/** `d-bp1s5fnvk4gn2tws0a1b`: a prefix and 20 lower-case letters and digits, as ECS ids are. */
export function newId(prefix: "d" | "s" | "i"): string {
  const alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
  return `${prefix}-${Array.from(randomBytes(20), (byte) => alphabet[byte % 36]).join("")}`;
}

/** Builds the state a fixture describes; a fixture that contradicts itself is a `ConfigurationError` naming the field. */
export function alibabaState(fixture: AlibabaFixture, now: number): AlibabaState {
  const bad = (field: string, problem: string) => new ConfigurationError(`fixture.${field}`, problem, { provider: "alibaba" });
  const regionId = fixture.regionId ?? "cn-hangzhou";
  if (!/^[a-z0-9-]+$/.test(regionId)) throw bad("regionId", "must be a region id such as cn-hangzhou");
  const zoneId = fixture.zoneId ?? `${regionId}-g`;
  const state: AlibabaState = { regionId, disks: new Map(), snapshots: new Map(), instances: new Map(), tokens: new Map() };
  const idOf = (given: string | undefined, prefix: "d" | "s" | "i", field: string, taken: Map<string, unknown>) => {
    const id = given ?? newId(prefix);
    if (!new RegExp(`^${prefix}-[0-9a-z]+$`).test(id)) throw bad(field, `must look like ${prefix}-<lower-case letters and digits>`);
    if (taken.has(id)) throw bad(field, `'${id}' is used twice`);
    return id;
  };
  for (const [index, instance] of (fixture.instances ?? []).entries()) {
    const id = idOf(instance.id, "i", `instances[${index}].id`, state.instances);
    if (instance.status !== undefined && instance.status !== "Running" && instance.status !== "Stopped")
      throw bad(`instances[${index}].status`, "must be 'Running' or 'Stopped'");
    state.instances.set(id, {
      id,
      name: instance.name ?? `instance-${index + 1}`,
      status: instance.status ?? "Running",
      zoneId,
      instanceType: instance.instanceType ?? "ecs.g7.large",
      createdAt: now,
    });
  }
  for (const [index, disk] of (fixture.disks ?? []).entries()) {
    const id = idOf(disk.id, "d", `disks[${index}].id`, state.disks);
    if (!(Number.isInteger(disk.size) && disk.size >= 1 && disk.size <= 65536))
      throw bad(`disks[${index}].size`, "must be a whole number of GiB from 1 to 65536");
    if (disk.instanceId !== undefined && !state.instances.has(disk.instanceId))
      throw bad(`disks[${index}].instanceId`, `'${disk.instanceId}' is not one of the fixture's instances`);
    const type = disk.type ?? "data";
    if (type === "system" && disk.instanceId === undefined)
      throw bad(`disks[${index}].type`, "a system disk must be attached to an instance");
    state.disks.set(id, {
      id,
      name: disk.name ?? `disk-${index + 1}`,
      description: "",
      size: disk.size,
      category: disk.category ?? "cloud_essd",
      type,
      status: disk.instanceId ? "In_use" : "Available",
      zoneId,
      portable: disk.portable ?? type === "data",
      deleteWithInstance: type === "system",
      instanceId: disk.instanceId,
      device: disk.instanceId ? (disk.device ?? (type === "system" ? "/dev/xvda" : "/dev/xvdb")) : undefined,
      everAttached: !disk.neverAttached,
      sourceSnapshotId: "",
      createdAt: now,
      attachedAt: disk.instanceId ? now : undefined,
      detachedAt: undefined,
    });
  }
  for (const [index, snapshot] of (fixture.snapshots ?? []).entries()) {
    const id = idOf(snapshot.id, "s", `snapshots[${index}].id`, state.snapshots);
    const disk = state.disks.get(snapshot.diskId);
    if (!disk) throw bad(`snapshots[${index}].diskId`, `'${snapshot.diskId}' is not one of the fixture's disks`);
    state.snapshots.set(id, {
      id,
      diskId: disk.id,
      name: snapshot.name ?? `snapshot-${index + 1}`,
      description: snapshot.description ?? "",
      status: "accomplished",
      progress: 100,
      usable: true,
      sourceDiskSize: disk.size,
      sourceDiskType: disk.type,
      category: "standard",
      instantAccess: false,
      retentionDays: undefined,
      createdAt: now,
      modifiedAt: now,
    });
  }
  return state;
}

/** The last times written (an answer writes the same few again and again); cleared when full, so it stays small. */
const ECS_TIMES = new Map<number, string>();

/** `2024-05-14T02:00:12Z`: ECS writes times in UTC to the second. */
export function ecsTime(ms: number): string {
  let text = ECS_TIMES.get(ms);
  if (text === undefined) {
    text = new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
    if (ECS_TIMES.size >= 256) ECS_TIMES.clear();
    ECS_TIMES.set(ms, text);
  }
  return text;
}

/**
 * How long each transition realistically takes, in ms (scaled by the timing profile; a manual
 * clock takes them as they are). Alibaba documents none of them: typical figures for small
 * disks, so that a realistic run shows every intermediate state for a few seconds.
 */
export const ALIBABA_DURATIONS = {
  createDisk: 5_000,
  /** A snapshot reaches 100% (`accomplished`) after this; its progress moves in tenths. */
  createSnapshot: 30_000,
  /** ...and is usable (`Available: true`) after this, before it is `accomplished`. */
  snapshotUsable: 12_000,
  resetDisk: 10_000,
  stopInstance: 5_000,
  startInstance: 5_000,
  attachDisk: 3_000,
  detachDisk: 3_000,
} as const;
