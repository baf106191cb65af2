/**
 * The UCloudStack signer against every published UCloud / UCloudStack signature we
 * found (the two share the algorithm); sources are cited per vector in
 * test/fixtures/ucloudstack-signing-vectors.json.
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import vectors from "./fixtures/ucloudstack-signing-vectors.json" with { type: "json" };
import { flattenForSignature, renderSignatureValue, signUCloudStack, signaturePayload } from "../src/ucloudstack/signer.ts";

interface Vector {
  name: string;
  publicKey: string;
  privateKey: string;
  params: Record<string, unknown>;
  flat?: Array<[string, string]>;
  expected: { stringToSign?: string; signature: string };
}

const all = vectors as unknown as Vector[];

describe("published signatures", () => {
  it("has the UCloudStack guide, UCloudStack SDK and UCloud examples", () => {
    expect(all.length).toBeGreaterThanOrEqual(8);
    expect(all.some((v) => v.name.startsWith("ucloudstack-"))).toBe(true);
  });

  for (const vector of all) {
    it(vector.name, async () => {
      const credentials = { publicKey: vector.publicKey, privateKey: vector.privateKey };
      expect(await signUCloudStack(vector.params, credentials)).toBe(vector.expected.signature);
      if (vector.expected.stringToSign) {
        const withKey = vector.params.PublicKey === undefined ? { ...vector.params, PublicKey: vector.publicKey } : vector.params;
        expect(`${signaturePayload(withKey)}${vector.privateKey}`).toBe(vector.expected.stringToSign);
      }
    });
  }
});

describe("value rendering and flattening", () => {
  it("renders values as the official implementations do", () => {
    expect(renderSignatureValue(true)).toBe("true");
    expect(renderSignatureValue(35.0)).toBe("35");
    expect(renderSignatureValue(0.1)).toBe("0.1");
    expect(() => renderSignatureValue(Number.NaN)).toThrow(/finite/);
  });

  // Issue 10 item 14: the body carries JSON.stringify's text of a number, so that is the text to sign.
  it("renders every number as the JSON body writes it (1e-7, 1e+21, -0, 0.1+0.2)", () => {
    for (const value of [1e-7, 1.5e-7, 1e21, 2.5e21, -0, 0.1 + 0.2, 2 ** 53 + 2, 5e-324, 1.5e300, -1e-10]) {
      expect(renderSignatureValue(value)).toBe(JSON.stringify(value));
    }
    expect(renderSignatureValue(1e21)).toBe("1e+21");
    expect(renderSignatureValue(1e-7)).toBe("1e-7");
  });

  it("signs the number text that goes on the wire", async () => {
    const credentials = { publicKey: "pub", privateKey: "priv" };
    const body = { Action: "X", Ratio: 1e-7, Size: 1e21 };
    const wire = JSON.stringify(body);
    expect(wire).toContain('"Ratio":1e-7');
    const expected = createHash("sha1").update("ActionXPublicKeypubRatio1e-7Size1e+21priv").digest("hex");
    expect((await signUCloudStack(JSON.parse(wire) as Record<string, unknown>, credentials)) === expected).toBe(true);
  });

  it("flattens arrays 0-based, drops null and undefined, ignores Signature", () => {
    expect(flattenForSignature({ SnapshotIDs: ["a", "b"], Tags: [{ Key: "k" }], Skip: null, Signature: "x" })).toEqual([
      ["SnapshotIDs.0", "a"],
      ["SnapshotIDs.1", "b"],
      ["Tags.0.Key", "k"],
    ]);
  });

  it("sorts keys as strings (Backends.10 before Backends.2, CPU before ChargeType)", () => {
    expect(signaturePayload({ "Backends.2": "b", "Backends.10": "a", ChargeType: "c", CPU: 1 })).toBe(
      "Backends.10aBackends.2bCPU1ChargeTypec",
    );
  });

  it("takes PublicKey from the credentials when the parameters lack it", async () => {
    const credentials = { publicKey: "pub", privateKey: "priv" };
    expect(await signUCloudStack({ Action: "X" }, credentials)).toBe(await signUCloudStack({ Action: "X", PublicKey: "pub" }, credentials));
  });
});
