/**
 * The waiters end to end: each provider's client against its emulator on a ManualClock that the wait's
 * time seam moves (`sleep` advances it, `now` reads it), so every wait is deterministic: snapshots usable /
 * available / normal, Alibaba usable before completed, deletions, a snapshot that ends in error
 * (WaitFailedError with the last body), a wait that times out and one aborted mid-wait; volumes, jobs and
 * instances after a rollback or a stop.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  type AlibabaEmulatorClientConfig,
  type Emulator,
  ManualClock,
  startEmulator,
  type UCloudStackEmulatorClientConfig,
} from "../../src/emulator/index.ts";
import { DEFAULT_HUAWEI_FIXTURE } from "../../src/emulator/huawei/model.ts";
import { DEFAULT_ALIBABA_FIXTURE } from "../../src/emulator/alibaba/model.ts";
import { DEFAULT_UCLOUDSTACK_FIXTURE } from "../../src/emulator/ucloudstack/model.ts";
import { createEcsClient as createHuaweiEcsClient, createEvsClient } from "../../src/huawei/index.ts";
import { createEcsClient as createAlibabaEcsClient, isDryRunPassed } from "../../src/alibaba/index.ts";
import { createUCloudStackClient } from "../../src/ucloudstack/index.ts";
import { AbortedError, WaitFailedError, WaitTimeoutError, type WaitProgress, waitUntil } from "../../src/snapshots/index.ts";

const MINUTE = 60_000;

/** The wait's time seam on the emulator's clock: sleeping moves the clock. */
const onClock = (clock: ManualClock, onSleep?: (count: number) => void) => {
  let sleeps = 0;
  return {
    now: () => clock.now(),
    sleep: async (ms: number) => {
      clock.advance(ms);
      onSleep?.(++sleeps);
    },
  };
};

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected the wait to fail");
    },
    (error: unknown) => error,
  );

