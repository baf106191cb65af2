/**
 * The snapshot manager end to end against the three emulators, on a ManualClock that the waits' time seam
 * moves (`sleep` advances it, `now` reads it): create -> waitUntilReady -> get -> list (every page) -> delete ->
 * waitUntilDeleted per provider, with the normalised fields checked against the emulator's own state; Alibaba
 * usable before completed; a snapshot that ends in error; bad input refused before anything is sent; the
 * provider escape hatch (Huawei `force`, page sizes); a PaginationError surfacing from `list`.
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
import { createEvsClient } from "../../src/huawei/index.ts";
import { createEcsClient as createAlibabaEcsClient } from "../../src/alibaba/index.ts";
import { createUCloudStackClient } from "../../src/ucloudstack/index.ts";
import {
  createSnapshotManager,
  InvalidParameterError,
  isApiError,
  PaginationError,
  type Snapshot,
  type SnapshotManager,
  type SnapshotProvider,
  type SnapshotStatus,
  type SnapshotWaitProgress,
  WaitFailedError,
} from "../../src/snapshots/index.ts";

const MINUTE = 60_000;
const STATUSES: readonly SnapshotStatus[] = ["creating", "available", "rolling-back", "deleting", "deleted", "failed", "unknown"];

/** The wait's time seam on the emulator's clock: sleeping moves the clock. */
const onClock = (clock: ManualClock) => ({ now: () => clock.now(), sleep: async (ms: number) => void clock.advance(ms) });

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => error,
  );

const collect = async <T>(items: AsyncIterable<T>) => {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
};

/** The normalised fields every provider must fill the same way. */
function expectNormalised(snapshot: Snapshot, provider: SnapshotProvider) {
  expect(snapshot.provider).toBe(provider);
  expect(typeof snapshot.id).toBe("string");
  expect(snapshot.id).not.toBe("");
  expect(snapshot.createdAt).toBeInstanceOf(Date);
  expect(Number.isNaN(snapshot.createdAt!.getTime())).toBe(false);
  expect(typeof snapshot.sizeGiB).toBe("number");
  expect(STATUSES).toContain(snapshot.status);
  expect(snapshot.status).not.toBe("unknown");
  expect(typeof snapshot.readyToUse).toBe("boolean");
  if (snapshot.progress !== undefined) expect(snapshot.progress).toBeGreaterThanOrEqual(0);
  expect(snapshot.raw).toBeTypeOf("object");
}

