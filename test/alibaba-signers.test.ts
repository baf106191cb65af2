/**
 * Alibaba V1 (HMAC-SHA1) and V3 (ACS3-HMAC-SHA256) signers against every published
 * example we found; sources are cited per vector in
 * test/fixtures/alibaba-signing-vectors.json.
 */
import { describe, expect, it } from "vitest";
import vectors from "./fixtures/alibaba-signing-vectors.json" with { type: "json" };
import { computeRpcSignature, rpcStringToSign, signAlibabaV1 } from "../src/alibaba/signer-v1.ts";
import { computeAcs3Signature, signAlibabaV3 } from "../src/alibaba/signer-v3.ts";
import { percentEncode, parseQuery } from "../src/core/common/encoding.ts";
import { sha256Hex } from "../src/core/common/webcrypto.ts";

type Pairs = Array<[string, string]>;
interface V1Vector {
  kind: "v1";
  name: string;
  accessKeySecret: string;
  accessKeyId: string;
  securityToken?: string;
  method: string;
  params: Pairs;
  formParams?: Pairs;
  expected: { stringToSign?: string; signature?: string };
}
interface V3Vector {
  kind: "v3";
  name: string;
  accessKeyId: string;
  accessKeySecret: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  expected: { canonicalRequest: string; stringToSign: string; signature: string; signedHeaders: string; authorization: string };
}
interface EncodingVector {
  kind: "encoding";
  name: string;
  input: string;
  expected: string;
  mode: "component" | "path";
}
type Vector = V1Vector | V3Vector | EncodingVector;

const all = vectors as unknown as Vector[];
const v1 = all.filter((v): v is V1Vector => v.kind === "v1");
const v3 = all.filter((v): v is V3Vector => v.kind === "v3");
const encoding = all.filter((v): v is EncodingVector => v.kind === "encoding");

const encodeQuery = (pairs: Pairs) => pairs.map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join("&");

describe("V1 (RPC, HMAC-SHA1) published vectors", () => {
  it("has the published examples", () => expect(v1.length).toBeGreaterThanOrEqual(5));

  for (const vector of v1) {
    it(`${vector.name}: string to sign and signature`, async () => {
      const pairs = [...vector.params, ...(vector.formParams ?? [])];
      if (vector.expected.stringToSign) expect(rpcStringToSign(vector.method, pairs)).toBe(vector.expected.stringToSign);
      if (vector.expected.signature)
        expect((await computeRpcSignature(vector.method, pairs, vector.accessKeySecret)).signature).toBe(vector.expected.signature);
    });
  }

  for (const vector of v1.filter(
    (v) => v.expected.signature && v.params.some(([k]) => k === "Timestamp") && v.params.some(([k]) => k === "SignatureNonce"),
  )) {
    it(`${vector.name}: signAlibabaV1 keeps the caller's Timestamp, nonce and Format and reproduces the signature`, async () => {
      const request = new Request(`https://ecs.aliyuncs.com/?${encodeQuery(vector.params)}`, { method: vector.method });
      const credentials = {
        accessKeyId: vector.accessKeyId,
        accessKeySecret: vector.accessKeySecret,
        ...(vector.securityToken ? { securityToken: vector.securityToken } : {}),
      };
      const signed = await signAlibabaV1(request, credentials, { now: new Date(0), nonce: "ignored-because-present" });
      const query = new Map(parseQuery(new URL(signed.url).search));
      expect(query.get("Signature")).toBe(vector.expected.signature);
      expect(query.get("Timestamp")).toBe(new Map(vector.params).get("Timestamp"));
    });
  }

  it("adds the missing common parameters and signs query and form body together", async () => {
    const body = "DiskId=d-1&Note=a+b";
    const request = new Request("https://ecs.cn-beijing.aliyuncs.com/?Action=ResetDisk&Version=2014-05-26&SnapshotId=s-1", {
      method: "POST",
      body,
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    const signed = await signAlibabaV1(
      request,
      { accessKeyId: "AKID", accessKeySecret: "secret", securityToken: "STS-TOKEN" },
      { now: new Date(Date.UTC(2026, 10, 27, 1, 2, 3)), nonce: "n-1" },
    );
    const query = parseQuery(new URL(signed.url).search);
    const map = new Map(query);
    expect(map.get("Format")).toBe("JSON");
    expect(map.get("SignatureMethod")).toBe("HMAC-SHA1");
    expect(map.get("SignatureVersion")).toBe("1.0");
    expect(map.get("SignatureNonce")).toBe("n-1");
    expect(map.get("Timestamp")).toBe("2026-11-27T01:02:03Z");
    expect(map.get("SecurityToken")).toBe("STS-TOKEN");
    const unsigned = query.filter(([k]) => k !== "Signature");
    const expected = await computeRpcSignature("POST", [...unsigned, ["DiskId", "d-1"], ["Note", "a b"]], "secret");
    expect(map.get("Signature")).toBe(expected.signature);
    expect(await signed.text()).toBe(body);
  });

  // Issue 10 item 13: URLSearchParams writes a space as `+`; the gateway reads it back as a space.
  it("reads `+` in the query and form body as a space, and sends it as %20", async () => {
    const query = new URLSearchParams([
      ["Action", "DescribeDisks"],
      ["Version", "2014-05-26"],
      ["DiskName", "a b"],
      ["Note", "1+2"],
    ]).toString();
    expect(query).toContain("DiskName=a+b&Note=1%2B2");
    const options = { now: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)), nonce: "n-1" };
    const signed = await signAlibabaV1(
      new Request(`https://ecs.aliyuncs.com/?${query}`, {
        method: "POST",
        body: "Tag=x+y",
        headers: { "content-type": "application/x-www-form-urlencoded" },
      }),
      { accessKeyId: "AKID", accessKeySecret: "secret" },
      options,
    );
    const sent = new URL(signed.url).search;
    expect(sent).toContain("DiskName=a%20b");
    expect(sent).toContain("Note=1%2B2");
    const pairs = parseQuery(sent).filter(([name]) => name !== "Signature");
    expect(new Map(pairs).get("DiskName")).toBe("a b");
    const expected = await computeRpcSignature("POST", [...pairs, ["Tag", "x y"]], "secret");
    expect(new URL(signed.url).searchParams.get("Signature") === expected.signature).toBe(true);
  });

  it("refuses to sign without Action and Version", async () => {
    await expect(
      signAlibabaV1(new Request("https://ecs.aliyuncs.com/?Version=2014-05-26"), { accessKeyId: "a", accessKeySecret: "b" }),
    ).rejects.toMatchObject({ field: "Action" });
  });
});

