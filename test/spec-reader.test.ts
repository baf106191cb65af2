/**
 * scripts/lib/spec-reader.ts, the one reader of the specs: the model it gives for the
 * real specs, the checks it runs on every extension (each fed a small inline spec that
 * breaks one rule), that nothing else reads an extension of ours, and that the generated
 * table modules carry what the model says.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  listSpecs,
  operationById,
  projectRoot,
  readSpecs,
  SpecError,
  specModel,
  type Json,
  type SpecModel,
} from "../scripts/lib/spec-reader.ts";

let specs: Record<string, SpecModel>;
beforeAll(async () => {
  specs = await readSpecs();
});

describe("the model of the real specs", () => {
  it("Huawei EVS: REST operations, project_id filled on every call, link pagination, one regional server", () => {
    const evs = specs["huawei-evs"]!;
    expect(evs.servers).toEqual([{ url: "https://evs.{region}.myhuaweicloud.com", variables: ["region"] }]);
    expect(evs.clientParams).toEqual({ project_id: { option: "projectId", fill: "always" } });
    expect(evs.rpcProtocol).toBeUndefined();
    const create = operationById(evs, "CinderCreateSnapshot");
    expect(create).toMatchObject({ method: "post", path: "/v2/{project_id}/snapshots", retrySafe: false, deprecated: false });
    expect(create.parameters.map(({ name, in: place, required, clientParam }) => ({ name, place, required, clientParam }))).toEqual([
      { name: "project_id", place: "path", required: true, clientParam: { option: "projectId", fill: "always" } },
    ]);
    expect(create.body?.required).toBe(true);
    expect(create.body?.properties.map((p) => p.name)).toEqual(["snapshot"]);
    expect(create.body?.schema?.type).toBe("object");
    const list = operationById(evs, "CinderListSnapshots");
    expect(list.retrySafe).toBe(true);
    expect(list.pagination).toEqual({ style: "link", items: "snapshots", next: "snapshots_links", cursor: "marker" });
    expect(list.parameters.find((p) => p.name === "limit")).toMatchObject({ in: "query", required: false, schema: { type: "integer" } });
    // IMS takes no project id, so its spec fills nothing.
    expect(specs["huawei-ims"]!.clientParams).toEqual({});
  });

  it("Alibaba ECS: RPC actions, header/query wire styles, RegionId defaulted, flat-indexed lists, client token, region hosts", () => {
    const ecs = specs["alibaba-ecs"]!;
    expect(ecs.rpcProtocol).toEqual({
      styles: {
        v3: { action: { in: "header", name: "x-acs-action" }, version: { in: "header", name: "x-acs-version" } },
        v1: { action: { in: "query", name: "Action" }, version: { in: "query", name: "Version" } },
      },
    });
    // The automatic snapshot policy actions spell it `regionId`; the same option fills it.
    expect(ecs.clientParams).toEqual({
      RegionId: { option: "regionId", fill: "default" },
      regionId: { option: "regionId", fill: "default" },
    });
    expect(operationById(ecs, "ApplyAutoSnapshotPolicy").parameters.find((p) => p.name === "regionId")?.clientParam).toEqual({
      option: "regionId",
      fill: "default",
    });
    expect(ecs.servers.map((s) => [s.url, s.variables])).toEqual([
      ["https://ecs.{regionId}.aliyuncs.com", ["regionId"]],
      ["https://ecs.aliyuncs.com", []],
    ]);
    const reset = operationById(ecs, "ResetDisks");
    expect(reset).toMatchObject({ method: "post", path: "/ResetDisks", rpcAction: "ResetDisks", flatIndexed: { Disk: 1 } });
    expect(reset.parameters.find((p) => p.name === "Disk")).toMatchObject({ in: "query", required: true, flatIndexBase: 1 });
    expect(reset.parameters.find((p) => p.name === "RegionId")?.clientParam).toEqual({ option: "regionId", fill: "default" });
    expect(operationById(ecs, "CreateSnapshot")).toMatchObject({ clientToken: "ClientToken", retrySafe: true });
    expect(operationById(ecs, "DescribeInstances").pagination).toMatchObject({ style: "token", items: "Instances.Instance" });
    expect(operationById(ecs, "DescribeSnapshots").pagination).toEqual({
      style: "token",
      items: "Snapshots.Snapshot",
      next: "NextToken",
      cursor: "NextToken",
    });
    for (const [id, items] of [
      ["DescribeInstanceStatus", "InstanceStatuses.InstanceStatus"],
      ["DescribeAutoSnapshotPolicyEx", "AutoSnapshotPolicies.AutoSnapshotPolicy"],
    ])
      expect(operationById(ecs, id!).pagination).toEqual({
        style: "page",
        items,
        total: "TotalCount",
        page: "PageNumber",
        size: "PageSize",
      });
  });

  it("Alibaba ECS: x-region-hosts holds exactly the official SDK's endpoint map (test/fixtures/alibaba-ecs-endpoint-map.json)", () => {
    const fixture = JSON.parse(readFileSync(resolve(projectRoot, "test/fixtures/alibaba-ecs-endpoint-map.json"), "utf8")) as {
      endpointMap: Record<string, string>;
    };
    const regionHosts = specs["alibaba-ecs"]!.servers[0]!.regionHosts!;
    const fromSpec = Object.fromEntries(Object.entries(regionHosts).flatMap(([host, regions]) => regions.map((region) => [region, host])));
    expect(fromSpec).toEqual(fixture.endpointMap);
  });

  it("UCloudStack: JSON-body RPC, body protocol fields, Region/Zone defaulted, 0-based flat lists, offset pagination", () => {
    const ucs = specs.ucloudstack!;
    expect(ucs.rpcProtocol).toEqual({
      styles: { json: { action: { in: "body", name: "Action" } } },
      bodyProtocol: ["Action", "PublicKey", "Signature"],
    });
    expect(ucs.clientParams).toEqual({ Region: { option: "region", fill: "default" }, Zone: { option: "zone", fill: "default" } });
    expect(ucs.servers).toEqual([{ url: "{endpoint}", variables: ["endpoint"] }]);
    const describeSnapshot = operationById(ucs, "DescribeSnapshot");
    expect(describeSnapshot).toMatchObject({
      rpcAction: "DescribeSnapshot",
      retrySafe: true,
      flatIndexed: { SnapshotIDs: 0, ProjectIDs: 0 },
    });
    expect(describeSnapshot.parameters).toEqual([]);
    expect(describeSnapshot.body?.properties.find((p) => p.name === "Region")?.clientParam).toEqual({ option: "region", fill: "default" });
    expect(describeSnapshot.pagination).toEqual({ style: "offset", items: "Infos", total: "TotalCount", offset: "Offset", limit: "Limit" });
  });
});

/** A one-operation spec to break one rule at a time. */
function inlineSpec(change: (spec: Json, operation: Json) => void): Json {
  const operation: Json = {
    operationId: "ListThings",
    parameters: [
      {
        name: "project_id",
        in: "path",
        required: true,
        schema: { type: "string" },
        "x-client-param": { option: "projectId", fill: "always" },
      },
      { name: "marker", in: "query", schema: { type: "string" } },
    ],
    responses: { "200": { description: "ok" } },
  };
  const spec: Json = {
    openapi: "3.1.0",
    info: { title: "Things", version: "1" },
    servers: [{ url: "https://things.{region}.example.com", variables: { region: { default: "r1" } } }],
    paths: { "/v1/{project_id}/things": { get: operation } },
  };
  change(spec, operation);
  return spec;
}

