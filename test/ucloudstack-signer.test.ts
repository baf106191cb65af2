/**
 * The UCloudStack signer against every published UCloud / UCloudStack signature we
 * found (the two share the algorithm); sources are cited per vector in
 * test/fixtures/ucloudstack-signing-vectors.json.
 */
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
    expect(renderSignatureValue(1e21)).toBe("1000000000000000000000");
    expect(renderSignatureValue(1e-7)).toBe("0.0000001");
    expect(() => renderSignatureValue(Number.NaN)).toThrow(/finite/);
  });

  it("flattens arrays 0-based, drops null and undefined, ignores Signature", () => {
    expect(flattenForSignature({ SnapshotIDs: ["a", "b"], Tags: [{ Key: "k" }], Skip: null, Signature: "x" })).toEqual([
      ["SnapshotIDs.0", "a"],
      ["SnapshotIDs.1", "b"],
      ["Tags.0.Key", "k"],
    ]);
  });

  it("sorts keys as strings (Backends.10 before Backends.2, CPU before ChargeType)", () => {
    expect(signaturePayload({ "Backends.2": "b", "Backends.10": "a", ChargeType: "c", CPU: 1 })).toBe("Backends.10aBackends.2bCPU1ChargeTypec");
  });

  it("takes PublicKey from the credentials when the parameters lack it", async () => {
    const credentials = { publicKey: "pub", privateKey: "priv" };
    expect(await signUCloudStack({ Action: "X" }, credentials)).toBe(await signUCloudStack({ Action: "X", PublicKey: "pub" }, credentials));
  });
});
