/**
 * Prism as a validating proxy (errors on) between the public client and a small
 * recording upstream: proves the exact wire request (method, path, query, signed
 * headers, body) and that the signature verifies for the host the upstream saw.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolve } from "node:path";
import { createEvsClient } from "../src/huawei/index.ts";
import { json, startFaultServer, type FaultServer } from "../test/helpers/fault-server.ts";
import { verifyHuaweiSignature } from "../test/helpers/verify-huawei.ts";
import { startPrism, type RunningPrism } from "../scripts/mock/prism-server.ts";
import { projectRoot } from "./spec-documents.ts";
import { PROJECT, SNAPSHOT, VOLUME } from "./huawei-calls.ts";
import { sendHuawei } from "./signed-send.ts";

const AK = "PROXYTESTAK";
const SK = "proxy-test-secret-key";
const fixedNow = new Date(Date.UTC(2026, 10, 27, 9, 30, 0));

const snapshot = {
  id: SNAPSHOT,
  name: "snap-001",
  description: "Daily backup",
  status: "creating",
  size: 40,
  volume_id: VOLUME,
  created_at: "2026-11-27T09:30:00.000000",
  updated_at: null,
  metadata: {},
};

let upstream: FaultServer;
let proxy: RunningPrism;

beforeAll(async () => {
  // The upstream answers like EVS would; Prism checks those answers against the spec too.
  upstream = await startFaultServer((request, res) => {
    if (request.method === "POST" && request.url.endsWith("/snapshots")) return json(res, 202, { snapshot });
    if (request.method === "GET" && request.url.includes("/snapshots/detail"))
      return json(res, 200, { snapshots: [{ ...snapshot, status: "available" }] });
    if (request.method === "DELETE") {
      res.writeHead(202, { "x-request-id": "up-del" });
      return res.end();
    }
    json(res, 404, { itemNotFound: { message: "not found", code: 404 } });
  });
  proxy = await startPrism({ spec: resolve(projectRoot, "openapi/huawei/evs.yaml"), upstream: upstream.url, errors: true });
});
afterAll(async () => {
  await proxy?.close();
  await upstream?.close();
});

function client() {
  // Prism forwards to the upstream with the upstream's own Host, as a proxy in front of
  // the real cloud would: the client signs for that host, not the proxy's.
  const signingHost = new URL(upstream.url).host;
  return createEvsClient({
    endpoint: proxy.url,
    signingHost,
    projectId: PROJECT,
    credentials: { accessKeyId: AK, secretAccessKey: SK },
    now: () => fixedNow,
    retry: false,
  });
}

describe("the exact wire request, through Prism's validating proxy", () => {
  it("POST CinderCreateSnapshot: path, JSON body bytes, signed headers, verifiable signature", async () => {
    const before = upstream.requests.length;
    const result = await client().cinderCreateSnapshot({ snapshot: { volume_id: VOLUME, name: "snap-001", description: "Daily backup" } });
    expect(result.snapshot.id).toBe(SNAPSHOT);
    const seen = upstream.requests.slice(before);
    expect(seen).toHaveLength(1);
    const wire = seen[0]!;
    expect(wire.method).toBe("POST");
    expect(wire.url).toBe(`/v2/${PROJECT}/snapshots`);
    expect(wire.body).toBe(JSON.stringify({ snapshot: { volume_id: VOLUME, name: "snap-001", description: "Daily backup" } }));
    expect(wire.headers["content-type"]).toBe("application/json");
    expect(wire.headers["x-sdk-date"]).toBe("20261127T093000Z");
    expect(wire.headers.host).toBe(new URL(upstream.url).host);
    expect(wire.headers.authorization).toMatch(
      /^SDK-HMAC-SHA256 Access=PROXYTESTAK, SignedHeaders=content-type;host;x-sdk-date, Signature=[0-9a-f]{64}$/,
    );
    expect(await verifyHuaweiSignature(wire, { [AK]: SK })).toMatchObject({
      ok: true,
      signedHeaders: ["content-type", "host", "x-sdk-date"],
    });
  });

  it("GET CinderListSnapshotsDetails: query string as sent and signed", async () => {
    const before = upstream.requests.length;
    const result = await client().cinderListSnapshotsDetails({ volume_id: VOLUME, limit: 2, status: "available" });
    expect(result.snapshots[0]?.status).toBe("available");
    const wire = upstream.requests[before]!;
    expect(wire.method).toBe("GET");
    expect(wire.url).toBe(`/v2/${PROJECT}/snapshots/detail?volume_id=${VOLUME}&limit=2&status=available`);
    expect(wire.body).toBe("");
    expect(await verifyHuaweiSignature(wire, { [AK]: SK })).toMatchObject({ ok: true });
  });

  it("DELETE CinderDeleteVolume with cascade: empty 202 passes validation", async () => {
    const before = upstream.requests.length;
    await expect(client().cinderDeleteVolume({ volume_id: VOLUME, cascade: true })).resolves.toBeUndefined();
    const wire = upstream.requests[before]!;
    expect(`${wire.method} ${wire.url}`).toBe(`DELETE /v2/${PROJECT}/volumes/${VOLUME}?cascade=true`);
    expect(await verifyHuaweiSignature(wire, { [AK]: SK })).toMatchObject({ ok: true });
  });

  it("a tampered request no longer verifies (the check can fail)", async () => {
    const before = upstream.requests.length;
    await client().cinderDeleteVolume({ volume_id: VOLUME });
    const wire = { ...upstream.requests[before]!, url: `/v2/${PROJECT}/volumes/another-volume` };
    expect(await verifyHuaweiSignature(wire, { [AK]: SK })).toMatchObject({ ok: false, reason: "signature mismatch" });
  });

  it("an invalid request is stopped by the proxy and never reaches the upstream", async () => {
    const before = upstream.requests.length;
    const snapshot = { volume_id: "not-a-uuid-but-fine", name: "x".repeat(300) };
    // By name the client refuses it itself; signed and sent as written, the proxy judges it.
    await expect(client().cinderCreateSnapshot({ snapshot })).rejects.toMatchObject({
      name: "InvalidParameterError",
      field: "snapshot.name",
    });
    const response = await sendHuawei(
      fetch,
      `${proxy.url}/v2/${PROJECT}/snapshots`,
      { snapshot },
      { accessKeyId: AK, secretAccessKey: SK },
      {
        host: new URL(upstream.url).host,
      },
    );
    expect(response.status).toBe(422);
    expect(upstream.requests.length).toBe(before);
  });
});