function rpcSpec(change: (spec: Json, operation: Json) => void): Json {
  return inlineSpec((spec, operation) => {
    delete spec.paths;
    spec.paths = { "/ResetDisk": { post: operation } };
    operation.parameters = [{ name: "DiskId", in: "query", required: true, schema: { type: "string" } }];
    operation.operationId = "ResetDisk";
    operation["x-rpc-action"] = "ResetDisk";
    spec["x-rpc-protocol"] = { styles: { v1: { action: { in: "query", name: "Action" } } } };
    change(spec, operation);
  });
}

const read = (spec: Json) => specModel(spec, "inline");

/** An inline spec whose `ThingStatus` schema documents three spellings and groups them as given. */
function statusSpec(groups: Json): Json {
  return inlineSpec((spec) => {
    spec.components = { schemas: { ThingStatus: { type: "string", examples: ["Makeing", "Making", "Ready"], "x-status-groups": groups } } };
  });
}

describe("each extension is checked, and a bad one stops the build naming the spec and the place", () => {
  it("reads a well-formed inline spec", () => {
    const model = read(inlineSpec(() => {}));
    expect(model.clientParams).toEqual({ project_id: { option: "projectId", fill: "always" } });
    expect(model.servers).toEqual([{ url: "https://things.{region}.example.com", variables: ["region"] }]);
    expect(read(rpcSpec(() => {})).operations[0]).toMatchObject({ rpcAction: "ResetDisk", method: "post" });
    const statuses = read(statusSpec({ creating: ["Makeing", "Making"], available: ["Ready"] }));
    expect(statuses.statusGroups).toEqual({ ThingStatus: { creating: ["Makeing", "Making"], available: ["Ready"] } });
  });

  const cases: Array<[string, Json, RegExp]> = [
    [
      "x-client-param.option that is not an identifier",
      inlineSpec((_, op) => {
        op.parameters[0]["x-client-param"].option = "project id";
      }),
      /inline: ListThings: parameter 'project_id': x-client-param\.option must be a non-empty identifier/,
    ],
    [
      "an empty x-client-param.option",
      inlineSpec((_, op) => {
        op.parameters[0]["x-client-param"].option = "";
      }),
      /parameter 'project_id': x-client-param\.option must be a non-empty identifier/,
    ],
    [
      "x-client-param.fill other than always/default",
      inlineSpec((_, op) => {
        op.parameters[0]["x-client-param"].fill = "sometimes";
      }),
      /parameter 'project_id': x-client-param\.fill must be 'always' or 'default'/,
    ],
    [
      "an unknown x-client-param key",
      inlineSpec((_, op) => {
        op.parameters[0]["x-client-param"].type = "string";
      }),
      /parameter 'project_id': x-client-param has unknown keys: type/,
    ],
    [
      "the same name filled two ways",
      inlineSpec((spec, op) => {
        spec.paths["/v1/{project_id}/other"] = {
          get: {
            ...op,
            operationId: "Other",
            parameters: [{ ...op.parameters[0], "x-client-param": { option: "projectId", fill: "default" } }],
          },
        };
      }),
      /inline: Other: 'project_id' has x-client-param \{"option":"projectId","fill":"default"\} here but \{"option":"projectId","fill":"always"\} elsewhere/,
    ],
    [
      "a name filled in one operation and not in another",
      inlineSpec((spec, op) => {
        const { "x-client-param": _, ...bare } = op.parameters[0];
        spec.paths["/v1/{project_id}/other"] = { get: { ...op, operationId: "Other", parameters: [bare] } };
      }),
      /inline: Other: 'project_id' has no x-client-param here but has one elsewhere/,
    ],
    [
      "a URL variable that is not declared",
      inlineSpec((spec) => {
        spec.servers[0].url = "https://things.{region}.{zone}.example.com";
      }),
      /inline: servers\[0\]: https:\/\/things\.\{region\}\.\{zone\}\.example\.com: variable\(s\) zone in the URL are not declared/,
    ],
    [
      "a declared variable the URL does not use",
      inlineSpec((spec) => {
        spec.servers[0].variables.zone = { default: "z" };
      }),
      /inline: servers\[0\]: .*variable\(s\) zone are declared but not in the URL/,
    ],
    [
      "an empty region list in x-region-hosts",
      inlineSpec((spec) => {
        spec.servers[0]["x-region-hosts"] = { "things.example.com": [] };
      }),
      /inline: servers\[0\]: x-region-hosts: things\.example\.com needs a non-empty list of regions/,
    ],
    [
      "an empty x-region-hosts",
      inlineSpec((spec) => {
        spec.servers[0]["x-region-hosts"] = {};
      }),
      /inline: servers\[0\]: x-region-hosts must map at least one host to its regions/,
    ],
    [
      "a region under two hosts",
      inlineSpec((spec) => {
        spec.servers[0]["x-region-hosts"] = { "a.example.com": ["r1"], "b.example.com": ["r2", "r1"] };
      }),
      /x-region-hosts: region r1 is listed under a\.example\.com and b\.example\.com/,
    ],
    [
      "x-rpc-action without x-rpc-protocol",
      rpcSpec((spec) => {
        delete spec["x-rpc-protocol"];
      }),
      /inline: ResetDisk: x-rpc-action needs x-rpc-protocol at the spec root/,
    ],
    [
      "an x-rpc-protocol style with the action nowhere",
      rpcSpec((spec) => {
        spec["x-rpc-protocol"].styles.v1.action = { in: "cookie", name: "Action" };
      }),
      /inline: x-rpc-protocol: styles\.v1\.action must be \{in: query \| header \| body, name\}/,
    ],
    [
      "an x-rpc-protocol without styles",
      rpcSpec((spec) => {
        spec["x-rpc-protocol"] = { styles: {} };
      }),
      /inline: x-rpc-protocol: styles must name at least one wire style/,
    ],
    [
      "an empty bodyProtocol",
      rpcSpec((spec) => {
        spec["x-rpc-protocol"].bodyProtocol = [];
      }),
      /inline: x-rpc-protocol: bodyProtocol must be a non-empty list of field names/,
    ],
    [
      "a protocol field declared as a parameter",
      rpcSpec((spec) => {
        spec["x-rpc-protocol"].bodyProtocol = ["Action", "DiskId"];
      }),
      /inline: ResetDisk: 'DiskId' is a protocol field \(x-rpc-protocol\.bodyProtocol\) and cannot be a parameter/,
    ],
    [
      "a flat-indexed list without index base",
      rpcSpec((_, op) => {
        op.parameters[0]["x-rpc-style"] = "flat-indexed";
      }),
      /inline: ResetDisk: parameter 'DiskId': needs x-rpc-index-base 0 or 1/,
    ],
    [
      "an unknown x-rpc-style",
      rpcSpec((_, op) => {
        op.parameters[0]["x-rpc-style"] = "json-string";
      }),
      /parameter 'DiskId': x-rpc-style 'json-string' is not supported/,
    ],
    [
      "x-pagination missing its cursor",
      inlineSpec((_, op) => {
        op["x-pagination"] = { items: "things", next: "things_links" };
      }),
      /inline: ListThings: x-pagination \(link\) needs cursor/,
    ],
    [
      "an unknown x-pagination style",
      inlineSpec((_, op) => {
        op["x-pagination"] = { style: "pages", items: "things" };
      }),
      /inline: ListThings: x-pagination\.style must be link, token, offset or page/,
    ],
    [
      "x-pagination (page) missing its page size parameter",
      inlineSpec((_, op) => {
        op["x-pagination"] = { style: "page", items: "things", total: "count", page: "page" };
      }),
      /inline: ListThings: x-pagination \(page\) needs size/,
    ],
    [
      "x-client-token naming no parameter",
      inlineSpec((_, op) => {
        op["x-client-token"] = "ClientToken";
      }),
      /inline: ListThings: x-client-token names 'ClientToken', which is not a parameter/,
    ],
    [
      "x-retry-safe that is not a boolean",
      inlineSpec((_, op) => {
        op["x-retry-safe"] = "yes";
      }),
      /inline: ListThings: x-retry-safe must be true or false/,
    ],
    [
      "a status spelling the schema does not document",
      statusSpec({ creating: ["Makeing", "Baking"] }),
      /inline: components\.schemas\.ThingStatus: x-status-groups\.creating: 'Baking' is not among the schema's enum or examples/,
    ],
    [
      "one spelling in two status groups",
      statusSpec({ creating: ["Making"], available: ["Ready", "Makeing", "Making"] }),
      /x-status-groups: 'Making' \(available\) reads the same as a spelling of creating/,
    ],
    [
      "a status word that is not lower-case",
      statusSpec({ Creating: ["Making"] }),
      /inline: components\.schemas\.ThingStatus: x-status-groups: 'Creating' must be a lower-case word/,
    ],
    ["an empty status group", statusSpec({ creating: [] }), /x-status-groups\.creating must be a non-empty list of spellings/],
  ];
  it.each(cases)("refuses %s", (_, spec, message) => {
    expect(() => read(spec)).toThrow(SpecError);
    expect(() => read(spec)).toThrow(message);
  });
});