describe("Huawei EVS", () => {
  const clock = new ManualClock();
  let emu: Emulator;
  let sent: string[] = [];
  let snaps: SnapshotManager<"huawei">;
  const spare = DEFAULT_HUAWEI_FIXTURE.volumes!.find((v) => v.name === "spare-data")!;
  const attached = DEFAULT_HUAWEI_FIXTURE.volumes!.find((v) => v.name === "web-01-data")!.id!;
  beforeAll(async () => {
    emu = await startEmulator({ provider: "huawei", timing: clock, onExchange: (x) => void sent.push(x.operationId ?? x.path) });
    snaps = createSnapshotManager({ provider: "huawei", client: createEvsClient({ ...emu.clientConfig, retry: { maxAttempts: 1 } }) });
  });
  afterAll(() => emu.close());
  beforeEach(() => {
    emu.reset();
    sent = [];
  });

  it("create -> waitUntilReady -> get -> list (every page) -> delete -> waitUntilDeleted", async () => {
    const created = await snaps.create({ volumeId: spare.id!, name: "before-upgrade", description: "pre", tags: { ticket: "OPS-1" } });
    expect(created).toMatchObject({
      volumeId: spare.id,
      name: "before-upgrade",
      description: "pre",
      status: "creating",
      readyToUse: false,
    });
    expect(created.raw.metadata).toEqual({ ticket: "OPS-1" });
    expectNormalised(created, "huawei");

    const progress: SnapshotWaitProgress<unknown>[] = [];
    const ready = await snaps.waitUntilReady(created.id, {
      maxWaitMs: 10 * MINUTE,
      onProgress: (e) => progress.push(e),
      ...onClock(clock),
    });
    expect(ready).toMatchObject({ id: created.id, status: "available", readyToUse: true, progress: 100, sizeGiB: spare.size });
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((e) => e.snapshot?.status === "creating" && e.snapshot.readyToUse === false)).toBe(true);
    expect(await snaps.waitUntilCompleted(created.id, { maxWaitMs: MINUTE, ...onClock(clock) })).toMatchObject({ status: "available" });

    const got = await snaps.get(created.id);
    expectNormalised(got, "huawei");
    expect(got.raw.status).toBe("available");
    expect(got.createdAt!.getTime()).toBe(created.createdAt!.getTime());

    await snaps.create({ volumeId: attached }); // attached: `force: true` by default
    const state = emu.state().snapshots;
    expect(state.length).toBeGreaterThanOrEqual(2);
    const all = await collect(snaps.list({}, { provider: { limit: 1 } }));
    expect(all.map((s) => s.id).sort()).toEqual(state.map((s) => s.id).sort());
    const pages = sent.filter((op) => op === "ListSnapshots").length;
    expect(pages).toBeGreaterThanOrEqual(state.length);
    all.forEach((s) => void expectNormalised(s, "huawei"));
    expect((await collect(snaps.list({ volumeId: spare.id! }))).map((s) => s.id)).toEqual([created.id]);

    await snaps.delete(created.id);
    await expect(snaps.waitUntilDeleted(created.id, { maxWaitMs: 10 * MINUTE, ...onClock(clock) })).resolves.toBeUndefined();
    expect(emu.state().snapshots.some((s) => s.id === created.id)).toBe(false);
    const gone = await rejection(snaps.get(created.id));
    expect(isApiError(gone) && gone.category).toBe("not-found");
  });

  it("provider options: force: false is sent as given (EVS refuses an attached volume), not overridden", async () => {
    const refused = await rejection(snaps.create({ volumeId: attached }, { provider: { force: false } }));
    expect(isApiError(refused) && refused.status).toBe(400);
    // @ts-expect-error force is a boolean
    void snaps.create({ volumeId: attached }, { provider: { force: "yes" }, signal: AbortSignal.abort() }).catch(() => {});
    // @ts-expect-error volume_id is the manager's (volumeId)
    void snaps.create({ volumeId: attached }, { provider: { volume_id: "x" }, signal: AbortSignal.abort() }).catch(() => {});
  });

  it("a snapshot that ends in error: WaitFailedError at once, the failed Snapshot (raw: the record) as lastObserved", async () => {
    emu.faults.failNext({ kind: "resource-error", operation: "CreateSnapshot" });
    const created = await snaps.create({ volumeId: spare.id! });
    const error = (await rejection(snaps.waitUntilReady(created.id, { maxWaitMs: 10 * MINUTE, ...onClock(clock) }))) as WaitFailedError;
    expect(error).toBeInstanceOf(WaitFailedError);
    expect(error).toMatchObject({ provider: "huawei", waiter: "SnapshotAvailable", operation: "ShowSnapshot" });
    const last = error.lastObserved as Snapshot<{ status: string; id: string }>;
    expect(last).toMatchObject({ id: created.id, status: "failed", readyToUse: false });
    expect(last.raw).toMatchObject({ id: created.id, status: "error" });
    expect((error.cause as WaitFailedError).lastObserved).toMatchObject({ snapshot: { status: "error" } });
    expect(error.elapsedMs).toBeLessThan(MINUTE);
  });

  it("a PaginationError surfaces from list (page limit reached with pages left)", async () => {
    await snaps.create({ volumeId: spare.id! });
    await snaps.create({ volumeId: attached });
    const error = await rejection(collect(snaps.list({}, { provider: { limit: 1 }, maxPages: 1 })));
    expect(error).toBeInstanceOf(PaginationError);
    expect((error as PaginationError).reason).toBe("page-limit");
  });
});