describe("Huawei EVS and ECS", () => {
  const clock = new ManualClock();
  let emu: Emulator;
  let evs: ReturnType<typeof createEvsClient>;
  let ecs: ReturnType<typeof createHuaweiEcsClient>;
  const spare = DEFAULT_HUAWEI_FIXTURE.volumes!.find((v) => v.name === "spare-data")!.id!;
  const web = DEFAULT_HUAWEI_FIXTURE.servers!.find((s) => s.name === "web-01")!.id!;
  beforeAll(async () => {
    emu = await startEmulator({ provider: "huawei", timing: clock });
    evs = createEvsClient({ ...emu.clientConfig, retry: { maxAttempts: 1 } });
    ecs = createHuaweiEcsClient({ ...emu.clientConfig, retry: { maxAttempts: 1 } });
  });
  afterAll(() => emu.close());
  beforeEach(() => emu.reset());

  it("SnapshotAvailable, then a rollback and VolumeAvailable, then SnapshotDeleted (not-found is success)", async () => {
    const { snapshot } = await evs.createSnapshot({ snapshot: { volume_id: spare, name: "before-upgrade" } });
    const events: WaitProgress<Awaited<ReturnType<typeof evs.showSnapshot>>>[] = [];
    const ready = await waitUntil(
      evs,
      "SnapshotAvailable",
      { snapshot_id: snapshot.id },
      {
        maxWaitMs: 10 * MINUTE,
        onProgress: (event) => events.push(event),
        ...onClock(clock),
      },
    );
    expect(ready.snapshot.status).toBe("available");
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((event) => event.state === "retry" && event.observed?.snapshot.status === "creating")).toBe(true);

    await evs.rollbackSnapshot({ snapshot_id: snapshot.id, rollback: { volume_id: spare } });
    expect((await evs.showVolume({ volume_id: spare })).volume.status).toBe("rollbacking");
    const volume = await waitUntil(evs, "VolumeAvailable", { volume_id: spare }, { maxWaitMs: 10 * MINUTE, ...onClock(clock) });
    expect(volume.volume.status).toBe("available");

    await evs.deleteSnapshot({ snapshot_id: snapshot.id });
    const gone = await waitUntil(evs, "SnapshotDeleted", { snapshot_id: snapshot.id }, { maxWaitMs: 10 * MINUTE, ...onClock(clock) });
    // The last body seen (deleting), before ShowSnapshot answered not-found.
    expect(gone?.snapshot.status).toBe("deleting");
    expect(emu.state().snapshots.some((s) => s.id === snapshot.id)).toBe(false);
  });

  it("types: the waiter names and parameters are the client's service's", () => {
    const never = { maxWaitMs: 1, signal: AbortSignal.abort() };
    // @ts-expect-error InstanceStopped is an Alibaba waiter, not an EVS one
    void waitUntil(evs, "InstanceStopped", { snapshot_id: "x" }, never).catch(() => {});
    // @ts-expect-error SnapshotAvailable polls ShowSnapshot, which takes snapshot_id
    void waitUntil(evs, "SnapshotAvailable", { volume_id: "x" }, never).catch(() => {});
    // @ts-expect-error maxWaitMs is required
    void waitUntil(evs, "SnapshotAvailable", { snapshot_id: "x" }, { signal: never.signal }).catch(() => {});
    void waitUntil(ecs, "JobFinished", { job_id: "x" }, never).catch(() => {});
  });

  it("a snapshot that ends in error: WaitFailedError at once, with the error body", async () => {
    emu.faults.failNext({ kind: "resource-error", operation: "CreateSnapshot" });
    const { snapshot } = await evs.createSnapshot({ snapshot: { volume_id: spare } });
    const error = (await rejection(
      waitUntil(evs, "SnapshotAvailable", { snapshot_id: snapshot.id }, { maxWaitMs: 10 * MINUTE, ...onClock(clock) }),
    )) as WaitFailedError;
    expect(error).toBeInstanceOf(WaitFailedError);
    expect(error).toMatchObject({ waiter: "SnapshotAvailable", provider: "huawei", operation: "ShowSnapshot" });
    expect((error.lastObserved as { snapshot: { status: string } }).snapshot.status).toBe("error");
    // It ended at the first poll that saw `error`, well before maxWaitMs.
    expect(error.elapsedMs).toBeLessThan(MINUTE);
  });

  it("a wait that times out, and one aborted mid-wait", async () => {
    const { snapshot } = await evs.createSnapshot({ snapshot: { volume_id: spare } });
    const start = clock.now();
    const timedOut = (await rejection(
      waitUntil(evs, "SnapshotAvailable", { snapshot_id: snapshot.id }, { maxWaitMs: 8000, ...onClock(clock) }),
    )) as WaitTimeoutError;
    expect(timedOut).toBeInstanceOf(WaitTimeoutError);
    expect(clock.now() - start).toBeLessThanOrEqual(8000);
    expect((timedOut.lastObserved as { snapshot: { status: string } }).snapshot.status).toBe("creating");

    const controller = new AbortController();
    const aborted = await rejection(
      waitUntil(
        evs,
        "SnapshotAvailable",
        { snapshot_id: snapshot.id },
        {
          maxWaitMs: 10 * MINUTE,
          minDelayMs: 100,
          maxDelayMs: 200,
          signal: controller.signal,
          ...onClock(clock, (count) => count === 2 && controller.abort()),
        },
      ),
    );
    expect(aborted).toBeInstanceOf(AbortedError);
  });

  it("ECS: a stop job to JobFinished, the server to ServerStopped, then ServerRunning", async () => {
    const stop = await ecs.batchStopServers({ "os-stop": { servers: [{ id: web }], type: "SOFT" } });
    const job = await waitUntil(ecs, "JobFinished", { job_id: stop.job_id }, { maxWaitMs: 10 * MINUTE, ...onClock(clock) });
    expect(job.status).toBe("SUCCESS");
    expect((await waitUntil(ecs, "ServerStopped", { server_id: web }, { maxWaitMs: MINUTE, ...onClock(clock) })).server.status).toBe(
      "SHUTOFF",
    );
    await ecs.batchStartServers({ "os-start": { servers: [{ id: web }] } });
    expect((await waitUntil(ecs, "ServerRunning", { server_id: web }, { maxWaitMs: MINUTE, ...onClock(clock) })).server.status).toBe(
      "ACTIVE",
    );
  });
});

