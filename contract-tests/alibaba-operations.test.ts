/**
 * Every ECS action through the public client, in both signature versions, against
 * the Prism mock with the action router: the real wire form (`POST /?...`,
 * `Disk.N.*`, action in `x-acs-action` or `Action=`) is what Prism validates.
 * Happy paths with zero violations, every documented error status and code as a
 * typed error, the DryRun result, and a partly failed ResetDisks.
 */
import { describe, expect, inject, it } from "vitest";
import { ApiError, failedDiskResets, isDryRunPassed, type ApiResult, type CallOptions } from "../src/alibaba/index.ts";
import { DISK, REGION, credentials, ecsMockClient, validCalls } from "./alibaba-calls.ts";
import { sendAlibabaV3 } from "./signed-send.ts";
import { flatQuerySerializer } from "../src/core/operations/rpc.ts";
import { errorCatalogOf, loadSpecs, operationsOf } from "./spec-documents.ts";

const specs = await loadSpecs((api) => api === "alibaba-ecs");
const operations = operationsOf(specs);
/** The spec's error-code catalog: code -> category (every documented code but DryRunOperation, which is a result). */
const catalog = errorCatalogOf(specs["alibaba-ecs"]!);
type Invoker = { invoke(id: string, params: Record<string, unknown>, options?: CallOptions): Promise<ApiResult<unknown>> };

describe("every action has a contract test", () => {
  it("validCalls covers exactly the spec's actions", () => {
    expect(Object.keys(validCalls).sort()).toEqual(operations.map((o) => o.operationId).sort());
  });
});

for (const version of ["v3", "v1"] as const) {
  describe(`happy path on the wire (${version}), zero Prism violations`, () => {
    const mock = ecsMockClient(version);
    it.each(operations.map((o) => [o.operationId, o] as const))("%s", async (id, op) => {
      const result = await (mock.ecs as unknown as Invoker).invoke(id, validCalls[id]!);
      expect(mock.lastViolations()).toEqual([]);
      expect(result.status).toBe(200);
      expect(result.data).toEqual(Object.values<any>(op.operation.responses["200"].content["application/json"].examples)[0].value);
      const wire = mock.lastRequest()!;
      const url = new URL(wire.url);
      expect(wire.method).toBe("POST");
      expect(url.pathname).toBe("/");
      if (version === "v3") {
        expect(wire.headers.get("x-acs-action")).toBe(id);
        expect(wire.headers.get("authorization")).toMatch(/^ACS3-HMAC-SHA256 /);
      } else {
        expect(url.searchParams.get("Action")).toBe(id);
        expect(url.searchParams.get("Signature")).toBeTruthy();
      }
    });
  });
}

const errorCases = operations.flatMap((op) =>
  Object.entries<any>(op.operation.responses)
    .filter(([status]) => Number(status) >= 400)
    .flatMap(([status, response]) =>
      Object.entries<any>(response.content["application/json"].examples).map(([example, { value }]) => ({
        id: op.operationId,
        status: Number(status),
        example,
        value,
      })),
    ),
);