/** Two operations on `POST /v1/{project_id}/things/action`, told apart by the body's `op` (`start` / `stop`). */
function selectedSpec(change: (spec: Json, start: Json, stop: Json) => void): Json {
  const operation = (id: string, kind: string): Json => ({
    operationId: id,
    parameters: [{ name: "project_id", in: "path", required: true, schema: { type: "string" } }],
    "x-wire-path": "/v1/{project_id}/things/action",
    "x-body-selector": { property: "op", value: kind },
    requestBody: {
      required: true,
      content: {
        "application/json": {
          schema: {
            type: "object",
            additionalProperties: false,
            required: ["op", "ids"],
            properties: { op: { type: "string", const: kind }, ids: { type: "array", items: { type: "string" } } },
          },
        },
      },
    },
    responses: { "204": { description: "ok" } },
  });
  const start = operation("StartThings", "start");
  const stop = operation("StopThings", "stop");
  const spec: Json = {
    openapi: "3.1.0",
    info: { title: "Things", version: "1" },
    paths: { "/v1/{project_id}/things/action#start": { post: start }, "/v1/{project_id}/things/action#stop": { post: stop } },
  };
  change(spec, start, stop);
  return spec;
}

describe("operations told apart by the body: x-wire-path and x-body-selector", () => {
  it("reads the real path and the selector (an operation without them keeps its path as the wire path)", () => {
    const [start, stop] = read(selectedSpec(() => {})).operations;
    expect(start).toMatchObject({
      id: "StartThings",
      path: "/v1/{project_id}/things/action#start",
      wirePath: "/v1/{project_id}/things/action",
      bodySelector: { property: "op", value: "start" },
    });
    expect(stop!.bodySelector).toEqual({ property: "op", value: "stop" });
    expect(read(inlineSpec(() => {})).operations[0]).toMatchObject({
      path: "/v1/{project_id}/things",
      wirePath: "/v1/{project_id}/things",
    });
    expect(read(inlineSpec(() => {})).operations[0]!.bodySelector).toBeUndefined();
  });

  it("reads selectors by property (the bodies closed)", () => {
    const spec = selectedSpec((_, start, stop) => {
      for (const [op, name] of [
        [start, "os-start"],
        [stop, "os-stop"],
      ] as const) {
        op["x-body-selector"] = { property: name };
        op.requestBody.content["application/json"].schema = {
          type: "object",
          additionalProperties: false,
          required: [name],
          properties: { [name]: { type: "object" } },
        };
      }
    });
    expect(read(spec).operations.map((op) => op.bodySelector)).toEqual([{ property: "os-start" }, { property: "os-stop" }]);
  });

  const cases: Array<[string, Json, RegExp]> = [
    [
      "two operations on one method and wire path, one without a selector",
      selectedSpec((_, start) => {
        delete start["x-body-selector"];
      }),
      /inline: StartThings: x-wire-path needs x-body-selector/,
    ],
    [
      "an operation on the real path beside a body-selected one, with no selector",
      selectedSpec((spec, _start, stop) => {
        delete stop["x-wire-path"];
        delete stop["x-body-selector"];
        spec.paths = {
          "/v1/{project_id}/things/action#start": spec.paths["/v1/{project_id}/things/action#start"],
          "/v1/{project_id}/things/action": { post: stop },
        };
      }),
      /inline: StopThings: StartThings, StopThings share POST \/v1\/\{\}\/things\/action: each needs an x-body-selector/,
    ],
    [
      "two selectors that select the same body",
      selectedSpec((_, _start, stop) => {
        stop["x-body-selector"] = { property: "op", value: "start" };
        stop.requestBody.content["application/json"].schema.properties.op.const = "start";
      }),
      /inline: StopThings: x-body-selector \{"property":"op","value":"start"\} does not tell it from StartThings/,
    ],
    [
      "a selector by property beside one by the same property's value",
      selectedSpec((_, _start, stop) => {
        stop["x-body-selector"] = { property: "op" };
      }),
      /inline: StopThings: x-body-selector \{"property":"op"\} does not tell it from StartThings/,
    ],
    [
      "selectors by different properties on open bodies",
      selectedSpec((_, start, stop) => {
        start["x-body-selector"] = { property: "ids" };
        stop["x-body-selector"] = { property: "op" };
        delete stop.requestBody.content["application/json"].schema.properties.op.const;
        delete start.requestBody.content["application/json"].schema.additionalProperties;
      }),
      /inline: StartThings: x-body-selector by property: the body must be closed/,
    ],
    [
      "a selected value the body does not const",
      selectedSpec((_, start) => {
        start.requestBody.content["application/json"].schema.properties.op = { type: "string", enum: ["start", "stop"] };
      }),
      /inline: StartThings: x-body-selector: the body's 'op' must be const: start/,
    ],
    [
      "a selector property the body does not require",
      selectedSpec((_, start) => {
        start.requestBody.content["application/json"].schema.required = ["ids"];
      }),
      /inline: StartThings: x-body-selector: the body must require 'op'/,
    ],
    [
      "a selector on an optional body",
      selectedSpec((_, start) => {
        start.requestBody.required = false;
      }),
      /inline: StartThings: x-body-selector needs a required JSON request body/,
    ],
    [
      "an unknown selector key",
      selectedSpec((_, start) => {
        start["x-body-selector"].equals = "start";
      }),
      /inline: StartThings: x-body-selector has unknown keys: equals/,
    ],
    [
      "a wire path whose placeholders differ from the path's",
      selectedSpec((_, start) => {
        start["x-wire-path"] = "/v1/{tenant_id}/things/action";
      }),
      /inline: StartThings: x-wire-path \/v1\/\{tenant_id\}\/things\/action must have the same placeholders as the path/,
    ],
    [
      "a wire path with a fragment",
      selectedSpec((_, start) => {
        start["x-wire-path"] = "/v1/{project_id}/things/action#go";
      }),
      /inline: StartThings: x-wire-path must be a path template/,
    ],
    [
      "a wire path whose placeholder is not a path parameter",
      selectedSpec((spec, start) => {
        spec.paths = {
          "/v1/{project_id}/things/{thing_id}/action#start": { post: start },
          "/v1/{project_id}/things/action#stop": spec.paths["/v1/{project_id}/things/action#stop"],
        };
        start["x-wire-path"] = "/v1/{project_id}/things/{thing_id}/action";
      }),
      /inline: StartThings: x-wire-path \/v1\/\{project_id\}\/things\/\{thing_id\}\/action: its placeholders \(project_id, thing_id\) must be exactly the path parameters \(project_id\)/,
    ],
    [
      "a selector with no other operation on its wire path",
      selectedSpec((spec) => {
        delete spec.paths["/v1/{project_id}/things/action#stop"];
      }),
      /inline: StartThings: x-body-selector, but no other operation is on POST/,
    ],
  ];
  it.each(cases)("refuses %s", (_, spec, message) => {
    expect(() => read(spec)).toThrow(SpecError);
    expect(() => read(spec)).toThrow(message);
  });
});

