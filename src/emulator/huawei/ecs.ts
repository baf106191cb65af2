/**
 * The ECS server operations a safe rollback needs, with state: show a server, stop and start
 * servers in a batch, attach and detach a volume, and their jobs. Sources: the ECS API
 * reference (https://support.huaweicloud.com/api-ecs/ecs_02_0301.html batch start,
 * ecs_02_0303.html batch stop, ecs_02_0605.html attach, ecs_02_0606.html detach) and its
 * open mirror (opentelekomcloud-docs/elastic-cloud-server@efcbeed1): a system disk
 * (`/dev/sda`, `/dev/vda`) "can only be detached offline", i.e. with the server stopped
 * (umn/source/disks/detaching_an_evs_disk_from_a_running_ecs.rst); a device must not be one
 * the server already uses (attaching_a_disk_to_an_ecs.rst). The spec documents no ECS error
 * codes (ERRATA 94), so refusals use the native envelope with the generic codes its shared
 * responses document (EVS.5400, EVS.5404).
 *
 * A server is `ACTIVE` or `SHUTOFF`; while a stop or start runs it keeps its status with
 * `OS-EXT-STS:task_state` `powering-off` / `powering-on`, as ECS shows it.
 */
import { randomUUID } from "node:crypto";
import type { EmulatorResponse } from "../http-server.ts";
import { evsError } from "./answers.ts";
import type { EcsHandlers, HuaweiCall } from "./call.ts";
import { HUAWEI_DURATIONS } from "./durations.ts";
import { finishJob, newJob, startJob } from "./jobs.ts";
import type { HuaweiJob, HuaweiServer } from "./model.ts";

const SYSTEM_DEVICES = ["/dev/sda", "/dev/vda"];

function serverView(call: HuaweiCall, server: HuaweiServer) {
  const volumes = [...call.state.volumes.values()].filter((volume) => volume.attachment?.serverId === server.id);
  const running = server.status === "ACTIVE";
  return {
    id: server.id,
    name: server.name,
    status: server.status,
    tenant_id: call.state.projectId,
    flavor: { id: "s6.large.2", name: "s6.large.2", vcpus: "2", ram: "4096", disk: "0" },
    "OS-EXT-STS:vm_state": running ? "active" : "stopped",
    "OS-EXT-STS:task_state": server.task ?? null,
    "OS-EXT-STS:power_state": running ? 1 : 4,
    "OS-EXT-AZ:availability_zone": volumes[0]?.availabilityZone ?? "cn-north-4a",
    "os-extended-volumes:volumes_attached": volumes.map((volume) => ({
      id: volume.id,
      delete_on_termination: "false",
      bootIndex: volume.bootable ? "0" : "-1",
      device: volume.attachment!.device,
    })),
    metadata: {},
    locked: false,
  };
}

function ecsJobView(job: HuaweiJob) {
  const time = (ms: number | null) => (ms === null ? "" : new Date(ms).toISOString());
  const view = (one: HuaweiJob) => ({
    status: one.status,
    entities: one.entities,
    job_id: one.id,
    job_type: one.type,
    begin_time: time(one.beginAt),
    end_time: time(one.endAt),
    error_code: one.errorCode,
    fail_reason: one.failReason,
  });
  const entities = job.subJobs ? { ...job.entities, sub_jobs_total: job.subJobs.length, sub_jobs: job.subJobs.map(view) } : job.entities;
  return { ...view(job), entities };
}

/** The ECS answer to `ShowJob` (the EVS one answers EVS jobs; see index.ts). */
export function showEcsJob(job: HuaweiJob): EmulatorResponse {
  return { status: 200, body: ecsJobView(job) };
}

const notFound = (what: string, id: string) => evsError(404, "EVS.5404", `${what} ${id} could not be found.`);

/** Stops or starts every listed server; one sub-job each; the batch fails if any does. */
function powerBatch(call: HuaweiCall, ids: string[], target: "SHUTOFF" | "ACTIVE"): EmulatorResponse {
  const servers: HuaweiServer[] = [];
  for (const id of ids) {
    const server = call.state.servers.get(id);
    if (!server) return notFound("Server", id);
    if (server.task) return evsError(400, "EVS.5400", `Server ${id} is ${server.task}; wait for that to end.`);
    servers.push(server);
  }
  const type = target === "SHUTOFF" ? "batchStopServers" : "batchStartServers";
  const started = startJob(call, "ecs", type, {});
  const subJobs = servers.map((server) =>
    newJob(call.now, "ecs", target === "SHUTOFF" ? "stopServer" : "startServer", { server_id: server.id }),
  );
  started.job.subJobs = subJobs;
  const fails = call.endsInError;
  for (const server of servers) if (server.status !== target) server.task = target === "SHUTOFF" ? "powering-off" : "powering-on";
  call.later(target === "SHUTOFF" ? HUAWEI_DURATIONS.stopServer : HUAWEI_DURATIONS.startServer, (at) => {
    servers.forEach((server, index) => {
      server.task = undefined;
      if (!fails) server.status = target;
      finishJob(subJobs[index]!, at, fails ? "the emulator was told to fail this operation (faults.failNext resource-error)" : undefined);
    });
    started.finish(at, fails ? "a server's operation failed" : undefined);
  });
  return { status: 200, body: { job_id: started.job.id } };
}

