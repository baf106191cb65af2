/**
 * The emulator's Alibaba verifier (V3 ACS3-HMAC-SHA256 and the V1 HMAC-SHA1 RPC signature)
 * against the published signing examples (Alibaba's documents and the official SDKs' tests,
 * test/fixtures/alibaba-signing-vectors.json) and against our own client's signers: two
 * independent implementations that must agree.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  acs3CanonicalRequest,
  acs3Signature,
  NonceMemory,
  rpcSignature,
  rpcStringToSign,
  verifyAlibabaRequest,
} from "../../src/emulator/alibaba/verify.ts";
import type { EmulatorRequest } from "../../src/emulator/http-server.ts";
import { signAlibabaV1, signAlibabaV3 } from "../../src/alibaba/index.ts";

interface Vector {
  kind: string;
  name: string;
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
  method: string;
  params?: Array<[string, string]>;
  formParams?: Array<[string, string]>;
  url?: string;
  headers?: Record<string, string>;
  body?: string;
  expected: { stringToSign?: string; signature?: string; canonicalRequest?: string; authorization?: string };
}

const vectors = JSON.parse(readFileSync(new URL("../fixtures/alibaba-signing-vectors.json", import.meta.url), "utf8")) as Vector[];
const v1 = vectors.filter((vector) => vector.kind === "v1");
const v3 = vectors.filter((vector) => vector.kind === "v3");

/** A V1 vector as the emulator receives it: a GET with every parameter and the signature in the query. */
function v1Request(vector: Vector, signature: string): { request: EmulatorRequest; params: Array<[string, string]> } {
  const params: Array<[string, string]> = [...vector.params!, ["Signature", signature]];
  const url = new URL("http://ecs.aliyuncs.com/");
  for (const [name, value] of params) url.searchParams.append(name, value);
  return { request: { method: vector.method, url, headers: { host: url.host }, body: Buffer.alloc(0) }, params };
}

function v3Request(vector: Vector, authorization: string): EmulatorRequest {
  const url = new URL(vector.url!);
  const headers: Record<string, string> = { host: url.host, authorization };
  for (const [name, value] of Object.entries(vector.headers!)) headers[name.toLowerCase()] = value;
  return { method: vector.method, url, headers, body: Buffer.from(vector.body ?? "") };
}

const keysOf = (vector: Vector) => ({ accessKeyId: vector.accessKeyId, accessKeySecret: vector.accessKeySecret });
const timeOf = (vector: Vector) => Date.parse(vector.params!.find(([name]) => name === "Timestamp")![1]);

describe("Alibaba V1 (HMAC-SHA1 RPC): published examples", () => {
  it("has examples to check", () => expect(v1.length).toBeGreaterThanOrEqual(8));
  it.each(v1.filter((v) => v.expected.stringToSign).map((v) => [v.name, v] as const))("%s: the string to sign", (_name, vector) => {
    expect(rpcStringToSign(vector.method, [...(vector.params ?? []), ...(vector.formParams ?? [])])).toBe(vector.expected.stringToSign);
  });
  it.each(v1.filter((v) => v.expected.signature).map((v) => [v.name, v] as const))("%s: the signature", (_name, vector) => {
    expect(rpcSignature(vector.accessKeySecret, rpcStringToSign(vector.method, vector.params!))).toBe(vector.expected.signature);
  });
  const dated = v1.filter(
    (v) => v.expected.signature && v.params?.some(([name, value]) => name === "Timestamp" && !Number.isNaN(Date.parse(value))),
  );
  it.each(dated.map((v) => [v.name, v] as const))("%s: a request carrying it verifies; one digit changed is refused", (_name, vector) => {
    const { request, params } = v1Request(vector, vector.expected.signature!);
    expect(verifyAlibabaRequest(request, params, keysOf(vector), new NonceMemory(), timeOf(vector))).toBeUndefined();
    const tampered = v1Request(vector, `${vector.expected.signature!.startsWith("A") ? "B" : "A"}${vector.expected.signature!.slice(1)}`);
    expect(verifyAlibabaRequest(tampered.request, tampered.params, keysOf(vector), new NonceMemory(), timeOf(vector))?.code).toBe(
      "SignatureDoesNotMatch",
    );
  });
  it("the doc examples are among them", () => expect(dated.map((v) => v.name)).toContain("ecs-doc-describe-regions"));
});

describe("Alibaba V3 (ACS3-HMAC-SHA256): the published example", () => {
  it.each(v3.map((v) => [v.name, v] as const))("%s: canonical request, signature, verification", (_name, vector) => {
    const request = v3Request(vector, vector.expected.authorization!);
    const signed = vector.expected.authorization!.match(/SignedHeaders=([^,]+)/)![1]!.split(";");
    const canonical = acs3CanonicalRequest(request, signed, vector.headers!["x-acs-content-sha256"]!);
    expect(canonical).toBe(vector.expected.canonicalRequest);
    expect(acs3Signature(vector.accessKeySecret, canonical)).toBe(vector.expected.signature);
    const at = Date.parse(vector.headers!["x-acs-date"]!);
    expect(verifyAlibabaRequest(request, [], keysOf(vector), new NonceMemory(), at)).toBeUndefined();
    const tampered = vector.expected.authorization!.replace(
      /Signature=(.)/,
      (_m, digit: string) => `Signature=${digit === "0" ? "1" : "0"}`,
    );
    expect(verifyAlibabaRequest(v3Request(vector, tampered), [], keysOf(vector), new NonceMemory(), at)?.code).toBe(
      "SignatureDoesNotMatch",
    );
  });
});

