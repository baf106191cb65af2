/**
 * Cross-check: the compiled descriptors plus src/core/operations/param-check.ts must agree with
 * ajv (JSON Schema 2020-12, formats as annotations) on the spec's own schemas, for
 * every operation of every spec, over valid calls and many one-field mutations of them.
 * ajv is a devDependency only; the published client never loads it.
 */
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { loadSpecs } from "../contract-tests/spec-documents.ts";
import { findFailure, rulesOf } from "../src/core/operations/param-check.ts";
import type { OperationTable } from "../src/core/operations/operation-table.ts";
import { operationTable as evs } from "../generated/huawei/evs.operations.ts";
import { operationTable as ims } from "../generated/huawei/ims.operations.ts";
import { operationTable as vbs } from "../generated/huawei/vbs.operations.ts";
import { operationTable as hwEcs } from "../generated/huawei/ecs.operations.ts";
import { moreValidCalls } from "../contract-tests/huawei-calls-more.ts";
import { operationTable as ecs } from "../generated/alibaba/ecs.operations.ts";
import { operationTable as ucloudstack } from "../generated/ucloudstack/ucloudstack.operations.ts";
import { validCalls as alibabaCalls } from "../contract-tests/alibaba-calls.ts";

type Json = Record<string, any>;

const tables: Record<string, OperationTable> = {
  "huawei-evs": evs,
  "huawei-ims": ims,
  "huawei-vbs": vbs,
  "huawei-ecs": hwEcs,
  "alibaba-ecs": ecs,
  ucloudstack,
};

