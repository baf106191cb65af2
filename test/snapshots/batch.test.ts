/**
 * Batches: the token bucket on fake timers (spacing, burst, pause, abort); the runner (input order, the
 * concurrency bound, one result per input whatever fails, abort and a throwing onProgress); the lane client
 * (every call takes a token, throttling answers absorbed, other errors untouched); and `snapshotMany` against
 * the three emulators: every volume snapshotted once and waited for, throttling never reaching the caller, a
 * snapshot that fails keeping its record in the result, an abort settling every item, bad input refused
 * before anything is sent.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { type Emulator, ManualClock, startEmulator } from "../../src/emulator/index.ts";
import { createEvsClient } from "../../src/huawei/index.ts";
import { createEcsClient as createAlibabaEcsClient } from "../../src/alibaba/index.ts";
import { createUCloudStackClient } from "../../src/ucloudstack/index.ts";
import {
  AbortedError,
  createSnapshotManager,
  InvalidParameterError,
  type SnapshotManager,
  type SnapshotManyResult,
  type SnapshotProvider,
  ThrottledError,
  WaitFailedError,
} from "../../src/snapshots/index.ts";
import { tokenBucket } from "../../src/snapshots/rate.ts";
import { batchLane, laneClient, runBatch } from "../../src/snapshots/batch.ts";

const throttled = () =>
  new ThrottledError({
    provider: "huawei",
    operation: "CreateSnapshot",
    status: 429,
    code: "APIGW.0308",
    message: "throttled",
    requestId: undefined,
    category: "throttled",
    body: undefined,
    retryAfterMs: 2_000,
  });

describe("token bucket", () => {
  afterEach(() => void vi.useRealTimers());

  it("spaces calls at the rate after the burst, first come first served", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
    const gate = tokenBucket(10, { burst: 2 });
    const granted: number[] = [];
    const start = performance.now();
    const takes = Array.from({ length: 6 }, (_, i) => gate.take().then(() => granted.push(i)));
    await vi.advanceTimersByTimeAsync(0);
    expect(granted).toEqual([0, 1]);
    await vi.advanceTimersByTimeAsync(100);
    expect(granted).toEqual([0, 1, 2]);
    await vi.advanceTimersByTimeAsync(300);
    await Promise.all(takes);
    expect(granted).toEqual([0, 1, 2, 3, 4, 5]);
    expect(performance.now() - start).toBe(400);
  });

  it("a pause holds every call back and restarts empty", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
    const gate = tokenBucket(100, { burst: 5 });
    await gate.take();
    gate.pause(1_000);
    let granted = false;
    const take = gate.take().then(() => {
      granted = true;
    });
    await vi.advanceTimersByTimeAsync(999);
    expect(granted).toBe(false);
    await vi.advanceTimersByTimeAsync(11);
    await take;
    expect(granted).toBe(true);
  });

  it("an aborted wait rejects with AbortedError and gives its turn to the next", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
    const gate = tokenBucket(1, { burst: 1 });
    await gate.take();
    const controller = new AbortController();
    const first = gate.take(controller.signal).catch((error: unknown) => error);
    const second = gate.take();
    controller.abort("stop");
    expect(await first).toBeInstanceOf(AbortedError);
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(second).resolves.toBeUndefined();
    await expect(gate.take(controller.signal)).rejects.toBeInstanceOf(AbortedError);
  });

  it("without a rate, takes never wait", async () => {
    const gate = tokenBucket(undefined);
    for (let i = 0; i < 1_000; i++) await gate.take();
    expect(true).toBe(true);
  });
});

describe("runBatch and the lane client", () => {
  it("keeps input order, bounds the items in flight, and settles every item", async () => {
    let inFlight = 0;
    let most = 0;
    const lane = batchLane({});
    const items = Array.from({ length: 25 }, (_, i) => i);
    const progress: number[] = [];
    const results = await runBatch(
      items,
      async (item) => {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, (item * 7) % 5));
        inFlight--;
        if (item % 6 === 0) throw new Error(`item ${item}`);
        return item * 2;
      },
      (item, outcome) => ({ item, ...outcome }),
      { concurrency: 4, onProgress: (event) => void progress.push(event.done) },
      lane,
    );
    expect(most).toBe(4);
    expect(results.map((r) => r.item)).toEqual(items);
    for (const result of results) {
      if (result.item % 6 === 0) expect(result).toMatchObject({ status: "rejected", error: new Error(`item ${result.item}`) });
      else expect(result).toMatchObject({ status: "fulfilled", value: result.item * 2 });
    }
    expect(progress).toEqual(items.map((i) => i + 1));
  });

  it("an abort, or an onProgress that throws, settles every item not done as AbortedError", async () => {
    const controller = new AbortController();
    const work = async (item: number) => {
      if (item === 2) controller.abort("enough");
      return item;
    };
    const settle = (_: number, outcome: { status: string }) => outcome as { status: string; error?: unknown };
    const aborted = await runBatch([0, 1, 2, 3, 4, 5], work, settle, { concurrency: 1, signal: controller.signal }, batchLane({}));
    expect(aborted.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "fulfilled", "rejected", "rejected", "rejected"]);
    expect(aborted[3]!.error).toBeInstanceOf(AbortedError);

    const failing = new Error("progress handler broke");
    const stopped = await runBatch(
      [0, 1, 2, 3],
      async (item: number) => item,
      settle,
      {
        concurrency: 1,
        onProgress: (event) => {
          if (event.index === 1) throw failing;
        },
      },
      batchLane({}),
    );
    expect(stopped.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "rejected", "rejected"]);
    expect((stopped[2]!.error as AbortedError).cause).toBe(failing);
  });

  it("sends a throttled call again after the pause; other errors and the retry limit reach the caller", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
    try {
      let calls = 0;
      const client = {
        operations: {},
        paginate: () => "untouched",
        createSnapshot: async (params: { n: number }) => {
          calls++;
          if (calls <= 2) throw throttled();
          if (params.n < 0) throw new InvalidParameterError("n", "must be ≥ 0");
          return { ok: params.n };
        },
      };
      const lane = batchLane({ maxThrottleRetries: 3 });
      const laned = laneClient(client, lane);
      expect(laned.paginate()).toBe("untouched");
      const answer = laned.createSnapshot({ n: 1 });
      await vi.advanceTimersByTimeAsync(4_100);
      await expect(answer).resolves.toEqual({ ok: 1 });
      expect(calls).toBe(3);
      expect(lane.throttled).toBe(2);
      await expect(laned.createSnapshot({ n: -1 })).rejects.toBeInstanceOf(InvalidParameterError);

      calls = -10;
      const noMore = batchLane({ maxThrottleRetries: 1 });
      const refused = laneClient(client, noMore)
        .createSnapshot({ n: 1 })
        .catch((error: unknown) => error);
      await vi.advanceTimersByTimeAsync(10_000);
      expect(await refused).toBeInstanceOf(ThrottledError);
      expect(noMore.throttled).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it("meters every call at the rate", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
    try {
      const sentAt: number[] = [];
      const client = { operations: {}, showSnapshot: async () => void sentAt.push(performance.now()) };
      const laned = laneClient(client, batchLane({ ratePerSecond: 20 }));
      const start = performance.now();
      const all = Promise.all(Array.from({ length: 42 }, () => laned.showSnapshot()));
      await vi.advanceTimersByTimeAsync(5_000);
      await all;
      // A burst of two (a tenth of a second's worth), then one every 50 ms.
      expect(sentAt.length).toBe(42);
      expect(sentAt[41]! - start).toBe(2_000);
      const gaps = sentAt.slice(2).map((t, i) => t - sentAt[i + 1]!);
      expect(gaps.every((gap) => gap === 50)).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});

interface Setup {
  emu: Emulator<object>;
  snaps: SnapshotManager<SnapshotProvider>;
  volumes: string[];
  sent: string[];
}

const COUNT = 24;
const onClock = (clock: ManualClock) => ({ now: () => clock.now(), sleep: async (ms: number) => void clock.advance(ms) });

async function setup(provider: SnapshotProvider, clock: ManualClock): Promise<Setup> {
  const sent: string[] = [];
  const onExchange = (x: { operationId?: string | undefined; path: string }) => void sent.push(x.operationId ?? x.path);
  const ids = Array.from({ length: COUNT }, (_, i) => i);
  if (provider === "huawei") {
    const volumes = ids.map((i) => `0c789a06-d00d-4cfc-861e-${String(i).padStart(12, "0")}`);
    const emu = await startEmulator({
      provider,
      timing: clock,
      onExchange,
      fixture: { volumes: volumes.map((id) => ({ id, size: 10 })) },
    });
    const client = createEvsClient({ ...emu.clientConfig, retry: { maxAttempts: 1 } });
    return { emu, snaps: createSnapshotManager({ provider, client }) as SnapshotManager<SnapshotProvider>, volumes, sent };
  }
  if (provider === "alibaba") {
    const volumes = ids.map((i) => `d-bp1batch${String(i).padStart(10, "0")}`);
    const emu = await startEmulator({
      provider,
      timing: clock,
      onExchange,
      fixture: { disks: volumes.map((id) => ({ id, size: 20 })) },
    });
    const client = createAlibabaEcsClient({ ...emu.clientConfig, retry: { maxAttempts: 1 } });
    return { emu, snaps: createSnapshotManager({ provider, client }) as SnapshotManager<SnapshotProvider>, volumes, sent };
  }
  const volumes = ids.map((i) => `disk-batch${String(i).padStart(4, "0")}`);
  const emu = await startEmulator({ provider, timing: clock, onExchange, fixture: { disks: volumes.map((id) => ({ id, size: 20 })) } });
  const client = createUCloudStackClient({ ...emu.clientConfig, retry: { maxAttempts: 1 } });
  return { emu, snaps: createSnapshotManager({ provider, client }) as SnapshotManager<SnapshotProvider>, volumes, sent };
}

const snapshotsOf = (emu: Emulator<object>) => (emu.state() as { snapshots: Array<{ id: string; volumeId: string }> }).snapshots;

describe.each(["huawei", "alibaba", "ucloudstack"] as const)("snapshotMany on %s", (provider) => {
  it("snapshots every volume once, waits for each, and absorbs throttling", async () => {
    const clock = new ManualClock();
    const { emu, snaps, volumes, sent } = await setup(provider, clock);
    try {
      const before = snapshotsOf(emu).length;
      emu.faults.failNext({ kind: "throttled", operation: "CreateSnapshot", count: 3 });
      const events: number[] = [];
      const results = await snaps.snapshotMany(volumes, {
        concurrency: 5,
        name: (_volumeId, index) => `batch-${index}`,
        onProgress: (event) => void events.push(event.throttled),
        ...onClock(clock),
      });
      expect(results.map((r) => r.volumeId)).toEqual(volumes);
      const failures = results.filter((r) => r.status === "rejected");
      expect(failures).toEqual([]);
      for (const [index, result] of results.entries()) {
        const snapshot = (result as Extract<SnapshotManyResult, { status: "fulfilled" }>).snapshot;
        expect(snapshot.volumeId).toBe(volumes[index]);
        expect(snapshot.readyToUse).toBe(true);
        expect(snapshot.name).toBe(`batch-${index}`);
      }
      const created = snapshotsOf(emu).slice(before);
      expect(created.map((s) => s.volumeId).sort()).toEqual([...volumes].sort());
      expect(new Set(results.map((r) => (r as { snapshot: { id: string } }).snapshot.id)).size).toBe(COUNT);
      expect(events.at(-1)).toBe(3);
      expect(sent.filter((op) => /CreateSnapshot/.test(op)).length).toBe(COUNT + 3);
    } finally {
      await emu.close();
    }
  });

  it("keeps a failed snapshot in its result, settles every item on abort, refuses bad input", async () => {
    const clock = new ManualClock();
    const { emu, snaps, volumes, sent } = await setup(provider, clock);
    try {
      emu.faults.failNext({ kind: "resource-error", operation: "CreateSnapshot" });
      const [failed, ...rest] = await snaps.snapshotMany(volumes.slice(0, 3), { concurrency: 1, ...onClock(clock) });
      expect(failed).toMatchObject({ volumeId: volumes[0], status: "rejected" });
      expect((failed as { error: unknown }).error).toBeInstanceOf(WaitFailedError);
      expect((failed as { snapshot?: { status: string; volumeId: string } }).snapshot).toMatchObject({ volumeId: volumes[0] });
      expect(rest.map((r) => r.status)).toEqual(["fulfilled", "fulfilled"]);

      const controller = new AbortController();
      const aborted = await snaps.snapshotMany(volumes.slice(3, 11), {
        concurrency: 2,
        signal: controller.signal,
        onProgress: (event) => {
          if (event.done === 2) controller.abort("enough");
        },
        ...onClock(clock),
      });
      expect(aborted.length).toBe(8);
      expect(aborted.filter((r) => r.status === "fulfilled").length).toBeGreaterThanOrEqual(2);
      const stopped = aborted.filter((r) => r.status === "rejected");
      expect(stopped.length).toBeGreaterThan(0);
      for (const result of stopped) expect((result as { error: unknown }).error).toBeInstanceOf(AbortedError);

      sent.length = 0;
      const bad: Array<[() => Promise<unknown>, string]> = [
        [() => snaps.snapshotMany("vol" as never), "volumeIds"],
        [() => snaps.snapshotMany([volumes[0]!, ""]), "volumeIds[1]"],
        [() => snaps.snapshotMany(volumes, { concurrency: 0 }), "options.concurrency"],
        [() => snaps.snapshotMany(volumes, { ratePerSecond: Number.NaN }), "options.ratePerSecond"],
        [() => snaps.snapshotMany(volumes, { waitFor: "usable" as never }), "options.waitFor"],
        [() => snaps.snapshotMany(volumes, { concurency: 2 } as never), "options.concurency"],
      ];
      for (const [call, field] of bad) {
        const error = await call().catch((e: unknown) => e);
        expect(error).toBeInstanceOf(InvalidParameterError);
        expect((error as InvalidParameterError).field).toBe(field);
      }
      expect(sent).toEqual([]);
    } finally {
      await emu.close();
    }
  });
});

describe("snapshotMany sends no poll the create's answer makes needless", () => {
  it("Alibaba on instant timing: the read-back after each create already says usable, so no DescribeSnapshots poll follows", async () => {
    const sent: string[] = [];
    const emu = await startEmulator({ provider: "alibaba", timing: "instant", onExchange: (x) => void sent.push(x.operationId ?? x.path) });
    try {
      const snaps = createSnapshotManager({ provider: "alibaba", client: createAlibabaEcsClient(emu.clientConfig) });
      const disks = emu.state().volumes.map((volume) => volume.id);
      const results = await snaps.snapshotMany(disks);
      expect(results.every((result) => result.status === "fulfilled" && result.snapshot.readyToUse)).toBe(true);
      expect(sent.filter((op) => op === "CreateSnapshot").length).toBe(disks.length);
      // One read-back per create, nothing more.
      expect(sent.filter((op) => op === "DescribeSnapshots").length).toBe(disks.length);
    } finally {
      await emu.close();
    }
  });
});
