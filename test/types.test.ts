/**
 * The generated method signatures, checked by the type checker (`npm test` runs tsc
 * over this file) and by expectTypeOf at run time.
 */
import { describe, expectTypeOf, it } from "vitest";
import { createEvsClient, type OperationParams, type OperationResult, type EvsOperations } from "../src/huawei/index.ts";

const evs = createEvsClient({
  endpoint: "https://evs.test",
  projectId: "p",
  credentials: { token: "t-types-test" },
  fetch: async () => new Response(null, { status: 202 }),
});

describe("operation signatures come from the spec", () => {
  it("path, query and body fields are one flat object, minus project_id", () => {
    expectTypeOf<OperationParams<EvsOperations["DeleteVolume"], "project_id">>().toEqualTypeOf<{ volume_id: string; cascade?: boolean }>();
    expectTypeOf(evs.deleteVolume).parameter(0).toHaveProperty("volume_id");
    // Compile-time only (never called): these must not type-check.
    const _compileOnly = () => {
      // @ts-expect-error: project_id comes from the client configuration
      void evs.deleteVolume({ volume_id: "v", project_id: "other" });
      // @ts-expect-error: the rollback body is required
      void evs.rollbackSnapshot({ snapshot_id: "s" });
    };
    expectTypeOf(_compileOnly).toBeFunction();
  });

  it("results are the success bodies; empty 202s are undefined", () => {
    expectTypeOf<OperationResult<EvsOperations["DeleteVolume"]>>().toEqualTypeOf<undefined>();
    expectTypeOf(evs.showSnapshot).returns.resolves.toHaveProperty("snapshot");
    expectTypeOf(evs.rollbackSnapshot).returns.resolves.toEqualTypeOf<{ rollback: { volume_id: string } }>();
  });

  it("list operations without required parameters can be called with none", () => {
    expectTypeOf(evs.listVolumesDetails).toBeCallableWith();
    expectTypeOf(evs.cinderListAvailabilityZones).toBeCallableWith(undefined, { timeoutMs: 5_000 });
  });
});

import { createEcsClient, isDryRunPassed } from "../src/alibaba/index.ts";

describe("Alibaba signatures", () => {
  const ecs = createEcsClient({
    regionId: "cn-hangzhou",
    credentials: { accessKeyId: "a", accessKeySecret: "b" },
    fetch: async () => new Response("{}"),
  });
  it("RegionId is optional (the client fills it) but accepted", () => {
    expectTypeOf(ecs.describeDisks).toBeCallableWith();
    expectTypeOf(ecs.describeDisks).toBeCallableWith({ RegionId: "cn-beijing" });
  });
  it("flat-indexed lists are arrays of objects", () => {
    expectTypeOf(ecs.resetDisks).parameter(0).toHaveProperty("Disk").toEqualTypeOf<{ DiskId: string; SnapshotId: string }[]>();
  });
  it("actions with DryRun may resolve to DryRunPassed; others may not", async () => {
    const check = async () => {
      const reset = await ecs.resetDisk({ DiskId: "d", SnapshotId: "s", DryRun: true });
      if (isDryRunPassed(reset)) expectTypeOf(reset.DryRunOperation).toEqualTypeOf<true>();
      else expectTypeOf(reset).toHaveProperty("RequestId");
      const deleted = await ecs.deleteSnapshot({ SnapshotId: "s" });
      expectTypeOf(deleted).not.toHaveProperty("DryRunOperation");
    };
    expectTypeOf(check).toBeFunction();
  });
});

import { createUCloudStackClient } from "../src/ucloudstack/index.ts";

describe("UCloudStack signatures", () => {
  const ucs = createUCloudStackClient({
    endpoint: "https://h/api",
    region: "cn",
    credentials: { publicKey: "p", privateKey: "k" },
    fetch: async () => new Response("{}"),
  });
  it("results are the RetCode 0 member of the 200 union (failures are thrown)", () => {
    expectTypeOf(ucs.createSnapshot).returns.resolves.toHaveProperty("SnapshotID").toEqualTypeOf<string>();
    expectTypeOf(ucs.createSnapshot).returns.resolves.toHaveProperty("RetCode").toEqualTypeOf<0>();
  });
  it("Region and Zone come from the client; arrays are arrays", () => {
    expectTypeOf(ucs.describeSnapshot).toBeCallableWith({ SnapshotIDs: ["a", "b"] });
    expectTypeOf(ucs.deleteSnapshot).toBeCallableWith({ SnapshotID: "s" });
  });
});
