/**
 * What EVS does with a volume or snapshot, whichever API (native or Cinder-compatible) asks:
 * the documents' rules and the status machines. Each rule returns the changed resource, or a
 * `Refusal` that each API words in its own envelope (a documented EVS code where the
 * documents name one; otherwise the API's generic answer for that kind of refusal).
 *
 * Sources: the EVS developer guide (2018) and API reference (evs_04_2020 / evs_04_2022 for
 * rollback: "只支持快照回滚到源云硬盘" and "只有云硬盘状态处于 available 或 error_rollbacking 状态
 * 才允许快照回滚"; "单个云硬盘最多支持创建7个快照"), and the EVS error appendix
 * (https://github.com/opentelekomcloud-docs/elastic-volume-service/blob/a50f1efe7ba5ece19b2807842200fa7750522f11/api-ref/source/appendix/error_codes.rst)
 * for EVS.1046, EVS.1047, EVS.1064, EVS.2019, EVS.2020, EVS.2026, EVS.2043, EVS.2045.
 */
import { randomUUID } from "node:crypto";
import type { HuaweiCall } from "./call.ts";
import { HUAWEI_DURATIONS } from "./durations.ts";
import type { HuaweiSnapshot, HuaweiVolume } from "./model.ts";

/** A refused request: HTTP status, the documented code if there is one, and what is wrong. */
export interface Refusal {
  refused: true;
  status: number;
  /** A documented EVS code (its documented message is used when `message` is absent). */
  code?: string;
  kind: "bad-request" | "not-found" | "server";
  message?: string;
}

const refuse = (status: number, kind: Refusal["kind"], message?: string, code?: string): Refusal => ({
  refused: true,
  status,
  kind,
  ...(message === undefined ? {} : { message }),
  ...(code === undefined ? {} : { code }),
});
export const isRefusal = (value: unknown): value is Refusal => (value as Refusal | undefined)?.refused === true;

/** The developer guide's limit. */
export const SNAPSHOTS_PER_VOLUME = 7;

export function volumeById(call: HuaweiCall, id: string): HuaweiVolume | Refusal {
  return call.state.volumes.get(id) ?? refuse(404, "not-found", `Volume ${id} could not be found.`);
}

export function snapshotById(call: HuaweiCall, id: string): HuaweiSnapshot | Refusal {
  return call.state.snapshots.get(id) ?? refuse(404, "not-found", `Snapshot ${id} could not be found.`);
}

function snapshotsOfVolume(call: HuaweiCall, volumeId: string): HuaweiSnapshot[] {
  return [...call.state.snapshots.values()].filter((snapshot) => snapshot.volumeId === volumeId);
}

export interface NewVolume {
  name: string | undefined;
  description: string | undefined;
  size: number | undefined;
  volumeType: string;
  availabilityZone: string;
  snapshotId: string | undefined;
  multiattach: boolean | undefined;
  metadata: Record<string, string> | undefined;
  count: number;
}

/** Creates `count` volumes, `creating` until the creation time has passed; `done` runs when they settle. */
export function createVolumes(
  call: HuaweiCall,
  request: NewVolume,
  done?: (at: number, failed: boolean) => void,
): HuaweiVolume[] | Refusal {
  let size = request.size;
  let snapshotId: string | null = null;
  if (request.snapshotId !== undefined) {
    const snapshot = call.state.snapshots.get(request.snapshotId);
    if (!snapshot) return refuse(400, "bad-request", undefined, "EVS.2045");
    if (snapshot.status !== "available") return refuse(400, "bad-request", undefined, "EVS.2043");
    snapshotId = snapshot.id;
    size ??= snapshot.size;
    if (size < snapshot.size)
      return refuse(400, "bad-request", `Invalid input received: size (${size} GB) is smaller than the snapshot's (${snapshot.size} GB).`);
  }
  if (size === undefined)
    return refuse(
      400,
      "bad-request",
      "Invalid input received: size is required unless the volume is created from a snapshot, image or backup.",
    );
  const volumes: HuaweiVolume[] = [];
  for (let index = 0; index < request.count; index++) {
    const name = request.count > 1 && request.name ? `${request.name}-${String(index + 1).padStart(4, "0")}` : (request.name ?? "");
    const volume: HuaweiVolume = {
      id: randomUUID(),
      name,
      description: request.description ?? null,
      size,
      status: "creating",
      volumeType: request.volumeType,
      availabilityZone: request.availabilityZone,
      bootable: false,
      multiattach: request.multiattach ?? false,
      metadata: { ...request.metadata },
      snapshotId,
      attachment: undefined,
      createdAt: call.now,
      updatedAt: null,
    };
    call.state.volumes.set(volume.id, volume);
    volumes.push(volume);
  }
  const fails = call.endsInError;
  call.later(HUAWEI_DURATIONS.createVolume, (at) => {
    for (const volume of volumes) {
      volume.status = fails ? "error" : "available";
      volume.updatedAt = at;
    }
    done?.(at, fails);
  });
  return volumes;
}