describe("documented errors become typed errors (V3)", () => {
  const mock = ecsMockClient("v3");
  it("covers every action", () => expect(new Set(errorCases.map((c) => c.id)).size).toBe(operations.length));
  it.each(errorCases.filter((c) => c.value.Code !== "DryRunOperation").map((c) => [`${c.id} ${c.status} ${c.example}`, c] as const))(
    "%s",
    async (_label, c) => {
      const error = await (mock.ecs as unknown as Invoker)
        .invoke(c.id, validCalls[c.id]!, { headers: { Prefer: `code=${c.status}, example=${c.example}` } })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect(error).toMatchObject({
        provider: "alibaba",
        operation: c.id,
        status: c.status,
        code: c.value.Code,
        requestId: c.value.RequestId,
      });
      expect((error as ApiError).message).toContain(c.value.Message);
      const category = catalog.get(c.value.Code);
      expect(category, `${c.value.Code} is in the spec's error-code catalog`).toBeDefined();
      expect(error).toMatchObject({ category });
      // The class for each category is createApiError's (test/error-categories.test.ts); the category is the spec's.
      expect(error).toBeInstanceOf(ApiError);
      expect(mock.lastViolations()).toEqual([]);
    },
  );

  it("the catalog classifies the codes users act on", () => {
    expect(catalog.get("IncorrectDiskStatus")).toBe("invalid-state");
    expect(catalog.get("InvalidDiskId.NotFound")).toBe("not-found");
    expect(catalog.get("Throttling.User")).toBe("throttled");
    expect(catalog.get("SignatureDoesNotMatch")).toBe("authentication");
    expect(catalog.get("InvalidAccountStatus.NotEnoughBalance")).toBe("permission");
    expect(catalog.get("InternalError")).toBe("server");
  });
});

describe("DryRun", () => {
  const dryRunCases = errorCases.filter((c) => c.value.Code === "DryRunOperation");
  it("every action with DryRun documents the DryRunOperation answer", () => {
    const withDryRun = operations
      .filter((o) => (o.operation.parameters ?? []).some((p: any) => p.name === "DryRun"))
      .map((o) => o.operationId);
    expect(dryRunCases.map((c) => c.id).sort()).toEqual(withDryRun.sort());
  });
  it.each(dryRunCases.map((c) => [c.id, c] as const))("%s: a passed dry run is a result, not an error", async (_id, c) => {
    const mock = ecsMockClient("v3");
    const result = await (mock.ecs as unknown as Invoker).invoke(
      c.id,
      { ...validCalls[c.id]!, DryRun: true },
      { headers: { Prefer: `code=${c.status}, example=${c.example}` } },
    );
    expect(isDryRunPassed(result.data)).toBe(true);
    expect(result.data).toMatchObject({ DryRunOperation: true, RequestId: c.value.RequestId });
    expect(new URL(mock.lastRequest()!.url).searchParams.get("DryRun")).toBe("true");
  });
});

describe("ResetDisks partial failure inside a 200", () => {
  it("exposes each disk's outcome and names the failed ones", async () => {
    const mock = ecsMockClient("v1");
    const result = await mock.ecs.resetDisks(validCalls.ResetDisks as never, { headers: { Prefer: "example=partialFailure" } });
    expect(isDryRunPassed(result)).toBe(false);
    const failed = failedDiskResets(result as never);
    expect(failed.length).toBeGreaterThan(0);
    for (const disk of failed) {
      expect(disk.ok).toBe(false);
      expect(disk.errorCode).toBeTruthy();
      expect(disk.errorMessage).toBeTruthy();
    }
    expect(mock.lastViolations()).toEqual([]);
  });
});

describe("the mock validates the flat-indexed wire form", () => {
  // By name, the client refuses these before sending (param checks); signed and sent as written,
  // in the same flat-indexed form, the mock's own validation is what is tested.
  const resetDisksAsWritten = (mock: ReturnType<typeof ecsMockClient>, Disk: unknown[]) =>
    sendAlibabaV3(
      mock.send,
      inject("mocks")["alibaba-ecs"]!,
      "ResetDisks",
      flatQuerySerializer({ Disk: 1 })({ RegionId: REGION, Disk }),
      credentials,
    );
  it("a Disk entry without its DiskId is rejected with a violation naming it", async () => {
    const mock = ecsMockClient("v3");
    await expect(mock.ecs.resetDisks({ Disk: [{ SnapshotId: "s-1" } as never] })).rejects.toMatchObject({
      name: "InvalidParameterError",
      field: "Disk[0].DiskId",
    });
    expect(mock.lastRequest()).toBeUndefined();
    const response = await resetDisksAsWritten(mock, [{ SnapshotId: "s-1" }]);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(mock.lastViolations())).toContain("DiskId");
    expect(new URL(mock.lastRequest()!.url).searchParams.get("Disk.1.SnapshotId")).toBe("s-1");
  });
  it("more than ten disks are rejected", async () => {
    const mock = ecsMockClient("v3");
    const disks = Array.from({ length: 11 }, (_, i) => ({ DiskId: `${DISK}${i}`, SnapshotId: `s-${i}` }));
    await expect(mock.ecs.resetDisks({ Disk: disks })).rejects.toMatchObject({ name: "InvalidParameterError", field: "Disk" });
    const response = await resetDisksAsWritten(mock, disks);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(mock.lastViolations())).toMatch(/Disk/);
  });
});

