/**
 * `client.raw` takes the by-name request path: the operation's own serializers
 * (flat-indexed RPC lists in the query and in a JSON body), the provider's action
 * placement and signing, and retries as the operation table allows them (not as the
 * HTTP method suggests), against a local server that checks every signature.
 */
import { afterEach, describe, expect, it } from "vitest";
import { UnparseableResponseError, createEcsClient, type SignatureVersion } from "../src/alibaba/index.ts";
import { createUCloudStackClient } from "../src/ucloudstack/index.ts";
import { json, startFaultServer, type FaultHandler, type FaultServer, type RecordedRequest } from "./helpers/fault-server.ts";
import { verifyAlibabaV1, verifyAlibabaV3 } from "./helpers/verify-alibaba.ts";
import { verifyUCloudStackSignature } from "./helpers/verify-ucloudstack.ts";

const AK = "LTAI5tRawClientKey";
const SECRET = "raw-client-access-key-secret";
const PUBLIC = "ucs-raw-public-key";
const PRIVATE = "ucs-raw-private-key";
const DISKS = [
  { DiskId: "d-1", SnapshotId: "s-1" },
  { DiskId: "d-2", SnapshotId: "s-2" },
];
let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function ecsFor(version: SignatureVersion, handler: FaultHandler) {
  server = await startFaultServer(handler);
  return createEcsClient({
    endpoint: server.url,
    regionId: "cn-beijing",
    credentials: { accessKeyId: AK, accessKeySecret: SECRET },
    signatureVersion: version,
    retry: { maxAttempts: 3, baseDelayMs: 1 },
  });
}

async function ucsFor(handler: FaultHandler) {
  server = await startFaultServer(handler);
  return createUCloudStackClient({
    endpoint: `${server.url}/api`,
    region: "cn",
    credentials: { publicKey: PUBLIC, privateKey: PRIVATE },
    retry: { maxAttempts: 3, baseDelayMs: 1 },
  });
}

/** What identifies a request on the wire, without what every signing changes (date, nonce, signature). */
function wireShape(request: RecordedRequest) {
  const url = new URL(request.url, "http://x");
  const volatile = new Set(["Signature", "SignatureNonce", "Timestamp"]);
  return {
    method: request.method,
    path: url.pathname,
    query: [...url.searchParams].filter(([name]) => !volatile.has(name)),
    action: request.headers["x-acs-action"],
    body: request.body,
  };
}

const resetDisksAnswer = { RequestId: "r-1", OperationProgressSet: { OperationProgress: [] } };

describe("the issue's raw RPC call: ResetDisks with a list of disks in the query", () => {
  for (const version of ["v3", "v1"] as const) {
    it(`works (${version}), signed, flat-indexed, and on the wire exactly as the by-name call`, async () => {
      const ecs = await ecsFor(version, (_req, res) => json(res, 200, resetDisksAnswer));
      const { data, error } = await ecs.raw.POST("/ResetDisks", { params: { query: { RegionId: "cn-beijing", Disk: DISKS } } });
      expect(error).toBeUndefined();
      expect(data).toEqual(resetDisksAnswer);
      await ecs.resetDisks({ Disk: DISKS });

      const [raw, byName] = server!.requests as [RecordedRequest, RecordedRequest];
      const verify = version === "v3" ? verifyAlibabaV3 : verifyAlibabaV1;
      expect(await verify(raw, { [AK]: SECRET })).toMatchObject({ ok: true, version });
      const query = Object.fromEntries(new URL(raw.url, "http://x").searchParams);
      expect(query).toMatchObject({ RegionId: "cn-beijing", "Disk.1.DiskId": "d-1", "Disk.1.SnapshotId": "s-1", "Disk.2.DiskId": "d-2" });
      expect(wireShape(raw)).toEqual(wireShape(byName));
    });
  }
});

