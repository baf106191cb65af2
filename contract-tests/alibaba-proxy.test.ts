/**
 * Prism (with the action router, errors on) as a validating proxy between the ECS
 * client and a recording upstream: the exact wire request for both signature
 * versions, and a signature that verifies for what the upstream received.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolve } from "node:path";
import { createEcsClient, type SignatureVersion } from "../src/alibaba/index.ts";
import { json, startFaultServer, type FaultServer } from "../test/helpers/fault-server.ts";
import { verifyAlibabaV1, verifyAlibabaV3 } from "../test/helpers/verify-alibaba.ts";
import { startPrism, type RunningPrism } from "../scripts/mock/prism-server.ts";
import { projectRoot } from "./spec-documents.ts";
import { DISK, SNAPSHOT } from "./alibaba-calls.ts";
import { flatQuerySerializer } from "../src/core/operations/rpc.ts";
import { sendAlibabaV3 } from "./signed-send.ts";

const AK = "LTAI5tProxyTestKey";
const SECRET = "proxy-test-access-key-secret";
const now = new Date(Date.UTC(2026, 10, 27, 10, 0, 0));

let upstream: FaultServer;
let proxy: RunningPrism;

beforeAll(async () => {
  upstream = await startFaultServer((_request, res) =>
    json(res, 200, {
      RequestId: "473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E",
      OperationProgressSet: {
        OperationProgress: [
          { OperationStatus: "Success", ErrorCode: "", ErrorMsg: "", RelatedItemSet: { RelatedItem: [{ Name: "DiskId", Value: DISK }] } },
        ],
      },
    }),
  );
  proxy = await startPrism({ spec: resolve(projectRoot, "openapi/alibaba/ecs.yaml"), upstream: upstream.url, errors: true });
});
afterAll(async () => {
  await proxy?.close();
  await upstream?.close();
});

function client(signatureVersion: SignatureVersion) {
  return createEcsClient({
    endpoint: proxy.url,
    regionId: "cn-hangzhou",
    credentials: { accessKeyId: AK, accessKeySecret: SECRET },
    signatureVersion,
    signingHost: new URL(upstream.url).host,
    now: () => now,
    nonce: () => "5d9f3e1c2b4a69788a7b6c5d4e3f2a1b",
    retry: false,
  });
}

const disks = [{ DiskId: DISK, SnapshotId: SNAPSHOT }];

describe("ResetDisks on the wire, through Prism's validating proxy", () => {
  it("V3: POST / with params in the query, action and version in headers, signature verifies", async () => {
    const before = upstream.requests.length;
    await client("v3").resetDisks({ Disk: disks });
    const wire = upstream.requests[before]!;
    expect(wire.method).toBe("POST");
    expect(wire.url).toBe(`/?RegionId=cn-hangzhou&Disk.1.DiskId=${DISK}&Disk.1.SnapshotId=${SNAPSHOT}`);
    expect(wire.body).toBe("");
    expect(wire.headers).toMatchObject({
      "x-acs-action": "ResetDisks",
      "x-acs-version": "2014-05-26",
      "x-acs-date": "2026-11-27T10:00:00Z",
      "x-acs-signature-nonce": "5d9f3e1c2b4a69788a7b6c5d4e3f2a1b",
      "x-acs-content-sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    });
    expect(wire.headers.authorization).toMatch(
      /^ACS3-HMAC-SHA256 Credential=LTAI5tProxyTestKey,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=[0-9a-f]{64}$/,
    );
    expect(await verifyAlibabaV3(wire, { [AK]: SECRET })).toMatchObject({ ok: true });
    expect(await verifyAlibabaV3({ ...wire, url: wire.url.replace("Disk.1", "Disk.2") }, { [AK]: SECRET })).toMatchObject({ ok: false });
  });

  it("V1: POST / with Action, Version and the common parameters in the query, signature verifies", async () => {
    const before = upstream.requests.length;
    await client("v1").resetDisks({ Disk: disks, DryRun: false });
    const wire = upstream.requests[before]!;
    expect(wire.method).toBe("POST");
    const query = Object.fromEntries(new URL(wire.url, "http://x").searchParams);
    expect(query).toMatchObject({
      Action: "ResetDisks",
      Version: "2014-05-26",
      RegionId: "cn-hangzhou",
      "Disk.1.DiskId": DISK,
      "Disk.1.SnapshotId": SNAPSHOT,
      DryRun: "false",
      Format: "JSON",
      AccessKeyId: AK,
      SignatureMethod: "HMAC-SHA1",
      SignatureVersion: "1.0",
      SignatureNonce: "5d9f3e1c2b4a69788a7b6c5d4e3f2a1b",
      Timestamp: "2026-11-27T10:00:00Z",
    });
    expect(query.Signature).toMatch(/^[A-Za-z0-9+/]{27}=$/);
    expect(wire.headers.authorization).toBeUndefined();
    expect(await verifyAlibabaV1(wire, { [AK]: SECRET })).toMatchObject({ ok: true });
  });

  it("an invalid wire request (Disk.1 without DiskId) is stopped by the proxy", async () => {
    const before = upstream.requests.length;
    // By name the client refuses it itself; signed and sent as written, the proxy judges it.
    await expect(client("v3").resetDisks({ Disk: [{ SnapshotId: SNAPSHOT } as never] })).rejects.toMatchObject({
      name: "InvalidParameterError",
      field: "Disk[0].DiskId",
    });
    const query = flatQuerySerializer({ Disk: 1 })({ RegionId: "cn-hangzhou", Disk: [{ SnapshotId: SNAPSHOT }] });
    const response = await sendAlibabaV3(
      fetch,
      proxy.url,
      "ResetDisks",
      query,
      { accessKeyId: AK, accessKeySecret: SECRET },
      {
        host: new URL(upstream.url).host,
      },
    );
    expect(response.status).toBe(422);
    expect(upstream.requests.length).toBe(before);
  });
});
