/**
 * The generated method signatures, checked by the type checker (`npm test` runs tsc
 * over this file) and by expectTypeOf at run time.
 */
import { describe, expectTypeOf, it } from "vitest";
import { createEvsClient, type OperationParams, type OperationResult, type EvsOperations } from "../src/huawei/index.ts";
import type { operations as HuaweiEcsOperations } from "../generated/huawei/ecs.ts";

const evs = createEvsClient({
  endpoint: "https://evs.test",
  projectId: "0123456789abcdef0123456789abcdef",
  credentials: { token: "t-types-test" },
  fetch: async () => new Response(null, { status: 202 }),
});

describe("operation signatures come from the spec", () => {
  it("path, query and body fields are one flat object, minus project_id", () => {
    expectTypeOf<OperationParams<EvsOperations["CinderDeleteVolume"], "project_id">>().toEqualTypeOf<{
      volume_id: string;
      cascade?: boolean;
    }>();
    expectTypeOf(evs.cinderDeleteVolume).parameter(0).toHaveProperty("volume_id");
    // Compile-time only (never called): these must not type-check.
    const _compileOnly = () => {
      // @ts-expect-error: project_id comes from the client configuration
      void evs.cinderDeleteVolume({ volume_id: "v", project_id: "other" });
      // @ts-expect-error: the rollback body is required
      void evs.rollbackSnapshot({ snapshot_id: "s" });
    };
    expectTypeOf(_compileOnly).toBeFunction();
  });

  it("results are the success bodies; empty 202s are undefined", () => {
    expectTypeOf<OperationResult<EvsOperations["CinderDeleteVolume"]>>().toEqualTypeOf<undefined>();
    expectTypeOf(evs.cinderShowSnapshot).returns.resolves.toHaveProperty("snapshot");
    expectTypeOf(evs.rollbackSnapshot).returns.resolves.toEqualTypeOf<{ rollback: { volume_id: string } }>();
  });

  it("a request field with a default is optional (openapi-typescript's defaultNonNullable is off)", () => {
    type StopBody = OperationParams<HuaweiEcsOperations["BatchStopServers"], "project_id">["os-stop"];
    expectTypeOf<StopBody>().toEqualTypeOf<{ servers: { id: string }[]; type?: "SOFT" | "HARD" }>();
  });

  it("list operations without required parameters can be called with none", () => {
    expectTypeOf(evs.cinderListVolumesDetails).toBeCallableWith();
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

import type { ApiResult, DryRunPassed, EcsComponents, Page } from "../src/alibaba/index.ts";
import type { EvsComponents } from "../src/huawei/index.ts";
import type { UCloudStackComponents } from "../src/ucloudstack/index.ts";

describe("invoke, paginate and pages are typed like the by-name methods (issue 11 item 5)", () => {
  const ecs = createEcsClient({
    regionId: "cn-hangzhou",
    credentials: { accessKeyId: "a", accessKeySecret: "b" },
    fetch: async () => new Response("{}"),
  });
  const ucs = createUCloudStackClient({
    endpoint: "https://h/api",
    region: "cn",
    credentials: { publicKey: "p", privateKey: "k" },
    fetch: async () => new Response("{}"),
  });

  it("invoke returns ApiResult of what the method resolves to, and takes the method's parameters", () => {
    expectTypeOf(evs.invoke<"CinderShowVolume">).returns.resolves.toEqualTypeOf<
      ApiResult<OperationResult<EvsOperations["CinderShowVolume"]>>
    >();
    expectTypeOf(evs.invoke<"CinderShowVolume">).parameters.toEqualTypeOf<
      ["CinderShowVolume", ...Parameters<typeof evs.cinderShowVolume>]
    >();
    // UCloudStack: the RetCode 0 member; Alibaba: DryRunPassed where the action takes DryRun.
    expectTypeOf(ucs.invoke<"CreateSnapshot">)
      .returns.resolves.toHaveProperty("data")
      .toHaveProperty("RetCode")
      .toEqualTypeOf<0>();
    expectTypeOf(ecs.invoke<"ResetDisk">)
      .returns.resolves.toHaveProperty("data")
      .toEqualTypeOf<Awaited<ReturnType<typeof ecs.resetDisk>>>();
    expectTypeOf<DryRunPassed>().toExtend<Awaited<ReturnType<typeof ecs.invoke<"ResetDisk">>>["data"]>();
    const _compileOnly = () => {
      // @ts-expect-error: ShowVolume needs volume_id
      void evs.invoke("CinderShowVolume", {});
      // @ts-expect-error: project_id comes from the client configuration
      void evs.invoke("CinderShowVolume", { volume_id: "v", project_id: "other" });
      // @ts-expect-error: not an operation of this client
      void evs.invoke("DescribeDisks");
    };
    expectTypeOf(_compileOnly).toBeFunction();
  });

  it("paginate yields the item at the x-pagination items path (dot paths too)", () => {
    type Yielded<T> = T extends AsyncGenerator<infer Item> ? Item : never;
    expectTypeOf<Yielded<ReturnType<typeof evs.paginate<"CinderListSnapshotsDetails">>>>().toEqualTypeOf<
      EvsComponents["schemas"]["Snapshot"]
    >();
    expectTypeOf<Yielded<ReturnType<typeof ecs.paginate<"DescribeSnapshots">>>>().toEqualTypeOf<EcsComponents["schemas"]["Snapshot"]>();
    expectTypeOf<Yielded<ReturnType<typeof ucs.paginate<"DescribeSnapshot">>>>().toEqualTypeOf<
      UCloudStackComponents["schemas"]["SnapshotInfo"]
    >();
    const _compileOnly = () => {
      void ucs.paginate("DescribeSnapshot", { Limit: 2 }, { maxPages: 3, from: 40 });
      void evs.paginate("CinderListSnapshotsDetails");
      // @ts-expect-error: ShowVolume is not a list
      void evs.paginate("CinderShowVolume", { volume_id: "v" });
      // @ts-expect-error: Limit is a number
      void ucs.paginate("DescribeSnapshot", { Limit: "2" });
      // @ts-expect-error: maxPages is an option, not a parameter
      void ecs.paginate("DescribeDisks", { maxPages: 3 });
    };
    expectTypeOf(_compileOnly).toBeFunction();
  });

  it("pages yields pages of those items, with the success body", () => {
    type Yielded<T> = T extends AsyncGenerator<infer Item> ? Item : never;
    expectTypeOf<Yielded<ReturnType<typeof ucs.pages<"DescribeSnapshot">>>>().toEqualTypeOf<
      Page<UCloudStackComponents["schemas"]["SnapshotInfo"], Awaited<ReturnType<typeof ucs.describeSnapshot>>>
    >();
    expectTypeOf<Yielded<ReturnType<typeof ecs.pages<"DescribeDisks">>>["items"]>().toEqualTypeOf<EcsComponents["schemas"]["Disk"][]>();
    expectTypeOf<Yielded<ReturnType<typeof evs.pages<"CinderListVolumesDetails">>>["next"]>().toEqualTypeOf<string | number | undefined>();
  });
});