describe("value limits, enums and ID patterns of the issue-12 actions (ERRATA 101, 120)", () => {
  // Each row: a valid call with one value out of what the reference documents. The client
  // refuses it by name before sending; signed and sent as written, the mock refuses it too.
  const cases: [id: string, change: Record<string, unknown>, field: string][] = [
    ["StopInstance", { StoppedMode: "Hibernate" }, "StoppedMode"],
    ["StartInstance", { InstanceId: "instance-1" }, "InstanceId"],
    ["DetachDisk", { DiskId: "disk-1" }, "DiskId"],
    ["ResizeDisk", { NewSize: 0 }, "NewSize"],
    ["ResizeDisk", { Type: "hot" }, "Type"],
    ["CreateDisk", { Size: 65537 }, "Size"],
    ["CreateDisk", { PerformanceLevel: "PL4" }, "PerformanceLevel"],
    ["ModifyDiskAttribute", { Description: "http://example.com" }, "Description"],
    ["ModifySnapshotAttribute", { SnapshotName: "auto-nightly" }, "SnapshotName"],
    ["CopySnapshot", { RetentionDays: 0 }, "RetentionDays"],
    ["DescribeInstanceStatus", { PageSize: 51 }, "PageSize"],
    ["DescribeSnapshotGroups", { Status: ["done"] }, "Status[0]"],
    ["ModifySnapshotGroup", { Name: "x" }, "Name"],
    ["CreateAutoSnapshotPolicy", { retentionDays: 0 }, "retentionDays"],
    ["CreateAutoSnapshotPolicy", { timePoints: '["24"]' }, "timePoints"],
    ["CreateAutoSnapshotPolicy", { repeatWeekdays: "1,4" }, "repeatWeekdays"],
    ["ApplyAutoSnapshotPolicy", { autoSnapshotPolicyId: "policy-1" }, "autoSnapshotPolicyId"],
    ["TagResources", { ResourceId: Array.from({ length: 51 }, (_, i) => `s-${i}`) }, "ResourceId"],
    ["UntagResources", { TagKey: Array.from({ length: 21 }, (_, i) => `k${i}`) }, "TagKey"],
  ];
  it.each(cases)("%s %j is refused by the client and by the mock", async (id, change, field) => {
    const mock = ecsMockClient("v3");
    const params = { ...validCalls[id]!, ...change };
    await expect((mock.ecs as unknown as Invoker).invoke(id, params)).rejects.toMatchObject({ name: "InvalidParameterError", field });
    expect(mock.lastRequest()).toBeUndefined();
    const flat = Object.fromEntries(
      Object.keys(params)
        .filter((key) => Array.isArray(params[key]))
        .map((key) => [key, 1 as const]),
    );
    const region = id.endsWith("AutoSnapshotPolicy") ? "regionId" : "RegionId";
    const response = await sendAlibabaV3(
      mock.send,
      inject("mocks")["alibaba-ecs"]!,
      id,
      flatQuerySerializer(flat)({ [region]: REGION, ...params }),
      credentials,
    );
    expect(response.status).toBeGreaterThanOrEqual(400);
    // Prism names query parameters in lower case.
    expect(JSON.stringify(mock.lastViolations()).toLowerCase()).toContain(field.replace(/\[0\]$/, "").toLowerCase());
  });
});
