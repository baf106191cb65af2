/**
 * The wire request is read-only: every signer and authentication step, and every
 * provider's action placement, returns a new request and leaves its input as it was;
 * the transport hands each attempt the same unsigned request, signed afresh.
 * Inputs are frozen and their headers refuse changes, so a step that edits in place throws.
 */
import { describe, expect, it } from "vitest";
import { applyHuaweiSignature } from "../src/huawei/signer.ts";
import { huaweiAuthentication } from "../src/huawei/auth.ts";
import { applyAlibabaV3Signature } from "../src/alibaba/signer-v3.ts";
import { applyAlibabaV1Signature } from "../src/alibaba/signer-v1.ts";
import { alibabaAuthentication } from "../src/alibaba/auth.ts";
import { placeActionFor } from "../src/core/operations/rpc.ts";
import { info as ecsInfo, rpcProtocol as ecsRpc } from "../generated/alibaba/ecs.operations.ts";
import { info as ucsInfo, rpcProtocol as ucsRpc } from "../generated/ucloudstack/ucloudstack.operations.ts";
import { ucloudStackAuthentication } from "../src/ucloudstack/auth.ts";
import { createTransport, type Authenticate } from "../src/core/http/transport.ts";
import { callerExchange } from "../src/core/http/exchange.ts";
import { DEFAULT_RETRY_POLICY } from "../src/core/http/retry.ts";
import { silentLogger } from "../src/core/common/logger.ts";
import { Redactor } from "../src/core/common/redact.ts";
import { bodyText, settleBody, withHeaders, type WireRequest } from "../src/core/http/wire.ts";
import { verifyHuaweiSignature } from "./helpers/verify-huawei.ts";
import { verifyAlibabaV1, verifyAlibabaV3 } from "./helpers/verify-alibaba.ts";
import { verifyUCloudStackSignature } from "./helpers/verify-ucloudstack.ts";
import type { RecordedRequest } from "./helpers/fault-server.ts";

interface Frozen {
  wire: WireRequest;
  /** The input as it was built, to compare with afterwards. */
  snapshot: () => unknown;
}

function frozenWire(parts: { method: string; url: string; headers: Record<string, string>; body: WireRequest["body"] }): Frozen {
  const body = typeof parts.body === "object" && !(parts.body instanceof Uint8Array) ? Object.freeze({ ...parts.body }) : parts.body;
  // Frozen headers throw on any change (modules are strict): a step that edits its input's headers fails loudly.
  const wire: WireRequest = Object.freeze({ method: parts.method, url: parts.url, headers: Object.freeze({ ...parts.headers }), body });
  const snapshot = () => ({
    method: wire.method,
    url: wire.url,
    headers: Object.entries(wire.headers),
    body: typeof wire.body === "object" && !(wire.body instanceof Uint8Array) ? { ...wire.body } : wire.body,
  });
  return { wire, snapshot };
}

/** Runs a step on a frozen request: it must return a new request and leave its input exactly as it was. */
async function newRequestFrom(frozen: Frozen, step: () => WireRequest | Promise<WireRequest>): Promise<WireRequest> {
  const before = frozen.snapshot();
  const result = await step();
  expect(result).not.toBe(frozen.wire);
  expect(frozen.snapshot()).toEqual(before);
  return result;
}

/** The signed request as a server would record it, for the server-side verifiers. */
function recorded(wire: WireRequest): RecordedRequest {
  const url = new URL(wire.url);
  const headers: Record<string, string> = { host: url.host };
  for (const [name, value] of Object.entries(wire.headers)) headers[name] = value;
  return { method: wire.method, url: url.pathname + url.search, headers, body: bodyText(settleBody(wire)) };
}

const now = new Date("2024-05-01T10:00:00Z");
const HUAWEI = { accessKeyId: "HWAK", secretAccessKey: "hw-secret" };
const ALIBABA = { accessKeyId: "ALAK", accessKeySecret: "al-secret", securityToken: "sts-token" };
const UCS = { publicKey: "ucs-public", privateKey: "ucs-private" };

