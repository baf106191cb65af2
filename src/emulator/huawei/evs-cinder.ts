/**
 * The Cinder-compatible EVS API with the same state and rules as the native one (rules.ts),
 * in the Cinder shapes: volumes and snapshots (create, list, list with details, show,
 * extend, delete) and the vendor rollback path. A refusal with a documented EVS code keeps
 * the EVS envelope (the Cinder-compatible operations document EVS codes too); any other is
 * the Cinder fault envelope, `{"badRequest": {"message", "code": 400}}`, `itemNotFound`, ...
 */
import type { EmulatorResponse } from "../http-server.ts";
import { countParam, markerPage } from "../paging.ts";
import { cinderError, evsError } from "./answers.ts";
import type { EvsHandlers, HuaweiCall } from "./call.ts";
import { baseOf, nextLink } from "./evs-native.ts";
import { evsTime, type HuaweiSnapshot, type HuaweiState, type HuaweiVolume } from "./model.ts";
import * as rules from "./rules.ts";

function cinderRefusal(refusal: rules.Refusal): EmulatorResponse {
  if (refusal.code !== undefined) return evsError(refusal.status, refusal.code, refusal.message);
  return cinderError(refusal.status, refusal.message ?? "Invalid input received.");
}

function answer<T>(result: T | rules.Refusal, render: (value: T) => EmulatorResponse): EmulatorResponse {
  return rules.isRefusal(result) ? cinderRefusal(result) : render(result);
}

function links(call: HuaweiCall, kind: "volumes" | "snapshots", id: string) {
  const base = baseOf(call);
  return [
    { href: `${base}/v2/${call.state.projectId}/${kind}/${id}`, rel: "self" },
    { href: `${base}/${call.state.projectId}/${kind}/${id}`, rel: "bookmark" },
  ];
}

function volumeSummary(call: HuaweiCall, volume: HuaweiVolume) {
  return { id: volume.id, links: links(call, "volumes", volume.id), name: volume.name };
}

function volumeDetail(call: HuaweiCall, volume: HuaweiVolume, state: HuaweiState) {
  return {
    ...volumeSummary(call, volume),
    status: volume.status,
    size: volume.size,
    availability_zone: volume.availabilityZone,
    volume_type: volume.volumeType,
    attachments: volume.attachment
      ? [
          {
            id: volume.id,
            volume_id: volume.id,
            server_id: volume.attachment.serverId,
            attachment_id: volume.attachment.attachmentId,
            device: volume.attachment.device,
            attached_at: evsTime(volume.attachment.attachedAt),
          },
        ]
      : [],
    bootable: String(volume.bootable),
    encrypted: false,
    multiattach: volume.multiattach,
    shareable: "false",
    description: volume.description,
    metadata: volume.metadata,
    created_at: evsTime(volume.createdAt),
    updated_at: volume.updatedAt === null ? null : evsTime(volume.updatedAt),
    snapshot_id: volume.snapshotId,
    source_volid: null,
    "os-vol-tenant-attr:tenant_id": state.projectId,
  };
}

function snapshotView(snapshot: HuaweiSnapshot, state: HuaweiState) {
  return {
    id: snapshot.id,
    name: snapshot.name,
    description: snapshot.description,
    status: snapshot.status,
    size: snapshot.size,
    volume_id: snapshot.volumeId,
    metadata: snapshot.metadata,
    created_at: evsTime(snapshot.createdAt),
    updated_at: snapshot.updatedAt === null ? null : evsTime(snapshot.updatedAt),
    "os-extended-snapshot-attributes:progress": snapshot.status === "creating" ? "0%" : "100%",
    "os-extended-snapshot-attributes:project_id": state.projectId,
  };
}

type Sortable = { id: string; status: string; size: number; createdAt: number };

/** Cinder's order: `sort_key` (default created_at) and `sort_dir` (default desc), ties by id. */
function sorted<T extends Sortable>(call: HuaweiCall, items: Iterable<T>): T[] {
  const key = (call.params.sort_key as keyof Sortable | undefined) ?? "createdAt";
  const field: keyof Sortable = key === ("created_at" as string) ? "createdAt" : key;
  const direction = call.params.sort_dir === "asc" ? 1 : -1;
  return [...items].sort((a, b) => {
    const [x, y] = [a[field], b[field]];
    return (x < y ? -1 : x > y ? 1 : 0) * direction || (a.id < b.id ? -1 : 1);
  });
}

function metadataMatches(call: HuaweiCall, metadata: Record<string, string>): boolean {
  const filter = call.params.metadata;
  if (typeof filter !== "string" || filter === "") return true;
  let wanted: Record<string, unknown>;
  try {
    wanted = JSON.parse(filter) as Record<string, unknown>;
  } catch {
    return false;
  }
  return Object.entries(wanted).every(([key, value]) => metadata[key] === value);
}