describe("Alibaba ECS", () => {
  const clock = new ManualClock();
  let emu: Emulator<AlibabaEmulatorClientConfig>;
  let ecs: ReturnType<typeof createAlibabaEcsClient>;
  const spare = DEFAULT_ALIBABA_FIXTURE.disks!.find((d) => d.name === "spare-data")!.id!;
  const web = DEFAULT_ALIBABA_FIXTURE.instances!.find((i) => i.name === "web-01")!.id!;
  beforeAll(async () => {
    emu = await startEmulator({ provider: "alibaba", timing: clock });
    ecs = createAlibabaEcsClient({ ...emu.clientConfig, retry: { maxAttempts: 1 } });
  });
  afterAll(() => emu.close());
  beforeEach(() => emu.reset());

  const snapshotOf = (body: unknown) => {
    if (isDryRunPassed(body)) throw new Error("unexpected dry run");
    return (body as { Snapshots: { Snapshot: Array<{ Status: string; Available: boolean; Progress: string }> } }).Snapshots.Snapshot[0]!;
  };

  it("SnapshotUsable resolves while the snapshot is still progressing; SnapshotCompleted when accomplished; progress as numbers", async () => {
    const created = await ecs.createSnapshot({ DiskId: spare, SnapshotName: "before-upgrade" });
    if (isDryRunPassed(created)) throw new Error("unexpected dry run");
    const params = { SnapshotIds: JSON.stringify([created.SnapshotId]) };
    const progress: number[] = [];
    const usable = snapshotOf(
      await waitUntil(ecs, "SnapshotUsable", params, {
        maxWaitMs: 10 * MINUTE,
        minDelayMs: 1000,
        maxDelayMs: 2000,
        onProgress: (event) => progress.push(event.progress!),
        ...onClock(clock),
      }),
    );
    expect(usable).toMatchObject({ Available: true, Status: "progressing" });
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.every((p) => typeof p === "number" && p >= 0 && p < 100)).toBe(true);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));

    const done = snapshotOf(await waitUntil(ecs, "SnapshotCompleted", params, { maxWaitMs: 10 * MINUTE, ...onClock(clock) }));
    expect(done).toMatchObject({ Available: true, Status: "accomplished", Progress: "100%" });

    await ecs.deleteSnapshot({ SnapshotId: created.SnapshotId! });
    await expect(waitUntil(ecs, "SnapshotDeleted", params, { maxWaitMs: MINUTE, ...onClock(clock) })).resolves.toMatchObject({
      Snapshots: { Snapshot: [] },
    });
  });

  it("a snapshot that fails: WaitFailedError with the failed snapshot, for usable and completed alike", async () => {
    emu.faults.failNext({ kind: "resource-error", operation: "CreateSnapshot" });
    const created = await ecs.createSnapshot({ DiskId: spare });
    if (isDryRunPassed(created)) throw new Error("unexpected dry run");
    const params = { SnapshotIds: JSON.stringify([created.SnapshotId]) };
    for (const waiter of ["SnapshotUsable", "SnapshotCompleted"] as const) {
      const error = (await rejection(waitUntil(ecs, waiter, params, { maxWaitMs: 10 * MINUTE, ...onClock(clock) }))) as WaitFailedError;
      expect(error).toBeInstanceOf(WaitFailedError);
      expect(snapshotOf(error.lastObserved).Status).toBe("failed");
    }
  });

  it("InstanceStopped after StopInstance; a rollback (ResetDisk) and DiskInUse; InstanceRunning after StartInstance", async () => {
    const data = DEFAULT_ALIBABA_FIXTURE.disks!.find((d) => d.name === "web-01-data")!.id!;
    const snapshot = DEFAULT_ALIBABA_FIXTURE.snapshots![0]!.id!;
    await ecs.stopInstance({ InstanceId: web });
    const stopped = await waitUntil(ecs, "InstanceStopped", { InstanceId: [web] }, { maxWaitMs: MINUTE, ...onClock(clock) });
    expect(stopped.InstanceStatuses.InstanceStatus![0]!.Status).toBe("Stopped");
    await ecs.resetDisk({ DiskId: data, SnapshotId: snapshot });
    const disks = await waitUntil(ecs, "DiskInUse", { DiskIds: JSON.stringify([data]) }, { maxWaitMs: MINUTE, ...onClock(clock) });
    if (isDryRunPassed(disks)) throw new Error("unexpected dry run");
    expect(disks.Disks!.Disk![0]!.Status).toBe("In_use");
    await ecs.startInstance({ InstanceId: web });
    await expect(waitUntil(ecs, "InstanceRunning", { InstanceId: [web] }, { maxWaitMs: MINUTE, ...onClock(clock) })).resolves.toBeDefined();
    expect(emu.state().instances.find((i) => i.id === web)!.status).toBe("Running");
  });
});

