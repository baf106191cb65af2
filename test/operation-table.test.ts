import { describe, expect, it } from "vitest";
import { expandOperationTable } from "../src/core/operations/operation-table.ts";
import { operationTable as evs } from "../generated/huawei/evs.operations.ts";
import { operationTable as ecs } from "../generated/alibaba/ecs.operations.ts";

describe("generated operation tables (defaults and parameter places filled in at load)", () => {
  it("fills the defaults a generated row leaves out and places each params.pr name by its letter", () => {
    const table = expandOperationTable({
      Op: { method: "put", path: "/v/{id}", in: "pqhb", params: { pr: { id: {}, limit: {}, "X-Token": {}, name: {} } } },
      Bare: { method: "get", path: "/ping", retrySafe: true, body: "optional" },
    } as const);
    expect(table.Op).toMatchObject({
      pathParams: ["id"],
      queryParams: ["limit"],
      headerParams: ["X-Token"],
      bodyParams: ["name"],
      requiredParams: [],
      body: "none",
      retrySafe: false,
      deprecated: false,
    });
    expect(table.Op).not.toHaveProperty("in");
    expect(table.Bare).toEqual({
      method: "get",
      path: "/ping",
      pathParams: [],
      queryParams: [],
      headerParams: [],
      bodyParams: [],
      requiredParams: [],
      body: "optional",
      retrySafe: true,
      deprecated: false,
    });
  });

  it("reads required parameters from upper-case place letters and gives an RPC row its post to /<Action>", () => {
    const table = expandOperationTable({
      Get: { method: "get", path: "/v/{id}", in: "PqQhb", params: { pr: { id: {}, limit: {}, region: {}, "X-Token": {}, name: {} } } },
      ResetDisk: { rpcAction: "ResetDisk", in: "Qq", params: { pr: { DiskId: {}, DryRun: {} } } },
    } as const);
    expect(table.Get).toMatchObject({
      method: "get",
      path: "/v/{id}",
      pathParams: ["id"],
      queryParams: ["limit", "region"],
      requiredParams: ["id", "region"],
    });
    expect(table.ResetDisk).toMatchObject({
      method: "post",
      path: "/ResetDisk",
      rpcAction: "ResetDisk",
      queryParams: ["DiskId", "DryRun"],
      requiredParams: ["DiskId"],
    });
  });

  it("reads a row without a path as the RPC action of its own name (rows leave the action out when it is the operationId)", () => {
    const table = expandOperationTable({
      StopInstance: { in: "Q", params: { pr: { InstanceId: {} } } },
      Alias: { rpcAction: "StartInstance" },
      Rest: { method: "get", path: "/ping" },
    } as const);
    expect(table.StopInstance).toMatchObject({
      method: "post",
      path: "/StopInstance",
      rpcAction: "StopInstance",
      requiredParams: ["InstanceId"],
    });
    expect(table.Alias).toMatchObject({ method: "post", path: "/StartInstance", rpcAction: "StartInstance" });
    expect(table.Rest).not.toHaveProperty("rpcAction");
    expect(ecs.StopInstance).toMatchObject({ method: "post", path: "/StopInstance", rpcAction: "StopInstance" });
    expect(evs.ListVolumes).not.toHaveProperty("rpcAction");
  });

  it("gives a generated table the full rows the client reads", () => {
    expect(evs.CinderListVolumes).toMatchObject({
      method: "get",
      pathParams: ["project_id"],
      requiredParams: ["project_id"],
      body: "none",
      retrySafe: true,
      deprecated: false,
    });
    expect(evs.CinderListVolumes.queryParams).toContain("sort_dir");
    expect(evs.CinderCreateVolume).toMatchObject({
      body: "required",
      retrySafe: false,
      bodyParams: ["volume", "OS-SCH-HNT:scheduler_hints"],
    });
  });
});
