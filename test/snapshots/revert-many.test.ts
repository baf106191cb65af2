/**
 * `revertMany` against the emulators: snapshots grouped by instance (one stop and one start per machine;
 * Alibaba: one ResetDisks for the disks of one instance, ResetDisk for a lone disk), one result per input in
 * input order, refused items in their place (a snapshot that does not exist, a second snapshot of one volume,
 * a precondition without stopInstance), and bad input refused before anything is sent.
 */
import { describe, expect, it } from "vitest";
import { ManualClock, startEmulator } from "../../src/emulator/index.ts";
import { createEcsClient as createAlibabaEcsClient } from "../../src/alibaba/index.ts";
import { createUCloudStackClient } from "../../src/ucloudstack/index.ts";
import { createEvsClient } from "../../src/huawei/index.ts";
import { ApiError, createSnapshotManager, InvalidParameterError, PreconditionError } from "../../src/snapshots/index.ts";

const MINUTE = 60_000;
const onClock = (clock: ManualClock) => ({ now: () => clock.now(), sleep: async (ms: number) => void clock.advance(ms) });
const READ = /^(Describe|Show|List)/;

describe("revertMany on Alibaba: grouped by instance", () => {
  it("stops each instance once, one ResetDisks for its disks, ResetDisk for a lone disk, starts it once; results in input order", async () => {
    const clock = new ManualClock();
    const sent: string[] = [];
    const emu = await startEmulator({
      provider: "alibaba",
      timing: clock,
      onExchange: (x) => void sent.push(x.operationId ?? x.path),
      fixture: {
        instances: [
          { id: "i-bp1manyinstanceaaaa", status: "Running" },
          { id: "i-bp1manyinstancebbbb", status: "Running" },
        ],
        disks: [
          { id: "d-bp1manydiska1aaaaaa", size: 20, instanceId: "i-bp1manyinstanceaaaa" },
          { id: "d-bp1manydiska2aaaaaa", size: 20, instanceId: "i-bp1manyinstanceaaaa" },
          { id: "d-bp1manydiskb1bbbbbb", size: 20, instanceId: "i-bp1manyinstancebbbb" },
          { id: "d-bp1manydiskdetached", size: 20 },
        ],
      },
    });
    try {
      const client = createAlibabaEcsClient({ ...emu.clientConfig, retry: { maxAttempts: 1 } });
      const snaps = createSnapshotManager({ provider: "alibaba", client });
      const disks = ["d-bp1manydiska1aaaaaa", "d-bp1manydiskb1bbbbbb", "d-bp1manydiska2aaaaaa", "d-bp1manydiskdetached"];
      const made = await snaps.snapshotMany(disks, { waitFor: "completed", ...onClock(clock) });
      const ids = made.map((result) => (result as { snapshot: { id: string } }).snapshot.id);
      const again = await snaps.create({ volumeId: "d-bp1manydiska1aaaaaa", name: "second-of-a1" });
      await snaps.waitUntilCompleted(again.id, { maxWaitMs: 10 * MINUTE, ...onClock(clock) });

      sent.length = 0;
      const events: number[] = [];
      const results = await snaps.revertMany([...ids, "s-bp1doesnotexist00000", again.id], {
        stopInstance: true,
        concurrency: 2,
        onProgress: (event) => void events.push(event.index),
        ...onClock(clock),
      });
      expect(results.map((r) => r.snapshotId)).toEqual([...ids, "s-bp1doesnotexist00000", again.id]);
      expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "fulfilled", "fulfilled", "rejected", "rejected"]);
      const missing = (results[4] as { error: unknown }).error;
      expect(missing).toBeInstanceOf(ApiError);
      expect((missing as ApiError).category).toBe("not-found");
      const twice = (results[5] as { error: unknown }).error as InvalidParameterError;
      expect(twice).toBeInstanceOf(InvalidParameterError);
      expect(twice.field).toBe("snapshotIds[5]");
      expect(twice.message).toMatch(/again \(snapshotIds\[0\] does\)/);
      for (const [index, disk] of disks.entries()) {
        const value = (results[index] as { result: { volume: { id: string; status: string } } }).result;
        expect(value.volume.id).toBe(disk);
        expect(value.volume.status).toBe(index === 3 ? "available" : "attached");
      }
      expect([...events].sort()).toEqual([0, 1, 2, 3, 4, 5]);

      const writes = sent.filter((op) => !READ.test(op));
      const count = (op: string) => writes.filter((w) => w === op).length;
      expect(count("StopInstance")).toBe(2);
      expect(count("StartInstance")).toBe(2);
      expect(count("ResetDisks")).toBe(1);
      expect(count("ResetDisk")).toBe(2);
      expect(writes.length).toBe(7);
      for (const instance of emu.state().instances) expect(instance.status).toBe("Running");
    } finally {
      await emu.close();
    }
  });

  it("without stopInstance, disks of a running instance are refused (PreconditionError) and a detached one is rolled back", async () => {
    const clock = new ManualClock();
    const sent: string[] = [];
    const emu = await startEmulator({ provider: "alibaba", timing: clock, onExchange: (x) => void sent.push(x.operationId ?? x.path) });
    try {
      const client = createAlibabaEcsClient({ ...emu.clientConfig, retry: { maxAttempts: 1 } });
      const snaps = createSnapshotManager({ provider: "alibaba", client });
      const attached = emu.state().volumes.find((v) => v.instanceId && v.status === "In_use" && /data/.test(v.name ?? ""))!.id;
      const spare = emu.state().volumes.find((v) => !v.instanceId)!.id;
      const made = await snaps.snapshotMany([attached, spare], { waitFor: "completed", ...onClock(clock) });
      const ids = made.map((result) => (result as { snapshot: { id: string } }).snapshot.id);
      sent.length = 0;
      const results = await snaps.revertMany(ids, onClock(clock));
      expect(results.map((r) => r.status)).toEqual(["rejected", "fulfilled"]);
      expect((results[0] as { error: unknown }).error).toBeInstanceOf(PreconditionError);
      expect(sent.filter((op) => !READ.test(op))).toEqual(["ResetDisk"]);
    } finally {
      await emu.close();
    }
  });
});