describe("Alibaba ECS", () => {
  const clock = new ManualClock();
  let emu: Emulator<AlibabaEmulatorClientConfig>;
  let sent: string[] = [];
  let snaps: SnapshotManager<"alibaba">;
  const spare = DEFAULT_ALIBABA_FIXTURE.disks!.find((d) => d.name === "spare-data")!;
  const data = DEFAULT_ALIBABA_FIXTURE.disks!.find((d) => d.name === "web-01-data")!.id!;
  beforeAll(async () => {
    emu = await startEmulator({ provider: "alibaba", timing: clock, onExchange: (x) => void sent.push(x.operationId ?? x.path) });
    snaps = createSnapshotManager({
      provider: "alibaba",
      client: createAlibabaEcsClient({ ...emu.clientConfig, retry: { maxAttempts: 1 } }),
    });
  });
  afterAll(() => emu.close());
  beforeEach(() => {
    emu.reset();
    sent = [];
  });

  it("create -> waitUntilReady (usable, still creating) -> waitUntilCompleted -> get -> list (every page) -> delete -> waitUntilDeleted", async () => {
    const created = await snaps.create({
      volumeId: spare.id!,
      name: "before-upgrade",
      description: "pre-upgrade",
      tags: { env: "ci" },
    });
    expect(created).toMatchObject({ volumeId: spare.id, name: "before-upgrade", description: "pre-upgrade", status: "creating" });
    expect(sent).toEqual(["CreateSnapshot", "DescribeSnapshots"]);
    expectNormalised(created, "alibaba");

    const progress: number[] = [];
    const ready = await snaps.waitUntilReady(created.id, {
      maxWaitMs: 10 * MINUTE,
      minDelayMs: 1000,
      maxDelayMs: 2000,
      onProgress: (e) => progress.push(e.progress!),
      ...onClock(clock),
    });
    // Usable before completed: ready while the status is still `creating` (progressing).
    expect(ready).toMatchObject({ status: "creating", readyToUse: true });
    expect(ready.raw).toMatchObject({ Status: "progressing", Available: true });
    expect(ready.progress).toBeLessThan(100);
    expect(progress.every((p) => typeof p === "number" && p < 100)).toBe(true);
    const done = await snaps.waitUntilCompleted(created.id, { maxWaitMs: 10 * MINUTE, ...onClock(clock) });
    expect(done).toMatchObject({ status: "available", readyToUse: true, progress: 100, sizeGiB: spare.size });
    expect(done.raw.Status).toBe("accomplished");

    const got = await snaps.get(created.id);
    expectNormalised(got, "alibaba");
    expect(got.raw.SnapshotId).toBe(created.id);

    await snaps.create({ volumeId: data });
    const state = emu.state().snapshots;
    expect(state.length).toBeGreaterThanOrEqual(3);
    sent = [];
    const all = await collect(snaps.list({}, { provider: { MaxResults: 1 } }));
    expect(all.map((s) => s.id).sort()).toEqual(state.map((s) => s.id).sort());
    expect(sent.filter((op) => op === "DescribeSnapshots").length).toBeGreaterThanOrEqual(state.length);
    all.forEach((s) => void expectNormalised(s, "alibaba"));
    expect((await collect(snaps.list({ volumeId: spare.id! }))).map((s) => s.id)).toEqual([created.id]);

    await snaps.delete(created.id);
    await expect(snaps.waitUntilDeleted(created.id, { maxWaitMs: MINUTE, ...onClock(clock) })).resolves.toBeUndefined();
    const gone = await rejection(snaps.get(created.id));
    expect(isApiError(gone) && gone.category).toBe("not-found");
  });

  it("a snapshot that fails: WaitFailedError for ready and completed alike, the failed record as lastObserved.raw", async () => {
    emu.faults.failNext({ kind: "resource-error", operation: "CreateSnapshot" });
    const created = await snaps.create({ volumeId: spare.id! });
    for (const wait of [snaps.waitUntilReady, snaps.waitUntilCompleted]) {
      const error = (await rejection(wait(created.id, { maxWaitMs: 10 * MINUTE, ...onClock(clock) }))) as WaitFailedError;
      expect(error).toBeInstanceOf(WaitFailedError);
      const last = error.lastObserved as Snapshot<{ Status: string }>;
      expect(last).toMatchObject({ id: created.id, status: "failed", readyToUse: false });
      expect(last.raw.Status).toBe("failed");
    }
  });

  it("bad input: the manager's field named, nothing sent (the client's own checks renamed too)", async () => {
    const cases: Array<[unknown, string]> = [
      [{ volumeId: "" }, "volumeId"],
      [{ name: "x" }, "volumeId"],
      [{ volumeId: spare.id, name: 5 }, "name"],
      [{ volumeId: spare.id, tags: { env: 1 } }, "tags"],
      [{ volumeId: spare.id, DiskId: spare.id }, "DiskId"],
      [{ volumeId: spare.id, name: "a" }, "name"], // SnapshotName: 2 to 128 characters (the client's check)
      [{ volumeId: "not-a-disk-id" }, "volumeId"], // DiskId pattern (the client's check)
    ];
    for (const [input, field] of cases) {
      const error = await rejection(snaps.create(input as never));
      expect(error).toBeInstanceOf(InvalidParameterError);
      expect((error as InvalidParameterError).field).toBe(field);
    }
    for (const call of [() => snaps.get(""), () => snaps.delete(undefined as never), () => snaps.waitUntilReady("", { maxWaitMs: 1 })]) {
      const error = await rejection(call());
      expect((error as InvalidParameterError).field).toBe("id");
    }
    expect(((await rejection(collect(snaps.list({ volumeId: 7 as never })))) as InvalidParameterError).field).toBe("volumeId");
    expect(sent).toEqual([]);
    // The client checks the provider options too.
    expect(await rejection(snaps.create({ volumeId: spare.id! }, { provider: { RetentionDays: 0 } }))).toBeInstanceOf(
      InvalidParameterError,
    );
    expect(sent).toEqual([]);
  });

  it("create answers the snapshot created even when the read-back does not list it yet", async () => {
    const ecs = createAlibabaEcsClient({ ...emu.clientConfig, retry: { maxAttempts: 1 } });
    const lagging = new Proxy(ecs, {
      get: (target, key, receiver) =>
        key === "describeSnapshots" ? async () => ({ RequestId: "lag", Snapshots: { Snapshot: [] } }) : Reflect.get(target, key, receiver),
    });
    const created = await createSnapshotManager({ provider: "alibaba", client: lagging }).create({ volumeId: spare.id!, name: "lagging" });
    expect(emu.state().snapshots.map((s) => s.id)).toContain(created.id);
    expect(created).toMatchObject({ volumeId: spare.id, name: "lagging", status: "creating", readyToUse: false, createdAt: undefined });
  });

  it("the manager refuses another provider's client, by type and at run time", () => {
    const evs = createEvsClient({
      projectId: "0123456789abcdef0123456789abcdef",
      region: "cn-north-4",
      credentials: { token: "t" },
    } as never);
    // @ts-expect-error a Huawei EVS client is not an Alibaba ECS client
    const refused = () => createSnapshotManager({ provider: "alibaba", client: evs });
    expect(refused).toThrow(InvalidParameterError);
    expect(() => createSnapshotManager({ provider: "gcp" as never, client: evs as never })).toThrow(/provider/);
  });
});