describe("signers return a new request and leave their input untouched", () => {
  it("Huawei SDK-HMAC-SHA256", async () => {
    const { wire, snapshot } = frozenWire({
      method: "POST",
      url: "https://evs.cn-north-4.myhuaweicloud.com/v2/p/cloudsnapshots",
      headers: { "content-type": "application/json" },
      body: '{"snapshot":{"volume_id":"v"}}',
    });
    const signed = await newRequestFrom({ wire, snapshot }, () => applyHuaweiSignature(wire, HUAWEI, { now }));
    expect(signed.headers["x-sdk-date"]).toBe("20240501T100000Z");
    expect(await verifyHuaweiSignature(recorded(signed), { HWAK: "hw-secret" })).toMatchObject({ ok: true });
  });

  it("Huawei SDK-HMAC-SHA256 over a JSON object body: serialized once, in the signed request", async () => {
    const { wire, snapshot } = frozenWire({
      method: "POST",
      url: "https://evs.example/v2/p/x",
      headers: { "content-type": "application/json" },
      body: { a: 1, b: "two" },
    });
    const signed = await newRequestFrom({ wire, snapshot }, () => applyHuaweiSignature(wire, HUAWEI, { now }));
    expect(signed.body).toBe('{"a":1,"b":"two"}');
    expect(await verifyHuaweiSignature(recorded(signed), { HWAK: "hw-secret" })).toMatchObject({ ok: true });
  });

  it("Huawei token authentication", async () => {
    const { wire, snapshot } = frozenWire({ method: "GET", url: "https://evs.example/v2/p/volumes", headers: {}, body: undefined });
    const before = snapshot();
    const { authenticate } = huaweiAuthentication({ region: "cn-north-4", credentials: { token: "iam-token" } });
    const signed = await authenticate(wire);
    expect(signed).not.toBe(wire);
    expect(snapshot()).toEqual(before);
    expect(signed.headers["x-auth-token"]).toBe("iam-token");
  });

  it("Huawei AK/SK authentication step", async () => {
    const { wire, snapshot } = frozenWire({ method: "GET", url: "https://evs.example/v2/p/volumes", headers: {}, body: undefined });
    const before = snapshot();
    const { authenticate } = huaweiAuthentication({ region: "cn-north-4", credentials: HUAWEI, now: () => now });
    const signed = await authenticate(wire);
    expect(snapshot()).toEqual(before);
    expect(await verifyHuaweiSignature(recorded(signed), { HWAK: "hw-secret" })).toMatchObject({ ok: true });
  });

  it("Alibaba ACS3-HMAC-SHA256, action placed in headers first", async () => {
    const { wire, snapshot } = frozenWire({
      method: "POST",
      url: "https://ecs.cn-hangzhou.aliyuncs.com/?RegionId=cn-hangzhou",
      headers: {},
      body: undefined,
    });
    const placed = await newRequestFrom({ wire, snapshot }, () =>
      placeActionFor(ecsRpc.styles.v3, ecsInfo.version)(wire, "DescribeSnapshots"),
    );
    expect(placed.headers["x-acs-action"]).toBe("DescribeSnapshots");
    const frozenPlaced = frozenWire({ ...placed, headers: { ...placed.headers } });
    const placedBefore = frozenPlaced.snapshot();
    const signed = await applyAlibabaV3Signature(frozenPlaced.wire, ALIBABA, { now, nonce: "n-1" });
    expect(signed).not.toBe(frozenPlaced.wire);
    expect(frozenPlaced.snapshot()).toEqual(placedBefore);
    expect(signed.headers["x-acs-action"]).toBe("DescribeSnapshots");
    expect(await verifyAlibabaV3(recorded(signed), { ALAK: "al-secret" })).toMatchObject({ ok: true });
  });

  it("Alibaba HMAC-SHA1 (V1), action placed in the query first", async () => {
    const { wire, snapshot } = frozenWire({
      method: "POST",
      url: "https://ecs.cn-hangzhou.aliyuncs.com/?RegionId=cn-hangzhou",
      headers: {},
      body: undefined,
    });
    const placed = await newRequestFrom({ wire, snapshot }, () =>
      placeActionFor(ecsRpc.styles.v1, ecsInfo.version)(wire, "DescribeSnapshots"),
    );
    expect(new URL(placed.url).searchParams.get("Action")).toBe("DescribeSnapshots");
    const frozenPlaced = frozenWire({ ...placed, headers: {} });
    const placedBefore = frozenPlaced.snapshot();
    const signed = await applyAlibabaV1Signature(frozenPlaced.wire, ALIBABA, { now, nonce: "n-1" });
    expect(signed).not.toBe(frozenPlaced.wire);
    expect(frozenPlaced.snapshot()).toEqual(placedBefore);
    expect(new URL(frozenPlaced.wire.url).searchParams.has("Signature")).toBe(false);
    expect(await verifyAlibabaV1(recorded(signed), { ALAK: "al-secret" })).toMatchObject({ ok: true });
  });

  it("Alibaba authentication step (both versions)", async () => {
    for (const version of ["v3", "v1"] as const) {
      const { wire, snapshot } = frozenWire({
        method: "POST",
        url: "https://ecs.example/?Action=DescribeSnapshots&Version=2014-05-26",
        headers: {},
        body: undefined,
      });
      const before = snapshot();
      const { authenticate } = alibabaAuthentication(
        { regionId: "cn-hangzhou", credentials: ALIBABA, signatureVersion: version, now: () => now },
        version,
      );
      const signed = await authenticate(wire);
      expect(signed).not.toBe(wire);
      expect(snapshot()).toEqual(before);
      const verify = version === "v3" ? verifyAlibabaV3 : verifyAlibabaV1;
      expect(await verify(recorded(signed), { ALAK: "al-secret" })).toMatchObject({ ok: true });
    }
  });

  it("UCloudStack: action placement and signing each make a new JSON body; the signed one is serialized", async () => {
    const { wire, snapshot } = frozenWire({
      method: "POST",
      url: "https://console.example/api",
      headers: { "content-type": "application/json" },
      body: { Region: "cn", "SnapshotIDs.0": "s-1", Action: "Rollback", Signature: "stale" },
    });
    const placed = await newRequestFrom({ wire, snapshot }, () =>
      placeActionFor(ucsRpc.styles.json, ucsInfo.version)(wire, "DescribeSnapshot"),
    );
    expect(placed.body).toEqual({ Action: "DescribeSnapshot", Region: "cn", "SnapshotIDs.0": "s-1", Signature: "stale" });
    const frozenPlaced = frozenWire({ ...placed, headers: { "content-type": "application/json" } });
    const placedBefore = frozenPlaced.snapshot();
    const signed = await ucloudStackAuthentication(UCS)(frozenPlaced.wire);
    expect(signed).not.toBe(frozenPlaced.wire);
    expect(frozenPlaced.snapshot()).toEqual(placedBefore);
    expect(typeof signed.body).toBe("string");
    const sent = JSON.parse(signed.body as string) as Record<string, unknown>;
    expect(Object.keys(sent)).toEqual(["Action", "Region", "SnapshotIDs.0", "PublicKey", "Signature"]);
    expect(await verifyUCloudStackSignature(recorded(signed), { [UCS.publicKey]: UCS.privateKey })).toMatchObject({ ok: true });
  });

  it("UCloudStack over a body that arrived as bytes (a raw request): parsed, completed, serialized", async () => {
    const { wire, snapshot } = frozenWire({
      method: "POST",
      url: "https://console.example/api",
      headers: { "content-type": "application/json" },
      body: new TextEncoder().encode('{"Action":"DescribeSnapshot","Region":"cn"}'),
    });
    const signed = await newRequestFrom({ wire, snapshot }, () => ucloudStackAuthentication(UCS)(wire));
    expect(await verifyUCloudStackSignature(recorded(signed), { [UCS.publicKey]: UCS.privateKey })).toMatchObject({ ok: true });
  });
});

