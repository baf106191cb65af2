import { describe, expect, it } from "vitest";
import { expandOperationTable } from "../src/core/operation-table.ts";
import { operationTable as evs } from "../generated/huawei/evs.operations.ts";

describe("generated operation tables (defaults and parameter places filled in at load)", () => {
  it("fills the defaults a generated row leaves out and places each params.pr name by its letter", () => {
    const table = expandOperationTable({
      Op: { method: "put", path: "/v/{id}", in: "pqhb", params: { pr: { id: {}, limit: {}, "X-Token": {}, name: {} } } },
      Bare: { method: "get", path: "/ping", retrySafe: true, body: "optional" },
    } as const);
    expect(table.Op).toMatchObject({ pathParams: ["id"], queryParams: ["limit"], headerParams: ["X-Token"], bodyParams: ["name"], requiredParams: [], body: "none", retrySafe: false, deprecated: false });
    expect(table.Op).not.toHaveProperty("in");
    expect(table.Bare).toEqual({ method: "get", path: "/ping", pathParams: [], queryParams: [], headerParams: [], bodyParams: [], requiredParams: [], body: "optional", retrySafe: true, deprecated: false });
  });

  it("gives a generated table the full rows the client reads", () => {
    expect(evs.ListVolumes).toMatchObject({ method: "get", pathParams: ["project_id"], requiredParams: ["project_id"], body: "none", retrySafe: true, deprecated: false });
    expect(evs.ListVolumes.queryParams).toContain("sort_dir");
    expect(evs.CreateVolume).toMatchObject({ body: "required", retrySafe: false, bodyParams: ["volume", "OS-SCH-HNT:scheduler_hints"] });
  });
});