describe("UCloudStack", () => {
  const clock = new ManualClock();
  let emu: Emulator<UCloudStackEmulatorClientConfig>;
  let sent: string[] = [];
  let snaps: SnapshotManager<"ucloudstack">;
  const spare = DEFAULT_UCLOUDSTACK_FIXTURE.disks!.find((d) => d.name === "spare-data")!;
  const data = DEFAULT_UCLOUDSTACK_FIXTURE.disks!.find((d) => d.name === "web-01-data")!.id!;
  beforeAll(async () => {
    emu = await startEmulator({ provider: "ucloudstack", timing: clock, onExchange: (x) => void sent.push(x.operationId ?? x.path) });
    snaps = createSnapshotManager({
      provider: "ucloudstack",
      client: createUCloudStackClient({ ...emu.clientConfig, retry: { maxAttempts: 1 } }),
    });
  });
  afterAll(() => emu.close());
  beforeEach(() => {
    emu.reset();
    sent = [];
  });

  it("create -> waitUntilReady -> get -> list (every page) -> delete -> waitUntilDeleted", async () => {
    const created = await snaps.create({ volumeId: spare.id!, name: "before-upgrade", description: "pre" });
    expect(created).toMatchObject({
      volumeId: spare.id,
      name: "before-upgrade",
      description: "pre",
      status: "creating",
      progress: undefined,
    });
    expectNormalised(created, "ucloudstack");
    const ready = await snaps.waitUntilReady(created.id, { maxWaitMs: 10 * MINUTE, ...onClock(clock) });
    expect(ready).toMatchObject({ status: "available", readyToUse: true, sizeGiB: spare.size });
    expect(ready.raw.SnapshotStatus).toBe("Normal");
    expect(await snaps.waitUntilCompleted(created.id, { maxWaitMs: MINUTE, ...onClock(clock) })).toMatchObject({ status: "available" });
    expectNormalised(await snaps.get(created.id), "ucloudstack");

    const unnamed = await snaps.create({ volumeId: data });
    expect(unnamed.name).toMatch(/^snapshot-\d{14}$/);
    const state = emu.state().snapshots;
    expect(state.length).toBeGreaterThanOrEqual(3);
    sent = [];
    const all = await collect(snaps.list({}, { provider: { Limit: 1 } }));
    expect(all.map((s) => s.id).sort()).toEqual(state.map((s) => s.id).sort());
    expect(sent.filter((op) => op === "DescribeSnapshot").length).toBeGreaterThanOrEqual(state.length);
    all.forEach((s) => void expectNormalised(s, "ucloudstack"));
    expect((await collect(snaps.list({ volumeId: spare.id! }))).map((s) => s.id)).toEqual([created.id]);

    await snaps.delete(created.id);
    await expect(snaps.waitUntilDeleted(created.id, { maxWaitMs: MINUTE, ...onClock(clock) })).resolves.toBeUndefined();
    const gone = await rejection(snaps.get(created.id));
    expect(isApiError(gone) && gone.category).toBe("not-found");
  });

  it("tags are refused (CreateSnapshot takes none), naming tags, nothing sent", async () => {
    const error = await rejection(snaps.create({ volumeId: spare.id!, tags: { env: "ci" } }));
    expect(error).toBeInstanceOf(InvalidParameterError);
    expect((error as InvalidParameterError).field).toBe("tags");
    expect(((await rejection(snaps.create({ volumeId: spare.id!, name: "x".repeat(31) }))) as InvalidParameterError).field).toBe("name");
    expect(sent).toEqual([]);
  });

  it("a snapshot that fails: WaitFailedError with the Failure record", async () => {
    emu.faults.failNext({ kind: "resource-error", operation: "CreateSnapshot" });
    const created = await snaps.create({ volumeId: spare.id!, name: "doomed" });
    const error = (await rejection(snaps.waitUntilReady(created.id, { maxWaitMs: 10 * MINUTE, ...onClock(clock) }))) as WaitFailedError;
    expect(error).toBeInstanceOf(WaitFailedError);
    const last = error.lastObserved as Snapshot<{ SnapshotStatus: string }>;
    expect(last).toMatchObject({ id: created.id, status: "failed" });
    expect(last.raw.SnapshotStatus).toBe("Failure");
  });
});
