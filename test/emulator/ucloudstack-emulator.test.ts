/**
 * The UCloudStack emulator driven by our own client: the snapshot workflow on a manual clock
 * (create → wait → stop VM → roll back → start VM → delete), each rule's RetCode-in-200
 * refusal, Offset/Limit/TotalCount paging, faults, bad input, and a form-encoded request as
 * ucloud-sdk-python3 sends it. Every answer is validated against the spec.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_UCLOUDSTACK_FIXTURE } from "../../src/emulator/ucloudstack/model.ts";
import { type Emulator, ManualClock, startEmulator, type UCloudStackEmulatorClientConfig } from "../../src/emulator/index.ts";
import {
  type ApiError,
  AuthenticationError,
  BadRequestError,
  createUCloudStackClient,
  InvalidStateError,
  NotFoundError,
  QuotaExceededError,
  ServerError,
  signUCloudStack,
  snapshotStatus,
  ThrottledError,
} from "../../src/ucloudstack/index.ts";
import { specConformance } from "./conformance.ts";

const conformance = await specConformance(["ucloudstack"]);
const clock = new ManualClock();
let emu: Emulator<UCloudStackEmulatorClientConfig>;
let ucs: ReturnType<typeof createUCloudStackClient>;

const fixtureDisk = (name: string) => DEFAULT_UCLOUDSTACK_FIXTURE.disks!.find((disk) => disk.name === name)!.id!;
const webData = fixtureDisk("web-01-data");
const webSystem = fixtureDisk("web-01-system");
const spare = fixtureDisk("spare-data");
const web = DEFAULT_UCLOUDSTACK_FIXTURE.vms![0]!.id!;
const batch = DEFAULT_UCLOUDSTACK_FIXTURE.vms![1]!.id!;
const nightly = DEFAULT_UCLOUDSTACK_FIXTURE.snapshots![0]!.id!;

beforeAll(async () => {
  emu = await startEmulator({ provider: "ucloudstack", timing: clock, onExchange: conformance.onExchange });
  ucs = createUCloudStackClient({ ...emu.clientConfig, retry: { maxAttempts: 1 } });
});
afterAll(async () => {
  await emu.close();
  conformance.expectNoViolations(80);
});
beforeEach(() => emu.reset());

const errorOf = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (error: unknown) => error as ApiError,
  );
const diskOf = async (id: string) => (await ucs.describeDisk({ DiskIDs: [id] })).Infos[0];
const snapshotOf = async (id: string) => (await ucs.describeSnapshot({ SnapshotIDs: [id] })).Infos[0];
const vmOf = async (id: string) => (await ucs.describeVMInstance({ VMIDs: [id] })).Infos[0];

/** POSTs parameters signed with the emulator's key pair, as JSON or as a form (every value a string). */
async function post(params: Record<string, unknown>, form = false, sign = true) {
  const body: Record<string, unknown> = { ...params };
  if (sign) {
    body.PublicKey = emu.clientConfig.credentials.publicKey;
    body.Signature = await signUCloudStack(body, emu.clientConfig.credentials);
  }
  const response = await fetch(emu.url, {
    method: "POST",
    headers: { "content-type": form ? "application/x-www-form-urlencoded" : "application/json" },
    body: form ? new URLSearchParams(body as Record<string, string>).toString() : JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { Action: string; RetCode: number; Message: string } & Record<string, any>;
}

describe("the snapshot workflow: create, wait, stop the VM, roll back, start it, delete", () => {
  it("moves through the documented states on the clock", async () => {
    const { SnapshotID } = await ucs.createSnapshot({ DiskID: webData, Name: "before-upgrade" });
    expect(await snapshotOf(SnapshotID)).toMatchObject({ SnapshotStatus: "Createing", DiskID: webData, Name: "before-upgrade" });
    expect(snapshotStatus((await snapshotOf(SnapshotID))!).normalized).toBe("creating");
    expect((await diskOf(webData))?.DiskStatus).toBe("Snapshoting");
    expect(emu.state().snapshots.find((s) => s.id === SnapshotID)).toMatchObject({ status: "Createing", usable: false });
    clock.advance(10_000);
    expect((await snapshotOf(SnapshotID))?.SnapshotStatus).toBe("Normal");
    expect(emu.state().snapshots.find((s) => s.id === SnapshotID)).toMatchObject({ status: "Normal", usable: true });
    expect((await diskOf(webData))?.DiskStatus).toBe("Bound");

    const running = await errorOf(ucs.rollbackSnapshot({ DiskID: webData, SnapshotID }));
    expect(running).toBeInstanceOf(InvalidStateError);
    expect(running.code).toBe("2501");
    expect(running.body).toEqual({
      Action: "RollbackSnapshotResponse",
      RetCode: 2501,
      Message: `该磁盘绑定的虚拟机不是关机状态: ${web} is Running`,
    });

    expect((await ucs.stopVMInstance({ VMID: web })).VMID).toBe(web);
    expect((await vmOf(web))?.State).toBe("Stopping");
    expect((await errorOf(ucs.rollbackSnapshot({ DiskID: webData, SnapshotID }))).code).toBe("2501");
    clock.advance(8_000);
    expect((await vmOf(web))?.State).toBe("Stopped");

    await ucs.rollbackSnapshot({ DiskID: webData, SnapshotID });
    expect((await diskOf(webData))?.DiskStatus).toBe("Rollbacking");
    expect((await snapshotOf(SnapshotID))?.SnapshotStatus).toBe("RollBacking");
    expect((await errorOf(ucs.rollbackSnapshot({ DiskID: webData, SnapshotID }))).code).toBe("2502");
    clock.advance(15_000);
    expect((await diskOf(webData))?.DiskStatus).toBe("Bound");
    expect((await snapshotOf(SnapshotID))?.SnapshotStatus).toBe("Normal");

    await ucs.startVMInstance({ VMID: web });
    expect((await vmOf(web))?.State).toBe("Starting");
    clock.advance(10_000);
    expect((await vmOf(web))?.State).toBe("Running");

    await ucs.deleteSnapshot({ SnapshotID });
    expect((await snapshotOf(SnapshotID))?.SnapshotStatus).toBe("Deleting");
    clock.advance(3_000);
    expect((await ucs.describeSnapshot({ SnapshotIDs: [SnapshotID] })).TotalCount).toBe(0);
    const gone = await errorOf(ucs.deleteSnapshot({ SnapshotID }));
    expect(gone).toBeInstanceOf(NotFoundError);
    expect(gone.code).toBe("200");
    expect(emu.state().snapshots.map((snapshot) => snapshot.id)).toEqual([nightly]);
  });

  it("an unbound disk rolls back without any VM step", async () => {
    const { SnapshotID } = await ucs.createSnapshot({ DiskID: spare, Name: "s" });
    clock.advance(10_000);
    await ucs.rollbackSnapshot({ DiskID: spare, SnapshotID });
    expect(emu.state().volumes.find((volume) => volume.id === spare)?.status).toBe("Rollbacking");
    clock.advance(15_000);
    expect((await diskOf(spare))?.DiskStatus).toBe("Unbound");
  });

  it("a resource error ends the snapshot in Failure, which cannot be rolled back to (100)", async () => {
    emu.faults.failNext({ kind: "resource-error", operation: "CreateSnapshot" });
    const { SnapshotID } = await ucs.createSnapshot({ DiskID: spare, Name: "doomed" });
    clock.advance(10_000);
    expect((await snapshotOf(SnapshotID))?.SnapshotStatus).toBe("Failure");
    expect((await errorOf(ucs.rollbackSnapshot({ DiskID: spare, SnapshotID }))).code).toBe("100");
  });
});

describe("disks: create, attach, grow, detach, delete", () => {
  it("moves through the documented states", async () => {
    const { DiskID } = await ucs.createDisk({ Name: "scratch", SetType: "SSD", DiskSpace: 30, ChargeType: "Dynamic" });
    expect((await diskOf(DiskID))?.DiskStatus).toBe("Creating");
    clock.advance(5_000);
    expect(await diskOf(DiskID)).toMatchObject({ DiskStatus: "Unbound", Size: 30, SetType: "SSD", AttachResourceID: "" });

    await ucs.attachDisk({ DiskID, ResourceID: batch });
    expect(await diskOf(DiskID)).toMatchObject({ DiskStatus: "Bounding", AttachResourceID: batch });
    clock.advance(3_000);
    expect(await diskOf(DiskID)).toMatchObject({ DiskStatus: "Bound", Drive: "vdb" });
    expect((await vmOf(batch))?.DiskInfos?.map((disk) => disk.DiskID)).toContain(DiskID);

    const smaller = await errorOf(ucs.upgradeDisk({ DiskID, DiskSpace: 20 }));
    expect(smaller).toBeInstanceOf(BadRequestError);
    expect(smaller.code).toBe("2203");
    await ucs.upgradeDisk({ DiskID, DiskSpace: 60 });
    expect((await diskOf(DiskID))?.DiskStatus).toBe("Upgrading");
    clock.advance(8_000);
    expect(await diskOf(DiskID)).toMatchObject({ DiskStatus: "Bound", Size: 60 });

    expect((await errorOf(ucs.deleteDisk({ DiskID }))).code).toBe("2202");
    await ucs.detachDisk({ DiskID, ResourceID: batch });
    expect((await diskOf(DiskID))?.DiskStatus).toBe("Unbounding");
    clock.advance(3_000);
    expect(await diskOf(DiskID)).toMatchObject({ DiskStatus: "Unbound", AttachResourceID: "" });

    await ucs.deleteDisk({ DiskID });
    expect((await diskOf(DiskID))?.DiskStatus).toBe("Deleting");
    clock.advance(3_000);
    expect((await ucs.describeDisk({ DiskIDs: [DiskID] })).TotalCount).toBe(0);
    expect((await errorOf(ucs.deleteDisk({ DiskID }))).code).toBe("2205");
  });
});

describe("each rule's refusal, as a RetCode in a 200", () => {
  it("CreateSnapshot: unknown disk 2205, snapshot in progress 2502, disk busy 2206", async () => {
    const missing = await errorOf(ucs.createSnapshot({ DiskID: "disk-nothere", Name: "x" }));
    expect(missing).toBeInstanceOf(NotFoundError);
    expect(missing.code).toBe("2205");
    await ucs.createSnapshot({ DiskID: spare, Name: "first" });
    expect((await errorOf(ucs.createSnapshot({ DiskID: spare, Name: "second" }))).code).toBe("2502");
    await ucs.upgradeDisk({ DiskID: webData, DiskSpace: 200 });
    const upgrading = await errorOf(ucs.createSnapshot({ DiskID: webData, Name: "during-upgrade" }));
    expect(upgrading).toBeInstanceOf(InvalidStateError);
    expect(upgrading.code).toBe("2206");
  });

  it("CreateSnapshot: the per-disk limit is 2500", async () => {
    const small = await startEmulator({
      provider: "ucloudstack",
      timing: "instant",
      fixture: { ...DEFAULT_UCLOUDSTACK_FIXTURE, snapshotLimitPerDisk: 2 },
      onExchange: conformance.onExchange,
    });
    try {
      const client = createUCloudStackClient({ ...small.clientConfig, retry: { maxAttempts: 1 } });
      await client.createSnapshot({ DiskID: spare, Name: "a" });
      await client.createSnapshot({ DiskID: spare, Name: "b" });
      const full = await errorOf(client.createSnapshot({ DiskID: spare, Name: "c" }));
      expect(full).toBeInstanceOf(QuotaExceededError);
      expect(full.code).toBe("2500");
    } finally {
      await small.close();
    }
  });

  it("RollbackSnapshot: unknown snapshot 200, unknown disk 2205, another disk 140, snapshot not Normal 100", async () => {
    expect((await errorOf(ucs.rollbackSnapshot({ DiskID: spare, SnapshotID: "snapshot-nothere" }))).code).toBe("200");
    expect((await errorOf(ucs.rollbackSnapshot({ DiskID: "disk-nothere", SnapshotID: nightly }))).code).toBe("2205");
    const other = await errorOf(ucs.rollbackSnapshot({ DiskID: spare, SnapshotID: nightly }));
    expect(other).toBeInstanceOf(BadRequestError);
    expect(other.code).toBe("140");
    await ucs.stopVMInstance({ VMID: web });
    clock.advance(8_000);
    await ucs.deleteSnapshot({ SnapshotID: nightly });
    expect((await errorOf(ucs.rollbackSnapshot({ DiskID: webData, SnapshotID: nightly }))).code).toBe("100");
  });

  it("DeleteSnapshot: only a Normal snapshot (100)", async () => {
    const { SnapshotID } = await ucs.createSnapshot({ DiskID: spare, Name: "young" });
    const early = await errorOf(ucs.deleteSnapshot({ SnapshotID }));
    expect(early).toBeInstanceOf(InvalidStateError);
    expect(early.code).toBe("100");
  });

  it("DeleteDisk: bound 2202, with snapshots 2207", async () => {
    expect((await errorOf(ucs.deleteDisk({ DiskID: webData }))).code).toBe("2202");
    await ucs.createSnapshot({ DiskID: spare, Name: "keep" });
    clock.advance(10_000);
    expect((await errorOf(ucs.deleteDisk({ DiskID: spare }))).code).toBe("2207");
  });

  it("AttachDisk / DetachDisk: disk not Unbound 2206, unknown VM 2011, system disk 2206, not bound there 2206", async () => {
    expect((await errorOf(ucs.attachDisk({ DiskID: webData, ResourceID: batch }))).code).toBe("2206");
    expect((await errorOf(ucs.attachDisk({ DiskID: spare, ResourceID: "vm-nothere" }))).code).toBe("2011");
    expect((await errorOf(ucs.detachDisk({ DiskID: webSystem, ResourceID: web }))).code).toBe("2206");
    expect((await errorOf(ucs.detachDisk({ DiskID: webData, ResourceID: batch }))).code).toBe("2206");
  });

  it("StopVMInstance / StartVMInstance: only from Running / Stopped (2011)", async () => {
    expect((await errorOf(ucs.stopVMInstance({ VMID: batch }))).code).toBe("2011");
    expect((await errorOf(ucs.startVMInstance({ VMID: web }))).code).toBe("2011");
    expect((await errorOf(ucs.startVMInstance({ VMID: "vm-nothere" }))).code).toBe("2011");
  });

  it("a Region or Zone the deployment does not have is 162 / 163", async () => {
    const elsewhere = createUCloudStackClient({ ...emu.clientConfig, region: "us", retry: { maxAttempts: 1 } });
    const region = await errorOf(elsewhere.describeDisk({}));
    expect(region).toBeInstanceOf(NotFoundError);
    expect(region.code).toBe("162");
    const zone = createUCloudStackClient({ ...emu.clientConfig, zone: "zone-99", retry: { maxAttempts: 1 } });
    expect((await errorOf(zone.describeDisk({}))).code).toBe("163");
  });
});

describe("paging: Offset, Limit and TotalCount", () => {
  it("walks every snapshot of a disk in pages, with the total on each", async () => {
    for (let index = 0; index < 5; index++) {
      await ucs.createSnapshot({ DiskID: spare, Name: `p${index}` });
      clock.advance(10_000);
    }
    const names: string[] = [];
    let pages = 0;
    for await (const page of ucs.pages("DescribeSnapshot", { DiskID: spare, Limit: 2 })) {
      pages++;
      expect(page.total).toBe(5);
      names.push(...page.items.map((info) => info.Name ?? ""));
    }
    expect(pages).toBe(3);
    expect(names).toEqual(["p0", "p1", "p2", "p3", "p4"]);
  });

  it("defaults to Offset 0 and Limit 20; past the end is an empty page with the total", async () => {
    const all = await ucs.describeDisk({});
    expect(all.TotalCount).toBe(4);
    expect(all.Infos).toHaveLength(4);
    const past = await ucs.describeDisk({ Offset: 10, Limit: 5 });
    expect(past).toMatchObject({ TotalCount: 4, Infos: [] });
    const stopped = await ucs.describeVMInstance({ States: ["Stopped"] });
    expect(stopped.Infos.map((vm) => vm.VMID)).toEqual([batch]);
  });

  it("a Limit over 100 is a parameter error (140)", async () => {
    const answer = await post({ Action: "DescribeSnapshot", Region: "cn", Limit: 101 });
    expect(answer).toMatchObject({ Action: "DescribeSnapshotResponse", RetCode: 140 });
    expect(answer.Message).toMatch(/^参数异常: Limit must be at most 100$/);
  });
});

describe("faults", () => {
  it("throttling is RetCode 165 (a ThrottledError); a server error is 130", async () => {
    emu.faults.failNext({ kind: "throttled" });
    const throttled = await errorOf(ucs.describeDisk({}));
    expect(throttled).toBeInstanceOf(ThrottledError);
    expect(throttled.code).toBe("165");
    expect(throttled.body).toEqual({ Action: "DescribeDiskResponse", RetCode: 165, Message: "操作过于频繁请稍后再试" });
    emu.faults.failNext({ kind: "server-error", operation: "CreateSnapshot" });
    const failed = await errorOf(ucs.createSnapshot({ DiskID: spare, Name: "x" }));
    expect(failed).toBeInstanceOf(ServerError);
    expect(failed.code).toBe("130");
    expect(emu.state().snapshots).toHaveLength(1);
  });

  // The spec documents throttling as RetCode 165 inside a 200; the client retries it like a 429
  // where a retry is safe (main commit 23b9097: the transport asks the provider about 2xx answers).
  it("a throttled Describe (165 in a 200) is retried and succeeds; a throttled write is not retried", async () => {
    const patient = createUCloudStackClient({ ...emu.clientConfig, retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 } });
    emu.faults.failNext({ kind: "throttled", operation: "DescribeDisk", count: 2 });
    const disks = await patient.describeDisk({});
    expect(disks.TotalCount).toBe(emu.state().volumes.length);
    emu.faults.failNext({ kind: "throttled", operation: "CreateSnapshot" });
    const write = await errorOf(patient.createSnapshot({ DiskID: spare, Name: "not-twice" }));
    expect(write).toBeInstanceOf(ThrottledError);
    expect(write.code).toBe("165");
    expect(emu.state().snapshots.filter((s) => s.name === "not-twice")).toEqual([]);
  });

  it("a rate limit throttles the calls past it", async () => {
    emu.faults.configure({ ratePerSecond: 2 });
    const codes: string[] = [];
    for (let index = 0; index < 4; index++) {
      const result = await ucs.describeDisk({}).then(
        () => "0",
        (error: ApiError) => error.code ?? "",
      );
      codes.push(result);
    }
    expect(codes.slice(0, 2)).toEqual(["0", "0"]);
    expect(codes.slice(2)).toContain("165");
    emu.faults.configure({});
  });
});

describe("signatures and bad input: provider-shaped answers, and the emulator keeps serving", () => {
  it("no signature is 170, a wrong private key 171 (AuthenticationError)", async () => {
    expect(await post({ Action: "DescribeDisk", Region: "cn" }, false, false)).toMatchObject({
      Action: "DescribeDiskResponse",
      RetCode: 170,
      Message: "缺少签名认证参数: PublicKey and Signature are both required",
    });
    const wrong = createUCloudStackClient({
      ...emu.clientConfig,
      credentials: { publicKey: emu.clientConfig.credentials.publicKey, privateKey: "wrong" },
    });
    const refused = await errorOf(wrong.describeDisk({}));
    expect(refused).toBeInstanceOf(AuthenticationError);
    expect(refused.code).toBe("171");
    expect(JSON.stringify(refused.body)).not.toContain(emu.clientConfig.credentials.privateKey);
  });

  it("malformed JSON, no Action, an unknown action, a wrong type, a GET: 140 / 154 / 229, then a normal call", async () => {
    const malformed = await fetch(emu.url, { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" });
    expect(malformed.status).toBe(200);
    expect(await malformed.json()).toMatchObject({ Action: "Response", RetCode: 140 });
    expect(await post({ Region: "cn" })).toMatchObject({ RetCode: 154, Message: "未传 Action 参数" });
    expect(await post({ Action: "DescribeUHostInstance", Region: "cn" })).toMatchObject({
      Action: "DescribeUHostInstanceResponse",
      RetCode: 140,
    });
    expect(await post({ Action: "DescribeDisk", Region: "cn", Limit: "twenty" })).toMatchObject({ RetCode: 140 });
    expect(await post({ Action: "DescribeDisk", Region: "cn", Bogus: 1 })).toMatchObject({ RetCode: 140 });
    expect(await post({ Action: "DescribeDisk", Region: "cn", "DiskIDs.1": "disk-x" })).toMatchObject({ RetCode: 140 });
    expect(await post({ Action: "CreateSnapshot", Region: "cn", Name: "no-disk" })).toMatchObject({
      Action: "CreateSnapshotResponse",
      RetCode: 229,
      Message: "缺少参数: DiskID is required",
    });
    const get = await fetch(`${emu.url}/?Action=DescribeDisk&Region=cn`);
    expect(await get.json()).toMatchObject({ RetCode: 140 });
    expect((await ucs.describeDisk({})).TotalCount).toBe(4);
  });
});

describe("a form-encoded request, as ucloud-sdk-python3 sends it", () => {
  /**
   * ucloud-sdk-python3 @32d3c696: `encoder.encode` flattens lists to `Name.N` and writes every
   * value as a string; `Credential.verify_ac` (ucloud/core/auth/_cfg.py) signs `sorted(params)`
   * as `key + str(value)` with the private key appended, SHA-1 hex; `_client.py` POSTs the
   * fields form-encoded. Written out here with node:crypto (neither the client's signer nor the
   * emulator's verifier).
   */
  function pythonSdkBody(fields: Record<string, string>): string {
    const params = { ...fields, PublicKey: emu.clientConfig.credentials.publicKey };
    const payload = Object.keys(params)
      .sort()
      .map((key) => key + params[key as keyof typeof params])
      .join("");
    const Signature = createHash("sha1")
      .update(payload + emu.clientConfig.credentials.privateKey, "utf8")
      .digest("hex");
    return new URLSearchParams({ ...params, Signature }).toString();
  }

  it("creates a snapshot and lists it by flat-indexed ids, consistent with the JSON client", async () => {
    const send = async (fields: Record<string, string>) => {
      const response = await fetch(emu.url, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "user-agent": "Python/3.11 Python-SDK/0.11" },
        body: pythonSdkBody(fields),
      });
      expect(response.status).toBe(200);
      return (await response.json()) as Record<string, any>;
    };
    const created = await send({ Action: "CreateSnapshot", Region: "cn", Zone: "zone-01", DiskID: spare, Name: "from-python" });
    expect(created).toMatchObject({ Action: "CreateSnapshotResponse", RetCode: 0 });
    const listed = await send({
      Action: "DescribeSnapshot",
      Region: "cn",
      "SnapshotIDs.0": created.SnapshotID,
      "SnapshotIDs.1": nightly,
      Limit: "10",
      Offset: "0",
    });
    expect(listed).toMatchObject({ RetCode: 0, TotalCount: 2 });
    expect(listed.Infos.map((info: { SnapshotID: string }) => info.SnapshotID).sort()).toEqual([created.SnapshotID, nightly].sort());
    expect((await snapshotOf(created.SnapshotID))?.Name).toBe("from-python");
    const bad = await send({ Action: "DescribeSnapshot", Region: "cn", Limit: "many" });
    expect(bad).toMatchObject({ RetCode: 140 });
  });
});

describe("startEmulator options", () => {
  it("clientConfig is ready for createUCloudStackClient, and a bad key pair is a ConfigurationError naming credentials", async () => {
    expect(emu.clientConfig).toMatchObject({ endpoint: emu.url, region: "cn", zone: "zone-01" });
    await expect(startEmulator({ provider: "ucloudstack", credentials: { publicKey: "", privateKey: "x" } })).rejects.toMatchObject({
      name: "ConfigurationError",
      message: expect.stringMatching(/credentials/),
    });
    await expect(startEmulator({ provider: "ucloudstack", fixture: { disks: [{ size: 10, vmId: "vm-none" }] } })).rejects.toMatchObject({
      message: expect.stringMatching(/fixture\.disks\[0\]\.vmId/),
    });
  });

  it("state() shows disks as volumes with their VM, and reset() restores the fixture", async () => {
    await ucs.createDisk({ Name: "temp", SetType: "SSD", DiskSpace: 10, ChargeType: "Dynamic" });
    expect(emu.state().volumes).toHaveLength(5);
    emu.reset();
    const state = emu.state();
    expect(state.volumes).toHaveLength(4);
    expect(state.volumes.find((volume) => volume.id === webData)).toMatchObject({ instanceId: web, device: "vdb", status: "Bound" });
    expect(state.instances).toEqual([
      { id: web, name: "web-01", status: "Running" },
      { id: batch, name: "batch-01", status: "Stopped" },
    ]);
  });
});

describe("the RetCodes the emulator answers", () => {
  it("are all in the spec's catalog (each rule's code is documented)", async () => {
    const { readFileSync, readdirSync } = await import("node:fs");
    const { errorSummaries } = await import("../../generated/ucloudstack/ucloudstack.answers.ts");
    const folder = new URL("../../src/emulator/ucloudstack/", import.meta.url);
    const codes = new Set<string>();
    for (const file of readdirSync(folder))
      for (const [, code] of readFileSync(new URL(file, folder), "utf8").matchAll(/(?:refuse|failure)\([^()"]*"(\d+)"/g)) codes.add(code!);
    expect(codes.size).toBeGreaterThanOrEqual(15);
    expect([...codes].filter((code) => errorSummaries[code] === undefined)).toEqual([]);
  });
});
