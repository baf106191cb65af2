/**
 * `revert` (safe rollback) against the three emulators on a ManualClock that the waits' time seam moves: the
 * preconditions refused with nothing sent (a volume attached to a running instance, a snapshot not ready, a
 * volume not the snapshot's), the `stopInstance: true` orchestration (the instance running again, Huawei's volume
 * re-attached at its device), a step that fails (undone in reverse: `RevertFailedError` with the undo outcomes, the
 * instance running again), an abort mid-wait, and bad input (`InvalidParameterError` naming the field).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Emulator, ManualClock, startEmulator } from "../../src/emulator/index.ts";
import { DEFAULT_HUAWEI_FIXTURE } from "../../src/emulator/huawei/model.ts";
import { DEFAULT_ALIBABA_FIXTURE } from "../../src/emulator/alibaba/model.ts";
import { DEFAULT_UCLOUDSTACK_FIXTURE } from "../../src/emulator/ucloudstack/model.ts";
import { createEcsClient as createHuaweiEcsClient, createEvsClient } from "../../src/huawei/index.ts";
import { createEcsClient as createAlibabaEcsClient } from "../../src/alibaba/index.ts";
import { createUCloudStackClient } from "../../src/ucloudstack/index.ts";
import { inspectRevert, revertOnInstance } from "../../src/snapshots/revert.ts";
import { alibaba } from "../../src/snapshots/alibaba.ts";
import {
  AbortedError,
  ApiError,
  createSnapshotManager,
  InvalidParameterError,
  PreconditionError,
  RevertFailedError,
  type RevertProgress,
  type RevertStepName,
  type SnapshotManager,
  type SnapshotProvider,
} from "../../src/snapshots/index.ts";

const MINUTE = 60_000;
const clock = new ManualClock();
/** The waits' time seam on the emulator's clock: sleeping moves the clock. */
const onClock = { now: () => clock.now(), sleep: async (ms: number) => void clock.advance(ms) };

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => error,
  );

interface Case {
  provider: SnapshotProvider;
  /** The attached data volume, its snapshot, its running instance, its device; a spare (unattached) volume. */
  volume: string;
  snapshot: string;
  instance: string;
  device: string;
  spare: string;
  /** The emulator's spellings. */
  running: string;
  attached: string;
  rollback: string;
  stop: string;
  /** Builds the manager over the emulator (Huawei: with the ECS client as `compute` unless told not to). */
  manager(emu: Emulator<never>, compute?: boolean): SnapshotManager<SnapshotProvider>;
  steps: RevertStepName[];
}

const huaweiVolume = DEFAULT_HUAWEI_FIXTURE.volumes!.find((v) => v.name === "web-01-data")!;
const alibabaDisk = DEFAULT_ALIBABA_FIXTURE.disks!.find((d) => d.name === "web-01-data")!;
const ucsDisk = DEFAULT_UCLOUDSTACK_FIXTURE.disks!.find((d) => d.name === "web-01-data")!;