/** One page of a Cinder list: `offset` skips, then `marker`/`limit` page; `<kind>_links` while more follow. */
function cinderPage<T extends { id: string }>(
  call: HuaweiCall,
  all: T[],
  kind: "volumes" | "snapshots",
  render: (item: T) => unknown,
): EmulatorResponse {
  const skipped = all.slice(countParam(call.params.offset, 0));
  const limit = countParam(call.params.limit, 1000);
  const page = markerPage(skipped, call.params.marker as string | undefined, limit);
  if (page === "unknown-marker") return cinderError(400, `Invalid input received: marker [${String(call.params.marker)}] not found`);
  const body: Record<string, unknown> = { [kind]: page.items.map(render) };
  if (page.nextMarker !== undefined) body[`${kind}_links`] = [{ href: nextLink(call, page.nextMarker, limit), rel: "next" }];
  return { status: 200, body };
}

function listVolumes(call: HuaweiCall, detailed: boolean): EmulatorResponse {
  const { name, status, availability_zone: zone } = call.params;
  const all = sorted(call, call.state.volumes.values()).filter(
    (volume) =>
      (name === undefined || volume.name === name) &&
      (status === undefined || volume.status === status) &&
      (zone === undefined || volume.availabilityZone === zone) &&
      metadataMatches(call, volume.metadata),
  );
  return cinderPage(call, all, "volumes", (volume) => (detailed ? volumeDetail(call, volume, call.state) : volumeSummary(call, volume)));
}

function listSnapshots(call: HuaweiCall): EmulatorResponse {
  const { name, status, volume_id: volumeId } = call.params;
  const all = sorted(call, call.state.snapshots.values()).filter(
    (snapshot) =>
      (name === undefined || snapshot.name === name) &&
      (status === undefined || snapshot.status === status) &&
      (volumeId === undefined || snapshot.volumeId === volumeId),
  );
  return cinderPage(call, all, "snapshots", (snapshot) => snapshotView(snapshot, call.state));
}

const volumeParam = (call: HuaweiCall) => rules.volumeById(call, String(call.params.volume_id));
const snapshotParam = (call: HuaweiCall) => rules.snapshotById(call, String(call.params.snapshot_id));

export const evsCinderHandlers: EvsHandlers = {
  CinderCreateVolume(call) {
    const request = call.body.volume;
    const result = rules.createVolumes(call, {
      name: request.name ?? undefined,
      description: request.description ?? undefined,
      size: request.size,
      volumeType: request.volume_type ?? "SATA",
      availabilityZone: request.availability_zone,
      snapshotId: request.snapshot_id ?? undefined,
      multiattach: request.multiattach,
      metadata: request.metadata,
      count: 1,
    });
    return answer(result, (volumes) => ({ status: 202, body: { volume: volumeDetail(call, volumes[0]!, call.state) } }));
  },
  CinderListVolumes: (call) => listVolumes(call, false),
  CinderListVolumesDetails: (call) => listVolumes(call, true),
  CinderShowVolume(call) {
    return answer(volumeParam(call), (volume) => ({ status: 200, body: { volume: volumeDetail(call, volume, call.state) } }));
  },
  CinderResizeVolume(call) {
    return answer(volumeParam(call), (volume) =>
      answer(rules.extendVolume(call, volume, call.body["os-extend"].new_size), () => ({ status: 202 })),
    );
  },
  CinderDeleteVolume(call) {
    return answer(volumeParam(call), (volume) => answer(rules.deleteVolume(call, volume), () => ({ status: 202 })));
  },
  CinderCreateSnapshot(call) {
    const request = call.body.snapshot;
    const result = rules.createSnapshot(call, {
      volumeId: request.volume_id,
      name: request.name,
      description: request.description ?? undefined,
      force: request.force,
      metadata: request.metadata,
    });
    return answer(result, (snapshot) => ({ status: 202, body: { snapshot: snapshotView(snapshot, call.state) } }));
  },
  CinderListSnapshots: listSnapshots,
  CinderListSnapshotsDetails: listSnapshots,
  CinderShowSnapshot(call) {
    return answer(snapshotParam(call), (snapshot) => ({ status: 200, body: { snapshot: snapshotView(snapshot, call.state) } }));
  },
  CinderDeleteSnapshot(call) {
    return answer(snapshotParam(call), (snapshot) => answer(rules.deleteSnapshot(call, snapshot), () => ({ status: 202 })));
  },
  RollbackVendorSnapshot(call) {
    return answer(snapshotParam(call), (snapshot) => {
      const target = call.body.rollback;
      return answer(rules.rollback(call, snapshot, { volumeId: target.volume_id, name: target.name }), (volume) => ({
        status: 202,
        body: { rollback: { volume_id: volume.id } },
      }));
    });
  },
};
