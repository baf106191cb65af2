/**
 * The native EVS API with state: volumes (create, list, show, update, extend, delete: the
 * writes answer with a job), snapshots (create, list, show, update, delete, roll back) and
 * jobs, in the native shapes and the native envelope (`{"error": {"message", "code"}}`). The
 * rules are in rules.ts; a refusal without a documented code is EVS.5400 (400), EVS.5404
 * (404) or EVS.5500 (500), the codes the native API documents for every operation.
 */
import type { EmulatorResponse } from "../http-server.ts";
import { countParam, markerPage, offsetPage } from "../paging.ts";
import { evsError } from "./answers.ts";
import type { EvsHandlers, HuaweiCall } from "./call.ts";
import { evsTime, type HuaweiJob, type HuaweiSnapshot, type HuaweiState, type HuaweiVolume } from "./model.ts";
import { startJob } from "./jobs.ts";
import * as rules from "./rules.ts";

const GENERIC_CODE = { "bad-request": "EVS.5400", "not-found": "EVS.5404", server: "EVS.5500" } as const;

/** A refusal in the native envelope. */
export function nativeRefusal(refusal: rules.Refusal): EmulatorResponse {
  return refusal.code === undefined
    ? evsError(refusal.status, GENERIC_CODE[refusal.kind], refusal.message)
    : evsError(refusal.status, refusal.code, refusal.message);
}

export function nativeVolumeView(volume: HuaweiVolume, state: HuaweiState, base: string) {
  const link = (rel: string, path: string) => ({ href: `${base}${path}/${state.projectId}/volumes/${volume.id}`, rel });
  return {
    id: volume.id,
    links: [link("self", "/v2"), link("bookmark", "")],
    name: volume.name,
    status: volume.status,
    attachments: volume.attachment
      ? [
          {
            attached_at: evsTime(volume.attachment.attachedAt),
            attachment_id: volume.attachment.attachmentId,
            device: volume.attachment.device,
            host_name: null,
            id: volume.id,
            server_id: volume.attachment.serverId,
            volume_id: volume.id,
          },
        ]
      : [],
    availability_zone: volume.availabilityZone,
    source_volid: null,
    snapshot_id: volume.snapshotId,
    description: volume.description,
    created_at: evsTime(volume.createdAt),
    "os-vol-tenant-attr:tenant_id": state.projectId,
    volume_type: volume.volumeType,
    size: volume.size,
    bootable: String(volume.bootable),
    metadata: volume.metadata,
    updated_at: volume.updatedAt === null ? null : evsTime(volume.updatedAt),
    encrypted: false,
    multiattach: volume.multiattach,
    shareable: "false",
    service_type: "EVS",
  };
}

export function nativeSnapshotView(snapshot: HuaweiSnapshot, state: HuaweiState) {
  return {
    id: snapshot.id,
    status: snapshot.status,
    name: snapshot.name,
    description: snapshot.description,
    created_at: evsTime(snapshot.createdAt),
    updated_at: snapshot.updatedAt === null ? null : evsTime(snapshot.updatedAt),
    metadata: snapshot.metadata,
    volume_id: snapshot.volumeId,
    size: snapshot.size,
    "os-extended-snapshot-attributes:project_id": state.projectId,
    "os-extended-snapshot-attributes:progress": snapshot.status === "creating" ? "0%" : "100%",
  };
}

function jobView(job: HuaweiJob) {
  return {
    status: job.status,
    entities: job.entities,
    job_id: job.id,
    job_type: job.type,
    begin_time: new Date(job.beginAt).toISOString(),
    end_time: job.endAt === null ? null : new Date(job.endAt).toISOString(),
    error_code: job.errorCode,
    fail_reason: job.failReason,
  };
}

/** The request's own scheme and host: links point back at the emulator. */
export const baseOf = (call: HuaweiCall) => `${call.request.url.protocol}//${call.request.url.host}`;

const INJECTED = "the emulator was told to fail this operation (faults.failNext resource-error)";

/** Runs a rule; a refusal becomes the native answer, anything else goes to `render`. */
function answer<T>(result: T | rules.Refusal, render: (value: T) => EmulatorResponse): EmulatorResponse {
  return rules.isRefusal(result) ? nativeRefusal(result) : render(result);
}

/** Newest first, as EVS lists by default (created_at desc), ties by id. */
function newestFirst<T extends { createdAt: number; id: string }>(items: Iterable<T>): T[] {
  return [...items].sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1));
}

const volumeParam = (call: HuaweiCall) => rules.volumeById(call, String(call.params.volume_id));
const snapshotParam = (call: HuaweiCall) => rules.snapshotById(call, String(call.params.snapshot_id));