const CASES: Case[] = [
  {
    provider: "huawei",
    volume: huaweiVolume.id!,
    snapshot: DEFAULT_HUAWEI_FIXTURE.snapshots![0]!.id!,
    instance: huaweiVolume.serverId!,
    device: huaweiVolume.device!,
    spare: DEFAULT_HUAWEI_FIXTURE.volumes!.find((v) => v.name === "spare-data")!.id!,
    running: "ACTIVE",
    attached: "in-use",
    rollback: "RollbackSnapshot",
    stop: "BatchStopServers",
    manager: (emu, compute = true) => {
      const config = { ...(emu.clientConfig as object), retry: { maxAttempts: 1 } } as Parameters<typeof createEvsClient>[0];
      const client = createEvsClient(config);
      return createSnapshotManager(
        compute ? { provider: "huawei", client, compute: createHuaweiEcsClient(config) } : { provider: "huawei", client },
      ) as SnapshotManager<SnapshotProvider>;
    },
    steps: ["stop-instance", "detach-volume", "rollback", "wait-volume", "attach-volume", "start-instance"],
  },
  {
    provider: "alibaba",
    volume: alibabaDisk.id!,
    snapshot: DEFAULT_ALIBABA_FIXTURE.snapshots![0]!.id!,
    instance: alibabaDisk.instanceId!,
    device: alibabaDisk.device!,
    spare: DEFAULT_ALIBABA_FIXTURE.disks!.find((d) => d.name === "spare-data")!.id!,
    running: "Running",
    attached: "In_use",
    rollback: "ResetDisk",
    stop: "StopInstance",
    manager: (emu) =>
      createSnapshotManager({
        provider: "alibaba",
        client: createAlibabaEcsClient({ ...(emu.clientConfig as object), retry: { maxAttempts: 1 } } as Parameters<
          typeof createAlibabaEcsClient
        >[0]),
      }) as SnapshotManager<SnapshotProvider>,
    steps: ["stop-instance", "rollback", "wait-volume", "start-instance"],
  },
  {
    provider: "ucloudstack",
    volume: ucsDisk.id!,
    snapshot: DEFAULT_UCLOUDSTACK_FIXTURE.snapshots![0]!.id!,
    instance: ucsDisk.vmId!,
    device: ucsDisk.drive!,
    spare: DEFAULT_UCLOUDSTACK_FIXTURE.disks!.find((d) => d.name === "spare-data")!.id!,
    running: "Running",
    attached: "Bound",
    rollback: "RollbackSnapshot",
    stop: "StopVMInstance",
    manager: (emu) =>
      createSnapshotManager({
        provider: "ucloudstack",
        client: createUCloudStackClient({ ...(emu.clientConfig as object), retry: { maxAttempts: 1 } } as Parameters<
          typeof createUCloudStackClient
        >[0]),
      }) as SnapshotManager<SnapshotProvider>,
    steps: ["stop-instance", "rollback", "wait-volume", "start-instance"],
  },
];

const READ = /^(Show|Describe|List|Cinder(Show|List))/;

