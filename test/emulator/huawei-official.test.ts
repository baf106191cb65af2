/**
 * python-cinderclient (Debian python3-cinderclient, the OpenStack Block Storage client) against
 * the Huawei emulator's Cinder-compatible paths: create a volume, wait until available, snapshot
 * it, list snapshots, extend, delete the snapshot, delete the volume. After each step the
 * emulator's state and our own EVS client (native paths, the same token) must agree with what
 * cinderclient saw. cinderclient sends `null` for every optional it was not given and
 * `cascade=True` (Python's boolean) on delete; every answer is validated against the spec.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { createInterface, type Interface } from "node:readline";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_PROJECT_ID } from "../../src/emulator/huawei/model.ts";
import { type Emulator, type EmulatorExchange, ManualClock, startEmulator } from "../../src/emulator/index.ts";
import { type ApiError, createEvsClient, NotFoundError } from "../../src/huawei/index.ts";
import { specConformance } from "./conformance.ts";

/** Debian's python3, where python3-cinderclient installs (a python3 earlier on PATH may not see it). */
const PYTHON = process.env.CINDERCLIENT_PYTHON ?? "/usr/bin/python3";
/** cinderclient's noauth plugin sends `X-Auth-Token: <user_id>:<project_id>`; the emulator accepts exactly that token. */
const TOKEN = `cinderclient:${DEFAULT_PROJECT_ID}`;

const conformance = await specConformance(["huawei-evs", "huawei-ecs"]);
const clock = new ManualClock();
const seen: EmulatorExchange[] = [];
let emu: Emulator;
let evs: ReturnType<typeof createEvsClient>;
let python: ChildProcessWithoutNullStreams;
let lines: AsyncIterator<string>;
let reader: Interface;
let stderr = "";

interface StepAnswer {
  ok: boolean;
  result?: any;
  status?: number;
  error?: string;
}

/** One cinderclient step; the answer line it prints. */
async function step(name: string, args: Record<string, unknown> = {}): Promise<StepAnswer> {
  python.stdin.write(`${JSON.stringify({ step: name, ...args })}\n`);
  const next = await lines.next();
  if (next.done) throw new Error(`the cinderclient driver ended: ${stderr}`);
  return JSON.parse(next.value) as StepAnswer;
}

async function ok(name: string, args: Record<string, unknown> = {}) {
  const answer = await step(name, args);
  expect(answer.error, name).toBeUndefined();
  expect(answer.ok).toBe(true);
  return answer.result;
}

const errorOf = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (error: unknown) => error as ApiError,
  );

beforeAll(async () => {
  emu = await startEmulator({
    provider: "huawei",
    timing: clock,
    credentials: { token: TOKEN },
    onExchange(exchange) {
      seen.push(exchange);
      conformance.onExchange(exchange);
    },
  });
  evs = createEvsClient({ ...emu.clientConfig, retry: { maxAttempts: 1 } });
  python = spawn(PYTHON, [resolve(import.meta.dirname, "huawei-cinderclient.py"), `${emu.url}/v2`, "cinderclient", DEFAULT_PROJECT_ID]);
  python.stderr.on("data", (chunk) => {
    stderr += String(chunk);
  });
  reader = createInterface({ input: python.stdout });
  lines = reader[Symbol.asyncIterator]();
});
afterAll(async () => {
  python?.stdin.end();
  reader?.close();
  python?.kill();
  await emu?.close();
  conformance.expectNoViolations(15);
});