export const evsNativeHandlers: EvsHandlers = {
  CreateVolume(call) {
    const request = call.body.volume;
    let finish: (at: number, failure?: string) => void = () => {};
    const result = rules.createVolumes(
      call,
      {
        name: request.name,
        description: request.description,
        size: request.size,
        volumeType: request.volume_type,
        availabilityZone: request.availability_zone,
        snapshotId: request.snapshot_id,
        multiattach: request.multiattach,
        metadata: request.metadata,
        count: request.count ?? 1,
      },
      (at, failed) => finish(at, failed ? INJECTED : undefined),
    );
    return answer(result, (volumes) => {
      const first = volumes[0]!;
      const started = startJob(call, "evs", "createVolume", {
        volume_type: first.volumeType,
        size: first.size,
        volume_id: first.id,
        name: first.name,
      });
      finish = started.finish;
      return { status: 202, body: { job_id: started.job.id, volume_ids: volumes.map((volume) => volume.id) } };
    });
  },

  ListVolumes(call) {
    const { name, status, availability_zone: zone, id, server_id: serverId } = call.params;
    const all = newestFirst(call.state.volumes.values()).filter(
      (volume) =>
        (name === undefined || volume.name === name) &&
        (status === undefined || volume.status === status) &&
        (zone === undefined || volume.availabilityZone === zone) &&
        (id === undefined || volume.id === id) &&
        (serverId === undefined || volume.attachment?.serverId === serverId),
    );
    const limit = countParam(call.params.limit, 1000);
    const page = markerPage(all, call.params.marker as string | undefined, limit);
    if (page === "unknown-marker")
      return evsError(400, "EVS.5400", `Invalid input received: marker [${String(call.params.marker)}] not found`);
    const base = baseOf(call);
    const body: Record<string, unknown> = {
      count: all.length,
      volumes: page.items.map((volume) => nativeVolumeView(volume, call.state, base)),
    };
    if (page.nextMarker !== undefined) body.volumes_links = [{ href: nextLink(call, page.nextMarker, limit), rel: "next" }];
    return { status: 200, body };
  },

  ShowVolume(call) {
    return answer(volumeParam(call), (volume) => ({ status: 200, body: { volume: nativeVolumeView(volume, call.state, baseOf(call)) } }));
  },

  UpdateVolume(call) {
    return answer(volumeParam(call), (volume) => {
      const changes = call.body.volume;
      // Nulls were read as absent (request-check.ts), so a given name or description is a string.
      if (changes.name != null) volume.name = changes.name;
      if (changes.description != null) volume.description = changes.description;
      volume.updatedAt = call.now;
      return { status: 200, body: { volume: nativeVolumeView(volume, call.state, baseOf(call)) } };
    });
  },

  ResizeVolume(call) {
    return answer(volumeParam(call), (volume) => {
      let finish: (at: number, failure?: string) => void = () => {};
      const newSize = call.body["os-extend"].new_size;
      const result = rules.extendVolume(call, volume, newSize, (at, failed) => finish(at, failed ? INJECTED : undefined));
      return answer(result, () => {
        const started = startJob(call, "evs", "extendVolume", { volume_id: volume.id, size: newSize });
        finish = started.finish;
        return { status: 202, body: { job_id: started.job.id } };
      });
    });
  },

  DeleteVolume(call) {
    return answer(volumeParam(call), (volume) => {
      let finish: (at: number) => void = () => {};
      const result = rules.deleteVolume(call, volume, (at) => finish(at));
      return answer(result, () => {
        const started = startJob(call, "evs", "deleteVolume", { volume_id: volume.id });
        finish = (at) => started.finish(at);
        return { status: 200, body: { job_id: started.job.id } };
      });
    });
  },

  ShowJob(call) {
    const job = call.state.jobs.get(String(call.params.job_id));
    if (!job) return evsError(404, "EVS.5404", `Job ${String(call.params.job_id)} could not be found.`);
    return { status: 200, body: jobView(job) };
  },

  CreateSnapshot(call) {
    const request = call.body.snapshot;
    const result = rules.createSnapshot(call, {
      volumeId: request.volume_id,
      name: request.name,
      description: request.description ?? undefined,
      force: request.force,
      metadata: request.metadata,
    });
    return answer(result, (snapshot) => ({ status: 202, body: { snapshot: nativeSnapshotView(snapshot, call.state) } }));
  },

  ListSnapshots(call) {
    const { name, status, volume_id: volumeId, id } = call.params;
    const all = newestFirst(call.state.snapshots.values()).filter(
      (snapshot) =>
        (name === undefined || snapshot.name === name) &&
        (status === undefined || snapshot.status === status) &&
        (volumeId === undefined || snapshot.volumeId === volumeId) &&
        (id === undefined || snapshot.id === id),
    );
    const page = offsetPage(all, countParam(call.params.offset, 0), countParam(call.params.limit, 1000));
    return { status: 200, body: { count: page.total, snapshots: page.items.map((snapshot) => nativeSnapshotView(snapshot, call.state)) } };
  },

  ShowSnapshot(call) {
    return answer(snapshotParam(call), (snapshot) => ({ status: 200, body: { snapshot: nativeSnapshotView(snapshot, call.state) } }));
  },

  UpdateSnapshot(call) {
    return answer(snapshotParam(call), (snapshot) => {
      const changes = call.body.snapshot;
      if (changes.name != null) snapshot.name = changes.name;
      if (changes.description != null) snapshot.description = changes.description;
      snapshot.updatedAt = call.now;
      return { status: 200, body: { snapshot: nativeSnapshotView(snapshot, call.state) } };
    });
  },

  DeleteSnapshot(call) {
    return answer(snapshotParam(call), (snapshot) => answer(rules.deleteSnapshot(call, snapshot), () => ({ status: 202 })));
  },

  RollbackSnapshot(call) {
    return answer(snapshotParam(call), (snapshot) => {
      const target = call.body.rollback;
      const result = rules.rollback(call, snapshot, { volumeId: target.volume_id, name: target.name });
      return answer(result, (volume) => ({ status: 202, body: { rollback: { volume_id: volume.id } } }));
    });
  },
};

/** The list URL again, on the emulator, with the caller's filters and the next marker. */
export function nextLink(call: HuaweiCall, marker: string, limit: number): string {
  const next = new URL(call.request.url.pathname, `${baseOf(call)}/`);
  for (const [key, value] of call.request.url.searchParams) if (key !== "marker" && key !== "limit") next.searchParams.append(key, value);
  next.searchParams.set("limit", String(limit));
  next.searchParams.set("marker", marker);
  return next.href;
}