const UUID = "6b604cef-9bd8-4f5a-ae56-45839e6e1f0a";
/** One valid call per operation (what a caller passes, with the client's defaults filled in). */
const valid: Record<string, Record<string, unknown>> = {
  CinderListAvailabilityZones: {},
  CinderListVolumes: { limit: 10, marker: UUID, offset: 0, name: "n", status: "available", sort_key: "size", sort_dir: "asc" },
  CinderCreateVolume: {
    volume: {
      availability_zone: "az1",
      size: 40,
      name: null,
      volume_type: "SSD",
      imageRef: UUID,
      metadata: { owner: "ci" },
      multiattach: false,
      count: 2,
    },
    "OS-SCH-HNT:scheduler_hints": { dedicated_storage_id: UUID },
  },
  CinderListVolumesDetails: { limit: 1000 },
  CinderShowVolume: { volume_id: UUID },
  CinderDeleteVolume: { volume_id: UUID, cascade: true },
  CinderResizeVolume: { volume_id: UUID, "os-extend": { new_size: 100 } },
  CinderListSnapshots: { volume_id: UUID, limit: 1 },
  CinderCreateSnapshot: { snapshot: { volume_id: UUID, name: "s", description: "d", force: false, metadata: { k: "v" } } },
  CinderListSnapshotsDetails: { offset: 3 },
  CinderShowSnapshot: { snapshot_id: UUID },
  CinderDeleteSnapshot: { snapshot_id: UUID },
  RollbackSnapshot: { snapshot_id: UUID, rollback: { volume_id: UUID, name: "n" } },
  RollbackVendorSnapshot: { snapshot_id: UUID, rollback: { volume_id: UUID } },
  CreateSnapshot: { snapshot: { volume_id: UUID, name: "s", description: "d", force: true, metadata: { k: "v" } } },
  ListSnapshots: { offset: 0, limit: 10, name: "n", status: "available", volume_id: UUID, service_type: "EVS", enterprise_project_id: "0" },
  ShowSnapshot: { snapshot_id: UUID },
  UpdateSnapshot: { snapshot_id: UUID, snapshot: { name: "n", description: "d" } },
  DeleteSnapshot: { snapshot_id: UUID },
  CreateVolume: {
    "X-Client-Token": UUID,
    bssParam: { chargingMode: "prePaid", periodType: "month", periodNum: 1, isAutoPay: "true", isAutoRenew: "false" },
    volume: {
      availability_zone: "az1",
      size: 100,
      volume_type: "GPSSD2",
      snapshot_id: UUID,
      iops: 3000,
      throughput: 125,
      count: 1,
      tags: { k: "v" },
    },
    server_id: "srv-1",
    "OS-SCH-HNT:scheduler_hints": { dedicated_storage_id: UUID },
  },
  ListVolumes: { marker: UUID, limit: 50, sort_key: "size", sort_dir: "asc", multiattach: true, service_type: "EVS", ids: "['a']" },
  ShowVolume: { volume_id: UUID },
  UpdateVolume: { volume_id: UUID, volume: { name: "n", description: null } },
  DeleteVolume: { volume_id: UUID },
  ResizeVolume: { volume_id: UUID, "os-extend": { new_size: 200 }, bssParam: { isAutoPay: "false" } },
  ShowJob: { job_id: "70a599e0-31e7-49b7-b260-868f441e862b" },
  GlanceListImages: { limit: 25, status: "active", visibility: "public", protected: false, min_disk: 0 },
  ListBackups: { limit: 10, status: "available" },
  ResetDisks: { RegionId: "cn-hangzhou", DryRun: true, Disk: [{ DiskId: "d-1", SnapshotId: "s-1" }] },
  ResetDisk: { DiskId: "d-1", SnapshotId: "s-1" },
  DescribeSnapshots: {
    RegionId: "cn-hangzhou",
    DiskId: "d-1",
    SnapshotIds: '["s-1"]',
    Status: "all",
    Tag: [{ Key: "k", Value: "v" }],
    Filter: [{ Key: "CreationStartTime", Value: "2024-01-01T00:00Z" }],
    MaxResults: 100,
  },
  DeleteSnapshot_alibaba: { SnapshotId: "s-1", Force: true },
  DescribeDisks: { RegionId: "cn-hangzhou", DiskIds: '["d-1"]', MaxResults: 500, AdditionalAttributes: ["a"] },
  CreateSnapshot_alibaba: { DiskId: "d-1", SnapshotName: "before-upgrade", RetentionDays: 30, ClientToken: "token-1", Tag: [{ Key: "k" }] },
  CreateSnapshot_ucloudstack: { Region: "cn", Zone: "z", DiskID: "disk-1", Name: "n", Remark: "r", CompanyID: 1 },
  DescribeSnapshot: { Region: "cn", SnapshotIDs: ["snap-1"], Offset: 0, Limit: 100 },
  RollbackSnapshot_ucloudstack: { Region: "cn", DiskID: "disk-1", SnapshotID: "snap-1" },
  DeleteSnapshot_ucloudstack: { Region: "cn", SnapshotID: "snap-1" },
  DescribeDisk: { Region: "cn", DiskIDs: ["disk-1"], Limit: 1, MemberID: 1 },
  CreateDisk_ucloudstack: {
    Region: "cn",
    Name: "d",
    SetType: "SSD",
    DiskSpace: 20,
    ChargeType: "Month",
    Quantity: 2,
    ShareAble: false,
    TagKeyValuePairs: ["a2V5OnZhbHVl"],
  },
  DeleteDisk_ucloudstack: { Region: "cn", DiskID: "disk-1" },
  AttachDisk_ucloudstack: { Region: "cn", DiskID: "disk-1", ResourceID: "vm-1", ResourceType: "VM", CacheMode: "none" },
  DetachDisk_ucloudstack: { Region: "cn", DiskID: "disk-1", ResourceID: "vm-1" },
  UpgradeDisk_ucloudstack: { Region: "cn", DiskID: "disk-1", DiskSpace: 100 },
  DescribeVMInstance_ucloudstack: { Region: "cn", VMIDs: ["vm-1"], States: ["Stopped"], Offset: 0, Limit: 100 },
  StopVMInstance_ucloudstack: { Region: "cn", VMID: "vm-1" },
  StartVMInstance_ucloudstack: { Region: "cn", VMID: "vm-1", CompanyID: 1 },
  // The contract tests' valid calls of the other Huawei groups; `ecs.ShowJob` -> `ShowJob_huawei-ecs`.
  ...Object.fromEntries(
    Object.entries(moreValidCalls).map(([key, call]) => {
      const [service, id] = key.includes(".") ? key.split(".") : [undefined, key];
      return [service ? `${id}_huawei-${service}` : id!, call.params];
    }),
  ),
};
// The other ECS actions: the contract tests' valid calls (one source), under `<id>_alibaba`.
for (const [id, call] of Object.entries(alibabaCalls)) if (!valid[id] && !valid[`${id}_alibaba`]) valid[`${id}_alibaba`] = call;

/** Values every field is tried with, whatever its schema. */
const PROBES: unknown[] = [
  "",
  "x",
  "x".repeat(300),
  "d-abc",
  "s-abc",
  "desc",
  "2024-01-01T00:00Z",
  '["a"]',
  UUID,
  0,
  -1,
  1,
  1.5,
  10,
  101,
  100000,
  1e21,
  true,
  false,
  null,
  [],
  ["x"],
  [1],
  Array.from({ length: 11 }, () => ({ DiskId: "d-1", SnapshotId: "s-1" })),
  {},
  { a: 1 },
  { Key: "k" },
  { DiskId: "d-1", SnapshotId: "s-1" },
];