for (const c of CASES) {
  describe(`${c.provider}: revert`, () => {
    let emu: Emulator<never>;
    let sent: string[] = [];
    let snaps: SnapshotManager<SnapshotProvider>;
    beforeAll(async () => {
      emu = (await startEmulator({
        provider: c.provider,
        timing: clock,
        onExchange: (x) => void sent.push(x.operationId ?? x.path),
      } as Parameters<typeof startEmulator>[0])) as Emulator<never>;
      snaps = c.manager(emu);
    });
    afterAll(() => emu.close());
    beforeEach(() => {
      emu.reset();
      sent = [];
    });
    const instance = () => emu.state().instances.find((i) => i.id === c.instance)!;
    const volume = () => emu.state().volumes.find((v) => v.id === c.volume)!;
    const writes = () => sent.filter((op) => !READ.test(op));

    it("refuses a volume attached to a running instance with a PreconditionError that says what to do; nothing sent", async () => {
      const error = (await rejection(snaps.revert({ snapshotId: c.snapshot }, onClock))) as PreconditionError;
      expect(error).toBeInstanceOf(PreconditionError);
      expect(error).toMatchObject({ provider: c.provider, snapshotId: c.snapshot, volumeId: c.volume, instanceId: c.instance });
      expect(error.observed.volume).toBe(c.attached);
      expect(error.message).toMatch(/stopInstance: true/);
      expect(error.message).toContain(c.instance);
      expect(writes()).toEqual([]);
      expect(sent.length).toBeGreaterThan(0);
      expect(instance().status).toBe(c.running);
    });

    it("refuses a snapshot that is not ready, and a volume that is not the snapshot's; nothing sent", async () => {
      const created = await snaps.create({ volumeId: c.spare, name: "not-yet" });
      sent = [];
      const error = (await rejection(snaps.revert({ snapshotId: created.id, stopInstance: true }, onClock))) as PreconditionError;
      expect(error).toBeInstanceOf(PreconditionError);
      expect(error.message).toMatch(/waitUntilReady/);
      expect(error.observed.snapshot).toBeDefined();
      const mismatch = (await rejection(snaps.revert({ snapshotId: c.snapshot, volumeId: c.spare }, onClock))) as PreconditionError;
      expect(mismatch).toBeInstanceOf(PreconditionError);
      expect(mismatch.message).toMatch(/rolls back only to its own volume/);
      expect(writes()).toEqual([]);
    });

    it("stopInstance: true stops, rolls back, waits and restores: the instance runs again, the volume attached as before", async () => {
      const events: RevertProgress[] = [];
      const result = await snaps.revert(
        { snapshotId: c.snapshot, stopInstance: true },
        { maxWaitMs: 10 * MINUTE, onProgress: (e) => events.push(e), ...onClock },
      );
      expect(result.steps.map((s) => s.step)).toEqual(c.steps);
      expect(result.snapshot.id).toBe(c.snapshot);
      expect(result.volume).toMatchObject({ provider: c.provider, id: c.volume, status: "attached", instanceId: c.instance });
      expect(instance().status).toBe(c.running);
      expect(volume()).toMatchObject({ status: c.attached, instanceId: c.instance });
      if (c.provider === "huawei") {
        expect(volume().device).toBe(c.device);
        expect(result.steps.find((s) => s.step === "attach-volume")!.device).toBe(c.device);
      }
      // Each step started and done, in order.
      expect(events.filter((e) => e.status === "done").map((e) => e.step)).toEqual(c.steps);
      expect(events.filter((e) => e.status === "started").map((e) => e.step)).toEqual(c.steps);
      const order = writes();
      expect(order[0]).toBe(c.stop);
      expect(order).toContain(c.rollback);
    });

    it("a volume that needs no orchestration: rolled back and waited for, nothing stopped", async () => {
      const created = await snaps.create({ volumeId: c.spare, name: "spare" });
      await snaps.waitUntilReady(created.id, { maxWaitMs: 10 * MINUTE, ...onClock });
      sent = [];
      const result = await snaps.revert({ snapshotId: created.id, stopInstance: true }, onClock);
      expect(result.steps.map((s) => s.step)).toEqual(["rollback", "wait-volume"]);
      expect(result.volume).toMatchObject({ id: c.spare, status: "available", instanceId: undefined });
      expect(writes()).toEqual([c.rollback]);
    });

    it("a rollback the provider refuses (server error): RevertFailedError at rollback, every step undone, the instance running", async () => {
      emu.faults.failNext({ kind: "server-error", operation: c.rollback });
      const error = (await rejection(snaps.revert({ snapshotId: c.snapshot, stopInstance: true }, onClock))) as RevertFailedError;
      expect(error).toBeInstanceOf(RevertFailedError);
      expect(error).toMatchObject({ provider: c.provider, step: "rollback", snapshotId: c.snapshot, volumeId: c.volume });
      expect(error.cause).toBeInstanceOf(ApiError);
      const undone = c.provider === "huawei" ? ["detach-volume", "stop-instance"] : ["stop-instance"];
      expect(error.undo).toEqual(undone.map((step) => ({ step, status: "undone" })));
      expect(instance().status).toBe(c.running);
      expect(volume()).toMatchObject({ status: c.attached, instanceId: c.instance });
      if (c.provider === "huawei") expect(volume().device).toBe(c.device);
    });

    it("aborted mid-wait: the forward steps end, the restoring ones still run (the instance running again)", async () => {
      const controller = new AbortController();
      const error = (await rejection(
        snaps.revert(
          { snapshotId: c.snapshot, stopInstance: true },
          {
            signal: controller.signal,
            ...onClock,
            onProgress: (e) => {
              if (e.step === "rollback" && e.status === "done") controller.abort();
            },
          },
        ),
      )) as RevertFailedError;
      expect(error).toBeInstanceOf(RevertFailedError);
      expect(error.step).toBe("wait-volume");
      expect(error.cause).toBeInstanceOf(AbortedError);
      expect(error.undo.every((u) => u.status === "undone")).toBe(true);
      expect(error.undo.map((u) => u.step).at(-1)).toBe("stop-instance");
      expect(instance().status).toBe(c.running);
      expect(volume()).toMatchObject({ status: c.attached, instanceId: c.instance });
    });

    it("aborted while the instance stops: the stop is waited out and the instance started again", async () => {
      const controller = new AbortController();
      const error = (await rejection(
        snaps.revert(
          { snapshotId: c.snapshot, stopInstance: true },
          {
            signal: controller.signal,
            ...onClock,
            sleep: async (ms) => {
              controller.abort();
              clock.advance(ms);
            },
          },
        ),
      )) as RevertFailedError;
      expect(error).toBeInstanceOf(RevertFailedError);
      expect(error.step).toBe("stop-instance");
      expect(error.cause).toBeInstanceOf(AbortedError);
      expect(error.undo).toEqual([{ step: "stop-instance", status: "undone" }]);
      expect(instance().status).toBe(c.running);
      expect(writes()).not.toContain(c.rollback);
    });

    it("bad input: InvalidParameterError naming the field, nothing sent", async () => {
      const bad: Array<[unknown, unknown, string]> = [
        [undefined, {}, "input"],
        [{}, {}, "snapshotId"],
        [{ snapshotId: "" }, {}, "snapshotId"],
        [{ snapshotId: c.snapshot, stopInstance: "yes" }, {}, "stopInstance"],
        [{ snapshotId: c.snapshot, volumeId: 7 }, {}, "volumeId"],
        [{ snapshotId: c.snapshot, force: true }, {}, "force"],
        [{ snapshotId: c.snapshot }, { maxWaitMs: -1 }, "options.maxWaitMs"],
        [{ snapshotId: c.snapshot }, { onProgress: "log" }, "options.onProgress"],
        [{ snapshotId: c.snapshot }, "fast", "options"],
      ];
      for (const [input, options, field] of bad) {
        const error = await rejection(snaps.revert(input as never, options as never));
        expect(error, field).toBeInstanceOf(InvalidParameterError);
        expect((error as InvalidParameterError).field).toBe(field);
      }
      expect(sent).toEqual([]);
    });
  });
}

