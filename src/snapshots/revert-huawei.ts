/**
 * Huawei rollback: EVS `RollbackSnapshot` needs the volume `available` or `error_rollbacking` and the snapshot
 * `available`, and only rolls back to the snapshot's own volume ("Rolling Back a Snapshot to an EVS Disk",
 * https://support.huaweicloud.com/intl/en-us/api-evs/evs_04_2020.html, Constraints). An attached (`in-use`) volume
 * is detached first, and a system disk only detaches from a stopped server (ECS "Detaching an EVS Disk",
 * https://support.huaweicloud.com/api-ecs/ecs_02_0606.html): the orchestration stops the server (ECS
 * `BatchStopServers`), detaches, rolls back, waits, re-attaches at the same device and starts the server again. ECS
 * calls answer a job: each is waited for (`JobFinished`, which ends at once on `FAIL`), then the resource's waiter.
 */
import { isApiError } from "../core/common/errors.ts";
import type { EcsClient, EvsClient } from "../huawei/services.ts";
import type { components } from "../../generated/huawei/evs.ts";
import { statusGroups } from "../../generated/huawei/evs.waiters.ts";
import type { RevertDriver } from "./revert.ts";
import { numeric, text, type Volume, type VolumeStatus, vocabulary } from "./model.ts";

export type HuaweiVolumeRecord = components["schemas"]["NativeVolume"];
const word = vocabulary<VolumeStatus>(statusGroups.VolumeStatus);

const volumeOf = (raw: HuaweiVolumeRecord): Volume<HuaweiVolumeRecord> => ({
  provider: "huawei",
  id: raw.id,
  name: text(raw.name),
  status: word(raw.status),
  sizeGiB: numeric(raw.size),
  instanceId: raw.attachments?.[0]?.server_id || undefined,
  raw,
});
const record = (volume: Volume) => volume.raw as HuaweiVolumeRecord;
const evsOf = (ctx: { client: unknown }) => ctx.client as EvsClient;
const ecsOf = (ctx: { compute?: unknown }) => ctx.compute as EcsClient;

export const huaweiRevert: RevertDriver = {
  async volume(ctx, id, call) {
    try {
      return volumeOf((await evsOf(ctx).showVolume({ volume_id: id }, call)).volume);
    } catch (error) {
      if (isApiError(error) && error.category === "not-found") return undefined;
      throw error;
    }
  },
  async instance(ctx, volume, call) {
    const id = volume.instanceId;
    if (!id) return undefined;
    if (!ctx.compute) return { id, running: true, status: undefined };
    const { running, status } = await huaweiRevert.state(ctx, id, call);
    return { id, running, status };
  },
  async state(ctx, id, call) {
    const { server } = await ecsOf(ctx).showServer({ server_id: id }, call);
    // A stop or start under way keeps the status, with a task state (powering-off, powering-on).
    const settled = !server["OS-EXT-STS:task_state"];
    return { id, running: server.status === "ACTIVE" && settled, stopped: server.status === "SHUTOFF" && settled, status: server.status };
  },
  untilStopped: async (ctx, id, w) => void (await w.wait(ecsOf(ctx), "ServerStopped", { server_id: id })),
  spell: ({ snapshot, volume }) => ({ snapshot: (snapshot.raw as { status?: string }).status, volume: record(volume).status }),
  judge({ snapshot, volume, instance }, stopInstance) {
    const s = (snapshot.raw as { status?: string }).status;
    const v = record(volume).status;
    if (s !== "available") return `snapshot ${snapshot.id} is ${s}: wait until it is available (waitUntilReady), then revert`;
    if (v === "available" || v === "error_rollbacking") return { stop: false, detach: false };
    if (v === "in-use" && instance) {
      if (!stopInstance)
        return `volume ${volume.id} is in-use on server ${instance.id}: detach it or pass stopInstance: true (a system disk detaches only from a stopped server)`;
      return { stop: instance.running, detach: true };
    }
    return `volume ${volume.id} is ${v}: EVS rolls back only an available (or error_rollbacking) volume; wait until it is available`;
  },
  async stop(ctx, id, w) {
    const ecs = ecsOf(ctx);
    const { job_id } = await ecs.batchStopServers({ "os-stop": { servers: [{ id }], type: "SOFT" } }, w.call);
    await w.wait(ecs, "JobFinished", { job_id });
    await w.wait(ecs, "ServerStopped", { server_id: id });
  },
  async start(ctx, id, w) {
    const ecs = ecsOf(ctx);
    const { job_id } = await ecs.batchStartServers({ "os-start": { servers: [{ id }] } }, w.call);
    await w.wait(ecs, "JobFinished", { job_id });
    await w.wait(ecs, "ServerRunning", { server_id: id });
  },
  device: ({ volume }) => record(volume).attachments?.[0]?.device ?? "",
  async detach(ctx, { volume, instance }, w) {
    const ecs = ecsOf(ctx);
    const { job_id } = await ecs.detachServerVolume({ server_id: instance!.id, volume_id: volume.id }, w.call);
    await w.wait(ecs, "JobFinished", { job_id });
    await w.wait(evsOf(ctx), "VolumeAvailable", { volume_id: volume.id });
  },
  async attach(ctx, { volume, instance }, device, w) {
    const ecs = ecsOf(ctx);
    const evs = evsOf(ctx);
    const volumeAttachment = device ? { volumeId: volume.id, device } : { volumeId: volume.id };
    const { job_id } = await ecs.attachServerVolume({ server_id: instance!.id, volumeAttachment }, w.call);
    await w.wait(ecs, "JobFinished", { job_id });
    return volumeOf(((await w.wait(evs, "VolumeInUse", { volume_id: volume.id })) as { volume: HuaweiVolumeRecord }).volume);
  },
  rollback: (ctx, targets, call) =>
    Promise.all(
      targets.map(({ snapshot, volume }) =>
        evsOf(ctx)
          .rollbackSnapshot({ snapshot_id: snapshot.id, rollback: { volume_id: volume.id } }, call)
          .then(
            () => undefined,
            (error: unknown) => error ?? new Error("rollback failed"),
          ),
      ),
    ),
  async settle(ctx, { volume }, w) {
    return volumeOf(((await w.wait(evsOf(ctx), "VolumeAvailable", { volume_id: volume.id })) as { volume: HuaweiVolumeRecord }).volume);
  },
};