/** Extends a volume: `extending`, then the new size and the status it had (`error_extending` on failure). */
export function extendVolume(
  call: HuaweiCall,
  volume: HuaweiVolume,
  newSize: number,
  done?: (at: number, failed: boolean) => void,
): HuaweiVolume | Refusal {
  if (volume.status === "error_extending") return refuse(500, "server", undefined, "EVS.2026");
  if (volume.status !== "available" && volume.status !== "in-use") return refuse(400, "bad-request", undefined, "EVS.1064");
  if (newSize <= volume.size)
    return refuse(
      400,
      "bad-request",
      `Invalid input received: New size for extend must be greater than current size. (current: ${volume.size}, extended: ${newSize}).`,
    );
  const before = volume.status;
  const fails = call.endsInError;
  volume.status = "extending";
  call.later(HUAWEI_DURATIONS.extendVolume, (at) => {
    if (fails) volume.status = "error_extending";
    else {
      volume.size = newSize;
      volume.status = before;
    }
    volume.updatedAt = at;
    done?.(at, fails);
  });
  return volume;
}

/** Deletes a volume: only from the states EVS.1046 lists, never with snapshots left; `deleting`, then gone. */
export function deleteVolume(call: HuaweiCall, volume: HuaweiVolume, done?: (at: number) => void): HuaweiVolume | Refusal {
  if (volume.status === "error_deleting") return refuse(500, "server", undefined, "EVS.2020");
  if (!["available", "error", "error_extending", "error_restoring", "error_rollbacking"].includes(volume.status))
    return refuse(400, "bad-request", undefined, "EVS.1046");
  const snapshots = snapshotsOfVolume(call, volume.id);
  if (snapshots.length > 0)
    return refuse(400, "bad-request", `Invalid volume: Volume ${volume.id} still has ${snapshots.length} dependent snapshots.`);
  volume.status = "deleting";
  call.later(HUAWEI_DURATIONS.deleteVolume, (at) => {
    call.state.volumes.delete(volume.id);
    done?.(at);
  });
  return volume;
}

export interface NewSnapshot {
  volumeId: string;
  name: string | undefined;
  description: string | undefined;
  force: boolean | undefined;
  metadata: Record<string, string> | undefined;
}

/** Snapshots a volume (attached ones only with `force`), at most 7 per volume: `creating`, then `available` (or `error`). */
export function createSnapshot(call: HuaweiCall, request: NewSnapshot): HuaweiSnapshot | Refusal {
  const volume = volumeById(call, request.volumeId);
  if (isRefusal(volume)) return volume;
  if (volume.status === "in-use" && request.force !== true)
    return refuse(400, "bad-request", "Invalid volume: the volume is in-use; pass force: true to snapshot an attached volume.");
  if (volume.status !== "available" && volume.status !== "in-use")
    return refuse(400, "bad-request", `Invalid volume: Volume status must be available or in-use, but it is ${volume.status}.`);
  if (snapshotsOfVolume(call, volume.id).length >= SNAPSHOTS_PER_VOLUME)
    return refuse(
      400,
      "bad-request",
      `Invalid input received: volume ${volume.id} already has ${SNAPSHOTS_PER_VOLUME} snapshots, the most one volume can have.`,
    );
  const snapshot: HuaweiSnapshot = {
    id: randomUUID(),
    volumeId: volume.id,
    name: request.name ?? "",
    description: request.description ?? null,
    size: volume.size,
    status: "creating",
    metadata: { ...request.metadata },
    createdAt: call.now,
    updatedAt: call.now,
  };
  call.state.snapshots.set(snapshot.id, snapshot);
  const fails = call.endsInError;
  call.later(HUAWEI_DURATIONS.createSnapshot, (at) => {
    snapshot.status = fails ? "error" : "available";
    snapshot.updatedAt = at;
  });
  return snapshot;
}

/** Deletes a snapshot that is `available` or `error` (EVS.1047): `deleting`, then gone. */
export function deleteSnapshot(call: HuaweiCall, snapshot: HuaweiSnapshot): HuaweiSnapshot | Refusal {
  if (snapshot.status === "error_deleting") return refuse(500, "server", undefined, "EVS.2019");
  if (snapshot.status !== "available" && snapshot.status !== "error") return refuse(400, "bad-request", undefined, "EVS.1047");
  snapshot.status = "deleting";
  call.later(HUAWEI_DURATIONS.deleteSnapshot, () => {
    call.state.snapshots.delete(snapshot.id);
  });
  return snapshot;
}

/**
 * Rolls a snapshot back to its own volume, which must be `available` or `error_rollbacking`:
 * both are `rollbacking`, then the volume is `available` again (`error_rollbacking` on failure).
 */
export function rollback(
  call: HuaweiCall,
  snapshot: HuaweiSnapshot,
  target: { volumeId?: string | undefined; name?: string | undefined },
): HuaweiVolume | Refusal {
  if (target.volumeId !== undefined && target.volumeId !== snapshot.volumeId)
    return refuse(400, "bad-request", "Invalid input received: a snapshot can only be rolled back to the volume it was taken from.");
  if (snapshot.status !== "available")
    return refuse(400, "bad-request", `Invalid snapshot: Snapshot status must be available, but it is ${snapshot.status}.`);
  const volume = volumeById(call, snapshot.volumeId);
  if (isRefusal(volume)) return volume;
  if (volume.status !== "available" && volume.status !== "error_rollbacking")
    return refuse(
      400,
      "bad-request",
      `Invalid volume: Volume status must be available or error_rollbacking to roll back, but it is ${volume.status}.`,
    );
  const fails = call.endsInError;
  volume.status = "rollbacking";
  snapshot.status = "rollbacking";
  if (target.name !== undefined) volume.name = target.name;
  call.later(HUAWEI_DURATIONS.rollback, (at) => {
    volume.status = fails ? "error_rollbacking" : "available";
    volume.updatedAt = at;
    snapshot.status = "available";
  });
  return volume;
}
