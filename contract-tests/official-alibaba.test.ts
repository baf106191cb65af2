/**
 * Alibaba's own Node clients against the ECS mock, through a recording relay: every action
 * of openapi/alibaba/ecs.yaml (the valid calls of alibaba-calls.ts, so an action added later is
 * covered by the same loop) as
 *  - `@alicloud/pop-core` with its default GET (every parameter and the V1 signature in the
 *    query) and with `method: "POST"` (all of it in an `application/x-www-form-urlencoded` body);
 *  - `@alicloud/ecs20140526` (the generated SDK) with its default V3 signature and with
 *    `signatureAlgorithm: "v2"` (V1 signature): both send `POST /?<parameters>`, the action in
 *    `x-acs-action`, the form our own client sends.
 * Each call must be answered 200 with the action's example and zero Prism violations; the
 * relay's record proves which wire form was sent.
 */
import { createRequire } from "node:module";
import RPCClient from "@alicloud/pop-core";
import * as ecsSdk from "@alicloud/ecs20140526";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { clientParams } from "../generated/alibaba/ecs.operations.ts";
import { REGION, credentials, validCalls } from "./alibaba-calls.ts";
import { startRecorder, type Exchange, type Recorder } from "./official-recorder.ts";
import { loadSpecs, operationsOf } from "./spec-documents.ts";

type Json = Record<string, any>;
const specs = await loadSpecs((api) => api === "alibaba-ecs");
const operations = operationsOf(specs);
const version: string = specs["alibaba-ecs"]!.info.version;
// The SDK's own config class, from the openapi-core version the SDK itself depends on.
const EcsClient = ecsSdk.default as unknown as new (config: unknown) => Json;
const { $OpenApiUtil } = createRequire(createRequire(import.meta.url).resolve("@alicloud/ecs20140526"))("@alicloud/openapi-core");

let relay: Recorder;
beforeAll(async () => {
  relay = await startRecorder(inject("mocks")["alibaba-ecs"]!);
});
afterAll(() => relay.close());

/**
 * The valid call plus what our client fills from its options and the official clients do not:
 * the spec's client-filled parameters the action takes (`RegionId`, or `regionId` for the automatic
 * snapshot policy actions), all from the region.
 */
function wireParams(op: { operation: Json }, id: string): Record<string, unknown> {
  const options: Record<string, string> = { regionId: REGION };
  const filled = Object.entries(clientParams).flatMap(([name, { option }]) =>
    (op.operation.parameters ?? []).some((p: Json) => p.name === name) && options[option] ? [[name, options[option]]] : [],
  );
  return { ...Object.fromEntries(filled), ...validCalls[id]! };
}

function firstExample(op: { operation: Json }): unknown {
  return Object.values<any>(op.operation.responses["200"].content["application/json"].examples)[0].value;
}

/** One call's exchange: the relay saw exactly one request for it. */
async function exchangeOf(call: () => Promise<unknown>): Promise<Exchange> {
  const before = relay.exchanges.length;
  await call();
  expect(relay.exchanges.length).toBe(before + 1);
  return relay.exchanges.at(-1)!;
}

it("every action of the spec has a valid call", () => {
  expect(operations.map((o) => o.operationId).filter((id) => !validCalls[id])).toEqual([]);
});