/** An inline spec whose ListThings answers a thing (status with groups, progress, usable) and a list, and has one waiter. */
function waiterSpec(change: (waiter: Json, operation: Json, spec: Json) => void): Json {
  return inlineSpec((spec, operation) => {
    const status = {
      type: "string",
      description: "`making`, `ready` or `broken`.",
      examples: ["ready"],
      "x-status-groups": { available: ["ready"], failed: ["broken"] },
    };
    const body = {
      type: "object",
      properties: {
        thing: { type: "object", properties: { status, progress: { type: "string" }, usable: { type: "boolean" } } },
        things: { type: "array", items: { type: "object", properties: { status: { type: "string", enum: ["making", "ready"] } } } },
      },
    };
    operation.responses = {
      "200": { description: "ok", content: { "application/json": { schema: body } } },
      "404": { description: "gone" },
    };
    const waiter: Json = {
      description: "The thing is ready.",
      "x-source": "https://things.example.com/docs/status",
      minDelayMs: 1000,
      maxDelayMs: 5000,
      progress: "thing.progress",
      acceptors: [
        { state: "success", matcher: { path: "thing.status", comparator: "stringEquals", expected: "ready" } },
        { state: "failure", matcher: { path: "thing.status", comparator: "stringEquals", expected: { group: "failed" } } },
        { state: "success", matcher: { errorCategory: "not-found" } },
      ],
    };
    operation["x-waiters"] = { ThingReady: waiter };
    change(waiter, operation, spec);
  });
}