describe("V3 (ACS3-HMAC-SHA256) published vectors", () => {
  it("has the documented example", () => expect(v3.length).toBeGreaterThanOrEqual(1));

  for (const vector of v3) {
    it(`${vector.name}: canonical request, string to sign, signature, Authorization`, async () => {
      const url = new URL(vector.url);
      const headers: Array<[string, string]> = [["host", url.host], ...Object.entries(vector.headers)];
      const result = await computeAcs3Signature(
        { method: vector.method, url, headers, payloadHash: await sha256Hex(vector.body ?? "") },
        vector.accessKeySecret,
      );
      expect(result.canonicalRequest).toBe(vector.expected.canonicalRequest);
      expect(result.stringToSign).toBe(vector.expected.stringToSign);
      expect(result.signature).toBe(vector.expected.signature);
      expect(result.signedHeaders).toBe(vector.expected.signedHeaders);
    });

    it(`${vector.name}: signAlibabaV3 with the documented date and nonce`, async () => {
      const { "x-acs-date": date, "x-acs-signature-nonce": nonce, "x-acs-content-sha256": _hash, ...rest } = vector.headers;
      const request = new Request(vector.url, { method: vector.method, headers: rest, ...(vector.body ? { body: vector.body } : {}) });
      const signed = await signAlibabaV3(
        request,
        { accessKeyId: vector.accessKeyId, accessKeySecret: vector.accessKeySecret },
        { now: new Date(date!), nonce: nonce! },
      );
      expect(signed.headers.get("authorization")).toBe(vector.expected.authorization);
    });
  }

  it("signs host, content-type and x-acs-* only, with STS headers and the exact body hash", async () => {
    const request = new Request("https://ecs.cn-hangzhou.aliyuncs.com/?RegionId=cn-hangzhou", {
      method: "POST",
      body: "a=1",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-acs-action": "DescribeDisks",
        "x-acs-version": "2014-05-26",
        "user-agent": "test",
      },
    });
    const signed = await signAlibabaV3(
      request,
      { accessKeyId: "AKID", accessKeySecret: "secret", securityToken: "STS" },
      { now: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)), nonce: "abc" },
    );
    const auth = signed.headers.get("authorization")!;
    expect(auth).toMatch(
      /^ACS3-HMAC-SHA256 Credential=AKID,SignedHeaders=content-type;host;x-acs-accesskey-id;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version,Signature=[0-9a-f]{64}$/,
    );
    expect(signed.headers.get("x-acs-date")).toBe("2026-01-02T03:04:05Z");
    expect(signed.headers.get("x-acs-content-sha256")).toBe(await sha256Hex("a=1"));
    expect(await signed.text()).toBe("a=1");
  });
});

describe("V3 query reading", () => {
  // Issue 10 item 13.
  it("signs `+` in the query as a space (%20), as the gateway reads it", async () => {
    const credentials = { accessKeyId: "AKID", accessKeySecret: "secret" };
    const options = { now: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)), nonce: "abc" };
    const sign = async (query: string) =>
      (
        await signAlibabaV3(
          new Request(`https://ecs.cn-hangzhou.aliyuncs.com/?${query}`, {
            headers: { "x-acs-action": "DescribeDisks", "x-acs-version": "2014-05-26" },
          }),
          credentials,
          options,
        )
      ).headers.get("authorization");
    // Compared as booleans so a failure never prints a signature.
    expect((await sign("DiskName=a+b")) === (await sign("DiskName=a%20b"))).toBe(true);
    expect((await sign("DiskName=a+b")) === (await sign("DiskName=a%2Bb"))).toBe(false);
    const url = new URL("https://ecs.cn-hangzhou.aliyuncs.com/?B=1+2&A=x%2By");
    const result = await computeAcs3Signature(
      { method: "GET", url, headers: [["host", url.host]], payloadHash: await sha256Hex("") },
      "secret",
    );
    expect(result.canonicalRequest.split("\n")[2]).toBe("A=x%2By&B=1%202");
  });
});

describe("percent-encoding (published openapi-util cases)", () => {
  for (const vector of encoding) {
    it(vector.name, () => {
      const encoded = vector.mode === "path" ? vector.input.split("/").map(percentEncode).join("/") : percentEncode(vector.input);
      expect(encoded).toBe(vector.expected);
    });
  }
});