/** The operation's flat parameter schema as JSON Schema: what the descriptor was compiled from. */
function flatSchema(pathItem: Json, operation: Json): Json {
  const properties: Json = {};
  for (const parameter of [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])]) properties[parameter.name] = parameter.schema;
  const body = operation.requestBody?.content?.["application/json"]?.schema;
  Object.assign(properties, body?.properties ?? {});
  return { type: "object", properties, ...(body?.required ? { required: body.required } : {}) };
}

/** The valid call, and each field changed or removed in turn (one level down into objects and first list items). */
function inputs(base: Record<string, unknown>, schema: Json): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [base];
  for (const name of Object.keys(schema.properties)) {
    for (const probe of PROBES) out.push({ ...base, [name]: probe });
    const value = base[name];
    const { [name]: _removed, ...without } = base;
    out.push(without);
    const inner = Array.isArray(value) ? value[0] : value;
    if (inner && typeof inner === "object" && !Array.isArray(inner)) {
      for (const key of [...Object.keys(inner), "unknownKey"]) {
        const changed = (probe: unknown) => {
          const { [key]: _gone, ...rest } = inner as Record<string, unknown>;
          const next = probe === undefined ? rest : { ...rest, [key]: probe };
          return { ...base, [name]: Array.isArray(value) ? [next] : next };
        };
        out.push(changed(undefined));
        for (const probe of PROBES) out.push(changed(probe));
      }
    }
  }
  return out;
}

describe("the param-check interpreter agrees with ajv on the specs' schemas", async () => {
  const specs = await loadSpecs();
  const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: false });
  for (const [api, spec] of Object.entries(specs)) {
    const table = tables[api]!;
    for (const [, pathItem] of Object.entries<Json>(spec.paths)) {
      for (const method of ["get", "post", "put", "delete", "patch"]) {
        const operation = pathItem[method];
        if (!operation) continue;
        const id: string = operation.operationId;
        it(`${api} ${id}`, () => {
          const base = valid[`${id}_${api}`] ?? valid[`${id}_${api.split("-")[0]}`] ?? valid[id];
          expect(base, `a valid call of ${id}`).toBeDefined();
          const schema = flatSchema(pathItem, operation);
          const validate = ajv.compile(schema);
          const check = table[id]!.params!;
          expect(findFailure(check, base, ""), "the valid call passes").toBeUndefined();
          let invalid = 0;
          for (const input of inputs(base!, schema)) {
            const ours = findFailure(check, input, "") === undefined;
            const theirs = validate(input);
            if (!theirs) invalid++;
            expect([ours, input]).toEqual([theirs, input]);
          }
          // An operation with no parameters at all (EVS ListVersions, `GET /`) has no input to get wrong.
          if (Object.keys(schema.properties ?? {}).length) expect(invalid).toBeGreaterThan(0);
          else expect(base).toEqual({});
        });
      }
    }
  }
});

describe("scalar checks written as text (ScalarCheck)", () => {
  it("reads type letters, bounds by the first type's measure, a string enum and a pattern", () => {
    expect(rulesOf("s 1..128")).toMatchObject({ t: "s", sn: 1, sx: 128 });
    expect(rulesOf("i 0..")).toMatchObject({ t: "i", ge: 0, le: undefined });
    expect(rulesOf("a ..10")).toMatchObject({ t: "a", an: undefined, ax: 10 });
    expect(rulesOf("s =desc|asc")).toMatchObject({ t: "s", e: ["desc", "asc"] });
    expect(rulesOf("sz 2..64 /^a b|c$/")).toMatchObject({ t: "sz", sn: 2, sx: 64, re: "^a b|c$" });
  });

  it("checks a value against the text as against the rules it stands for", () => {
    expect(findFailure("i 1..100", 0, "limit")).toEqual(["limit", "must be at least 1"]);
    expect(findFailure("i 1..100", 101, "limit")).toEqual(["limit", "must be at most 100"]);
    expect(findFailure("s 2..3", "abcd", "name")).toEqual(["name", "must have at most 3 characters"]);
    expect(findFailure("s =desc|asc", "up", "dir")).toEqual(["dir", 'must be one of "desc", "asc"']);
    expect(findFailure("s /^d-/", "i-1", "DiskId")).toEqual(["DiskId", "must match the pattern ^d-"]);
    expect(findFailure("sz ..3", null, "name")).toBeUndefined();
    expect(findFailure({ pr: { n: "b" } }, { n: "yes" }, "")).toEqual(["n", "must be a boolean, not a string"]);
  });
});
