/**
 * The ECS client's own behaviour against a local fault-injecting server: endpoint
 * rules, RegionId filling, retry safety per action (ClientToken reuse), throttling
 * codes, fresh signatures per attempt, NextToken pagination, configuration errors
 * and secrets.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import {
  ConfigurationError,
  NetworkError,
  ThrottledError,
  createEcsClient,
  ecsEndpointHost,
  type EcsClientConfig,
} from "../src/alibaba/index.ts";
import { json, startFaultServer, type FaultServer } from "./helpers/fault-server.ts";
import { verifyAlibabaV1, verifyAlibabaV3 } from "./helpers/verify-alibaba.ts";

const AK = "LTAI5tUnitTestKey";
const SECRET = "unit-test-access-key-secret-value";
const TOKEN = "CAIS-sts-security-token-value-0001";
let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function ecsFor(handler: Parameters<typeof startFaultServer>[0], extra: Partial<EcsClientConfig> = {}) {
  server = await startFaultServer(handler);
  let n = 0;
  return createEcsClient({
    endpoint: server.url,
    regionId: "cn-beijing",
    credentials: { accessKeyId: AK, accessKeySecret: SECRET },
    retry: { maxAttempts: 3, baseDelayMs: 1 },
    nonce: () => `nonce-${++n}`,
    ...extra,
  });
}

const query = (url: string) => Object.fromEntries(new URL(url, "http://x").searchParams);

describe("endpoints and RegionId", () => {
  it("follows the official endpoint rules", () => {
    expect(ecsEndpointHost("cn-beijing")).toBe("ecs.cn-beijing.aliyuncs.com");
    expect(ecsEndpointHost("cn-hangzhou")).toBe("ecs-cn-hangzhou.aliyuncs.com");
  });

  it("maps every region of the official SDK's endpoint map as the SDK does, and no other", () => {
    const sdk = (
      JSON.parse(readFileSync(resolve(import.meta.dirname, "fixtures", "alibaba-ecs-endpoint-map.json"), "utf8")) as {
        endpointMap: Record<string, string>;
      }
    ).endpointMap;
    expect(Object.keys(sdk)).toHaveLength(35);
    for (const [region, host] of Object.entries(sdk)) expect([region, ecsEndpointHost(region)]).toEqual([region, host]);
    // A region the map does not hold (even one that prefixes a mapped one) follows the regional rule.
    expect(ecsEndpointHost("cn-hangzhou-2")).toBe("ecs.cn-hangzhou-2.aliyuncs.com");
  });

  it("fills RegionId where an action takes it, and only there; a caller's value wins", async () => {
    // A DescribeDisks answer as the spec documents it (ResetDisk's needs only RequestId).
    const ecs = await ecsFor((_req, res) => json(res, 200, { RequestId: "r", Disks: { Disk: [] } }));
    await ecs.describeDisks();
    await ecs.describeDisks({ RegionId: "cn-shanghai" });
    await ecs.resetDisk({ DiskId: "d-1", SnapshotId: "s-1" });
    expect(query(server!.requests[0]!.url).RegionId).toBe("cn-beijing");
    expect(query(server!.requests[1]!.url).RegionId).toBe("cn-shanghai");
    expect(query(server!.requests[2]!.url).RegionId).toBeUndefined();
  });

  it("builds https://ecs.<region>.aliyuncs.com from regionId", async () => {
    const sent: string[] = [];
    const ecs = createEcsClient({
      regionId: "cn-beijing",
      credentials: { accessKeyId: AK, accessKeySecret: SECRET },
      fetch: async (r) => {
        sent.push(r.url);
        return new Response('{"RequestId":"r","Disks":{"Disk":[]}}', { status: 200 });
      },
    });
    await ecs.describeDisks();
    expect(sent[0]).toMatch(/^https:\/\/ecs\.cn-beijing\.aliyuncs\.com\/\?RegionId=cn-beijing/);
  });
});

describe("retries are decided per action", () => {
  it("retries CreateSnapshot with the same ClientToken and a fresh nonce and signature", async () => {
    const ecs = await ecsFor((_req, res, attempt) =>
      attempt < 3
        ? json(res, 503, { RequestId: "r", Code: "ServiceUnavailable", Message: "busy" })
        : json(res, 200, { RequestId: "r", SnapshotId: "s-new" }),
    );
    const result = await ecs.createSnapshot({ DiskId: "d-1", SnapshotName: "nightly" });
    expect(result).toMatchObject({ SnapshotId: "s-new" });
    const tokens = server!.requests.map((r) => query(r.url).ClientToken);
    expect(tokens).toHaveLength(3);
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(server!.requests.map((r) => r.headers["x-acs-signature-nonce"])).size).toBe(3);
    for (const request of server!.requests) expect(await verifyAlibabaV3(request, { [AK]: SECRET })).toMatchObject({ ok: true });
  });

  it("keeps a caller's ClientToken", async () => {
    const ecs = await ecsFor((_req, res) => json(res, 200, { RequestId: "r", SnapshotId: "s" }));
    await ecs.createSnapshot({ DiskId: "d-1", ClientToken: "my-token-1" });
    expect(query(server!.requests[0]!.url).ClientToken).toBe("my-token-1");
  });

  it.each([
    ["resetDisk", { DiskId: "d-1", SnapshotId: "s-1" }],
    ["resetDisks", { Disk: [{ DiskId: "d-1", SnapshotId: "s-1" }] }],
    ["deleteSnapshot", { SnapshotId: "s-1" }],
  ] as const)("never resends %s once it may have reached the server", async (method, params) => {
    const ecs = await ecsFor((_req, res) => res.socket?.destroy());
    await expect((ecs[method] as (p: unknown) => Promise<unknown>)(params)).rejects.toBeInstanceOf(NetworkError);
    expect(server!.requests).toHaveLength(1);
  });

  it("retries a Describe call on a throttling code sent as HTTP 400, then gives up with ThrottledError", async () => {
    const ecs = await ecsFor((_req, res) =>
      json(res, 400, { RequestId: "r-t", Code: "Throttling.User", Message: "Request was denied due to user flow control." }),
    );
    const error = await ecs.describeSnapshots().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ThrottledError);
    expect(error).toMatchObject({ code: "Throttling.User", requestId: "r-t", status: 400 });
    expect(server!.requests).toHaveLength(3);
  });

  it("does not retry a signature failure", async () => {
    const ecs = await ecsFor((_req, res) =>
      json(res, 400, {
        RequestId: "r",
        Code: "SignatureDoesNotMatch",
        Message: "Specified signature is not matched with our calculation.",
      }),
    );
    await expect(ecs.describeDisks()).rejects.toMatchObject({ name: "AuthenticationError" });
    expect(server!.requests).toHaveLength(1);
  });
});

describe("V1 on the wire", () => {
  it("signs each attempt with a fresh nonce and timestamp; STS token is sent and signed", async () => {
    let t = Date.UTC(2026, 10, 27, 12, 0, 0);
    const ecs = await ecsFor(
      (_req, res, attempt) =>
        attempt === 1
          ? json(res, 500, { RequestId: "r", Code: "InternalError", Message: "x" })
          : json(res, 200, { RequestId: "r", TotalCount: 0, Disks: { Disk: [] } }),
      {
        signatureVersion: "v1",
        credentials: { accessKeyId: AK, accessKeySecret: SECRET, securityToken: TOKEN },
        now: () => new Date((t += 1000)),
      },
    );
    await ecs.describeDisks();
    const [first, second] = server!.requests.map((r) => query(r.url));
    expect(first!.Timestamp).not.toBe(second!.Timestamp);
    expect(first!.SignatureNonce).not.toBe(second!.SignatureNonce);
    expect(second!.SecurityToken).toBe(TOKEN);
    for (const request of server!.requests) expect(await verifyAlibabaV1(request, { [AK]: SECRET })).toMatchObject({ ok: true });
  });
});

describe("NextToken pagination", () => {
  it("iterates DescribeSnapshots pages until NextToken is empty", async () => {
    const pages: Record<string, unknown> = {
      "": { RequestId: "1", NextToken: "t2", Snapshots: { Snapshot: [{ SnapshotId: "s-1" }, { SnapshotId: "s-2" }] } },
      t2: { RequestId: "2", NextToken: "", Snapshots: { Snapshot: [{ SnapshotId: "s-3" }] } },
    };
    const ecs = await ecsFor((req, res) => json(res, 200, pages[query(req.url).NextToken ?? ""]));
    const ids: string[] = [];
    for await (const snapshot of ecs.paginate("DescribeSnapshots", { DiskId: "d-1", MaxResults: 2 }))
      ids.push((snapshot as { SnapshotId: string }).SnapshotId);
    expect(ids).toEqual(["s-1", "s-2", "s-3"]);
    expect(query(server!.requests[1]!.url)).toMatchObject({ NextToken: "t2", DiskId: "d-1", MaxResults: "2" });
  });
});

describe("configuration and secrets", () => {
  it.each([
    ["no region or endpoint", { credentials: { accessKeyId: AK, accessKeySecret: SECRET } }, "regionId"],
    ["bad region", { regionId: "cn hangzhou", credentials: { accessKeyId: AK, accessKeySecret: SECRET } }, "regionId"],
    ["no secret", { regionId: "cn-hangzhou", credentials: { accessKeyId: AK } }, "credentials.accessKeySecret"],
    [
      "unknown signature version",
      { regionId: "cn-hangzhou", credentials: { accessKeyId: AK, accessKeySecret: SECRET }, signatureVersion: "v2" },
      "signatureVersion",
    ],
  ])("%s fails at construction, naming the option", (_label, config, option) => {
    expect(() => createEcsClient(config as never)).toThrow(ConfigurationError);
    expect(() => createEcsClient(config as never)).toThrow(`'${option}'`);
  });

  it("an echoed secret, token or signature never reaches the error or the logs", async () => {
    const lines: string[] = [];
    const log = (m: string) => void lines.push(m);
    const ecs = await ecsFor(
      (req, res) =>
        json(res, 400, {
          RequestId: "r",
          Code: "InvalidParameter",
          Message: `echo ${req.url} ${req.headers.authorization ?? ""} ${req.headers["x-acs-security-token"] ?? ""}`,
        }),
      {
        credentials: { accessKeyId: AK, accessKeySecret: SECRET, securityToken: TOKEN },
        logger: { debug: log, info: log, warn: log, error: log },
      },
    );
    const error = await ecs.describeDisks().catch((e: unknown) => e);
    const signature = /Signature=([0-9a-f]{64})/.exec(server!.requests[0]!.headers.authorization!)![1]!;
    const printable = [String(error), JSON.stringify(error), inspect(error, { depth: 8 }), ...lines].join("\n");
    expect(printable).toContain("InvalidParameter");
    for (const secret of [SECRET, TOKEN, signature]) expect(printable).not.toContain(secret);
  });

  it("V1: the Signature query value is masked in logs", async () => {
    const lines: string[] = [];
    const log = (m: string) => void lines.push(m);
    const ecs = await ecsFor((_req, res) => json(res, 400, { RequestId: "r", Code: "InvalidParameter", Message: "no" }), {
      signatureVersion: "v1",
      logger: { debug: log, info: log, warn: log, error: log },
    });
    await ecs.describeDisks().catch(() => undefined);
    const signature = query(server!.requests[0]!.url).Signature!;
    expect(lines.join("\n")).not.toContain(signature);
  });
});
