/**
 * Every UCloudStack action through the public client against the Prism mock with
 * the action router: the real wire form (`POST <endpoint>` with one flat JSON body,
 * `SnapshotIDs.0`, `Action`, `PublicKey`, `Signature`) is what Prism validates.
 * Happy paths with zero violations; every documented RetCode failure inside an
 * HTTP 200 becomes a typed error.
 */
import { describe, expect, inject, it } from "vitest";
import {
  ApiError,
  createUCloudStackClient,
  diskStatus,
  snapshotStatus,
  vmState,
  type ApiResult,
  type CallOptions,
} from "../src/ucloudstack/index.ts";
import { errorCatalogOf, loadSpecs, operationsOf } from "./spec-documents.ts";
import { parseViolations, type Violation } from "./violations.ts";
import { sendUCloudStack } from "./signed-send.ts";

const specs = await loadSpecs((api) => api === "ucloudstack");
const operations = operationsOf(specs);
/** The spec's RetCode catalog: RetCode -> category. */
const catalog = errorCatalogOf(specs.ucloudstack!);
type Invoker = { invoke(id: string, params: Record<string, unknown>, options?: CallOptions): Promise<ApiResult<unknown>> };

const DISK = "disk-Rb0VRx5yPlUZ";
const SNAPSHOT = "snapshot-Xc3yK9PQ2w";
const VM = "vm-8fz3k1qp";

/** A valid call of every action, as a user writes it (Region and Zone come from the client). */
const validCalls: Record<string, Record<string, unknown>> = {
  CreateSnapshot: { DiskID: DISK, Name: "before-upgrade", Remark: "nightly" },
  DescribeSnapshot: { SnapshotIDs: [SNAPSHOT, "snapshot-Ab1cD2eF3g"], DiskID: DISK, Offset: 0, Limit: 20 },
  RollbackSnapshot: { DiskID: DISK, SnapshotID: SNAPSHOT },
  DeleteSnapshot: { SnapshotID: SNAPSHOT },
  DescribeDisk: { Offset: 0, Limit: 50 },
  CreateDisk: { Name: "db-02-data", SetType: "SSD", DiskSpace: 200, ChargeType: "Dynamic" },
  DeleteDisk: { DiskID: DISK },
  AttachDisk: { DiskID: DISK, ResourceID: VM, ResourceType: "VM" },
  DetachDisk: { DiskID: DISK, ResourceID: VM },
  UpgradeDisk: { DiskID: DISK, DiskSpace: 300 },
  DescribeVMInstance: { VMIDs: [VM, "vm-2mx7c0kd"], Offset: 0, Limit: 20 },
  StopVMInstance: { VMID: VM },
  StartVMInstance: { VMID: VM },
};

const UCS_CREDENTIALS = { publicKey: "ucloudstack-contract-public-key", privateKey: "ucloudstack-contract-private-key" };

function mockClient(zone?: string) {
  const seen: Violation[][] = [];
  const sent: Request[] = [];
  const send = async (request: Request) => {
    sent.push(request.clone());
    const response = await fetch(request);
    seen.push(parseViolations(response.headers.get("sl-violations")));
    return response;
  };
  const ucs = createUCloudStackClient({
    endpoint: inject("mocks").ucloudstack!,
    region: "cn",
    ...(zone ? { zone } : {}),
    credentials: UCS_CREDENTIALS,
    retry: false,
    fetch: send,
  });
  return {
    ucs,
    send: (body: Record<string, unknown>) => sendUCloudStack(send, inject("mocks").ucloudstack!, body, UCS_CREDENTIALS),
    lastViolations: () => seen.at(-1) ?? [],
    lastBody: async () => JSON.parse(await sent.at(-1)!.clone().text()) as Record<string, unknown>,
    lastRequest: () => sent.at(-1)!,
  };
}

describe("every action has a contract test", () => {
  it("validCalls covers exactly the spec's actions", () => {
    expect(Object.keys(validCalls).sort()).toEqual(operations.map((o) => o.operationId).sort());
  });
});