function nextDevice(call: HuaweiCall, serverId: string): string {
  const used = new Set(
    [...call.state.volumes.values()].filter((v) => v.attachment?.serverId === serverId).map((v) => v.attachment!.device),
  );
  for (const letter of "bcdefghijklmnopqrstuvwxyz") if (!used.has(`/dev/vd${letter}`)) return `/dev/vd${letter}`;
  return "/dev/vdz";
}

export const ecsHandlers: EcsHandlers = {
  ShowServer(call) {
    const server = call.state.servers.get(String(call.params.server_id));
    if (!server) return notFound("Server", String(call.params.server_id));
    return { status: 200, body: { server: serverView(call, server) } };
  },

  BatchStopServers(call) {
    return powerBatch(
      call,
      call.body["os-stop"].servers.map((server) => server.id),
      "SHUTOFF",
    );
  },

  BatchStartServers(call) {
    return powerBatch(
      call,
      call.body["os-start"].servers.map((server) => server.id),
      "ACTIVE",
    );
  },

  AttachServerVolume(call) {
    const serverId = String(call.params.server_id);
    const server = call.state.servers.get(serverId);
    if (!server) return notFound("Server", serverId);
    const request = call.body.volumeAttachment;
    const volume = call.state.volumes.get(request.volumeId);
    if (!volume) return notFound("Volume", request.volumeId);
    if (volume.status !== "available")
      return evsError(400, "EVS.5400", `Invalid volume: volume ${volume.id} is ${volume.status}, not available.`);
    // KVM servers name devices /dev/vd*; a /dev/sd* name becomes /dev/vd* (attaching_a_disk_to_an_ecs.rst).
    const device = (request.device ?? nextDevice(call, serverId)).replace(/^\/dev\/sd/, "/dev/vd");
    const taken = [...call.state.volumes.values()].some(
      (other) => other.attachment?.serverId === serverId && other.attachment.device === device,
    );
    if (taken) return evsError(400, "EVS.5400", `Invalid input received: device ${device} is already in use on server ${serverId}.`);
    if (SYSTEM_DEVICES.includes(device) && server.status !== "SHUTOFF")
      return evsError(400, "EVS.5400", "A system disk can only be attached while the server is stopped (SHUTOFF).");
    const started = startJob(call, "ecs", "attachVolume", { server_id: serverId });
    // A pre-check passed: "the system properly responds" (attaching_a_disk_to_an_ecs.rst), with a
    // job that succeeds at once and attaches nothing.
    if (call.body.dry_run === true) {
      started.finish(call.now);
      return { status: 200, body: { job_id: started.job.id } };
    }
    const fails = call.endsInError;
    volume.status = "attaching";
    call.later(HUAWEI_DURATIONS.attach, (at) => {
      if (fails) volume.status = "available";
      else {
        volume.status = "in-use";
        volume.attachment = { serverId, device, attachmentId: randomUUID(), attachedAt: at };
        volume.bootable = volume.bootable || SYSTEM_DEVICES.includes(device);
      }
      volume.updatedAt = at;
      started.finish(at, fails ? "the emulator was told to fail this operation (faults.failNext resource-error)" : undefined);
    });
    return { status: 200, body: { job_id: started.job.id } };
  },

  DetachServerVolume(call) {
    const serverId = String(call.params.server_id);
    const server = call.state.servers.get(serverId);
    if (!server) return notFound("Server", serverId);
    const volume = call.state.volumes.get(String(call.params.volume_id));
    if (!volume || volume.attachment?.serverId !== serverId)
      return notFound("Attachment of volume", `${String(call.params.volume_id)} to server ${serverId}`);
    if (SYSTEM_DEVICES.includes(volume.attachment.device) && server.status !== "SHUTOFF")
      return evsError(400, "EVS.5400", "A system disk can only be detached while the server is stopped (SHUTOFF).");
    if (volume.status !== "in-use")
      return evsError(400, "EVS.5400", `Invalid volume: volume ${volume.id} is ${volume.status}, not in-use.`);
    const started = startJob(call, "ecs", "detachVolume", { server_id: serverId });
    const fails = call.endsInError;
    volume.status = "detaching";
    call.later(HUAWEI_DURATIONS.detach, (at) => {
      if (fails) volume.status = "in-use";
      else {
        volume.status = "available";
        volume.attachment = undefined;
      }
      volume.updatedAt = at;
      started.finish(at, fails ? "the emulator was told to fail this operation (faults.failNext resource-error)" : undefined);
    });
    return { status: 200, body: { job_id: started.job.id } };
  },

  ShowJob(call) {
    const job = call.state.jobs.get(String(call.params.job_id));
    if (!job) return notFound("Job", String(call.params.job_id));
    return showEcsJob(job);
  },
};
