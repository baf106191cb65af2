/**
 * Our public signers against the official SDKs' own signers, on 400 seeded random
 * requests per scheme (reserved and non-ASCII characters, `%2F` in path values, repeated
 * query names, names that sort differently raw and encoded, spaces written as `+`,
 * header names with `_`, JSON numbers such as 1e-7 and 1e21). The fixtures are written
 * by bench/tools/signer-agreement.ts, which records the SDK and version each came from
 * and the rules it applied where the SDKs of one provider disagree; this test only reads them.
 * A failure names the disagreeing case ids, never a secret or a signature.
 */
import { describe, expect, it } from "vitest";
import huawei from "./fixtures/signer-agreement-huawei.json" with { type: "json" };
import alibabaV3 from "./fixtures/signer-agreement-alibaba-v3.json" with { type: "json" };
import alibabaV1 from "./fixtures/signer-agreement-alibaba-v1.json" with { type: "json" };
import ucloudstack from "./fixtures/signer-agreement-ucloudstack.json" with { type: "json" };
import { signHuaweiRequest } from "../src/huawei/signer.ts";
import { signAlibabaV3 } from "../src/alibaba/signer-v3.ts";
import { signAlibabaV1 } from "../src/alibaba/signer-v1.ts";
import { flattenForSignature, signUCloudStack } from "../src/ucloudstack/signer.ts";

interface Fixture<C> {
  sdk: { name: string; version: string };
  cases: C[];
}

/** `20261127T010203Z` back to a Date. */
function fromSdkDate(sdkDate: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(sdkDate)!;
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
}

/** Runs `check` over every case and returns the ids whose result differs. */
/** A fixture case's request as the SDK signed it (no body when the case has none). */
function fixtureRequest(c: { url: string; method: string; headers: Record<string, string>; body?: string }): Request {
  return new Request(c.url, { method: c.method, headers: c.headers, ...(c.body ? { body: c.body } : {}) });
}

async function disagreeing<C extends { id: number }>(fixture: Fixture<C>, check: (c: C) => Promise<boolean>): Promise<number[]> {
  const ids: number[] = [];
  for (const c of fixture.cases) if (!(await check(c))) ids.push(c.id);
  return ids;
}

function expectFixture(fixture: Fixture<unknown>): void {
  expect(fixture.cases.length).toBeGreaterThanOrEqual(400);
  expect(fixture.sdk.name).toBeTruthy();
  expect(fixture.sdk.version).toMatch(/^\d+\.\d+\.\d+/);
}

describe("public signers agree with the official SDKs", () => {
  it("signHuaweiRequest = @huaweicloud/huaweicloud-sdk-core AKSKSigner", async () => {
    type Case = {
      id: number;
      accessKeyId: string;
      secretAccessKey: string;
      securityToken?: string;
      method: string;
      url: string;
      headers: Record<string, string>;
      body: string;
      sdkDate: string;
      expected: { authorization: string };
    };
    const fixture = huawei as unknown as Fixture<Case>;
    expectFixture(fixture);
    const ids = await disagreeing(fixture, async (c) => {
      const request = fixtureRequest(c);
      const credentials = {
        accessKeyId: c.accessKeyId,
        secretAccessKey: c.secretAccessKey,
        ...(c.securityToken ? { securityToken: c.securityToken } : {}),
      };
      const signed = await signHuaweiRequest(request, credentials, { now: fromSdkDate(c.sdkDate) });
      return signed.headers.get("authorization") === c.expected.authorization;
    });
    expect(ids).toEqual([]);
  });

  it("signAlibabaV3 = @alicloud/openapi-util getAuthorization (ACS3-HMAC-SHA256)", async () => {
    type Case = {
      id: number;
      accessKeyId: string;
      accessKeySecret: string;
      securityToken?: string;
      method: string;
      url: string;
      headers: Record<string, string>;
      body: string;
      date: string;
      nonce: string;
      expected: { authorization: string };
    };
    const fixture = alibabaV3 as unknown as Fixture<Case>;
    expectFixture(fixture);
    const ids = await disagreeing(fixture, async (c) => {
      const request = fixtureRequest(c);
      const credentials = {
        accessKeyId: c.accessKeyId,
        accessKeySecret: c.accessKeySecret,
        ...(c.securityToken ? { securityToken: c.securityToken } : {}),
      };
      const signed = await signAlibabaV3(request, credentials, { now: new Date(c.date), nonce: c.nonce });
      return signed.headers.get("authorization") === c.expected.authorization;
    });
    expect(ids).toEqual([]);
  });

  it("signAlibabaV1 = @alicloud/openapi-util getRPCSignature (HMAC-SHA1)", async () => {
    type Case = {
      id: number;
      accessKeyId: string;
      accessKeySecret: string;
      securityToken?: string;
      method: string;
      url: string;
      form?: string;
      timestamp: string;
      nonce: string;
      expected: { signature: string };
    };
    const fixture = alibabaV1 as unknown as Fixture<Case>;
    expectFixture(fixture);
    const ids = await disagreeing(fixture, async (c) => {
      const init = c.form
        ? { method: c.method, body: c.form, headers: { "content-type": "application/x-www-form-urlencoded" } }
        : { method: c.method };
      const credentials = {
        accessKeyId: c.accessKeyId,
        accessKeySecret: c.accessKeySecret,
        ...(c.securityToken ? { securityToken: c.securityToken } : {}),
      };
      const signed = await signAlibabaV1(new Request(c.url, init), credentials, { now: new Date(c.timestamp), nonce: c.nonce });
      return new URL(signed.url).searchParams.get("Signature") === c.expected.signature;
    });
    expect(ids).toEqual([]);
  });

  it("signUCloudStack = ucloud/ucloud-sdk-js Credential.verifyAc, over the text that is sent", async () => {
    type Case = {
      id: number;
      publicKey: string;
      privateKey: string;
      params: Record<string, unknown>;
      expected: { signature: string; body: string };
    };
    const fixture = ucloudstack as unknown as Fixture<Case>;
    expectFixture(fixture);
    const ids = await disagreeing(
      fixture,
      async (c) => (await signUCloudStack(c.params, { publicKey: c.publicKey, privateKey: c.privateKey })) === c.expected.signature,
    );
    expect(ids).toEqual([]);
    // Every value we sign is written in the JSON body exactly as we signed it.
    const misrendered = fixture.cases.filter((c) => {
      const sent = JSON.parse(c.expected.body) as Record<string, unknown>;
      return flattenForSignature(c.params).some(
        ([name, text]) => JSON.stringify(sent[name]) !== (typeof sent[name] === "string" ? JSON.stringify(text) : text),
      );
    });
    expect(misrendered.map((c) => c.id)).toEqual([]);
  });
});
