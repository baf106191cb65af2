/**
 * The emulator's Huawei verifier against the published signing examples (Huawei's guide and
 * the official SDKs' tests, test/fixtures/huawei-signing-vectors.json) and against our own
 * client's signer: two independent implementations that must agree.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { verifyHuaweiRequest } from "../../src/emulator/huawei/verify.ts";
import type { EmulatorRequest } from "../../src/emulator/http-server.ts";
import { signHuaweiRequest } from "../../src/huawei/index.ts";

interface Vector {
  kind: string;
  name: string;
  accessKeyId: string;
  secretAccessKey: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  sdkDate: string;
  expected: { authorization: string };
}

const vectors = (JSON.parse(readFileSync(new URL("../fixtures/huawei-signing-vectors.json", import.meta.url), "utf8")) as Vector[]).filter(
  (vector) => vector.kind === "signature",
);

function asReceived(vector: Vector, authorization: string): EmulatorRequest {
  const url = new URL(vector.url);
  const headers: Record<string, string> = { host: url.host };
  for (const [name, value] of Object.entries(vector.headers)) headers[name.toLowerCase()] = value;
  headers["x-sdk-date"] = vector.sdkDate;
  headers.authorization = authorization;
  return { method: vector.method, url, headers, body: Buffer.from(vector.body) };
}

const timeOf = (sdkDate: string) =>
  Date.UTC(
    +sdkDate.slice(0, 4),
    +sdkDate.slice(4, 6) - 1,
    +sdkDate.slice(6, 8),
    +sdkDate.slice(9, 11),
    +sdkDate.slice(11, 13),
    +sdkDate.slice(13, 15),
  );

describe("Huawei verifier: published examples", () => {
  it("has examples to check", () => expect(vectors.length).toBeGreaterThanOrEqual(8));
  it.each(vectors.map((v) => [v.name, v] as const))("%s verifies", (_name, vector) => {
    const credentials = { accessKeyId: vector.accessKeyId, secretAccessKey: vector.secretAccessKey };
    expect(verifyHuaweiRequest(asReceived(vector, vector.expected.authorization), credentials, timeOf(vector.sdkDate))).toBeUndefined();
  });
  it.each(vectors.map((v) => [v.name, v] as const))("%s with one signature digit changed is refused", (_name, vector) => {
    const credentials = { accessKeyId: vector.accessKeyId, secretAccessKey: vector.secretAccessKey };
    const tampered = vector.expected.authorization.replace(
      /Signature=(.)/,
      (_m, digit: string) => `Signature=${digit === "0" ? "1" : "0"}`,
    );
    expect(verifyHuaweiRequest(asReceived(vector, tampered), credentials, timeOf(vector.sdkDate))).toBe("verify aksk signature fail");
  });
});

describe("Huawei verifier: refusals", () => {
  const vector = vectors[0]!;
  const credentials = { accessKeyId: vector.accessKeyId, secretAccessKey: vector.secretAccessKey };
  const at = timeOf(vector.sdkDate);
  it("an unknown access key", () => {
    expect(verifyHuaweiRequest(asReceived(vector, vector.expected.authorization), { ...credentials, accessKeyId: "OTHER" }, at)).toMatch(
      /ak not exist/,
    );
  });
  it("a request signed more than 15 minutes away from the server's clock", () => {
    const request = asReceived(vector, vector.expected.authorization);
    expect(verifyHuaweiRequest(request, credentials, at + 15 * 60_000)).toBeUndefined();
    expect(verifyHuaweiRequest(request, credentials, at + 15 * 60_000 + 1000)).toMatch(/15 minutes/);
    expect(verifyHuaweiRequest(request, credentials, at - 16 * 60_000)).toMatch(/15 minutes/);
  });
  it("no credentials at all, and a token where a signature is expected", () => {
    const request = asReceived(vector, "");
    const { authorization: _dropped, ...headers } = request.headers;
    expect(verifyHuaweiRequest({ ...request, headers }, credentials, at)).toBe("x-auth-token not found");
    expect(verifyHuaweiRequest({ ...request, headers: { ...headers, "x-auth-token": "t" } }, credentials, at)).toBe("decrypt token fail");
  });
  it("tokens: the configured one passes, another or none is refused", () => {
    const request = asReceived(vector, "");
    const { authorization: _dropped, ...headers } = request.headers;
    expect(
      verifyHuaweiRequest({ ...request, headers: { ...headers, "x-auth-token": "secret-token" } }, { token: "secret-token" }),
    ).toBeUndefined();
    expect(verifyHuaweiRequest({ ...request, headers: { ...headers, "x-auth-token": "other" } }, { token: "secret-token" })).toBe(
      "decrypt token fail",
    );
    expect(verifyHuaweiRequest({ ...request, headers }, { token: "secret-token" })).toBe("x-auth-token not found");
  });
  it("a body changed after signing", () => {
    const post = vectors.find((v) => v.method === "POST")!;
    const request = asReceived(post, post.expected.authorization);
    const keys = { accessKeyId: post.accessKeyId, secretAccessKey: post.secretAccessKey };
    expect(verifyHuaweiRequest(request, keys, timeOf(post.sdkDate))).toBeUndefined();
    expect(verifyHuaweiRequest({ ...request, body: Buffer.from(`${post.body} `) }, keys, timeOf(post.sdkDate))).toBe(
      "verify aksk signature fail",
    );
  });
});

describe("Huawei verifier agrees with the client's signer", () => {
  const credentials = { accessKeyId: "AGREEMENTKEY", secretAccessKey: "agreement-secret" };
  const cases: Array<[string, string, string | undefined]> = [
    ["GET", "https://evs.example.com/v2/p/cloudsnapshots/detail?limit=5&name=a b&name=a+b&status=available", undefined],
    ["POST", "https://evs.example.com:8443/v2/p/cloudsnapshots", JSON.stringify({ snapshot: { volume_id: "v", name: "ü ~*" } })],
    ["DELETE", "https://evs.example.com/v2/p/cloudvolumes/a%2Fb%20c", undefined],
  ];
  it.each(cases)("%s %s", async (method, url, body) => {
    const request = new Request(url, { method, body, headers: body ? { "Content-Type": "application/json" } : {} });
    const signed = await signHuaweiRequest(request, credentials);
    const headers: Record<string, string> = {};
    signed.headers.forEach((value, name) => {
      headers[name] = value;
    });
    headers.host ??= new URL(url).host;
    const received: EmulatorRequest = { method, url: new URL(signed.url), headers, body: Buffer.from(body ?? "") };
    expect(verifyHuaweiRequest(received, credentials)).toBeUndefined();
    expect(verifyHuaweiRequest(received, { ...credentials, secretAccessKey: "other" })).toBe("verify aksk signature fail");
  });
});
