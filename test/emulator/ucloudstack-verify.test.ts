/**
 * The emulator's UCloudStack verifier against the published signing examples (the UCloudStack
 * API guide, the UCloud signing page and the official SDKs' tests: test/fixtures/ucloudstack-signing-vectors.json)
 * and against our own client's signer: two independent implementations that must agree.
 */
import { describe, expect, it } from "vitest";
import vectors from "../fixtures/ucloudstack-signing-vectors.json" with { type: "json" };
import { stringToSign, verifyUCloudStackParams } from "../../src/emulator/ucloudstack/verify.ts";
import { signUCloudStack } from "../../src/ucloudstack/index.ts";

interface Vector {
  name: string;
  publicKey: string;
  privateKey: string;
  params: Record<string, unknown>;
  expected: { stringToSign?: string; signature: string };
}

const all = vectors as unknown as Vector[];
/** The parameters as the request carries them: the credential adds `PublicKey` where the example leaves it out. */
const sent = (vector: Vector) =>
  vector.params.PublicKey === undefined ? { ...vector.params, PublicKey: vector.publicKey } : vector.params;
const keys = (vector: Vector) => ({ publicKey: vector.publicKey, privateKey: vector.privateKey });

describe("UCloudStack verifier: published examples", () => {
  it("has the UCloudStack guide's example among them", () => {
    expect(all.length).toBeGreaterThanOrEqual(10);
    expect(all.some((vector) => vector.name === "ucloudstack-doc-describe-vm-instance")).toBe(true);
  });
  it.each(all.map((v) => [v.name, v] as const))("%s verifies", (_name, vector) => {
    if (vector.expected.stringToSign) expect(stringToSign(sent(vector), vector.privateKey)).toBe(vector.expected.stringToSign);
    expect(verifyUCloudStackParams({ ...sent(vector), Signature: vector.expected.signature }, keys(vector))).toBeUndefined();
  });
  it.each(all.map((v) => [v.name, v] as const))("%s with one signature digit changed is 171", (_name, vector) => {
    const digit = vector.expected.signature[0] === "0" ? "1" : "0";
    const tampered = digit + vector.expected.signature.slice(1);
    expect(verifyUCloudStackParams({ ...sent(vector), Signature: tampered }, keys(vector))).toMatchObject({ retCode: "171" });
  });
});

describe("UCloudStack verifier: ucloud-sdk-python3's own doctest", () => {
  // ucloud/ucloud-sdk-python3 ucloud/core/auth/_cfg.py @0b2ba044db401a08957c3a5467180c2878ed86f2, `Credential.verify_ac`
  // doctest: Credential('my_public_key', 'my_private_key').verify_ac({"foo": "bar"}) == 'd4411ab3…' (PublicKey added by the credential).
  it("verifies the form-body signer's example", () => {
    const credentials = { publicKey: "my_public_key", privateKey: "my_private_key" };
    const params = { foo: "bar", PublicKey: "my_public_key", Signature: "d4411ab30953fb0bbcb1e7313081f05e4e91a394" };
    expect(verifyUCloudStackParams(params, credentials)).toBeUndefined();
  });
});

describe("UCloudStack verifier: refusals", () => {
  const vector = all.find((v) => v.name === "ucloudstack-doc-describe-vm-instance")!;
  it("a missing Signature or PublicKey is 170", () => {
    expect(verifyUCloudStackParams(sent(vector), keys(vector))).toMatchObject({ retCode: "170" });
    const { PublicKey: _key, ...withoutKey }: Record<string, unknown> = { ...sent(vector), Signature: vector.expected.signature };
    expect(verifyUCloudStackParams(withoutKey, keys(vector))).toMatchObject({ retCode: "170" });
  });
  it("an unknown PublicKey is 171, a changed parameter too", () => {
    const signed = { ...sent(vector), Signature: vector.expected.signature };
    expect(verifyUCloudStackParams(signed, { ...keys(vector), publicKey: "someone-else" })).toMatchObject({ retCode: "171" });
    expect(verifyUCloudStackParams({ ...signed, Limit: 21 }, keys(vector))).toMatchObject({ retCode: "171" });
    expect(verifyUCloudStackParams(signed, { ...keys(vector), privateKey: "wrong" })).toMatchObject({ retCode: "171" });
  });
  it("an upper-case signature is not the lower-case hex the guide defines", () => {
    const signed = { ...sent(vector), Signature: vector.expected.signature.toUpperCase() };
    expect(verifyUCloudStackParams(signed, keys(vector))).toMatchObject({ retCode: "171" });
  });
});

describe("UCloudStack verifier agrees with the client's signer", () => {
  const credentials = { publicKey: "pub-Key_1", privateKey: "priv/Key+2==" };
  const cases: Array<[string, Record<string, unknown>]> = [
    [
      "flat lists past ten items",
      {
        Action: "DescribeSnapshot",
        Region: "cn",
        ...Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`SnapshotIDs.${i}`, `snapshot-${i}`])),
      },
    ],
    [
      "numbers, fractions and booleans",
      { Action: "CreateDisk", Region: "cn", DiskSpace: 100, Ratio: 0.1, Tiny: 1e-7, ShareAble: true, Offset: 0 },
    ],
    ["non-ASCII text and spaces", { Action: "CreateSnapshot", Region: "cn", Name: "夜间 备份", Remark: "a&b=c %2F" }],
    [
      "form values, all strings (ucloud-sdk-python3)",
      { Action: "DescribeDisk", Region: "cn", Limit: "20", Offset: "0", "DiskIDs.0": "disk-1" },
    ],
  ];
  it.each(cases)("%s", async (_name, params) => {
    const signed = { ...params, PublicKey: credentials.publicKey };
    const signature = await signUCloudStack(signed, credentials);
    expect(verifyUCloudStackParams({ ...signed, Signature: signature }, credentials)).toBeUndefined();
  });
});