describe("x-waiters: each waiter checked against the operation's answers and status schemas", () => {
  it("reads a well-formed waiter: spellings resolved from a status group, paths kept", () => {
    expect(read(waiterSpec(() => {})).waiters).toEqual([
      {
        name: "ThingReady",
        operation: "ListThings",
        description: "The thing is ready.",
        source: "https://things.example.com/docs/status",
        minDelayMs: 1000,
        maxDelayMs: 5000,
        progress: "thing.progress",
        acceptors: [
          { state: "success", matcher: { path: "thing.status", comparator: "stringEquals", expected: "ready" } },
          { state: "failure", matcher: { path: "thing.status", comparator: "stringEquals", expected: "broken" } },
          { state: "success", matcher: { errorCategory: "not-found" } },
        ],
      },
    ]);
  });

  it("the real specs: every waiter the brief names, on the operation it polls", () => {
    const names = (api: string) => Object.fromEntries(specs[api]!.waiters.map((w) => [w.name, w.operation]));
    expect(names("huawei-evs")).toMatchObject({
      SnapshotAvailable: "ShowSnapshot",
      SnapshotDeleted: "ShowSnapshot",
      VolumeAvailable: "ShowVolume",
      VolumeInUse: "ShowVolume",
      VolumeDeleted: "ShowVolume",
      JobFinished: "ShowJob",
    });
    expect(names("huawei-ecs")).toEqual({ ServerStopped: "ShowServer", ServerRunning: "ShowServer", JobFinished: "ShowJob" });
    expect(names("alibaba-ecs")).toEqual({
      SnapshotUsable: "DescribeSnapshots",
      SnapshotCompleted: "DescribeSnapshots",
      SnapshotDeleted: "DescribeSnapshots",
      DiskAvailable: "DescribeDisks",
      DiskInUse: "DescribeDisks",
      InstanceStopped: "DescribeInstanceStatus",
      InstanceRunning: "DescribeInstanceStatus",
    });
    expect(names("ucloudstack")).toEqual({
      SnapshotNormal: "DescribeSnapshot",
      SnapshotDeleted: "DescribeSnapshot",
      DiskAvailable: "DescribeDisk",
      DiskBound: "DescribeDisk",
      VMStopped: "DescribeVMInstance",
      VMRunning: "DescribeVMInstance",
    });
    // UCloudStack names groups: the reader gives the spellings of x-status-groups.
    const normal = specs.ucloudstack!.waiters.find((w) => w.name === "SnapshotNormal")!;
    expect(normal.acceptors.map((a) => a.matcher)).toEqual([
      { path: "Infos[].SnapshotStatus", comparator: "anyStringEquals", expected: "Failure" },
      { path: "Infos[].SnapshotStatus", comparator: "allStringEquals", expected: "Normal" },
    ]);
  });

  const acceptor =
    (index: number, matcher: Json, state = "success") =>
    (waiter: Json) => {
      waiter.acceptors[index] = { state, matcher };
    };
  const cases: Array<[string, (waiter: Json, operation: Json, spec: Json) => void, RegExp]> = [
    [
      "x-waiters that is not a map",
      (_, op) => {
        op["x-waiters"] = ["ThingReady"];
      },
      /inline: ListThings: x-waiters must map waiter names to waiters/,
    ],
    [
      "a waiter name that is not UpperCamelCase",
      (waiter, op) => {
        op["x-waiters"] = { "thing-ready": waiter };
      },
      /x-waiters\.thing-ready: a waiter name is UpperCamelCase/,
    ],
    [
      "an unknown key",
      (waiter) => {
        waiter.timeoutMs = 5;
      },
      /x-waiters\.ThingReady: unknown keys: timeoutMs/,
    ],
    [
      "no x-source",
      (waiter) => {
        delete waiter["x-source"];
      },
      /x-source must cite where the states come from/,
    ],
    [
      "no description",
      (waiter) => {
        waiter.description = " ";
      },
      /description must say what it waits for/,
    ],
    [
      "minDelayMs above maxDelayMs",
      (waiter) => {
        waiter.minDelayMs = 6000;
      },
      /minDelayMs must not exceed maxDelayMs/,
    ],
    [
      "a zero delay",
      (waiter) => {
        waiter.maxDelayMs = 0;
      },
      /maxDelayMs must be a whole number of milliseconds/,
    ],
    [
      "no acceptors",
      (waiter) => {
        waiter.acceptors = [];
      },
      /acceptors must be a non-empty list/,
    ],
    [
      "no success acceptor",
      (waiter) => {
        waiter.acceptors = [waiter.acceptors[1]];
      },
      /needs an acceptor whose state is success/,
    ],
    [
      "a bad state",
      (waiter) => {
        waiter.acceptors[0].state = "done";
      },
      /acceptors\[0\]: state must be success, failure or retry/,
    ],
    [
      "an unknown comparator",
      acceptor(0, { path: "thing.status", comparator: "stringMatches", expected: "ready" }),
      /comparator must be one of stringEquals/,
    ],
    [
      "a path the body does not have",
      acceptor(0, { path: "thing.colour", comparator: "stringEquals", expected: "red" }),
      /'colour' is not a property of the success body/,
    ],
    [
      "a projection over what is not a list",
      acceptor(0, { path: "thing[].status", comparator: "anyStringEquals", expected: "ready" }),
      /'thing' is not a list/,
    ],
    [
      "a path that is not a dot path",
      acceptor(0, { path: "thing..status", comparator: "stringEquals", expected: "ready" }),
      /is not a dot path/,
    ],
    [
      "stringEquals over a list",
      acceptor(0, { path: "things[].status", comparator: "stringEquals", expected: "ready" }),
      /stringEquals needs a single value/,
    ],
    [
      "anyStringEquals over a single value",
      acceptor(0, { path: "thing.status", comparator: "anyStringEquals", expected: "ready" }),
      /anyStringEquals needs a list path/,
    ],
    [
      "a spelling the status schema does not document",
      acceptor(0, { path: "thing.status", comparator: "stringEquals", expected: "finished" }),
      /'finished' is not a value the schema at thing\.status documents/,
    ],
    [
      "a spelling outside a closed enum",
      acceptor(0, { path: "things[].status", comparator: "allStringEquals", expected: "broken" }),
      /'broken' is not in the enum of things\[\]\.status/,
    ],
    [
      "a group the schema does not have",
      acceptor(0, { path: "thing.status", comparator: "stringEquals", expected: { group: "done" } }),
      /not a group of thing\.status \(available, failed\)/,
    ],
    [
      "a group where the schema has none",
      acceptor(0, { path: "things[].status", comparator: "allStringEquals", expected: { group: "available" } }),
      /the schema at things\[\]\.status has no x-status-groups/,
    ],
    [
      "booleanEquals with a string",
      acceptor(0, { path: "thing.usable", comparator: "booleanEquals", expected: "true" }),
      /booleanEquals expects true or false/,
    ],
    [
      "booleanEquals on a string",
      acceptor(0, { path: "thing.status", comparator: "booleanEquals", expected: true }),
      /thing\.status is not a boolean/,
    ],
    [
      "stringEquals on a boolean",
      acceptor(0, { path: "thing.usable", comparator: "stringEquals", expected: "true" }),
      /thing\.usable is not a string/,
    ],
    [
      "countEquals below zero",
      acceptor(0, { path: "things[]", comparator: "countEquals", expected: -1 }),
      /countEquals expects a whole number ≥ 0/,
    ],
    ["an unknown error category", acceptor(2, { errorCategory: "missing" }), /errorCategory must be one of bad-request/],
    [
      "an error category the operation does not document",
      (_, op) => {
        delete op.responses["404"];
      },
      /ListThings documents no error of category not-found/,
    ],
    [
      "a matcher with both forms",
      acceptor(2, { errorCategory: "not-found", path: "thing.status" }),
      /unknown keys beside errorCategory: path/,
    ],
    [
      "a progress path the body does not have",
      (waiter) => {
        waiter.progress = "thing.percent";
      },
      /progress: path 'thing\.percent': 'percent' is not a property|progress: 'thing\.percent': 'percent' is not a property/,
    ],
    [
      "no JSON success body",
      (_, op) => {
        op.responses["200"] = { description: "ok" };
      },
      /ListThings documents no JSON success body to read/,
    ],
    [
      "a waiter name used twice in one spec",
      (waiter, op, spec) => {
        spec.paths["/v1/{project_id}/things/{id}"] = {
          get: {
            ...op,
            operationId: "ShowThing",
            parameters: [...op.parameters, { name: "id", in: "path", required: true, schema: { type: "string" } }],
            "x-waiters": { ThingReady: waiter },
          },
        };
      },
      /ShowThing: x-waiters\.ThingReady: the name is taken by a waiter of ListThings/,
    ],
  ];
  it.each(cases)("refuses %s", (_, change, message) => {
    const spec = waiterSpec(change);
    expect(() => read(spec)).toThrow(SpecError);
    expect(() => read(spec)).toThrow(message);
  });
});

