/**
 * Prism (action router, errors on) as a validating proxy between the UCloudStack
 * client and a recording upstream: the exact wire request and a signature that
 * verifies over the body the upstream received.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolve } from "node:path";
import { createUCloudStackClient } from "../src/ucloudstack/index.ts";
import { json, startFaultServer, type FaultServer } from "../test/helpers/fault-server.ts";
import { verifyUCloudStackSignature } from "../test/helpers/verify-ucloudstack.ts";
import { startPrism, type RunningPrism } from "../scripts/mock/prism-server.ts";
import { projectRoot } from "./spec-documents.ts";
import { sendUCloudStack } from "./signed-send.ts";

const PUBLIC = "SI3zdT8g+krxm+yT8MSK7Sd81nWxFOKxdw==";
const PRIVATE = "ucloudstack-proxy-private-key";

let upstream: FaultServer;
let proxy: RunningPrism;

beforeAll(async () => {
  upstream = await startFaultServer((request, res) => {
    const action = (JSON.parse(request.body) as { Action: string }).Action;
    if (action === "DescribeSnapshot")
      return json(res, 200, { Action: "DescribeSnapshotResponse", RetCode: 0, Message: "", TotalCount: 0, Infos: [] });
    json(res, 200, { Action: `${action}Response`, RetCode: 0, Message: "" });
  });
  proxy = await startPrism({ spec: resolve(projectRoot, "openapi/ucloudstack/ucloudstack.yaml"), upstream: upstream.url, errors: true });
});
afterAll(async () => {
  await proxy?.close();
  await upstream?.close();
});

const client = () =>
  createUCloudStackClient({
    endpoint: `${proxy.url}/api`,
    region: "cn",
    zone: "zone-01",
    credentials: { publicKey: PUBLIC, privateKey: PRIVATE },
    retry: false,
  });

describe("the exact wire request, through Prism's validating proxy", () => {
  it("DescribeSnapshot: POST with one flat JSON body, SnapshotIDs.N 0-based, signature verifies", async () => {
    const before = upstream.requests.length;
    const result = await client().describeSnapshot({ SnapshotIDs: ["snap-a", "snap-b"], Limit: 10 });
    expect(result.TotalCount).toBe(0);
    const wire = upstream.requests[before]!;
    expect(wire.method).toBe("POST");
    expect(wire.headers["content-type"]).toBe("application/json");
    const body = JSON.parse(wire.body) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual([
      "Action",
      "Limit",
      "PublicKey",
      "Region",
      "Signature",
      "SnapshotIDs.0",
      "SnapshotIDs.1",
      "Zone",
    ]);
    expect(body).toMatchObject({
      Action: "DescribeSnapshot",
      Region: "cn",
      Zone: "zone-01",
      "SnapshotIDs.0": "snap-a",
      "SnapshotIDs.1": "snap-b",
      Limit: 10,
      PublicKey: PUBLIC,
    });
    expect(await verifyUCloudStackSignature(wire, { [PUBLIC]: PRIVATE })).toEqual({ ok: true });
    const tampered = { ...wire, body: wire.body.replace("snap-b", "snap-c") };
    expect(await verifyUCloudStackSignature(tampered, { [PUBLIC]: PRIVATE })).toMatchObject({ ok: false });
  });

  it("RollbackSnapshot: the action and both ids on the wire", async () => {
    const before = upstream.requests.length;
    await client().rollbackSnapshot({ DiskID: "disk-1", SnapshotID: "snap-a" });
    const body = JSON.parse(upstream.requests[before]!.body) as Record<string, unknown>;
    expect(body).toMatchObject({ Action: "RollbackSnapshot", DiskID: "disk-1", SnapshotID: "snap-a" });
    expect(await verifyUCloudStackSignature(upstream.requests[before]!, { [PUBLIC]: PRIVATE })).toEqual({ ok: true });
  });

  it("an invalid request (name too long) never reaches the upstream", async () => {
    const before = upstream.requests.length;
    // By name the client refuses it itself; signed and sent as written, the proxy judges it.
    await expect(client().createSnapshot({ DiskID: "disk-1", Name: "n".repeat(31) })).rejects.toMatchObject({
      name: "InvalidParameterError",
      field: "Name",
    });
    const body = { Action: "CreateSnapshot", Region: "cn", Zone: "zone-01", DiskID: "disk-1", Name: "n".repeat(31) };
    const response = await sendUCloudStack(fetch, `${proxy.url}/api`, body, { publicKey: PUBLIC, privateKey: PRIVATE });
    expect(response.status).toBe(422);
    expect(upstream.requests.length).toBe(before);
  });
});