describe("python-cinderclient: create -> wait -> snapshot -> list -> extend -> delete, same state as ours", () => {
  let volumeId: string;
  let snapshotId: string;

  it("its token is what the emulator was started with (and another one is refused)", async () => {
    expect(emu.clientConfig.credentials).toEqual({ token: TOKEN });
    const other = createEvsClient({ ...emu.clientConfig, credentials: { token: "someone-else" }, retry: { maxAttempts: 1 } });
    expect((await errorOf(other.listVolumes({}))).status).toBe(401);
  });

  it("creates a volume (null optionals accepted); creating, then available once its time has passed", async () => {
    const created = await ok("create_volume", { size: 10, name: "made-by-cinderclient", zone: "cn-north-4a" });
    expect(created).toMatchObject({ status: "creating", size: 10, name: "made-by-cinderclient" });
    volumeId = created.id;
    expect(emu.state().volumes.find((v) => v.id === volumeId)).toMatchObject({ status: "creating", size: 10 });
    expect((await evs.showVolume({ volume_id: volumeId })).volume.status).toBe("creating");
    clock.advance(60_000);
    expect(await ok("wait_volume", { id: volumeId, status: "available" })).toMatchObject({ status: "available", size: 10 });
    expect(emu.state().volumes.find((v) => v.id === volumeId)).toMatchObject({ status: "available" });
    expect((await evs.showVolume({ volume_id: volumeId })).volume).toMatchObject({ status: "available", size: 10 });
  });

  it("snapshots it (force: false on the wire); usable once available", async () => {
    const created = await ok("create_snapshot", { volume_id: volumeId, name: "cinder-snap" });
    expect(created).toMatchObject({ status: "creating", volume_id: volumeId, size: 10 });
    snapshotId = created.id;
    expect(emu.state().snapshots.find((s) => s.id === snapshotId)).toMatchObject({ status: "creating", usable: false });
    clock.advance(60_000);
    expect(await ok("wait_snapshot", { id: snapshotId, status: "available" })).toMatchObject({ status: "available" });
    expect(emu.state().snapshots.find((s) => s.id === snapshotId)).toMatchObject({ status: "available", usable: true, progress: 100 });
    expect((await evs.showSnapshot({ snapshot_id: snapshotId })).snapshot.status).toBe("available");
  });

  it("lists the volume's snapshots: the one it made, as our client lists them", async () => {
    const listed = (await ok("list_snapshots", { volume_id: volumeId })) as Array<{ id: string }>;
    expect(listed.map((s) => s.id)).toEqual([snapshotId]);
    const ours = await evs.listSnapshots({ volume_id: volumeId });
    expect(ours.snapshots.map((s) => s.id)).toEqual([snapshotId]);
    expect(
      emu
        .state()
        .snapshots.filter((s) => s.volumeId === volumeId)
        .map((s) => s.id),
    ).toEqual([snapshotId]);
  });

  it("extends the volume to 20 GiB: extending, then available at the new size", async () => {
    expect(await ok("extend_volume", { id: volumeId, size: 20 })).toBeNull();
    expect(emu.state().volumes.find((v) => v.id === volumeId)).toMatchObject({ status: "extending" });
    expect((await evs.showVolume({ volume_id: volumeId })).volume.status).toBe("extending");
    clock.advance(60_000);
    expect(await ok("wait_volume", { id: volumeId, status: "available" })).toMatchObject({ size: 20 });
    expect(emu.state().volumes.find((v) => v.id === volumeId)).toMatchObject({ status: "available", size: 20 });
    expect((await evs.showVolume({ volume_id: volumeId })).volume.size).toBe(20);
  });

  it("deletes the snapshot: deleting, then gone for both clients", async () => {
    expect(await ok("delete_snapshot", { id: snapshotId })).toBeNull();
    expect(emu.state().snapshots.find((s) => s.id === snapshotId)).toMatchObject({ status: "deleting", usable: false });
    clock.advance(60_000);
    expect(emu.state().snapshots.find((s) => s.id === snapshotId)).toBeUndefined();
    expect(await errorOf(evs.showSnapshot({ snapshot_id: snapshotId }))).toBeInstanceOf(NotFoundError);
    expect(await ok("list_snapshots", { volume_id: volumeId })).toEqual([]);
  });

  it("deletes the volume with cascade=True: deleting, then 404 for both clients", async () => {
    expect(await ok("delete_volume", { id: volumeId })).toBeNull();
    expect(emu.state().volumes.find((v) => v.id === volumeId)).toMatchObject({ status: "deleting" });
    clock.advance(60_000);
    expect(emu.state().volumes.find((v) => v.id === volumeId)).toBeUndefined();
    expect(await errorOf(evs.showVolume({ volume_id: volumeId }))).toBeInstanceOf(NotFoundError);
    const gone = await step("get_volume", { id: volumeId });
    expect(gone).toMatchObject({ ok: false, status: 404 });
  });

  it("cinderclient's calls were routed to the Cinder-compatible operations", () => {
    const cinderOperations = new Set(seen.filter((e) => e.path.startsWith("/v2/") && !e.path.includes("/cloud")).map((e) => e.operationId));
    expect([...cinderOperations].sort()).toEqual(
      [
        "CinderCreateSnapshot",
        "CinderCreateVolume",
        "CinderDeleteSnapshot",
        "CinderDeleteVolume",
        "CinderListSnapshotsDetails",
        "CinderResizeVolume",
        "CinderShowSnapshot",
        "CinderShowVolume",
      ].sort(),
    );
  });
});