/** Our extensions, as a quoted key: how code reads one (`op["x-rpc-action"]`, `{ "x-pagination": p }`). */
const RAW_EXTENSION =
  /["']x-(rpc-action|rpc-style|rpc-index-base|rpc-protocol|rpc-body-protocol|retry-safe|pagination|client-token|client-param|region-hosts|openapi-ts|status-groups|wire-forms|wire-path|body-selector|waiters|error-codes(-[a-z0-9-]+)?)["']/;
const READER = "scripts/lib/spec-reader.ts";
/** The reader's own parts, and tests that build inline specs (they write the keys, never read them). */
const ALLOWED = new Set([READER, "scripts/lib/error-codes.ts", "test/spec-reader.test.ts", "test/error-categories.test.ts"]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return ["node_modules", ".cache", "fixtures"].includes(entry.name) ? [] : sourceFiles(path);
    return /\.(ts|mjs)$/.test(entry.name) ? [path] : [];
  });
}

describe("one reader", () => {
  it("the grep pattern finds a raw read (built from parts, so this file holds none)", () => {
    const key = ["x", "rpc", "action"].join("-");
    expect(RAW_EXTENSION.test(`const action = operation["${key}"];`)).toBe(true);
    expect(RAW_EXTENSION.test(`const { '${["x", "pagination"].join("-")}': p } = operation;`)).toBe(true);
    expect(RAW_EXTENSION.test("// tagged `x-rpc-action` in the spec")).toBe(false);
  });

  it("nothing outside scripts/lib/spec-reader.ts reads an extension of ours", () => {
    const files = ["scripts", "src", "test", "contract-tests", "bench"].flatMap((dir) => sourceFiles(resolve(projectRoot, dir)));
    expect(files.map((file) => relative(projectRoot, file))).toContain(READER);
    const offenders = files
      .map((file) => relative(projectRoot, file))
      .filter((file) => !ALLOWED.has(file))
      .flatMap((file) =>
        readFileSync(resolve(projectRoot, file), "utf8")
          .split("\n")
          .flatMap((line, index) => (RAW_EXTENSION.test(line) ? [`${file}:${index + 1}: ${line.trim()}`] : [])),
      );
    expect(offenders).toEqual([]);
  });
});