for (const zone of ["zone-01", undefined]) {
  describe(`happy path on the wire (${zone ? "1.x, with Zone" : "2.x, no Zone"}), zero Prism violations`, () => {
    const mock = mockClient(zone);
    it.each(operations.map((o) => [o.operationId, o] as const))("%s", async (id, op) => {
      const result = await (mock.ucs as unknown as Invoker).invoke(id, validCalls[id]!);
      expect(mock.lastViolations()).toEqual([]);
      expect(result.data).toEqual(Object.values<any>(op.operation.responses["200"].content["application/json"].examples)[0].value);
      const body = await mock.lastBody();
      expect(body).toMatchObject({ Action: id, Region: "cn", PublicKey: "ucloudstack-contract-public-key" });
      expect(body.Signature).toMatch(/^[0-9a-f]{40}$/);
      expect("Zone" in body).toBe(zone !== undefined);
      if (id === "DescribeSnapshot") expect(body).toMatchObject({ "SnapshotIDs.0": SNAPSHOT, "SnapshotIDs.1": "snapshot-Ab1cD2eF3g" });
      if (id === "DescribeVMInstance") expect(body).toMatchObject({ "VMIDs.0": VM, "VMIDs.1": "vm-2mx7c0kd" });
    });
  });
}

const failures = operations.flatMap((op) =>
  Object.entries<any>(op.operation.responses["200"].content["application/json"].examples)
    .filter(([, example]) => example.value.RetCode !== 0)
    .map(([name, example]) => ({ id: op.operationId, name, value: example.value })),
);

describe("RetCode != 0 inside HTTP 200 becomes a typed error", () => {
  const mock = mockClient("zone-01");
  it("every action documents failures", () => expect(new Set(failures.map((f) => f.id)).size).toBe(operations.length));
  it.each(failures.map((f) => [`${f.id} ${f.name} (RetCode ${f.value.RetCode})`, f] as const))("%s", async (_label, f) => {
    const error = await (mock.ucs as unknown as Invoker)
      .invoke(f.id, validCalls[f.id]!, { headers: { Prefer: `example=${f.name}` } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      provider: "ucloudstack",
      operation: f.id,
      status: 200,
      code: String(f.value.RetCode),
      category: catalog.get(String(f.value.RetCode)),
    });
    expect((error as ApiError).message).toContain(f.value.Message);
    expect(mock.lastViolations()).toEqual([]);
  });
});

describe("the spec's catalog maps the RetCodes users act on to the shared categories", () => {
  it.each([
    [2501, "invalid-state"],
    [2502, "invalid-state"],
    [7001, "invalid-state"],
    [2205, "not-found"],
    [200, "not-found"],
    [2500, "quota"],
    [171, "authentication"],
    [109, "authentication"],
    [165, "throttled"],
    [1014, "invalid-state"],
    [2202, "invalid-state"],
    [5000, "invalid-state"],
    [1004, "not-found"],
    [2209, "quota"],
    [2204, "quota"],
    [5001, "bad-request"],
  ])("RetCode %i -> %s", (code, category) => expect(catalog.get(String(code))).toBe(category));
});