describe("@alicloud/pop-core", () => {
  const client = () =>
    new RPCClient({
      endpoint: relay.url,
      apiVersion: version,
      accessKeyId: credentials.accessKeyId,
      accessKeySecret: credentials.accessKeySecret,
    });

  it.each(operations.map((o) => [o.operationId, o] as const))("GET, parameters in the query: %s", async (id, op) => {
    const exchange = await exchangeOf(() => client().request(id, wireParams(op, id), { method: "GET" }));
    expect(exchange.violations).toEqual([]);
    expect(exchange.status).toBe(200);
    expect(exchange.answer).toEqual(firstExample(op));
    const url = new URL(exchange.url, relay.url);
    expect(exchange.method).toBe("GET");
    expect(url.searchParams.get("Action")).toBe(id);
    expect(url.searchParams.get("Signature")).toBeTruthy();
    expect(exchange.body).toBe("");
  });

  it.each(operations.map((o) => [o.operationId, o] as const))("POST, parameters in a form body: %s", async (id, op) => {
    const exchange = await exchangeOf(() => client().request(id, wireParams(op, id), { method: "POST" }));
    expect(exchange.violations).toEqual([]);
    expect(exchange.status).toBe(200);
    expect(exchange.answer).toEqual(firstExample(op));
    expect(exchange.method).toBe("POST");
    expect(exchange.url).toBe("/");
    expect(exchange.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    const form = new URLSearchParams(exchange.body);
    expect(form.get("Action")).toBe(id);
    expect(form.get("Signature")).toBeTruthy();
  });

  it("a form body that breaks the spec is still refused (RegionId left out)", async () => {
    const op = operations.find((o) => (o.operation.parameters ?? []).some((p: Json) => p.name === "RegionId" && p.required))!;
    const { RegionId: _, ...params } = wireParams(op, op.operationId);
    const exchange = await exchangeOf(() =>
      client()
        .request(op.operationId, params, { method: "POST" })
        .catch(() => undefined),
    );
    expect(exchange.status).toBeGreaterThanOrEqual(400);
    expect(exchange.violations.map((v) => v.message).join("\n")).toMatch(/regionid/i);
  });
});

/** `{DiskId: "d-1", Disk: [{DiskId}]}` -> the SDK's request model (`new ResetDisksRequest({diskId, disk: [...]})`). */
function toModel(Model: any, wire: Json): unknown {
  const names: Record<string, string> = Model.names();
  const types: Json = Model.types();
  const byWire = Object.fromEntries(Object.entries(names).map(([property, name]) => [name, property]));
  const map: Json = {};
  for (const [name, value] of Object.entries(wire)) {
    const property = byWire[name];
    if (!property) throw new Error(`${Model.name} has no parameter ${name}`);
    const type = types[property];
    if (Array.isArray(value) && typeof type?.itemType === "function") map[property] = value.map((item) => toModel(type.itemType, item));
    else if (typeof type === "function" && value && typeof value === "object") map[property] = toModel(type, value);
    else map[property] = value;
  }
  return new Model(map);
}

const lowerFirst = (name: string) => name[0]!.toLowerCase() + name.slice(1);

for (const signatureAlgorithm of [undefined, "v2"] as const) {
  describe(`@alicloud/ecs20140526 (${signatureAlgorithm === "v2" ? "V1 signature, signatureAlgorithm v2" : "V3 signature, the default"})`, () => {
    const client = () =>
      new EcsClient(
        new $OpenApiUtil.Config({
          ...credentials,
          endpoint: relay.url.replace(/^http:\/\//, ""),
          protocol: "HTTP",
          regionId: REGION,
          ...(signatureAlgorithm ? { signatureAlgorithm } : {}),
        }),
      );

    it.each(operations.map((o) => [o.operationId, o] as const))("%s", async (id, op) => {
      const Request = (ecsSdk as Json)[`${id}Request`];
      expect(Request, `the SDK has ${id}Request`).toBeTypeOf("function");
      const sdk = client();
      const exchange = await exchangeOf(() => sdk[lowerFirst(id)](toModel(Request, wireParams(op, id))));
      expect(exchange.violations).toEqual([]);
      expect(exchange.status).toBe(200);
      expect(exchange.answer).toEqual(firstExample(op));
      const url = new URL(exchange.url, relay.url);
      expect(exchange.method).toBe("POST");
      expect(exchange.headers["x-acs-action"]).toBe(id);
      if (signatureAlgorithm === "v2") expect(url.searchParams.get("Signature")).toBeTruthy();
      else expect(exchange.headers.authorization).toMatch(/^ACS3-HMAC-SHA256 /);
    });
  });
}
