/**
 * The Huawei emulator's ECS side through our own clients: a system disk rolled back the safe
 * way (stop the server, detach, roll back, attach at the same device, start), with the
 * documented refusals on the way, ECS-shaped jobs, and both APIs' ShowJob on one path.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ManualClock, startEmulator, type Emulator } from "../../src/emulator/index.ts";
import { DEFAULT_HUAWEI_FIXTURE } from "../../src/emulator/huawei/model.ts";
import { type ApiError, createEcsClient, createEvsClient, InvalidParameterError } from "../../src/huawei/index.ts";
import { specConformance } from "./conformance.ts";

const conformance = await specConformance(["huawei-evs", "huawei-ecs"]);
const clock = new ManualClock();
let emu: Emulator;
let ecs: ReturnType<typeof createEcsClient>;
let evs: ReturnType<typeof createEvsClient>;
const web = DEFAULT_HUAWEI_FIXTURE.servers!.find((s) => s.name === "web-01")!.id!;
const system = DEFAULT_HUAWEI_FIXTURE.volumes!.find((v) => v.name === "web-01-system")!.id!;

beforeAll(async () => {
  emu = await startEmulator({ provider: "huawei", timing: clock, onExchange: conformance.onExchange });
  ecs = createEcsClient({ ...emu.clientConfig, retry: { maxAttempts: 1 } });
  evs = createEvsClient({ ...emu.clientConfig, retry: { maxAttempts: 1 } });
});
afterAll(async () => {
  await emu.close();
  conformance.expectNoViolations(20);
});
beforeEach(() => emu.reset());

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (error: unknown) => error as ApiError,
  );

describe("a system disk rolled back the safe way", () => {
  it("stop, detach, snapshot roll back, attach at /dev/vda, start", async () => {
    const { snapshot } = await evs.createSnapshot({ snapshot: { volume_id: system, force: true, name: "before-upgrade" } });
    clock.advance(15_000);

    // Detaching a system disk from a running server is refused.
    const running = await refusal(ecs.detachServerVolume({ server_id: web, volume_id: system }));
    expect(running.message).toMatch(/system disk can only be detached while the server is stopped/);

    const stop = await ecs.batchStopServers({ "os-stop": { servers: [{ id: web }], type: "SOFT" } });
    const stopping = await ecs.showServer({ server_id: web });
    expect(stopping.server).toMatchObject({ status: "ACTIVE", "OS-EXT-STS:task_state": "powering-off" });
    expect((await ecs.showJob({ job_id: stop.job_id })).status).toBe("RUNNING");
    clock.advance(6_000);
    const stopJob = await ecs.showJob({ job_id: stop.job_id });
    expect(stopJob).toMatchObject({ status: "SUCCESS", job_type: "batchStopServers" });
    expect(stopJob.entities?.sub_jobs?.[0]).toMatchObject({ status: "SUCCESS", job_type: "stopServer" });
    expect((await ecs.showServer({ server_id: web })).server.status).toBe("SHUTOFF");

    const detach = await ecs.detachServerVolume({ server_id: web, volume_id: system });
    expect((await evs.showVolume({ volume_id: system })).volume.status).toBe("detaching");
    clock.advance(3_000);
    expect((await ecs.showJob({ job_id: detach.job_id })).status).toBe("SUCCESS");
    expect((await evs.showVolume({ volume_id: system })).volume).toMatchObject({ status: "available", attachments: [] });

    await evs.rollbackSnapshot({ snapshot_id: snapshot.id, rollback: { volume_id: system } });
    clock.advance(20_000);
    expect((await evs.showVolume({ volume_id: system })).volume.status).toBe("available");

    const attach = await ecs.attachServerVolume({ server_id: web, volumeAttachment: { volumeId: system, device: "/dev/vda" } });
    clock.advance(3_000);
    expect((await ecs.showJob({ job_id: attach.job_id })).status).toBe("SUCCESS");
    const attached = await ecs.showServer({ server_id: web });
    expect(attached.server["os-extended-volumes:volumes_attached"]).toContainEqual(
      expect.objectContaining({ id: system, device: "/dev/vda" }),
    );

    await ecs.batchStartServers({ "os-start": { servers: [{ id: web }] } });
    clock.advance(8_000);
    expect((await ecs.showServer({ server_id: web })).server.status).toBe("ACTIVE");
    expect(emu.state().volumes.find((v) => v.id === system)).toMatchObject({ status: "in-use", instanceId: web, device: "/dev/vda" });
  });

  it("a system disk is attached only to a stopped server, at a free device", async () => {
    await ecs.batchStopServers({ "os-stop": { servers: [{ id: web }] } });
    clock.advance(6_000);
    await ecs.detachServerVolume({ server_id: web, volume_id: system });
    clock.advance(3_000);
    await ecs.batchStartServers({ "os-start": { servers: [{ id: web }] } });
    clock.advance(8_000);
    const whileRunning = await refusal(
      ecs.attachServerVolume({ server_id: web, volumeAttachment: { volumeId: system, device: "/dev/vda" } }),
    );
    expect(whileRunning.message).toMatch(/only be attached while the server is stopped/);
    const taken = await refusal(ecs.attachServerVolume({ server_id: web, volumeAttachment: { volumeId: system, device: "/dev/vdb" } }));
    expect(taken.message).toMatch(/already in use/);
  });

  it("a stop that fails leaves the server running and the job FAIL", async () => {
    emu.faults.failNext({ kind: "resource-error", operation: "BatchStopServers" });
    const stop = await ecs.batchStopServers({ "os-stop": { servers: [{ id: web }] } });
    clock.advance(6_000);
    const job = await ecs.showJob({ job_id: stop.job_id });
    expect(job.status).toBe("FAIL");
    expect(job.fail_reason).toBeTruthy();
    expect((await ecs.showServer({ server_id: web })).server.status).toBe("ACTIVE");
  });
});

describe("one path, two operations", () => {
  it("the client refuses a stop body sent as a start before anything is sent", async () => {
    const wrong = ecs.batchStartServers({ "os-stop": { servers: [{ id: web }] } } as never);
    await expect(wrong).rejects.toBeInstanceOf(InvalidParameterError);
  });

  it("a raw request whose body selects neither operation is a 400", async () => {
    const { signHuaweiRequest } = await import("../../src/huawei/index.ts");
    const url = `${emu.url}/v1/${emu.clientConfig.projectId}/cloudservers/action`;
    const signed = await signHuaweiRequest(
      new Request(url, { method: "POST", body: JSON.stringify({ reboot: {} }), headers: { "content-type": "application/json" } }),
      emu.clientConfig.credentials as { accessKeyId: string; secretAccessKey: string },
    );
    const response = await fetch(signed);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
      /BatchStartServers, BatchStopServers|BatchStopServers, BatchStartServers/,
    );
  });

  it("ShowJob answers an EVS job in the EVS shape and an ECS job in the ECS shape", async () => {
    const volumeJob = await evs.createVolume({ volume: { availability_zone: "cn-north-4a", volume_type: "SSD", size: 10 } });
    const serverJob = await ecs.batchStopServers({ "os-stop": { servers: [{ id: web }] } });
    expect((await evs.showJob({ job_id: volumeJob.job_id! })).end_time).toBeNull();
    expect((await ecs.showJob({ job_id: serverJob.job_id })).end_time).toBe("");
  });
});