describe("a flat-indexed JSON body (UCloudStack)", () => {
  it("sends SnapshotIDs.0.. with the action placed and a valid signature, as the by-name call does", async () => {
    const answer = { Action: "DescribeSnapshotResponse", RetCode: 0, TotalCount: 0, Infos: [] };
    const ucs = await ucsFor((_req, res) => json(res, 200, answer));
    const { data } = await ucs.raw.POST("/DescribeSnapshot", { body: { Region: "cn", SnapshotIDs: ["snap-a", "snap-b"] } });
    expect(data).toEqual(answer);
    await ucs.describeSnapshot({ SnapshotIDs: ["snap-a", "snap-b"] });

    const [raw, byName] = server!.requests as [RecordedRequest, RecordedRequest];
    expect(await verifyUCloudStackSignature(raw, { [PUBLIC]: PRIVATE })).toEqual({ ok: true });
    const body = JSON.parse(raw.body) as Record<string, unknown>;
    expect(body).toMatchObject({ Action: "DescribeSnapshot", Region: "cn", "SnapshotIDs.0": "snap-a", "SnapshotIDs.1": "snap-b" });
    expect(body).not.toHaveProperty("SnapshotIDs");
    expect(new URL(raw.url, "http://x").pathname).toBe("/api");
    expect(raw.body).toBe(byName.body);
  });
});

describe("raw retries follow the operation table, not the HTTP method", () => {
  const unavailableOnce: FaultHandler = (_req, res, attempt) =>
    attempt === 1 ? json(res, 503, { Code: "ServiceUnavailable", Message: "busy" }) : json(res, 200, { RequestId: "r", Snapshots: {} });

  it("retries a read that is an RPC POST (DescribeSnapshots is retrySafe)", async () => {
    const ecs = await ecsFor("v3", unavailableOnce);
    const { data, response } = await ecs.raw.POST("/DescribeSnapshots", { params: { query: { RegionId: "cn-beijing", DiskId: "d-1" } } });
    expect(response.status).toBe(200);
    expect(data).toEqual({ RequestId: "r", Snapshots: {} });
    expect(server!.requests).toHaveLength(2);
  });

  it("does not retry a write the table does not mark safe (ResetDisks)", async () => {
    const ecs = await ecsFor("v3", unavailableOnce);
    const { error, response } = await ecs.raw.POST("/ResetDisks", { params: { query: { RegionId: "cn-beijing", Disk: DISKS } } });
    expect(response.status).toBe(503);
    expect(error).toEqual({ Code: "ServiceUnavailable", Message: "busy" });
    expect(server!.requests).toHaveLength(1);
  });

  it("retries CreateSnapshot with one ClientToken filled in for the call, as by name", async () => {
    const ecs = await ecsFor("v1", (_req, res, attempt) =>
      attempt === 1 ? json(res, 503, { Code: "ServiceUnavailable" }) : json(res, 200, { RequestId: "r", SnapshotId: "s-9" }),
    );
    const { data } = await ecs.raw.POST("/CreateSnapshot", { params: { query: { RegionId: "cn-beijing", DiskId: "d-1" } } });
    expect(data).toEqual({ RequestId: "r", SnapshotId: "s-9" });
    const tokens = server!.requests.map((request) => new URL(request.url, "http://x").searchParams.get("ClientToken"));
    expect(tokens).toHaveLength(2);
    expect(tokens[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(tokens[1]).toBe(tokens[0]);
  });

  it("retries UCloudStack's Describe action and not its rollback", async () => {
    const answered = new Set<unknown>();
    // The first request of each action is refused with a 503, the next one answered.
    const ucs = await ucsFor((req, res) => {
      const action = JSON.parse(req.body).Action;
      if (answered.has(action)) return json(res, 200, { RetCode: 0, TotalCount: 0, Infos: [] });
      answered.add(action);
      json(res, 503, {});
    });
    const describe = await ucs.raw.POST("/DescribeSnapshot", { body: { Region: "cn" } });
    expect(describe.response.status).toBe(200);
    const rollback = await ucs.raw.POST("/RollbackSnapshot", { body: { Region: "cn", Zone: "z", DiskID: "d", SnapshotID: "s" } });
    expect(rollback.response.status).toBe(503);
    expect(server!.requests.map((request) => JSON.parse(request.body).Action)).toEqual([
      "DescribeSnapshot",
      "DescribeSnapshot",
      "RollbackSnapshot",
    ]);
  });
});

describe("raw answers", () => {
  it("a 2xx that is not JSON is an UnparseableResponseError, as by name (not openapi-fetch's bare SyntaxError)", async () => {
    const ecs = await ecsFor("v3", (_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html>gateway</html>");
    });
    const error = await ecs.raw
      .POST("/DescribeSnapshots", { params: { query: { RegionId: "cn-beijing", DiskId: "d-1" } } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnparseableResponseError);
    expect(error).toMatchObject({ provider: "alibaba", operation: "DescribeSnapshots", status: 200 });
  });
});
