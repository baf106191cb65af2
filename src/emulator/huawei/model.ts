/**
 * The Huawei emulator's state: EVS volumes and snapshots, ECS servers and their volume
 * attachments, and the jobs the native APIs answer with. Plain records, kept in insertion
 * order (lists page in creation order), removed when deleted.
 */
import { randomUUID } from "node:crypto";
import { ConfigurationError } from "../../core/common/errors.ts";

export interface HuaweiVolume {
  id: string;
  name: string;
  description: string | null;
  size: number;
  status: string;
  volumeType: string;
  availabilityZone: string;
  bootable: boolean;
  multiattach: boolean;
  metadata: Record<string, string>;
  /** The snapshot it was created from. */
  snapshotId: string | null;
  /** At most one server (multi-attach is not emulated). */
  attachment: { serverId: string; device: string; attachmentId: string; attachedAt: number } | undefined;
  createdAt: number;
  updatedAt: number | null;
}

export interface HuaweiSnapshot {
  id: string;
  volumeId: string;
  name: string;
  description: string | null;
  size: number;
  status: string;
  metadata: Record<string, string>;
  createdAt: number;
  updatedAt: number | null;
}

export interface HuaweiServer {
  id: string;
  name: string;
  /** ECS statuses: `ACTIVE`, `SHUTOFF`, and the transient `REBOOT`/`HARD_REBOOT`… (only ACTIVE/SHUTOFF are emulated). */
  status: string;
  /** `OS-EXT-STS:task_state` while a stop or start runs. */
  task?: "powering-off" | "powering-on" | undefined;
}

export interface HuaweiJob {
  id: string;
  /** Which API's job it is: EVS and ECS both answer `ShowJob` on the same path, each in its own shape. */
  service: "evs" | "ecs";
  type: string;
  status: "RUNNING" | "SUCCESS" | "FAIL";
  entities: Record<string, unknown>;
  beginAt: number;
  endAt: number | null;
  errorCode: string | null;
  failReason: string | null;
  /** ECS batch jobs: one sub-job per server. */
  subJobs?: HuaweiJob[];
}

export interface HuaweiState {
  projectId: string;
  volumes: Map<string, HuaweiVolume>;
  snapshots: Map<string, HuaweiSnapshot>;
  servers: Map<string, HuaweiServer>;
  jobs: Map<string, HuaweiJob>;
}

/** The initial state a test gives (`startEmulator({ fixture })`); every field optional but a volume's size. */
export interface HuaweiFixture {
  projectId?: string;
  availabilityZone?: string;
  volumes?: Array<{
    id?: string;
    name?: string;
    size: number;
    status?: string;
    volumeType?: string;
    bootable?: boolean;
    /** Attached to this server (which must be in `servers`); the status is then `in-use`. */
    serverId?: string;
    device?: string;
  }>;
  snapshots?: Array<{ id?: string; volumeId: string; name?: string; status?: string; description?: string }>;
  servers?: Array<{ id?: string; name?: string; status?: "ACTIVE" | "SHUTOFF" }>;
}

/** The documented default: a running server with a system and a data disk, a stopped one with a system disk, a spare volume, one snapshot. */
export const DEFAULT_HUAWEI_FIXTURE: HuaweiFixture = {
  servers: [
    { id: "f70915eb-8ef9-4b15-b726-518ace0663f2", name: "web-01", status: "ACTIVE" },
    { id: "2d7a5c1e-6b8f-4c3d-9e0a-1f2b3c4d5e6f", name: "batch-01", status: "SHUTOFF" },
  ],
  volumes: [
    {
      id: "8d552f74-5b39-4203-9a69-ce255178ea11",
      name: "web-01-system",
      size: 40,
      bootable: true,
      serverId: "f70915eb-8ef9-4b15-b726-518ace0663f2",
      device: "/dev/vda",
    },
    {
      id: "0c789a06-d00d-4cfc-861e-c23facc69a0a",
      name: "web-01-data",
      size: 100,
      serverId: "f70915eb-8ef9-4b15-b726-518ace0663f2",
      device: "/dev/vdb",
    },
    {
      id: "5aa119a8-d25b-45a7-8d1b-88e127885635",
      name: "batch-01-system",
      size: 40,
      bootable: true,
      serverId: "2d7a5c1e-6b8f-4c3d-9e0a-1f2b3c4d5e6f",
      device: "/dev/vda",
    },
    { id: "6b604cef-9bd8-4f5a-ae56-45839e6e1f0a", name: "spare-data", size: 20, volumeType: "SAS" },
  ],
  snapshots: [
    { id: "0d010816-5a55-471e-a6c2-9321b6cdbb8a", volumeId: "0c789a06-d00d-4cfc-861e-c23facc69a0a", name: "web-01-data-nightly" },
  ],
};