describe("the mock validates the wire form", () => {
  // UCloudStack documents no 4xx, so Prism answers an invalid request with its own 422 problem, listing the violations.
  // By name, the client refuses these before sending (param checks); signed and sent as written, the mock judges them.
  it("a name over 30 characters is refused", async () => {
    const { ucs, send } = mockClient();
    await expect(ucs.createSnapshot({ DiskID: DISK, Name: "x".repeat(31) })).rejects.toMatchObject({
      name: "InvalidParameterError",
      field: "Name",
    });
    const response = await send({ Action: "CreateSnapshot", Region: "cn", DiskID: DISK, Name: "x".repeat(31) });
    expect(response.status).toBe(422);
    expect(await response.text()).toContain('"location":["body","Name"]');
  });
  it("Limit over 100 is refused", async () => {
    const { ucs, send } = mockClient();
    await expect(ucs.describeSnapshot({ Limit: 101 })).rejects.toMatchObject({ name: "InvalidParameterError", field: "Limit" });
    const response = await send({ Action: "DescribeSnapshot", Region: "cn", Limit: 101 });
    expect(await response.text()).toContain('"location":["body","Limit"]');
  });
  it("a request without its signature is refused", async () => {
    const error = await fetch(inject("mocks").ucloudstack!, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ Action: "DescribeDisk", Region: "cn" }),
    });
    expect(error.status).toBe(422);
    expect(await error.text()).toContain("Signature");
  });
  it("a gap in SnapshotIDs.N is refused", async () => {
    const response = await fetch(inject("mocks").ucloudstack!, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ Action: "DescribeSnapshot", Region: "cn", "SnapshotIDs.1": "s", PublicKey: "p", Signature: "0".repeat(40) }),
    });
    expect(response.status).toBe(422);
    expect(await response.text()).toContain("SnapshotIDs");
  });
});

describe("snapshot, disk and VM status: raw and normalised", () => {
  it("every snapshot status in the mock's answer normalises to a known state", async () => {
    const mock = mockClient();
    const result = await mock.ucs.describeSnapshot();
    for (const info of result.Infos) expect(snapshotStatus(info).normalized).not.toBe("unknown");
  });
  it("every disk status in the mock's answer normalises to a known state", async () => {
    const result = await mockClient().ucs.describeDisk();
    expect(result.Infos.map((d) => diskStatus(d).normalized)).toEqual(["available", "attached"]);
  });
  it("a rollback can wait for the VM: the mock's VM reads stopped", async () => {
    const result = await mockClient().ucs.describeVMInstance({ VMIDs: [VM] });
    expect(result.Infos.map((vm) => vmState(vm))).toEqual([{ raw: "Stopped", normalized: "stopped" }]);
    expect(result.Infos[0]!.DiskInfos!.map((d) => d.DiskID)).toContain("disk-l5c7ue0a");
  });
});

describe("the rollback around a VM, on the wire", () => {
  it("stop the VM, detach, roll back, attach, start: one signed JSON body each, zero violations", async () => {
    const mock = mockClient("zone-01");
    await mock.ucs.stopVMInstance({ VMID: VM });
    expect(await mock.lastBody()).toMatchObject({ Action: "StopVMInstance", VMID: VM, Zone: "zone-01" });
    await mock.ucs.detachDisk({ DiskID: DISK, ResourceID: VM });
    await mock.ucs.rollbackSnapshot({ DiskID: DISK, SnapshotID: SNAPSHOT });
    await mock.ucs.attachDisk({ DiskID: DISK, ResourceID: VM, ResourceType: "VM" });
    const started = await mock.ucs.startVMInstance({ VMID: VM });
    expect(started.RetCode).toBe(0);
    expect(await mock.lastBody()).toMatchObject({ Action: "StartVMInstance", VMID: VM });
    expect(mock.lastViolations()).toEqual([]);
  });
  it("UpgradeDisk refuses a size below 1 before sending, and the mock refuses it on the wire", async () => {
    const { ucs, send } = mockClient();
    await expect(ucs.upgradeDisk({ DiskID: DISK, DiskSpace: 0 })).rejects.toMatchObject({
      name: "InvalidParameterError",
      field: "DiskSpace",
    });
    const response = await send({ Action: "UpgradeDisk", Region: "cn", DiskID: DISK, DiskSpace: 0 });
    expect(response.status).toBe(422);
    expect(await response.text()).toContain('"location":["body","DiskSpace"]');
  });
  it("AttachDisk without ResourceID is refused by the mock", async () => {
    const response = await mockClient().send({ Action: "AttachDisk", Region: "cn", DiskID: DISK });
    expect(response.status).toBe(422);
    expect(await response.text()).toContain("ResourceID");
  });
});