describe("the generated table modules carry what the specs say", async () => {
  const entries = await listSpecs();
  it.each(entries.map((entry) => [entry.name, entry] as const))("%s", async (name, entry) => {
    const model = specs[name]!;
    const generated = (await import(entry.output!.replace(/\.ts$/, ".operations.ts"))) as Json;
    expect(generated.servers).toEqual(
      model.servers.slice(0, 1).map(({ regionHosts, ...server }) =>
        regionHosts
          ? {
              ...server,
              regionHosts: Object.fromEntries(Object.entries(regionHosts).map(([host, regions]) => [host, regions.join(" ")])),
            }
          : server,
      ),
    );
    expect(generated.clientParams).toEqual(model.clientParams);
    expect(generated.rpcProtocol).toEqual(model.rpcProtocol);
    expect(generated.info).toEqual({ title: model.info.title, version: model.info.version });
    expect(Object.keys(generated.operationTable)).toEqual(model.operations.map((op) => op.id));
    const { service } = generated;
    expect(service.name).toBe(entry.service);
    expect(service.operations).toBe(generated.operationTable);
    expect(service.version).toBe(generated.info.version);
    for (const key of ["servers", "clientParams", "rpcProtocol", "errorCategories"]) expect(service[key]).toBe(generated[key]);
  });
});