export const DEFAULT_PROJECT_ID = "9c53a566cb3443ab910cf0daebca90c4";

/** Builds the state a fixture describes; a fixture that contradicts itself is a `ConfigurationError` naming the field. */
export function huaweiState(fixture: HuaweiFixture, now: number): HuaweiState {
  const bad = (field: string, problem: string) => new ConfigurationError(`fixture.${field}`, problem, { provider: "huawei" });
  const projectId = fixture.projectId ?? DEFAULT_PROJECT_ID;
  if (!/^[0-9a-f]{32}$/.test(projectId)) throw bad("projectId", "must be 32 lower-case hex digits, as Huawei project ids are");
  const zone = fixture.availabilityZone ?? "cn-north-4a";
  const state: HuaweiState = { projectId, volumes: new Map(), snapshots: new Map(), servers: new Map(), jobs: new Map() };
  for (const [index, server] of (fixture.servers ?? []).entries()) {
    const id = server.id ?? randomUUID();
    if (state.servers.has(id)) throw bad(`servers[${index}].id`, `'${id}' is used twice`);
    state.servers.set(id, { id, name: server.name ?? `server-${index + 1}`, status: server.status ?? "ACTIVE" });
  }
  for (const [index, volume] of (fixture.volumes ?? []).entries()) {
    const id = volume.id ?? randomUUID();
    if (state.volumes.has(id)) throw bad(`volumes[${index}].id`, `'${id}' is used twice`);
    if (!(Number.isInteger(volume.size) && volume.size >= 1 && volume.size <= 32768))
      throw bad(`volumes[${index}].size`, "must be a whole number of GiB from 1 to 32768");
    if (volume.serverId !== undefined && !state.servers.has(volume.serverId))
      throw bad(`volumes[${index}].serverId`, `'${volume.serverId}' is not one of the fixture's servers`);
    state.volumes.set(id, {
      id,
      name: volume.name ?? `volume-${index + 1}`,
      description: null,
      size: volume.size,
      status: volume.status ?? (volume.serverId ? "in-use" : "available"),
      volumeType: volume.volumeType ?? "SSD",
      availabilityZone: zone,
      bootable: volume.bootable ?? false,
      multiattach: false,
      metadata: {},
      snapshotId: null,
      attachment: volume.serverId
        ? { serverId: volume.serverId, device: volume.device ?? "/dev/vdb", attachmentId: randomUUID(), attachedAt: now }
        : undefined,
      createdAt: now,
      updatedAt: null,
    });
  }
  for (const [index, snapshot] of (fixture.snapshots ?? []).entries()) {
    const id = snapshot.id ?? randomUUID();
    const volume = state.volumes.get(snapshot.volumeId);
    if (!volume) throw bad(`snapshots[${index}].volumeId`, `'${snapshot.volumeId}' is not one of the fixture's volumes`);
    if (state.snapshots.has(id)) throw bad(`snapshots[${index}].id`, `'${id}' is used twice`);
    state.snapshots.set(id, {
      id,
      volumeId: volume.id,
      name: snapshot.name ?? `snapshot-${index + 1}`,
      description: snapshot.description ?? null,
      size: volume.size,
      status: snapshot.status ?? "available",
      metadata: {},
      createdAt: now,
      updatedAt: null,
    });
  }
  return state;
}

/** The last times written (an answer writes the same few again and again); cleared when full, so it stays small. */
const EVS_TIMES = new Map<number, string>();

/** `2024-05-14T08:21:37.512084`: UTC with microseconds and no zone, as EVS writes times. */
export function evsTime(ms: number): string {
  let text = EVS_TIMES.get(ms);
  if (text === undefined) {
    text = new Date(ms).toISOString().replace("Z", "000");
    if (EVS_TIMES.size >= 256) EVS_TIMES.clear();
    EVS_TIMES.set(ms, text);
  }
  return text;
}