describe("huawei: the compute client", () => {
  let emu: Emulator<never>;
  let sent: string[] = [];
  const c = CASES[0]!;
  beforeAll(async () => {
    emu = (await startEmulator({ provider: "huawei", timing: clock, onExchange: (x) => void sent.push(x.operationId ?? x.path) })) as never;
  });
  afterAll(() => emu.close());
  beforeEach(() => {
    emu.reset();
    sent = [];
  });

  it("stopInstance: true without `compute` is an InvalidParameterError naming compute, nothing sent", async () => {
    const error = (await rejection(c.manager(emu, false).revert({ snapshotId: c.snapshot, stopInstance: true }))) as InvalidParameterError;
    expect(error).toBeInstanceOf(InvalidParameterError);
    expect(error.field).toBe("compute");
    expect(sent).toEqual([]);
    // Without stopInstance, the precondition is judged without the server's status (the EVS client cannot read it).
    const refused = (await rejection(c.manager(emu, false).revert({ snapshotId: c.snapshot }, onClock))) as PreconditionError;
    expect(refused).toBeInstanceOf(PreconditionError);
    expect(refused.observed).toMatchObject({ volume: "in-use", instance: undefined });
  });

  it("a `compute` that is not a Huawei ECS client is refused when the manager is made", () => {
    const config = { ...(emu.clientConfig as object), retry: { maxAttempts: 1 } } as Parameters<typeof createEvsClient>[0];
    const evs = createEvsClient(config);
    expect(() => createSnapshotManager({ provider: "huawei", client: evs, compute: evs as never })).toThrow(InvalidParameterError);
    expect(() => createSnapshotManager({ provider: "huawei", client: evs, compute: evs as never })).toThrow(/compute/);
  });

  it("a rollback that ends in error_rollbacking: RevertFailedError at wait-volume; the re-attach cannot be undone, the server is started", async () => {
    emu.faults.failNext({ kind: "resource-error", operation: "RollbackSnapshot" });
    const error = (await rejection(c.manager(emu).revert({ snapshotId: c.snapshot, stopInstance: true }, onClock))) as RevertFailedError;
    expect(error).toBeInstanceOf(RevertFailedError);
    expect(error.step).toBe("wait-volume");
    expect(error.undo.map(({ step, status }) => ({ step, status }))).toEqual([
      { step: "detach-volume", status: "failed" },
      { step: "stop-instance", status: "undone" },
    ]);
    expect(error.message).toMatch(/could not undo detach-volume/);
    const state = emu.state();
    expect(state.instances.find((i) => i.id === c.instance)!.status).toBe("ACTIVE");
    expect(state.volumes.find((v) => v.id === c.volume)!.status).toBe("error_rollbacking");
  });

  it("a re-attach that fails: RevertFailedError at attach-volume, and the server is started all the same", async () => {
    emu.faults.failNext({ kind: "resource-error", operation: "AttachServerVolume" });
    const error = (await rejection(c.manager(emu).revert({ snapshotId: c.snapshot, stopInstance: true }, onClock))) as RevertFailedError;
    expect(error).toBeInstanceOf(RevertFailedError);
    expect(error.step).toBe("attach-volume");
    expect(error.undo).toEqual([{ step: "stop-instance", status: "undone" }]);
    expect(emu.state().instances.find((i) => i.id === c.instance)!.status).toBe("ACTIVE");
  });
});