describe("Alibaba verifier: refusals", () => {
  const vector = v3[0]!;
  const at = Date.parse(vector.headers!["x-acs-date"]!);
  const request = () => v3Request(vector, vector.expected.authorization!);
  const verify = (r: EmulatorRequest, when = at, nonces = new NonceMemory(), keys = keysOf(vector)) =>
    verifyAlibabaRequest(r, [], keys, nonces, when);
  it("an unknown AccessKey ID is InvalidAccessKeyId.NotFound", () => {
    expect(verify(request(), at, new NonceMemory(), { ...keysOf(vector), accessKeyId: "OTHER" })?.code).toBe("InvalidAccessKeyId.NotFound");
  });
  it("a date more than 15 minutes from the server's clock is InvalidTimeStamp.Expired", () => {
    expect(verify(request(), at + 15 * 60_000)).toBeUndefined();
    expect(verify(request(), at + 15 * 60_000 + 1000)?.code).toBe("InvalidTimeStamp.Expired");
    expect(verify(request(), at - 16 * 60_000)?.code).toBe("InvalidTimeStamp.Expired");
  });
  it("a nonce is good once, then SignatureNonceUsed", () => {
    const nonces = new NonceMemory();
    expect(verify(request(), at, nonces)).toBeUndefined();
    expect(verify(request(), at, nonces)?.code).toBe("SignatureNonceUsed");
  });
  it("nonces are remembered up to a bound, the oldest forgotten first, so memory stays flat", () => {
    const nonces = new NonceMemory(3);
    for (const nonce of ["a", "b", "c", "d"]) expect(nonces.use(nonce, at)).toBe(true);
    expect(nonces.use("d", at)).toBe(false);
    expect(nonces.use("a", at)).toBe(true); // the oldest of four, past the bound of three
  });
  it("no signature, or a malformed Authorization, is IncompleteSignature", () => {
    const { authorization: _dropped, ...headers } = request().headers;
    expect(verify({ ...request(), headers })?.code).toBe("IncompleteSignature");
    expect(verify(v3Request(vector, "ACS3-HMAC-SHA256 Credential=x"))?.code).toBe("IncompleteSignature");
  });
  it("a body that is not the signed one is SignatureDoesNotMatch", () => {
    expect(verify({ ...request(), body: Buffer.from("x") })?.code).toBe("SignatureDoesNotMatch");
  });
  it("V1: a stale Timestamp and a reused nonce are refused", () => {
    const doc = v1.find((v) => v.name === "ecs-doc-describe-regions")!;
    const { request: r, params } = v1Request(doc, doc.expected.signature!);
    const nonces = new NonceMemory();
    expect(verifyAlibabaRequest(r, params, keysOf(doc), nonces, timeOf(doc) + 16 * 60_000)?.code).toBe("InvalidTimeStamp.Expired");
    expect(verifyAlibabaRequest(r, params, keysOf(doc), nonces, timeOf(doc))).toBeUndefined();
    expect(verifyAlibabaRequest(r, params, keysOf(doc), nonces, timeOf(doc))?.code).toBe("SignatureNonceUsed");
  });
});

describe("Alibaba verifier agrees with the client's signers", () => {
  const credentials = { accessKeyId: "LTAIagreement", accessKeySecret: "agreement-secret" };
  const urls = [
    "https://ecs.cn-hangzhou.aliyuncs.com/?RegionId=cn-hangzhou&DiskIds=%5B%22d-1%22%5D&Disk.1.DiskId=d-a&Disk.1.SnapshotId=s-b",
    "https://ecs.cn-hangzhou.aliyuncs.com/?SnapshotName=a%20b%20%C3%BC%20~*&Description=x%2By%26z",
  ];
  async function received(signed: Request): Promise<EmulatorRequest> {
    const headers: Record<string, string> = {};
    signed.headers.forEach((value, name) => {
      headers[name] = value;
    });
    headers.host ??= new URL(signed.url).host;
    return { method: signed.method, url: new URL(signed.url), headers, body: Buffer.from(await signed.arrayBuffer()) };
  }
  it.each(urls)("V3 %s", async (url) => {
    const signed = await signAlibabaV3(
      new Request(url, { method: "POST", headers: { "x-acs-action": "DescribeDisks", "x-acs-version": "2014-05-26" } }),
      credentials,
    );
    const request = await received(signed);
    expect(verifyAlibabaRequest(request, [], credentials, new NonceMemory())).toBeUndefined();
    expect(verifyAlibabaRequest(request, [], { ...credentials, accessKeySecret: "other" }, new NonceMemory())?.code).toBe(
      "SignatureDoesNotMatch",
    );
  });
  it.each(urls)("V1 %s", async (url) => {
    const signed = await signAlibabaV1(new Request(`${url}&Action=DescribeDisks&Version=2014-05-26`, { method: "POST" }), credentials);
    const request = await received(signed);
    const params: Array<[string, string]> = [...request.url.searchParams];
    expect(verifyAlibabaRequest(request, params, credentials, new NonceMemory())).toBeUndefined();
    expect(verifyAlibabaRequest(request, params, { ...credentials, accessKeySecret: "other" }, new NonceMemory())?.code).toBe(
      "SignatureDoesNotMatch",
    );
  });
});