describe("the transport signs the same unsigned request on every attempt", () => {
  it("hands every attempt the request as built, never a copy or a signed one", async () => {
    const { wire, snapshot } = frozenWire({
      method: "GET",
      url: "https://api.example/v1/things",
      headers: { accept: "x" },
      body: undefined,
    });
    const before = snapshot();
    const seen: WireRequest[] = [];
    const sentHeaders: Array<string | null> = [];
    const authenticate: Authenticate = async (input) => {
      seen.push(input);
      return withHeaders(input, { "x-attempt": String(seen.length) });
    };
    const transport = createTransport({
      provider: "huawei",
      exchange: callerExchange(async (request) => {
        sentHeaders.push(request.headers.get("x-attempt"));
        return new Response("{}", { status: sentHeaders.length < 3 ? 503 : 200 });
      }),
      authenticate,
      timeoutMs: 5_000,
      retry: { ...DEFAULT_RETRY_POLICY, baseDelayMs: 1, maxDelayMs: 1 },
      logger: silentLogger,
      redactor: new Redactor(),
      maxResponseBytes: 1 << 20,
      maxConcurrency: Infinity,
    });
    const response = await transport.send(wire, { operation: "ListThings", retrySafe: true });
    expect(response.status).toBe(200);
    expect(seen).toHaveLength(3);
    for (const input of seen) expect(input).toBe(wire);
    expect(sentHeaders).toEqual(["1", "2", "3"]);
    expect(snapshot()).toEqual(before);
  });
});