describe("alibaba: revertOnInstance, several disks of one instance (the batch's building block)", () => {
  let emu: Emulator<never>;
  let sent: string[] = [];
  const c = CASES[1]!;
  const system = DEFAULT_ALIBABA_FIXTURE.disks!.find((d) => d.name === "web-01-system")!.id!;
  beforeAll(async () => {
    emu = (await startEmulator({
      provider: "alibaba",
      timing: clock,
      onExchange: (x) => void sent.push(x.operationId ?? x.path),
    })) as never;
  });
  afterAll(() => emu.close());
  beforeEach(() => {
    emu.reset();
    sent = [];
  });

  it("a disk deleted since its snapshot was taken: PreconditionError; a snapshot that does not exist: not-found ApiError", async () => {
    const client = createAlibabaEcsClient({ ...(emu.clientConfig as object), retry: { maxAttempts: 1 } } as Parameters<
      typeof createAlibabaEcsClient
    >[0]);
    const snaps = createSnapshotManager({ provider: "alibaba", client });
    const kept = await snaps.create({ volumeId: c.spare, name: "outlives-its-disk" });
    await snaps.waitUntilCompleted(kept.id, { maxWaitMs: 10 * MINUTE, ...onClock });
    await client.deleteDisk({ DiskId: c.spare });
    sent = [];
    const gone = (await rejection(snaps.revert({ snapshotId: kept.id }, onClock))) as PreconditionError;
    expect(gone).toBeInstanceOf(PreconditionError);
    expect(gone).toMatchObject({ volumeId: c.spare, snapshotId: kept.id });
    expect(gone.message).toMatch(/no longer exists/);
    const missing = await rejection(snaps.revert({ snapshotId: "s-bp00000000000000none" }, onClock));
    expect(missing).toBeInstanceOf(ApiError);
    expect((missing as ApiError).category).toBe("not-found");
    expect(sent.filter((op) => !READ.test(op))).toEqual([]);
  });

  it("one stop, one ResetDisks for both disks, one start; one outcome per target in input order (a refused one included)", async () => {
    const client = createAlibabaEcsClient({ ...(emu.clientConfig as object), retry: { maxAttempts: 1 } } as Parameters<
      typeof createAlibabaEcsClient
    >[0]);
    const snaps = createSnapshotManager({ provider: "alibaba", client });
    const systemSnapshot = await snaps.create({ volumeId: system, name: "system" });
    await snaps.waitUntilCompleted(systemSnapshot.id, { maxWaitMs: 10 * MINUTE, ...onClock });
    const notReady = await snaps.create({ volumeId: c.spare, name: "not-yet" });
    const ctx = { provider: "alibaba" as const, client, adapter: alibaba };
    const targets = [
      await inspectRevert(ctx, c.snapshot),
      await inspectRevert(ctx, notReady.id),
      await inspectRevert(ctx, systemSnapshot.id),
    ];
    expect(targets[0]!.instance).toEqual({ id: c.instance, running: true, status: "Running" });
    sent = [];
    const outcomes = await revertOnInstance(ctx, targets, { stopInstance: true, ...onClock });
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((outcomes[1] as { error: unknown }).error).toBeInstanceOf(PreconditionError);
    const writes = sent.filter((op) => !READ.test(op));
    expect(writes).toEqual(["StopInstance", "ResetDisks", "StartInstance"]);
    for (const [index, id] of [
      [0, c.volume],
      [2, system],
    ] as const) {
      const value = (outcomes[index] as { value: { volume: { id: string; status: string }; steps: { step: string }[] } }).value;
      expect(value.volume).toMatchObject({ id, status: "attached" });
      expect(value.steps.map((s) => s.step)).toEqual(c.steps);
    }
    expect(emu.state().instances.find((i) => i.id === c.instance)!.status).toBe("Running");
  });
});

describe("types", () => {
  it("the result's volume record is the provider's", () => {
    const typed = async (snaps: SnapshotManager<"alibaba">) => {
      const { volume } = await snaps.revert({ snapshotId: "s-1" });
      const status: string | undefined = volume.raw.Status;
      // @ts-expect-error an Alibaba disk record has no Huawei `attachments`
      void volume.raw.attachments;
      return status;
    };
    expect(typeof typed).toBe("function");
  });
});