describe("UCloudStack", () => {
  const clock = new ManualClock();
  let emu: Emulator<UCloudStackEmulatorClientConfig>;
  let ucs: ReturnType<typeof createUCloudStackClient>;
  const disk = DEFAULT_UCLOUDSTACK_FIXTURE.disks!.find((d) => !d.vmId)?.id ?? DEFAULT_UCLOUDSTACK_FIXTURE.disks![0]!.id!;
  const vm = DEFAULT_UCLOUDSTACK_FIXTURE.vms![0]!.id!;
  beforeAll(async () => {
    emu = await startEmulator({ provider: "ucloudstack", timing: clock });
    ucs = createUCloudStackClient({ ...emu.clientConfig, retry: { maxAttempts: 1 } });
  });
  afterAll(() => emu.close());
  beforeEach(() => emu.reset());

  it("SnapshotNormal (by the spec's status group), then SnapshotDeleted (TotalCount 0)", async () => {
    const { SnapshotID } = await ucs.createSnapshot({ DiskID: disk, Name: "before-upgrade" });
    const normal = await waitUntil(ucs, "SnapshotNormal", { SnapshotIDs: [SnapshotID!] }, { maxWaitMs: 10 * MINUTE, ...onClock(clock) });
    expect(normal.Infos![0]!.SnapshotStatus).toBe("Normal");
    await ucs.deleteSnapshot({ SnapshotID: SnapshotID! });
    const gone = await waitUntil(ucs, "SnapshotDeleted", { SnapshotIDs: [SnapshotID!] }, { maxWaitMs: MINUTE, ...onClock(clock) });
    expect(gone.TotalCount).toBe(0);
  });

  it("a snapshot that fails: WaitFailedError with the Failure body", async () => {
    emu.faults.failNext({ kind: "resource-error", operation: "CreateSnapshot" });
    const { SnapshotID } = await ucs.createSnapshot({ DiskID: disk, Name: "doomed" });
    const error = (await rejection(
      waitUntil(ucs, "SnapshotNormal", { SnapshotIDs: [SnapshotID!] }, { maxWaitMs: 10 * MINUTE, ...onClock(clock) }),
    )) as WaitFailedError;
    expect(error).toBeInstanceOf(WaitFailedError);
    expect((error.lastObserved as { Infos: Array<{ SnapshotStatus: string }> }).Infos[0]!.SnapshotStatus).toBe("Failure");
  });

  it("VMStopped after StopVMInstance, VMRunning after StartVMInstance", async () => {
    await ucs.stopVMInstance({ VMID: vm });
    const stopped = await waitUntil(ucs, "VMStopped", { VMIDs: [vm] }, { maxWaitMs: MINUTE, ...onClock(clock) });
    expect(stopped.Infos![0]!.State).toBe("Stopped");
    await ucs.startVMInstance({ VMID: vm });
    expect((await waitUntil(ucs, "VMRunning", { VMIDs: [vm] }, { maxWaitMs: MINUTE, ...onClock(clock) })).Infos![0]!.State).toBe("Running");
  });
});