describe("revertMany on UCloudStack and Huawei", () => {
  it("UCloudStack: two disks of one VM: one stop, a rollback each, one start", async () => {
    const clock = new ManualClock();
    const sent: string[] = [];
    const emu = await startEmulator({
      provider: "ucloudstack",
      timing: clock,
      onExchange: (x) => void sent.push(x.operationId ?? x.path),
      fixture: {
        vms: [{ id: "vm-manyvm01", state: "Running" }],
        disks: [
          { id: "disk-many0001", size: 20, vmId: "vm-manyvm01" },
          { id: "disk-many0002", size: 20, vmId: "vm-manyvm01" },
        ],
      },
    });
    try {
      const snaps = createSnapshotManager({
        provider: "ucloudstack",
        client: createUCloudStackClient({ ...emu.clientConfig, retry: { maxAttempts: 1 } }),
      });
      const made = await snaps.snapshotMany(["disk-many0001", "disk-many0002"], onClock(clock));
      const ids = made.map((result) => (result as { snapshot: { id: string } }).snapshot.id);
      sent.length = 0;
      const results = await snaps.revertMany(ids, { stopInstance: true, ...onClock(clock) });
      expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled"]);
      expect(sent.filter((op) => !READ.test(op))).toEqual(["StopVMInstance", "RollbackSnapshot", "RollbackSnapshot", "StartVMInstance"]);
    } finally {
      await emu.close();
    }
  });

  it("bad input is refused before anything is sent (Huawei stopInstance without compute, repeats, wrong types)", async () => {
    const clock = new ManualClock();
    const sent: string[] = [];
    const emu = await startEmulator({ provider: "huawei", timing: clock, onExchange: (x) => void sent.push(x.operationId ?? x.path) });
    try {
      const snaps = createSnapshotManager({ provider: "huawei", client: createEvsClient(emu.clientConfig) });
      const id = emu.state().snapshots[0]!.id;
      const bad: Array<[() => Promise<unknown>, string]> = [
        [() => snaps.revertMany([id], { stopInstance: true }), "compute"],
        [() => snaps.revertMany(id as never), "snapshotIds"],
        [() => snaps.revertMany([id, ""]), "snapshotIds[1]"],
        [() => snaps.revertMany([id, id]), "snapshotIds[1]"],
        [() => snaps.revertMany([id], { stopInstance: "yes" as never }), "options.stopInstance"],
        [() => snaps.revertMany([id], { concurrency: 1.5 }), "options.concurrency"],
      ];
      for (const [call, field] of bad) {
        const error = await Promise.resolve()
          .then(call)
          .catch((e: unknown) => e);
        expect(error, field).toBeInstanceOf(InvalidParameterError);
        expect((error as InvalidParameterError).field).toBe(field);
      }
      expect(sent).toEqual([]);
    } finally {
      await emu.close();
    }
  });
});
